import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { checkPhoto } from '../src/photo/check-photo.js';
import type { CheckStatus } from '../src/photo/types.js';
import { fakeContext } from './helpers/context.js';

const face = (name: string) => new URL(`../fixtures/face/${name}`, import.meta.url).pathname;
const faceIds = ['face-count', 'face-width', 'face-centered', 'eye-height', 'head-top', 'head-tilt'];

async function faceStatuses(name: string, spec = 'shebao-card') {
  const report = await checkPhoto(face(name), { spec, today: '2026-11-22' });
  const checks = report.checks.filter((c) => faceIds.includes(c.id));
  return { checks, by: Object.fromEntries(checks.map((c) => [c.id, c.status])) as Record<string, CheckStatus> };
}

/** Each real-face fixture and the face checks that must not pass (all others pass). */
const table: Array<[string, Record<string, CheckStatus>]> = [
  ['face-geometry.pass.jpg', {}],
  ['face-width.fail-small.jpg', { 'face-width': 'fail' }],
  ['face-width.fail-big.jpg', { 'face-width': 'fail', 'head-top': 'fail' }],
  ['face-centered.fail-left.jpg', { 'face-centered': 'fail' }],
  ['eye-height.fail-low.jpg', { 'eye-height': 'fail' }],
  ['head-top.fail-cut.jpg', { 'head-top': 'fail' }],
  ['head-tilt.warn-tilted.jpg', { 'head-tilt': 'warn' }],
  ['head-tilt.fail-tilted.jpg', { 'head-tilt': 'fail' }],
];

describe('face checks on real faces', () => {
  it('the synthetic fixtures/photo/pass.jpg passes every check, face included', async () => {
    const report = await checkPhoto(new URL('../fixtures/photo/pass.jpg', import.meta.url).pathname, { today: '2026-11-22' });
    // head-uncovered warns on every photo: it asks a person to confirm what shebao cannot see.
    expect(report.checks.filter((c) => c.status === 'fail' || (c.status === 'warn' && c.id !== 'head-uncovered'))).toEqual([]);
    expect(report.checks.filter((c) => faceIds.includes(c.id)).every((c) => c.status === 'pass')).toBe(true);
  });

  it.each(table)('%s', async (name, expected) => {
    const { by } = await faceStatuses(name);
    for (const id of faceIds) expect([id, by[id]]).toEqual([id, expected[id] ?? 'pass']);
  });

  it('fails face-count and skips the geometry when there is no face or two', async () => {
    for (const [name, count, reason, skip] of [
      ['face-count.fail-none.jpg', 0, 'no-face', 'skipped-no-face'],
      ['face-count.fail-two.jpg', 2, 'second-face', 'skipped-several-faces'],
    ] as const) {
      const { checks } = await faceStatuses(name);
      expect(checks.find((c) => c.id === 'face-count')).toMatchObject({ status: 'fail', reason, measured: { faces: count }, limits: { faces: 1 } });
      for (const id of faceIds.slice(1)) expect(checks.find((c) => c.id === id)).toMatchObject({ status: 'skip', reason: skip });
    }
  });

  it('carries the measured value, e.g. the face width in px', async () => {
    const { checks } = await faceStatuses('face-width.fail-small.jpg');
    const width = checks.find((c) => c.id === 'face-width');
    expect(width).toMatchObject({ status: 'fail', reason: 'too-small', limits: { min: 179, max: 255 }, fixable: true });
    expect(width?.measured?.px).toBeGreaterThan(140);
    expect(width?.measured?.px).toBeLessThan(160);
  });

  it('takes the numbers from the spec: GA 461 wants 193–221 px', async () => {
    const card = await faceStatuses('eye-height.fail-low.jpg');
    const ga = await faceStatuses('eye-height.fail-low.jpg', 'ga461');
    expect(card.by['face-width']).toBe('pass'); // 236 px is inside 179–255
    expect(ga.by['face-width']).toBe('fail'); // but outside 193–221
  });
});

describe('check-photo --annotate', () => {
  it('writes a PNG of the photo\'s size that differs from the photo where the guides are', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-annotate-'));
    const ctx = fakeContext({ cwd: path.dirname(face('x')) });
    const code = await runCli(['check-photo', 'eye-height.fail-low.jpg', '--annotate', dir, '--json'], ctx);
    expect(code).toBe(1);
    const report = JSON.parse(ctx.out()).results[0];
    expect(report.annotation).toBe(path.join(dir, 'eye-height.fail-low.jpg.png'));
    const png = await sharp(readFileSync(report.annotation)).raw().toBuffer({ resolveWithObject: true });
    expect([png.info.width, png.info.height]).toEqual([358, 441]);
    const photo = await sharp(face('eye-height.fail-low.jpg')).raw().toBuffer();
    const pixel = (data: Buffer, channels: number, x: number, y: number) => [0, 1, 2].map((c) => data[(y * 358 + x) * channels + c] as number);
    // The lowest allowed eye line (441 − 207 = 234) is drawn across the picture, red because this photo fails it.
    const [r, g, b] = pixel(png.data, png.info.channels, 5, 234);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);
    // Far from every guide the photo is unchanged (within JPEG-decoder rounding).
    const away = pixel(png.data, png.info.channels, 40, 120);
    const original = pixel(photo, 3, 40, 120);
    away.forEach((value, c) => expect(Math.abs(value - (original[c] as number))).toBeLessThan(4));
  });
});

describe('background with long hair', () => {
  it('does not count hair that reaches the sides as background', async () => {
    // The woman's loose hair fills much of the side strips; the wall around it is white.
    const report = await checkPhoto(face('face-geometry.pass.jpg'), { today: '2026-11-22', face: false });
    expect(report.checks.find((c) => c.id === 'background')?.status).toBe('pass');
    expect(report.ok).toBe(true);
  });
});
