/**
 * Nothing the user gave is lost (issue 10, finding 5): every file shebao writes goes through the one
 * atomic writer, which never leaves half a file or a temporary file, never replaces without --force,
 * never writes through a symbolic link out of the chosen folder, and distinct inputs never share an
 * output name. A full disk is simulated by a `writeSync` that runs out of room (a real tiny file
 * system needs root); the rest uses real files in a temporary folder.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { writeFileAtomic } from '../src/core/files.js';
import { fixPhotos, mirroredOutputs } from '../src/fix/fix-photos.js';
import { wording } from '../src/i18n/index.js';
import { annotationPath } from '../src/photo/annotate.js';
import { checkPhotos } from '../src/photo/check-photos.js';
import { profileFromAnswers, writeProfile } from '../src/profile/index.js';
import { fakeContext } from './helpers/context.js';

type Real = (...args: never[]) => unknown;
type Hook = (real: Real, ...args: never[]) => unknown;
/** File-system calls a test can make fail; unset, they are the real ones. */
const failing = vi.hoisted(() => ({}) as Partial<Record<'writeSync' | 'fsyncSync' | 'linkSync' | 'renameSync', Hook>>);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const wrap =
    <Name extends keyof typeof failing>(name: Name) =>
    (...args: unknown[]) => {
      const real = fs[name] as unknown as Real;
      const fail = failing[name];
      return fail ? (fail as (real: Real, ...a: unknown[]) => unknown)(real, ...args) : (real as (...a: unknown[]) => unknown)(...args);
    };
  const patched = { ...fs, writeSync: wrap('writeSync'), fsyncSync: wrap('fsyncSync'), linkSync: wrap('linkSync'), renameSync: wrap('renameSync') };
  return { ...patched, default: patched };
});

/** A disk with `room` bytes left: writes succeed in part, then fail with ENOSPC, as Linux does. */
function diskWithRoom(room: number) {
  return (real: Real, fd: unknown, buffer: Uint8Array, offset = 0, length = buffer.length - offset) => {
    if (room <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    const written = Math.min(room, length);
    room -= written;
    return (real as (...a: unknown[]) => number)(fd, buffer, offset, written);
  };
}

const systemError = (code: string) => () => {
  throw Object.assign(new Error(code), { code });
};

const root = new URL('..', import.meta.url).pathname;
const passJpg = path.join(root, 'fixtures/photo/pass.jpg');
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shebao-files-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const key of Object.keys(failing)) delete failing[key as keyof typeof failing];
});
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Every name in a folder tree, relative, sorted: what a person would see left behind. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const run = async (args: string[], cwd: string, lang: 'zh' | 'en' = 'en') => {
  const ctx = fakeContext({ cwd });
  const code = await runCli([...args, '--lang', lang], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
};

describe('the atomic writer', () => {
  it('on a full disk leaves no half file and no temporary file, and says ENOSPC', () => {
    const dir = tempDir();
    failing.writeSync = diskWithRoom(1000);
    expect(() => writeFileAtomic(path.join(dir, 'big.bin'), Buffer.alloc(5000, 1), { overwrite: false })).toThrow(
      expect.objectContaining({ code: 'cannot-write', details: expect.objectContaining({ reason: 'ENOSPC' }) }),
    );
    expect(tree(dir)).toEqual([]);
  });

  it('removes its temporary file whichever step fails (flush, link, rename)', () => {
    const dir = tempDir();
    for (const [step, overwrite] of [
      ['fsyncSync', false],
      ['linkSync', false],
      ['renameSync', true],
    ] as const) {
      failing[step] = systemError('EIO');
      expect(() => writeFileAtomic(path.join(dir, 'x.txt'), 'data', { overwrite })).toThrow(expect.objectContaining({ code: 'cannot-write', details: expect.objectContaining({ reason: 'EIO' }) }));
      delete failing[step];
      expect(tree(dir)).toEqual([]);
    }
  });

  it('never writes through a symbolic link at the target: refused without overwrite, the link itself replaced with it', () => {
    const dir = tempDir();
    const outside = path.join(dir, 'outside.txt');
    writeFileSync(outside, 'precious');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    symlinkSync(outside, path.join(out, 'a.txt'));
    symlinkSync(path.join(dir, 'missing.txt'), path.join(out, 'dangling.txt'));
    expect(() => writeFileAtomic(path.join(out, 'a.txt'), 'new', { overwrite: false })).toThrow(expect.objectContaining({ code: 'output-exists' }));
    expect(() => writeFileAtomic(path.join(out, 'dangling.txt'), 'new', { overwrite: false })).toThrow(expect.objectContaining({ code: 'output-exists' }));
    expect(existsSync(path.join(dir, 'missing.txt'))).toBe(false);
    writeFileAtomic(path.join(out, 'a.txt'), 'new', { overwrite: true });
    expect(lstatSync(path.join(out, 'a.txt')).isSymbolicLink()).toBe(false);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('new');
    expect(readFileSync(outside, 'utf8')).toBe('precious');
  });

  it('does not follow a linked folder below the chosen folder, and makes missing folders', () => {
    const dir = tempDir();
    const outside = path.join(dir, 'outside');
    const out = path.join(dir, 'out');
    mkdirSync(outside);
    mkdirSync(out);
    symlinkSync(outside, path.join(out, 'sub'));
    expect(() => writeFileAtomic(path.join(out, 'sub', 'x.txt'), 'x', { overwrite: true, within: out })).toThrow(
      expect.objectContaining({ code: 'output-through-link', details: expect.objectContaining({ link: path.join(out, 'sub') }) }),
    );
    expect(readdirSync(outside)).toEqual([]);
    writeFileAtomic(path.join(out, 'new', '宝宝', 'x.txt'), 'x', { overwrite: false, within: out });
    expect(readFileSync(path.join(out, 'new', '宝宝', 'x.txt'), 'utf8')).toBe('x');
  });
});

describe('plan --ics', () => {
  it('--force on a full disk keeps the old calendar whole (no truncation in place) and exits 2', async () => {
    const dir = tempDir();
    const args = ['plan', '--newborn', '2026-10-01', '--today', '2026-11-22', '--region', 'beijing', '--ics', 'cal.ics'];
    expect((await run(args, dir)).code).toBe(0);
    const old = readFileSync(path.join(dir, 'cal.ics'));
    failing.writeSync = diskWithRoom(100);
    const { code, err } = await run([...args, '--force'], dir);
    expect(code).toBe(2);
    expect(err).toContain('ENOSPC');
    expect(err).not.toMatch(/internal error/);
    expect(readFileSync(path.join(dir, 'cal.ics'))).toEqual(old);
    expect(tree(dir)).toEqual(['cal.ics']);
  });
});

describe('profiles', () => {
  it('are written 0600, also when replacing a world-readable one, and survive a full disk', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.json');
    const profile = profileFromAnswers(
      { region: 'beijing', birthDate: '2026-09-01', hukou: 'local', stage: 'newborn', paid: false, applicant: 'guardian', special: [], channel: 'online' } as Parameters<typeof profileFromAnswers>[0],
      '2026-11-22',
    );
    writeFileSync(file, '{}', { mode: 0o644 });
    writeProfile(file, profile, { overwrite: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');
    failing.writeSync = diskWithRoom(10);
    expect(() => writeProfile(file, profile, { overwrite: true })).toThrow(expect.objectContaining({ code: 'cannot-write' }));
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(tree(dir)).toEqual(['p.json']);
  });
});

describe('check-photo --annotate', () => {
  const labels = wording('en').photo.annotation;
  const check = (files: string[], cwd: string, dir: string, force = false) =>
    checkPhotos(files, { today: '2026-11-22', face: false, cwd, annotate: { dir, labels, force } });

  it('gives ../a.jpg and a.jpg different PNGs, inside the folder', async () => {
    expect(annotationPath('/ann', '../a.jpg')).not.toBe(annotationPath('/ann', 'a.jpg'));
    expect(annotationPath('/ann', '/a.jpg')).not.toBe(annotationPath('/ann', 'a.jpg'));
    expect(annotationPath('/ann', '@up/a.jpg')).not.toBe(annotationPath('/ann', '../a.jpg'));
    for (const file of ['../../a.jpg', '/etc/a.jpg', 'x/../../a.jpg']) expect(annotationPath('/ann', file).startsWith('/ann/')).toBe(true);
    const dir = tempDir();
    mkdirSync(path.join(dir, 'photos'));
    copyFileSync(passJpg, path.join(dir, 'a.jpg'));
    copyFileSync(passJpg, path.join(dir, 'photos', 'a.jpg'));
    const batch = await check(['../a.jpg', 'a.jpg'], path.join(dir, 'photos'), path.join(dir, 'ann'));
    const written = batch.results.map((report) => report.annotation);
    expect(new Set(written).size).toBe(2);
    for (const png of written) expect(readFileSync(png as string).subarray(1, 4).toString()).toBe('PNG');
  });

  it('keeps an existing PNG without --force (a per-photo warning; the batch goes on) and replaces it with --force', async () => {
    const dir = tempDir();
    copyFileSync(passJpg, path.join(dir, 'a.jpg'));
    copyFileSync(passJpg, path.join(dir, 'b.jpg'));
    const ann = path.join(dir, 'ann');
    mkdirSync(ann);
    writeFileSync(path.join(ann, 'a.jpg.png'), 'mine');
    const batch = await check(['a.jpg', 'b.jpg'], dir, ann);
    expect(batch.results[0]).toMatchObject({ ok: true, annotationError: { code: 'output-exists' } });
    expect(batch.results[0]?.annotation).toBeUndefined();
    expect(batch.results[1]?.annotation).toBe(path.join(ann, 'b.jpg.png'));
    expect(readFileSync(path.join(ann, 'a.jpg.png'), 'utf8')).toBe('mine');
    const forced = await check(['a.jpg'], dir, ann, true);
    expect(forced.results[0]?.annotation).toBe(path.join(ann, 'a.jpg.png'));
    expect(readFileSync(path.join(ann, 'a.jpg.png')).subarray(1, 4).toString()).toBe('PNG');
    // The CLI says so on stderr and still exits by the checks.
    const { code, err } = await run(['check-photo', '--today', '2026-11-22', '--no-face', 'a.jpg', '--annotate', 'ann'], dir);
    expect(code).toBe(0);
    expect(err).toContain('annotation not written');
    expect(err).toContain('--force');
  });

  it('does not follow a symbolic link out of the folder, at the PNG or on its way', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'photos', 'sub'), { recursive: true });
    copyFileSync(passJpg, path.join(dir, 'photos', 'a.jpg'));
    copyFileSync(passJpg, path.join(dir, 'photos', 'sub', 'x.jpg'));
    const outside = path.join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'target.png'), 'precious');
    const ann = path.join(dir, 'ann');
    mkdirSync(ann);
    symlinkSync(path.join(outside, 'target.png'), path.join(ann, 'a.jpg.png'));
    symlinkSync(outside, path.join(ann, 'sub'));
    const cwd = path.join(dir, 'photos');
    const batch = await check(['a.jpg', 'sub/x.jpg'], cwd, ann);
    expect(batch.results.map((report) => report.annotationError?.code)).toEqual(['output-exists', 'output-through-link']);
    const forced = await check(['a.jpg', 'sub/x.jpg'], cwd, ann, true);
    expect(forced.results.map((report) => report.annotationError?.code)).toEqual([undefined, 'output-through-link']);
    expect(lstatSync(path.join(ann, 'a.jpg.png')).isSymbolicLink()).toBe(false);
    expect(readdirSync(outside)).toEqual(['target.png']);
    expect(readFileSync(path.join(outside, 'target.png'), 'utf8')).toBe('precious');
  });

  it('an annotation folder that cannot be written is one clear error (cannot-write and why), exit 2, before any photo', async () => {
    const dir = tempDir();
    copyFileSync(passJpg, path.join(dir, 'a.jpg'));
    writeFileSync(path.join(dir, 'file'), '');
    const { code, out, err } = await run(['check-photo', '--today', '2026-11-22', '--no-face', 'a.jpg', '--annotate', 'file/ann'], dir);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('cannot write file/ann (ENOTDIR)');
    expect(err).not.toMatch(/internal error/);
    if (process.platform === 'linux') {
      // Node's recursive mkdir never returns on /proc; the writer makes one level at a time.
      const proc = await run(['check-photo', '--today', '2026-11-22', '--no-face', 'a.jpg', '--annotate', '/proc/self/ann'], dir);
      expect(proc.code).toBe(2);
      expect(proc.err).toContain('cannot write /proc/self/ann');
    }
  });

  it('on a full disk reports the photo, leaves no temporary file and goes on', async () => {
    const dir = tempDir();
    copyFileSync(passJpg, path.join(dir, 'a.jpg'));
    copyFileSync(passJpg, path.join(dir, 'b.jpg'));
    const ann = path.join(dir, 'ann');
    failing.writeSync = diskWithRoom(1000);
    const batch = await check(['a.jpg', 'b.jpg'], dir, ann);
    expect(batch.results.map((report) => report.annotationError)).toEqual([
      { code: 'cannot-write', details: { file: path.join(ann, 'a.jpg.png'), reason: 'ENOSPC' } },
      { code: 'cannot-write', details: { file: path.join(ann, 'b.jpg.png'), reason: 'ENOSPC' } },
    ]);
    expect(tree(ann)).toEqual([]);
  });
});

describe('fix-photo folder mode', () => {
  /** Not photos at all: each is answered (unreadable) within milliseconds, which is all these tests need. */
  const junk = (file: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'not a photo');
  };

  it('never gives two inputs one output name (b.png, b.jpg, b-png.jpg), and says which were renamed', async () => {
    const names = mirroredOutputs(['b-png.jpg', 'b.jpg', 'b.png']);
    expect(names.map((n) => n.name)).toEqual(['b-png.jpg', 'b-jpg.jpg', 'b-png-2.jpg']);
    expect(names.map((n) => n.clash)).toEqual([undefined, 'b.jpg', 'b.jpg']);
    // A file may not take the name of a folder of the tree, nor clash by case alone.
    expect(new Set(mirroredOutputs(['x.png', 'x.jpg/y.jpg', 'A.jpg', 'a.png']).map((n) => n.name.toLowerCase())).size).toBe(4);
    // Any set of names: distinct outputs, and none is a folder another output needs.
    const parts = ['b', 'b-png', 'b-jpg', 'b-png-2', 'B'];
    const exts = ['.jpg', '.png', '.JPG', '.jpeg', '.webp'];
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed;
      const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
      const files = [...new Set(Array.from({ length: 1 + next(8) }, () => `${next(3) === 0 ? 'd/' : ''}${parts[next(parts.length)]}${exts[next(exts.length)]}`))].sort();
      const outputs = mirroredOutputs(files).map((n) => n.name.toLowerCase());
      expect(new Set(outputs).size).toBe(files.length);
    }
    const dir = tempDir();
    for (const name of ['b.png', 'b.jpg', 'b-png.jpg']) junk(path.join(dir, 'in', name));
    const batch = await fixPhotos('in', { today: '2026-11-22', cwd: dir, concurrency: 1 });
    expect(batch.results.map((result) => [result.input, result.nameClash])).toEqual([
      [path.join('in', 'b-png.jpg'), undefined],
      [path.join('in', 'b.jpg'), path.join('in-fixed', 'b.jpg')],
      [path.join('in', 'b.png'), path.join('in-fixed', 'b.jpg')],
    ]);
  });

  it('fix-photo "" is a usage error, not "fix the current folder"', async () => {
    const dir = tempDir();
    junk(path.join(dir, 'a.jpg'));
    const { code, err } = await run(['fix-photo', '', '--today', '2026-11-22'], dir);
    expect(code).toBe(2);
    expect(err).toContain('<photo-or-folder> is empty');
    expect(readdirSync(dir)).toEqual(['a.jpg']);
    await expect(fixPhotos('', { today: '2026-11-22', cwd: dir })).rejects.toMatchObject({ code: 'empty-argument' });
  });

  it('-o equal to the input folder (or a link to it) is a usage error, not exit 0 having done nothing', async () => {
    const dir = tempDir();
    junk(path.join(dir, 'in', 'a.jpg'));
    symlinkSync(path.join(dir, 'in'), path.join(dir, 'link'));
    for (const output of ['in', './in/', 'link']) {
      const { code, err } = await run(['fix-photo', 'in', '-o', output, '--today', '2026-11-22'], dir, 'zh');
      expect(code).toBe(2);
      expect(err).toContain('输出文件夹就是输入文件夹');
    }
    expect(readdirSync(dir).sort()).toEqual(['in', 'link']);
    expect(readdirSync(path.join(dir, 'in'))).toEqual(['a.jpg']);
  });

  it('an output folder holding the input folder never replaces an input, even with --force', async () => {
    const dir = tempDir();
    // photos/sub/sub/x.jpg would be written, mirrored under photos/, to photos/sub/x.jpg: another input.
    junk(path.join(dir, 'photos', 'sub', 'x.jpg'));
    junk(path.join(dir, 'photos', 'sub', 'sub', 'x.jpg'));
    const batch = await fixPhotos('photos/sub', { today: '2026-11-22', cwd: dir, outputDir: 'photos', force: true, concurrency: 1 });
    expect(batch.results.find((result) => result.input === path.join('photos', 'sub', 'sub', 'x.jpg'))?.error?.code).toBe('output-is-input');
    expect(readFileSync(path.join(dir, 'photos', 'sub', 'x.jpg'), 'utf8')).toBe('not a photo');
  });

  it('does not follow a linked folder inside the output folder', async () => {
    const dir = tempDir();
    junk(path.join(dir, 'in', 'sub', 'x.jpg'));
    const outside = path.join(dir, 'outside');
    mkdirSync(outside);
    mkdirSync(path.join(dir, 'out'));
    symlinkSync(outside, path.join(dir, 'out', 'sub'));
    const batch = await fixPhotos('in', { today: '2026-11-22', cwd: dir, outputDir: 'out', concurrency: 1 });
    expect(batch.results[0]?.error?.code).toBe('output-through-link');
    expect(readdirSync(outside)).toEqual([]);
  });
});
