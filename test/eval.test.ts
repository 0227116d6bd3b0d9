import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport, type WrittenReport } from '../scripts/lib/eval-report.js';
import { cropRegion, loadLibrary, runEval, RunError, type EvalRun, type PhotoRecord } from '../scripts/lib/eval-run.js';
import { summarise } from '../scripts/lib/eval-score.js';
import { readGroundTruth, TruthError } from '../scripts/lib/eval-truth.js';
import { writeVariant } from '../scripts/lib/eval-variant.js';

const root = new URL('..', import.meta.url).pathname;
const fixture = (name: string) => path.join(root, 'fixtures', name);
const today = '2026-11-30';

/**
 * A studio's folder: Chinese names, its own column order and an extra column, no `framing`,
 * `why`, `source` or `path`; an unreadable file; a fourth row past --limit naming a missing file.
 */
const sheet = [
  'fix_expect\tfile\tpeople\tbackground\tclothing\tstudio_id\tnote',
  'should-fix\t证件照 张三.jpg\t1\twhite\tdark\tA-1\t白底深色上衣',
  'must-not-pass\t两人合影.jpg\t2\tbusy\tdark\tA-2\t两个人',
  'uncertain\t坏文件.jpg\t\t\t\tA-3\t不是图片',
  'should-fix\t不存在.jpg\t1\twhite\tdark\tA-4\t',
].join('\r\n');

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function makeFolder(tsv: string): string {
  const dir = tempDir('shebao-eval-in-');
  copyFileSync(fixture('face/face-geometry.pass.jpg'), path.join(dir, '证件照 张三.jpg'));
  copyFileSync(fixture('face/face-count.fail-two.jpg'), path.join(dir, '两人合影.jpg'));
  copyFileSync(fixture('photo/readable.fail-random.jpg'), path.join(dir, '坏文件.jpg'));
  writeFileSync(path.join(dir, 'ground-truth.tsv'), `\uFEFF${tsv}\r\n`);
  return dir;
}

/** Every file's name, size, mtime and hash: what "untouched" means. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const stat = statSync(path.join(dir, name));
      const hash = stat.isFile() ? createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex') : 'dir';
      return `${name} ${stat.size} ${stat.mtimeMs} ${hash}`;
    });
}

describe('npm run eval', () => {
  let input: string;
  let before: string[];
  let run: EvalRun;
  let report: WrittenReport;

  beforeAll(async () => {
    input = makeFolder(sheet);
    before = snapshot(input);
    const out = tempDir('shebao-eval-out-');
    run = await runEval({ folder: input, out, today, lang: 'zh', limit: 3, library: await loadLibrary() });
    report = await writeReport(run, { today, limit: 3, lang: 'zh' });
  });

  it('counts fix-photo outcomes per fix_expect, an unreadable photo as an error row', () => {
    const { fix, unreadable } = report.results.summary;
    expect(report.results.photos.map((photo) => photo.file)).toEqual(['证件照 张三.jpg', '两人合影.jpg', '坏文件.jpg']);
    // Each outcome lands in its own bucket, whatever fix-photo decided for the passing photo.
    const bucket = { ok: 'passed', refused: 'refused', failed: 'failedHonestly', error: 'error' } as const;
    const shouldFix = { total: 1, passed: 0, refused: 0, failedHonestly: 0, error: 0 };
    shouldFix[bucket[run.records[0]?.fix.status ?? 'error']] = 1;
    expect(fix['should-fix']).toEqual(shouldFix);
    // Two people never end in exit 0.
    expect(fix['must-not-pass']).toMatchObject({ total: 1, passed: 0 });
    expect(fix['must-not-pass'].refused + fix['must-not-pass'].failedHonestly).toBe(1);
    expect(fix.uncertain).toEqual({ total: 1, passed: 0, refused: 0, failedHonestly: 0, error: 1 });
    expect(unreadable).toBe(1);
    expect(report.results.summary.reasonNamed).toEqual({ judged: 1, named: 1 });
  });

  it('holds face-count and background to the ground truth on the originals and the naive crops', () => {
    const { checks } = report.results.summary;
    for (const source of ['original', 'crop'] as const) {
      expect(checks['face-count'][source]).toMatchObject({ judged: 2, agree: 2, falsePass: 0, skipped: 0 });
      expect(checks.background[source]).toMatchObject({ judged: 2, agree: 2, falsePass: 0 });
    }
    // The unreadable row has no judgement, so it is neither judged nor skipped.
    expect(checks['face-count'].fixed.judged + checks['face-count'].fixed.skipped).toBe(2);
    const crop = run.records[0]?.crop;
    expect(crop?.image && existsSync(path.join(run.out, crop.image))).toBeTruthy();
  });

  it('writes the contact sheet, the overview and results.json outside the input folder, which stays untouched', () => {
    const html = readFileSync(report.html, 'utf8');
    for (const name of ['证件照 张三.jpg', '两人合影.jpg', '坏文件.jpg']) expect(html).toContain(name);
    expect(html).toContain(encodeURIComponent('001-证件照 张三.jpg'));
    expect(report.pngs).toEqual([path.join(run.out, 'overview.png')]);
    expect(readFileSync(report.pngs[0] as string).subarray(1, 4).toString()).toBe('PNG');
    expect(JSON.parse(readFileSync(report.json, 'utf8')).summary).toEqual(report.results.summary);
    expect(snapshot(input)).toEqual(before);
  });

  it('refuses an output folder inside the input folder before writing anything', async () => {
    await expect(runEval({ folder: input, out: path.join(input, 'eval'), today, lang: 'zh', library: run.library })).rejects.toBeInstanceOf(RunError);
    expect(snapshot(input)).toEqual(before);
  });
});

describe('npm run eval -- --variant', () => {
  let library: Awaited<ReturnType<typeof loadLibrary>>;
  beforeAll(async () => {
    library = await loadLibrary();
  });

  /** The studio's folder plus a sideways phone photo (EXIF orientation 6) and a 2400 px one. */
  async function folderWithPhones(): Promise<string> {
    const dir = makeFolder(`${sheet}\r\nuncertain\t横拍.jpg\t1\twhite\tdark\tA-5\t\r\nmust-not-pass\t大图.jpg\t2\tbusy\tdark\tA-6\t`);
    // A row whose name climbs out of the folder and back in: the file exists, its copy must not land outside.
    writeFileSync(path.join(dir, 'ground-truth.tsv'), `${readFileSync(path.join(dir, 'ground-truth.tsv'), 'utf8')}uncertain\t../${path.basename(dir)}/证件照 张三.jpg\t1\twhite\tdark\tA-7\t\r\n`);
    copyFileSync(fixture('phone/orientation.fail-sideways.jpg'), path.join(dir, '横拍.jpg'));
    await library.sharp(fixture('phone/face-count.fail-beside.jpg')).resize({ height: 2400 }).jpeg().toFile(path.join(dir, '大图.jpg'));
    return dir;
  }

  /** Mean absolute difference of two photos' upright pixels, the first flipped left to right when `flip`. */
  const difference = async (a: string, b: string, flip: boolean) => {
    const [one, two] = await Promise.all([library.sharp(a).rotate().flop(flip).raw().toBuffer({ resolveWithObject: true }), library.sharp(b).rotate().raw().toBuffer({ resolveWithObject: true })]);
    expect([two.info.width, two.info.height]).toEqual([one.info.width, one.info.height]);
    let sum = 0;
    for (let i = 0; i < one.data.length; i++) sum += Math.abs(one.data[i]! - two.data[i]!);
    return sum / one.data.length;
  };

  it('mirrors every photo upright under --out, keeps names and the sheet, copies an unreadable file as it is', async () => {
    const input = await folderWithPhones();
    const before = snapshot(input);
    const out = tempDir('shebao-eval-out-');
    const folder = await writeVariant(input, out, 'mirrored', readGroundTruth(input).rows, library.sharp);
    expect(readdirSync(out)).toEqual(['inputs-mirrored']);
    expect(readdirSync(folder).sort()).toEqual(['ground-truth.tsv', '两人合影.jpg', '坏文件.jpg', '大图.jpg', '横拍.jpg', '证件照 张三.jpg'].sort());
    expect(readFileSync(path.join(folder, 'ground-truth.tsv'))).toEqual(readFileSync(path.join(input, 'ground-truth.tsv')));
    expect(readFileSync(path.join(folder, '坏文件.jpg'))).toEqual(readFileSync(path.join(input, '坏文件.jpg')));
    for (const name of ['横拍.jpg', '大图.jpg']) {
      expect(await difference(path.join(input, name), path.join(folder, name), true)).toBeLessThan(2);
      expect(await difference(path.join(input, name), path.join(folder, name), false)).toBeGreaterThan(10);
    }
    // Upright, with no orientation tag left to turn it again.
    expect((await library.sharp(path.join(folder, '横拍.jpg')).metadata()).orientation ?? 1).toBe(1);
    expect(snapshot(input)).toEqual(before);
  });

  it('resends every photo as a chat app does: at most 1080 px a side, JPEG', async () => {
    const input = await folderWithPhones();
    const folder = await writeVariant(input, tempDir('shebao-eval-out-'), 'resent', readGroundTruth(input).rows, library.sharp);
    for (const [name, side] of [['证件照 张三.jpg', 441], ['横拍.jpg', 441], ['大图.jpg', 1080]] as const) {
      const { format, width, height } = await library.sharp(path.join(folder, name)).metadata();
      expect(format).toBe('jpeg');
      expect(Math.max(width!, height!)).toBe(side);
    }
  });

  it('stores every JPEG sideways as a phone does, with the EXIF tag that shows it upright', async () => {
    const input = await folderWithPhones();
    const folder = await writeVariant(input, tempDir('shebao-eval-out-'), 'sideways', readGroundTruth(input).rows, library.sharp);
    for (const name of ['证件照 张三.jpg', '横拍.jpg', '大图.jpg']) {
      const [original, stored] = await Promise.all([library.sharp(path.join(input, name)).rotate().metadata(), library.sharp(path.join(folder, name)).metadata()]);
      expect(stored.orientation).toBe(6);
      // Stored a quarter turn from upright; shown upright, the same picture.
      expect([stored.width, stored.height]).toEqual([original.autoOrient?.height ?? original.height, original.autoOrient?.width ?? original.width]);
      expect(await difference(path.join(input, name), path.join(folder, name), false)).toBeLessThan(2);
    }
    expect(readFileSync(path.join(folder, '坏文件.jpg'))).toEqual(readFileSync(path.join(input, '坏文件.jpg')));
  });

  it('exits 2 naming the option for an unknown variant, and refuses --out inside the photo folder before writing', () => {
    const dir = makeFolder(sheet);
    const before = snapshot(dir);
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/eval.ts'), dir, '--lang', 'en', ...args], { encoding: 'utf8' });
    const unknown = run('--variant', 'blurred');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--variant');
    expect(unknown.stderr).toContain('mirrored | resent | sideways');
    const inside = run('--variant', 'mirrored', '--out', path.join(dir, 'eval'));
    expect(inside.status).toBe(2);
    expect(inside.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('the naive crop', () => {
  const target = { width: 358, height: 441, faceWidth: 217 };
  it.each([
    ['a face in the middle of a large photo: the face at the target width, eyes centred', { width: 2000, height: 3000 }, { eyeMidX: 1000, eyeY: 1200, faceWidth: 434 }, { left: 642, top: 759, width: 716, height: 882 }],
    ['a face near the left edge: the crop stays inside the photo', { width: 2000, height: 3000 }, { eyeMidX: 100, eyeY: 1200, faceWidth: 434 }, { left: 0, top: 759, width: 716, height: 882 }],
    ['a photo smaller than the crop: the largest crop of its shape', { width: 400, height: 300 }, { eyeMidX: 200, eyeY: 150, faceWidth: 300 }, { left: 78, top: 0, width: 243, height: 300 }],
    ['no face: the middle', { width: 1000, height: 1000 }, undefined, { left: 94, top: 0, width: 811, height: 1000 }],
  ])('%s', (_, image, face, region) => {
    expect(cropRegion(image, face, target)).toEqual(region);
  });
});

describe('ground-truth.tsv', () => {
  it('keeps a cell it does not understand as not judged, and names a missing required column', () => {
    const dir = makeFolder('file\tfix_expect\tbackground\na.jpg\tshould-fix\tpink');
    const truth = readGroundTruth(dir);
    expect(truth.rows).toEqual([{ line: 2, file: 'a.jpg', fixExpect: 'should-fix' }]);
    expect(truth.unknown).toEqual([{ line: 2, column: 'background', value: 'pink' }]);
    writeFileSync(path.join(dir, 'ground-truth.tsv'), 'file\tpeople\na.jpg\t1\n');
    expect(() => readGroundTruth(dir)).toThrow(TruthError);
  });

  it('exits 2 naming the column when fix_expect is missing', () => {
    const dir = makeFolder('file\tpeople\na.jpg\t1');
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/eval.ts'), dir, '--lang', 'en'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"fix_expect"');
    expect(result.stdout).toBe('');
  });
});

describe('naming the reason', () => {
  const verdict = { checks: {} };
  const record = (why: string, fix: Partial<PhotoRecord['fix']>): PhotoRecord =>
    ({
      index: 1,
      file: 'a.jpg',
      truth: { file: 'a.jpg', fixExpect: 'must-not-pass', people: 1, why },
      original: verdict,
      crop: verdict,
      fix: { status: 'failed', checks: {}, problems: [], changes: [], ms: 1, ...fix },
    }) as unknown as PhotoRecord;

  it("reads a hand, a profile, a grimace and looking aside from why's pose/expression, and counts a report that names it", () => {
    const hands = record('pose/expression: hand', { problems: [{ id: 'hands', status: 'fail', reason: 'hand' }] as PhotoRecord['fix']['problems'] });
    const profile = record('pose/expression: profile', { status: 'refused', refused: { id: 'several-faces' } as PhotoRecord['fix']['refused'] });
    const frown = record('pose/expression: frown', {});
    expect(summarise([hands, profile, frown]).reasonNamed).toEqual({ judged: 2, named: 1 });
    const turned = record('clothing=light; pose/expression: turned', { problems: [{ id: 'head-pose', status: 'fail', reason: 'turned' }] as PhotoRecord['fix']['problems'] });
    expect(summarise([turned]).reasonNamed).toEqual({ judged: 1, named: 1 });
  });
});
