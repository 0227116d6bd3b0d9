import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { ShebaoError } from '../src/core/errors.js';
import { detectFaces, findHairTop } from '../src/face/index.js';
import { fixPhoto } from '../src/fix/fix-photo.js';
import { fixPhotos } from '../src/fix/fix-photos.js';
import { checkPhoto } from '../src/photo/check-photo.js';
import { readExif } from '../src/photo/exif.js';
import { readJpegHeader } from '../src/photo/jpeg.js';
import { loadSpec } from '../src/photo/spec.js';
import { fakeContext } from './helpers/context.js';
import { workspace as fixtureWorkspace } from './helpers/workspace.js';

const root = new URL('..', import.meta.url).pathname;
const fixture = (name: string) => path.join(root, 'fixtures', name);
const spec = loadSpec('shebao-card');
const range = (id: 'face-width' | 'face-centered' | 'head-top') => spec.checks[id] as { min: number; max: number };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A fresh folder holding copies of the given fixtures (name in the folder → fixture path). */
const workspace = (files: Record<string, string> = {}) => fixtureWorkspace('shebao-fix-', files);

/** Any CJK character (ideographs, CJK punctuation, full-width forms). */
const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
/** Two English words in a row: a sentence, not an id, unit or option name. */
const englishPhrase = /\b[A-Za-z]{2,} [A-Za-z]{2,}\b/;

/** Every sentence a JSON document carries for people (`message`, `hint`, `expected`, `actual`). */
function sentences(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(sentences);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (typeof v === 'string' ? (['message', 'hint', 'expected', 'actual'].includes(key) ? [v] : []) : sentences(v)));
}

/** The ShebaoError a promise rejects with (fails the test when it resolves or throws something else). */
async function rejection(promise: Promise<unknown>): Promise<ShebaoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShebaoError);
  return error as ShebaoError;
}

/** The fix fixtures' cut-out on white, turned `degrees` clockwise (her head then tilts as much), as a JPEG. */
async function turnedCutout(degrees: number, file: string): Promise<void> {
  await sharp(fixture('fix/cutout-transparent.png')).flatten({ background: '#ffffff' }).rotate(degrees, { background: '#ffffff' }).jpeg({ quality: 90 }).toFile(file);
}

async function run(cwd: string, args: string[]) {
  const ctx = fakeContext({ cwd });
  const code = await runCli(['fix-photo', '--today', '2026-11-22', ...args], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** The face on a finished photo, measured here with the face model (not through check-photo). */
async function measure(file: string) {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  const image = { data, width: info.width, height: info.height, channels: 3 as const };
  const faces = await detectFaces(image);
  expect(faces).toHaveLength(1);
  const face = faces[0]!;
  return { faceWidth: face.faceWidth, eyeMidX: face.eyeLine.midX, eyeY: face.eyeLine.y, hairTop: findHairTop(image, face)?.y };
}

const nonFace = ['format', 'dimensions', 'file-size', 'color-mode', 'orientation', 'background', 'resolution'];
const today = '2026-11-22';

describe('shebao fix-photo: a phone photo', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof run>>;
  let before: string;

  beforeAll(async () => {
    dir = workspace({ 'IMG 0412.jpg': 'fix/phone-rotated-gps.jpg' });
    before = sha(path.join(dir, 'IMG 0412.jpg'));
    result = await run(dir, ['IMG 0412.jpg']);
  });

  it('writes <name>-fixed.jpg beside it, exits 0 and leaves the original untouched', () => {
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(existsSync(path.join(dir, 'IMG 0412-fixed.jpg'))).toBe(true);
    expect(sha(path.join(dir, 'IMG 0412.jpg'))).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['IMG 0412-fixed.jpg', 'IMG 0412.jpg']); // no temporary file left
  });

  it("says what it changed, then check-photo's report, in Chinese", () => {
    expect(result.out).toContain('修复 IMG 0412.jpg → IMG 0412-fixed.jpg');
    expect(result.out).toContain('按 EXIF 方向标记（6）把像素转正');
    expect(result.out).toMatch(/从 1500×2000 的照片中裁出 \d+×\d+/);
    expect(result.out).toMatch(/抠出人像，把背景 RGB\(\d+,\d+,\d+\) 换成白色/);
    expect(result.out).toContain('去掉了 EXIF（含 GPS 位置）');
    expect(result.out).toMatch(/基线 JPEG，质量 \d+，[\d.]+ KB，350 dpi/);
    expect(result.out).toContain('✓ 白色背景');
    expect(result.out).toContain('修复后的照片符合规格（社保卡电子证件照）。');
  });

  it('leaves a photo that already passes as it is, byte for byte, and its own output too', async () => {
    const dir = workspace({ 'ok.jpg': 'photo/pass.jpg' });
    const { code, out } = await run(dir, ['ok.jpg', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.changes.map((change: { id: string }) => change.id)).toEqual(['already-compliant']);
    expect(sha(path.join(dir, 'ok-fixed.jpg'))).toBe(sha(fixture('photo/pass.jpg')));
    // A photo fix-photo made, fixed again, stays what it was.
    const again = await run(dir, ['ok-fixed.jpg', '-o', 'again.jpg']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('照片已经符合全部规格：原样保留');
    expect(again.out).toContain('照片本来就符合规格（社保卡电子证件照），已原样保留。');
    expect(sha(path.join(dir, 'again.jpg'))).toBe(sha(fixture('photo/pass.jpg')));
  });

  it('passes check-photo, face checks included', async () => {
    const report = await checkPhoto(path.join(dir, 'IMG 0412-fixed.jpg'), { today });
    const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    for (const id of [...nonFace, 'clothing-contrast', 'face-count', 'face-width', 'face-centered', 'eye-height', 'head-top']) expect([id, status[id]]).toEqual([id, 'pass']);
    expect(report.ok).toBe(true);
  });

  it('puts the face inside every range of the spec, measured independently', async () => {
    const face = await measure(path.join(dir, 'IMG 0412-fixed.jpg'));
    expect(face.faceWidth).toBeGreaterThanOrEqual(range('face-width').min);
    expect(face.faceWidth).toBeLessThanOrEqual(range('face-width').max);
    expect(face.eyeMidX).toBeGreaterThanOrEqual(range('face-centered').min);
    expect(face.eyeMidX).toBeLessThanOrEqual(range('face-centered').max);
    expect(441 - face.eyeY).toBeGreaterThanOrEqual(spec.checks['eye-height']!.minFromBottom);
    expect(face.hairTop).toBeGreaterThanOrEqual(range('head-top').min);
    expect(face.hairTop).toBeLessThanOrEqual(range('head-top').max);
  });

  it('writes a 358×441 baseline RGB JPEG at 350 dpi inside 14–40 KB with no EXIF, GPS or ICC', async () => {
    const file = path.join(dir, 'IMG 0412-fixed.jpg');
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThanOrEqual(14_336);
    expect(bytes.length).toBeLessThanOrEqual(40_960);
    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 358, height: 441, channels: 3, space: 'srgb', isProgressive: false, density: 350 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    const header = readJpegHeader(bytes);
    expect(header.exif).toBeUndefined();
    expect(header.jfif).toMatchObject({ units: 1, xDensity: 350, yDensity: 350 });
    expect(readExif(bytes).hasGps).toBe(false);
    expect(bytes.includes(Buffer.from('GPS'))).toBe(false);
  });
});

describe('shebao fix-photo: other inputs', () => {
  it('--json: one document with the input, output, stable change ids and their numbers, and the report', async () => {
    const dir = workspace({ 'phone.jpg': 'fix/phone-rotated-gps.jpg' });
    const { code, out, err } = await run(dir, ['phone.jpg', '-o', 'out.jpg', '--json', '--lang', 'en']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({ input: 'phone.jpg', output: 'out.jpg', ok: true, report: { file: 'out.jpg', ok: true } });
    const change = (id: string) => doc.changes.find((c: { id: string }) => c.id === id);
    expect(doc.changes.map((c: { id: string }) => c.id)).toEqual(['rotated', 'cropped', 'scaled', 'background-replaced', 'metadata-removed', 'encoded']);
    expect(change('metadata-removed')).toMatchObject({ exif: true, gps: true, icc: true, takenOn: '2026-11-01' });
    expect(change('rotated')).toMatchObject({ orientation: 6, message: 'turned the pixels upright as the EXIF orientation (6) says' });
    expect(change('cropped')).toMatchObject({ from: { width: 1500, height: 2000 }, region: { x: expect.any(Number), width: expect.any(Number) } });
    expect(change('scaled')).toMatchObject({ factor: expect.any(Number), soft: false, predicted: { eyeMidX: expect.any(Number), hairTop: expect.any(Number) } });
    // A colour is an RGB triple in the data (the light wall it replaced); the message says it.
    const [r, g, b] = change('background-replaced').from;
    expect([r, g, b].every((c: number) => Number.isInteger(c) && c > 200 && c < 250)).toBe(true);
    expect(change('background-replaced').message).toBe(`cut the person out and replaced the background RGB(${r},${g},${b}) with white`);
    const encoded = change('encoded');
    expect(encoded.bytes).toBe(statSync(path.join(dir, 'out.jpg')).size);
    expect(encoded.dpi).toBe(350);
    // The report is check-photo's: reason codes and numbers, with its words.
    const size = doc.report.checks.find((c: { id: string }) => c.id === 'file-size');
    expect(size).toMatchObject({ status: 'pass', reason: 'ok', measured: { bytes: encoded.bytes }, limits: { minBytes: 14_336, maxBytes: 40_960 } });
    expect(typeof size.message).toBe('string');
  });

  it('turns a transparent PNG cut-out into a passing JPEG', async () => {
    const dir = workspace({ 'cutout.png': 'fix/cutout-transparent.png' });
    const { code, out } = await run(dir, ['cutout.png', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.output).toBe('cutout-fixed.jpg');
    expect(doc.changes[0]).toMatchObject({ id: 'converted', from: 'png', to: 'sRGB JPEG', format: 'png', flattened: true, space: null, profile: null });
    expect(doc.changes[0].message).toBe('PNG 转为 JPEG；透明部分填成白色');
    const status = Object.fromEntries(doc.report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    for (const id of nonFace) expect([id, status[id]]).toEqual([id, 'pass']);
  });

  it('levels a tilted head when the turned photo still has room around it', async () => {
    const dir = workspace();
    // The cut-out on white, turned 8° clockwise: her head now tilts about 8°.
    await turnedCutout(8, path.join(dir, 'tilted.jpg'));
    const { code, out } = await run(dir, ['tilted.jpg', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.changes[0]).toMatchObject({ id: 'levelled' });
    expect(Math.abs(doc.changes[0].degrees)).toBeGreaterThan(5);
    const tilt = doc.report.checks.find((c: { id: string }) => c.id === 'head-tilt');
    expect(tilt.status).toBe('pass');
    expect(Math.abs(tilt.measured.degrees)).toBeLessThan(2);
  });

  it('does not call a head leant further than it levels (45°) compliant, and check-photo does not offer fix-photo for it', async () => {
    const dir = workspace();
    await turnedCutout(45, path.join(dir, 'leant.jpg'));
    const { code, out } = await run(dir, ['leant.jpg', '--json']);
    expect(code).toBe(1);
    const doc = JSON.parse(out);
    expect(doc.changes.map((c: { id: string }) => c.id)).not.toContain('levelled');
    expect(doc.report.checks.find((c: { id: string }) => c.id === 'head-tilt')).toMatchObject({ status: 'fail', reason: 'too-tilted', limits: { failDegrees: 10 } });
    // check-photo on the same photo does not send the parent to fix-photo for the lean.
    const ctx = fakeContext({ cwd: dir });
    expect(await runCli(['check-photo', 'leant.jpg', '--json'], ctx)).toBe(1);
    const tilt = JSON.parse(ctx.out()).results[0].checks.find((c: { id: string }) => c.id === 'head-tilt');
    expect(tilt).toMatchObject({ status: 'fail', reason: 'too-tilted' });
    expect([tilt.measured.degrees, tilt.fixable]).toEqual([expect.any(Number), undefined]);
    const human = fakeContext({ cwd: dir });
    await runCli(['check-photo', 'leant.jpg'], human);
    expect(human.out()).toContain('头部歪了');
    expect(human.out()).toContain('让孩子坐正、头摆正后重拍');
    expect(human.out()).not.toContain('或用 shebao fix-photo 摆正');
  });

  it('replaces a busy room and a blue backdrop with white: the background check passes', async () => {
    const dir = workspace({ 'room.jpg': 'fix/background-busy.jpg', 'blue.jpg': 'fix/background-blue.jpg' });
    for (const [name, blue] of [
      ['room.jpg', false],
      ['blue.jpg', true],
    ] as const) {
      const { out } = await run(dir, [name, '--json']);
      const doc = JSON.parse(out);
      const replaced = doc.changes.find((c: { id: string }) => c.id.startsWith('background'));
      expect(replaced).toMatchObject({ id: 'background-replaced', from: [expect.any(Number), expect.any(Number), expect.any(Number)] });
      // The old wall's colour: the blue backdrop (67, 142, 219) is blue.
      if (blue) expect(replaced.from[2] - replaced.from[0]).toBeGreaterThan(100);
      expect(doc.report.checks.find((c: { id: string }) => c.id === 'background')).toMatchObject({ status: 'pass' });
      expect(existsSync(path.join(dir, doc.output))).toBe(true);
    }
    const { code, out } = await run(dir, ['blue.jpg', '-o', 'blue-2.jpg', '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toMatch(/cut the person out and replaced the background RGB\(\d+,\d+,\d+\) with white/);
    // check-photo's "run shebao fix-photo" hints are not repeated by fix-photo itself.
    expect(out).not.toContain('shebao fix-photo');
  });

  it('extends the canvas where only the shoulder runs into the edge: the framing and the background pass', async () => {
    const dir = workspace({ 'shoulder.jpg': 'fix/edge-shoulder.jpg' });
    const result = await fixPhoto('shoulder.jpg', { cwd: dir, today });
    const status = Object.fromEntries(result.report!.checks.map((c) => [c.id, c.status]));
    for (const id of ['face-width', 'face-centered', 'eye-height', 'head-top', 'background']) expect([id, status[id]]).toEqual([id, 'pass']);
    expect(result.changes.find((c) => c.id === 'canvas-extended')).toEqual({ id: 'canvas-extended', edges: { left: expect.any(Number) } });
    // The left edge of the result is not a white strip: the dark top reaches it at the bottom.
    const { data, info } = await sharp(path.join(dir, 'shoulder-fixed.jpg')).raw().toBuffer({ resolveWithObject: true });
    const bottomLeft = data.subarray(((info.height - 3) * info.width + 1) * 3, ((info.height - 3) * info.width + 1) * 3 + 3);
    expect(Math.max(...bottomLeft)).toBeLessThan(100);
  });

  it('fixing a fixed photo leaves it passing and unchanged, byte for byte', async () => {
    const first = await fixPhoto(readFileSync(fixture('fix/phone-rotated-gps.jpg')), { today });
    expect(first.ok).toBe(true);
    const second = await fixPhoto(first.jpeg!, { today });
    expect(second.ok).toBe(true);
    expect(second.changes.map((c) => c.id)).toEqual(['already-compliant']);
    expect(second.jpeg!.equals(first.jpeg!)).toBe(true);
  });

  it('refuses a head cut by the edge, no face, and two faces, writing nothing', async () => {
    const dir = workspace({ 'edge.jpg': 'fix/edge-left.jpg', 'blinds.jpg': 'fix/no-face.jpg', 'two.jpg': 'face/face-count.fail-two.jpg' });
    for (const [name, refused, text] of [
      ['edge.jpg', { id: 'too-close-to-edge', missing: { left: expect.any(Number) } }, /too close to the left edge: .* \d+ px more on the left/],
      ['blinds.jpg', { id: 'no-face' }, /no face found/],
      ['two.jpg', { id: 'several-faces', faces: 2 }, /2 faces in the photo/],
    ] as const) {
      const human = await run(dir, [name, '--lang', 'en']);
      expect(human.code).toBe(1);
      expect(human.out).toMatch(text);
      expect(human.out).toContain(`${name}: cannot be fixed`);
      const json = await run(dir, [name, '--json']);
      const doc = JSON.parse(json.out);
      expect(doc).toMatchObject({ input: name, output: null, ok: false, refused });
      expect(Object.keys(doc)).not.toContain('report');
      expect(doc.refused.message).toMatch(cjk);
      if (name === 'edge.jpg') expect(Number.isInteger(doc.refused.missing.left)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['blinds.jpg', 'edge.jpg', 'two.jpg']);
  });

  it('names a light top along with a cut-off head, so one retake mends both', async () => {
    // The segmentation fixtures with the top 40 rows cut off (the hair touches the edge) and the
    // top continued 240 px down, where fix-photo looks at the chest.
    const cutOff = async (name: string) => {
      const tall = await sharp(fixture(`segment/${name}`)).extend({ bottom: 240, extendWith: 'copy' }).png().toBuffer();
      return sharp(tall).extract({ left: 0, top: 40, width: 358, height: 641 }).jpeg({ quality: 92 }).toBuffer();
    };
    const light = await fixPhoto(await cutOff('clothing-contrast.fail-light-top.jpg'), { today, output: false });
    expect(light.refused).toMatchObject({ id: 'head-cut-off', also: [{ id: 'light-top' }] });
    const dark = await fixPhoto(await cutOff('clothing-contrast.pass-dark.jpg'), { today, output: false });
    expect(dark.refused).toEqual({ id: 'head-cut-off' });
    const dir = workspace();
    writeFileSync(path.join(dir, 'cut.jpg'), await cutOff('clothing-contrast.fail-light-top.jpg'));
    const human = await run(dir, ['cut.jpg', '--lang', 'en']);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/top of the head is cut off .*; also, the original shows a light top/);
    expect(human.out).toMatch(/retake with room above the head; retake in a dark top/);
    const doc = JSON.parse((await run(dir, ['cut.jpg', '--json'])).out);
    expect(doc.refused).toMatchObject({ id: 'head-cut-off', also: [{ id: 'light-top', message: expect.stringMatching(cjk) }], message: expect.stringContaining('另外，原图里胸前') });
  });
});

describe('fixPhoto as a library', () => {
  it('takes the bytes of a photo and returns the fixed JPEG, which passes check-photo, writing no file', async () => {
    const dir = workspace();
    const bytes = readFileSync(fixture('fix/phone-rotated-gps.jpg'));
    const result = await fixPhoto(bytes, { today, cwd: dir });
    expect(result).toMatchObject({ input: 'upload', output: null, ok: true, report: { file: 'upload', ok: true } });
    expect(result.jpeg).toBeInstanceOf(Buffer);
    expect(result.changes.find((c) => c.id === 'encoded')).toMatchObject({ bytes: result.jpeg!.length });
    const report = await checkPhoto(result.jpeg!, { today });
    expect(report.ok).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    // The same photo from its path gives the same JPEG.
    copyFileSync(fixture('fix/phone-rotated-gps.jpg'), path.join(dir, 'phone.jpg'));
    await fixPhoto('phone.jpg', { today, cwd: dir });
    expect(readFileSync(path.join(dir, 'phone-fixed.jpg')).equals(result.jpeg!)).toBe(true);
  });

  it('takes a Uint8Array and a name, and returns the JPEG for a path with output: false', async () => {
    const dir = workspace({ 'cutout.png': 'fix/cutout-transparent.png' });
    const view = new Uint8Array(readFileSync(path.join(dir, 'cutout.png')));
    const fromBytes = await fixPhoto(view, { today, name: 'baby.png' });
    expect(fromBytes).toMatchObject({ input: 'baby.png', output: null, ok: true, report: { file: 'baby.png' } });
    const fromPath = await fixPhoto('cutout.png', { today, cwd: dir, output: false });
    expect(fromPath.jpeg!.equals(fromBytes.jpeg!)).toBe(true);
    expect(readdirSync(dir)).toEqual(['cutout.png']);
  });

  it('throws a ShebaoError with a code for wrong arguments, never a TypeError', async () => {
    expect(await rejection(fixPhoto(42 as never, { today }))).toMatchObject({ code: 'invalid-argument', details: { name: 'photo', received: 'number' } });
    expect(await rejection(fixPhoto('a.jpg', 'b.jpg' as never))).toMatchObject({ code: 'invalid-argument', details: { name: 'options', received: 'string' } });
    expect(await rejection(fixPhoto('a.jpg', { today, output: 42 as never }))).toMatchObject({ code: 'invalid-argument', details: { name: 'output' } });
    expect(await rejection(fixPhoto('a.jpg', { today, spec: null as never }))).toMatchObject({ code: 'invalid-argument', details: { name: 'spec', received: 'null' } });
    expect(await rejection(fixPhotos(null as never, { today }))).toMatchObject({ code: 'invalid-argument', details: { name: 'dir' } });
    // No clock reads: today is required.
    expect(await rejection(fixPhoto('a.jpg', {} as never))).toMatchObject({ code: 'missing-option', details: { name: 'today' } });
    expect(await rejection(fixPhoto('a.jpg', undefined as never))).toMatchObject({ code: 'missing-option', details: { name: 'today' } });
    expect(await rejection(fixPhotos('photos', {} as never))).toMatchObject({ code: 'missing-option', details: { name: 'today' } });
    expect(await rejection(fixPhoto('a.jpg', { today: '2026-02-30' }))).toMatchObject({ code: 'invalid-date', details: { option: 'today', reason: 'no-such-day' } });
  });
});

describe('shebao fix-photo: files', () => {
  it('never overwrites an existing output or the input without --force', async () => {
    const dir = workspace({ 'a.png': 'fix/cutout-transparent.png' });
    expect((await run(dir, ['a.png'])).code).toBe(0);
    const first = sha(path.join(dir, 'a-fixed.jpg'));
    writeFileSync(path.join(dir, 'a-fixed.jpg'), 'keep me');
    const again = await run(dir, ['a.png', '--lang', 'en']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('a-fixed.jpg already exists');
    expect(again.err).toContain('--force');
    expect(await rejection(fixPhoto('a.png', { today, cwd: dir }))).toMatchObject({ code: 'output-exists', details: { file: 'a-fixed.jpg' } });
    expect(readFileSync(path.join(dir, 'a-fixed.jpg'), 'utf8')).toBe('keep me');
    expect((await run(dir, ['a.png', '--force'])).code).toBe(0);
    expect(sha(path.join(dir, 'a-fixed.jpg'))).toBe(first);

    copyFileSync(fixture('fix/phone-rotated-gps.jpg'), path.join(dir, 'b.jpg'));
    const original = sha(path.join(dir, 'b.jpg'));
    const self = await run(dir, ['b.jpg', '-o', 'b.jpg']);
    expect(self.code).toBe(2);
    expect(self.err).toContain('不会覆盖原图');
    expect(await rejection(fixPhoto('b.jpg', { today, cwd: dir, output: 'b.jpg' }))).toMatchObject({ code: 'output-is-input', details: { file: 'b.jpg' } });
    expect(sha(path.join(dir, 'b.jpg'))).toBe(original);
  });

  it('refuses an output name that is not .jpg', async () => {
    const dir = workspace({ 'a.png': 'fix/cutout-transparent.png' });
    const { code, err } = await run(dir, ['a.png', '-o', 'a.png.out', '--lang', 'en']);
    expect(code).toBe(2);
    expect(err).toContain('the output name should end in .jpg: a.png.out');
    expect(err).toContain('-o a.png.jpg');
  });

  it('bad input: a missing file, a text file, a broken HEIC: exit 2, a message, no stack trace', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'notes.jpg'), 'this is not a photo\n');
    // An HEIC container header with HEVC brand and no picture in it.
    writeFileSync(path.join(dir, 'IMG_0001.HEIC'), Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]));
    for (const [name, text, error] of [
      ['missing.jpg', 'missing.jpg: the file does not exist', { code: 'unreadable-photo', details: { file: 'missing.jpg', stage: 'file', reason: 'missing' } }],
      ['notes.jpg', 'notes.jpg: the file is not a recognised image format', { code: 'unreadable-photo', details: { file: 'notes.jpg', reason: 'not-an-image' } }],
      ['IMG_0001.HEIC', 'IMG_0001.HEIC: this HEIC/HEIF file cannot be decoded', { code: 'unreadable-photo', details: { file: 'IMG_0001.HEIC', reason: 'undecodable' } }],
    ] as const) {
      const { code, out, err } = await run(dir, [name, '--lang', 'en']);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(text);
      expect(err).not.toMatch(/\n\s+at /);
      expect(await rejection(fixPhoto(name, { today, cwd: dir }))).toMatchObject(error);
    }
    const heic = await run(dir, ['IMG_0001.HEIC']);
    expect(heic.err).toContain('另存为 JPEG');
  });
});

describe('shebao fix-photo <folder>', () => {
  it('fixes every photo into a mirrored folder, keeps going past bad ones, sums up, exits 1', async () => {
    const dir = workspace({
      'day/a/phone.jpg': 'fix/phone-rotated-gps.jpg',
      'day/b/cutout.png': 'fix/cutout-transparent.png',
      'day/blinds.jpg': 'fix/no-face.jpg',
    });
    writeFileSync(path.join(dir, 'day/broken.jpg'), 'not a photo');
    const { code, out } = await run(dir, ['day', '-o', 'done', '--lang', 'en']);
    expect(code).toBe(1);
    expect(existsSync(path.join(dir, 'done/a/phone.jpg'))).toBe(true);
    expect(existsSync(path.join(dir, 'done/b/cutout.jpg'))).toBe(true);
    expect(existsSync(path.join(dir, 'done/blinds.jpg'))).toBe(false);
    expect(out).toMatch(/✓ day\/a\/phone\.jpg → done\/a\/phone\.jpg {2}quality \d+, [\d.]+ KB · background replaced/);
    expect(out).toMatch(/✗ day\/blinds\.jpg: cannot be fixed\n {2}no face found/);
    expect(out).toMatch(/✓ day\/b\/cutout\.png → done\/b\/cutout\.jpg {2}quality \d+, [\d.]+ KB · background replaced/);
    expect(out).toMatch(/✗ day\/broken\.jpg: cannot be fixed\n {2}day\/broken\.jpg: the file is not a recognised image format/);
    expect(out).toContain('4 photos: 2 fixed and passing, 2 not (spec: Social security card e-photo, shebao-card); written to done');
    expect(out).not.toMatch(cjk);

    const json = await run(dir, ['day', '-o', 'done', '--json']);
    const doc = JSON.parse(json.out);
    expect(doc.summary).toEqual({ total: 4, passed: 0, failed: 4 }); // the outputs exist now: nothing is overwritten
    expect(doc.results[0]).toMatchObject({
      input: 'day/a/phone.jpg',
      output: null,
      error: { code: 'output-exists', details: { file: 'done/a/phone.jpg' }, message: expect.stringContaining('done/a/phone.jpg') },
    });
    expect(doc.results[3]).toMatchObject({ input: 'day/broken.jpg', error: { code: 'unreadable-photo', details: { reason: 'not-an-image' } } });
    // In this thread this time (the first run spread the photos over two worker threads): the same results.
    const forced = JSON.parse((await run(dir, ['day', '-o', 'done', '--json', '--force', '--concurrency', '1'])).out);
    expect(forced.summary).toEqual({ total: 4, passed: 2, failed: 2 });
    expect(forced.results.map((r: { output: string | null }) => r.output)).toEqual(['done/a/phone.jpg', 'done/b/cutout.jpg', null, null]);
    expect(forced.results[2]).toMatchObject({ refused: { id: 'no-face', message: '照片里没有检测到人脸' } });
  });

  it('writes to <folder>-fixed by default and does not take its own output for input', async () => {
    const dir = workspace({ 'photos/cutout.png': 'fix/cutout-transparent.png' });
    expect((await run(dir, ['photos'])).code).toBe(0);
    expect(existsSync(path.join(dir, 'photos-fixed/cutout.jpg'))).toBe(true);
    const inside = await run(dir, ['photos', '-o', 'photos/fixed', '--json']);
    expect(JSON.parse(inside.out).summary.total).toBe(1);
    const again = await run(dir, ['photos', '-o', 'photos/fixed', '--json', '--force']);
    expect(JSON.parse(again.out).summary.total).toBe(1);
  });
});

describe('shebao fix-photo: one language per output', () => {
  const files = { 'phone.jpg': 'fix/phone-rotated-gps.jpg', 'edge.jpg': 'fix/edge-left.jpg', 'day/blinds.jpg': 'fix/no-face.jpg' };
  /** A photo that passes, one that still fails (black-and-white), one refused, and a folder. */
  const inputs = ['phone.jpg', 'gray.png', 'edge.jpg', 'day'];
  const withGray = async () => {
    const dir = workspace(files);
    await sharp(fixture('fix/cutout-transparent.png')).grayscale().png().toFile(path.join(dir, 'gray.png'));
    return dir;
  };
  const output = (prefix: string, input: string) => `${prefix}-${input}${input === 'day' ? '' : '.jpg'}`;

  it('--lang en has no Chinese, human and --json', async () => {
    const dir = await withGray();
    for (const input of inputs) {
      const human = await run(dir, [input, '-o', output('en-human', input), '--lang', 'en']);
      expect([input, human.out]).not.toEqual([input, expect.stringMatching(cjk)]);
      const json = await run(dir, [input, '-o', output('en-json', input), '--json', '--lang', 'en']);
      expect([input, json.out]).not.toEqual([input, expect.stringMatching(cjk)]);
    }
  });

  it('Chinese by default has no English sentence, human and --json', async () => {
    const dir = await withGray();
    for (const input of inputs) {
      const human = await run(dir, [input, '-o', output('zh-human', input)]);
      expect(human.out).toMatch(cjk);
      expect([input, human.out]).not.toEqual([input, expect.stringMatching(englishPhrase)]);
      const json = await run(dir, [input, '-o', output('zh-json', input), '--json']);
      const said = sentences(JSON.parse(json.out));
      expect(said.length).toBeGreaterThan(0);
      for (const sentence of said) expect([input, sentence]).not.toEqual([input, expect.stringMatching(englishPhrase)]);
    }
  });

  it('help follows --lang', async () => {
    const en = fakeContext();
    await runCli(['--lang', 'en', 'fix-photo', '--help'], en);
    expect(en.out()).toContain('Turn an ordinary portrait into a photo that passes the spec');
    expect(en.out()).toContain('overwrite existing output files (even the input itself)');
    expect(en.out()).not.toMatch(cjk);
    const zh = fakeContext();
    await runCli(['fix-photo', '--help'], zh);
    expect(zh.out()).toContain('覆盖已存在的输出文件（包括输入文件本身）');
    expect(zh.out()).toContain('不会做的事：换衣服');
  });
});

describe('fix-photo --json keeps its published schema', () => {
  it('validates a fixed photo, a refused one and a folder', async () => {
    const { schemaErrors } = await import('./helpers/schema.js');
    const { runCli } = await import('../src/cli/main.js');
    const { fakeContext } = await import('./helpers/context.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = mkdtempSync(path.join(tmpdir(), 'shebao-fix-schema-'));
    const fixtures = new URL('../fixtures/fix/', import.meta.url).pathname;
    // A folder with a photo whose canvas is extended and one refused.
    const folder = workspace({ 'shoulder.jpg': 'fix/edge-shoulder.jpg', 'blinds.jpg': 'fix/no-face.jpg' });
    for (const args of [
      [path.join(fixtures, 'phone-rotated-gps.jpg'), '-o', path.join(out, 'a.jpg')],
      [path.join(fixtures, 'no-face.jpg'), '-o', path.join(out, 'b.jpg'), '--lang', 'en'],
      [folder, '-o', path.join(out, 'folder')],
    ]) {
      const ctx = fakeContext();
      await runCli(['fix-photo', '--today', '2026-11-30', '--json', ...args], ctx);
      expect(schemaErrors('fix-photo', JSON.parse(ctx.out()))).toEqual([]);
    }
  }, 120_000);
});
