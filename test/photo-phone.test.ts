import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzePhoto, decodeAnalysisPicture } from '../src/photo/analyze.js';
import { checkPhoto } from '../src/photo/check-photo.js';
import { decodeHeic } from '../src/photo/heic.js';
import type { CheckResult } from '../src/photo/types.js';

const phone = (name: string) => new URL(`../fixtures/phone/${name}`, import.meta.url).pathname;
const today = '2026-11-22';
const geometry = ['face-width', 'face-centered', 'eye-height', 'head-top'];

async function checksOf(file: string) {
  const report = await checkPhoto(file, { today });
  return (id: string) => report.checks.find((c) => c.id === id) as CheckResult;
}

/** Six flat 8×8 blocks in distinct colours, 3 across and 2 down, stored with an EXIF orientation. */
const colours = [
  [230, 30, 30],
  [30, 200, 30],
  [30, 30, 220],
  [220, 220, 30],
  [30, 210, 210],
  [210, 30, 210],
];
async function blockPhoto(orientation: number, progressive = false): Promise<Buffer> {
  const raw = Buffer.alloc(24 * 16 * 3);
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 24; x++) raw.set(colours[Math.floor(y / 8) * 3 + Math.floor(x / 8)] as number[], (y * 24 + x) * 3);
  }
  return sharp(raw, { raw: { width: 24, height: 16, channels: 3 } }).withMetadata({ orientation }).jpeg({ quality: 100, chromaSubsampling: '4:4:4', progressive }).toBuffer();
}

describe('photos are analysed upright', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('EXIF orientation %i: the block picture is what sharp shows upright', async (orientation) => {
    const bytes = await blockPhoto(orientation);
    const { facts, blocks } = await analyzePhoto(bytes);
    expect(facts?.orientation).toBe(orientation);
    const upright = await sharp(bytes).autoOrient().raw().toBuffer({ resolveWithObject: true });
    expect([blocks?.width, blocks?.height]).toEqual([upright.info.width / 8, upright.info.height / 8]);
    for (let by = 0; by < (blocks?.height ?? 0); by++) {
      for (let bx = 0; bx < (blocks?.width ?? 0); bx++) {
        const at = ((by * 8 + 4) * upright.info.width + bx * 8 + 4) * 3;
        const block = Array.from(blocks?.rgb.subarray((by * (blocks?.width ?? 0) + bx) * 3, (by * (blocks?.width ?? 0) + bx) * 3 + 3) ?? []);
        block.forEach((value, c) => expect(Math.abs(value - (upright.data[at + c] as number))).toBeLessThan(6));
      }
    }
  });

  it('a progressive JPEG (decoded by sharp) is turned the same way', async () => {
    const fast = await analyzePhoto(await blockPhoto(6));
    const slow = await analyzePhoto(await blockPhoto(6, true));
    expect(slow.facts?.progressive).toBe(true);
    expect([slow.blocks?.width, slow.blocks?.height]).toEqual([fast.blocks?.width, fast.blocks?.height]);
    // sharp's resize blends neighbouring blocks a little: compare which colour each block is.
    const nearest = (rgb: Uint8Array | undefined, block: number) =>
      colours.findIndex((colour) => colour.every((value, c) => Math.abs(value - (rgb?.[block * 3 + c] as number)) < 40));
    for (let block = 0; block < 6; block++) expect(nearest(slow.blocks?.rgb, block)).toBe(nearest(fast.blocks?.rgb, block));
    expect(new Set([0, 1, 2, 3, 4, 5].map((block) => nearest(fast.blocks?.rgb, block))).size).toBe(6);
  });

  it('a sideways phone portrait (Orientation 6) has its face found and measured upright', async () => {
    const check = await checksOf(phone('orientation.fail-sideways.jpg'));
    expect(check('orientation')).toMatchObject({ status: 'fail', reason: 'rotated', measured: { orientation: 6 } });
    expect(check('dimensions')).toMatchObject({ status: 'fail', reason: 'swapped', measured: { width: 441, height: 358 } });
    expect(check('face-count')).toMatchObject({ status: 'pass', measured: { faces: 1 } });
    for (const id of [...geometry, 'background']) expect([id, check(id).status]).toEqual([id, 'pass']);
    // The pass fixture it was made from: eye midpoint x ≈ 179 of 358, eye line ≈ 226 of 441.
    expect(Math.abs((check('face-centered').measured?.eyeMidX as number) - 179)).toBeLessThan(5);
    expect(Math.abs((check('eye-height').measured?.fromBottom as number) - (441 - 226))).toBeLessThan(5);
  });
});

describe('a second person', () => {
  it.each(['face-count.fail-beside.jpg', 'face-count.fail-behind.jpg'])('%s: face-count fails with 2 faces, the geometry is not measured', async (name) => {
    const check = await checksOf(phone(name));
    expect(check('face-count')).toMatchObject({ status: 'fail', reason: 'second-face', measured: { faces: 2 }, limits: { faces: 1 } });
    for (const id of geometry) expect(check(id)).toMatchObject({ status: 'skip', reason: 'skipped-several-faces' });
  });
});

describe('HEIC', () => {
  it('decodes an HEVC HEIC to upright RGB at full size', async () => {
    const image = await decodeHeic(readFileSync(phone('format.fail-heic.heic')));
    expect([image.width, image.height, image.channels, image.data.length]).toEqual([358, 441, 3, 358 * 441 * 3]);
    const jpeg = await sharp(new URL('../fixtures/face/face-geometry.pass.jpg', import.meta.url).pathname).raw().toBuffer();
    let difference = 0;
    for (let i = 0; i < jpeg.length; i++) difference += Math.abs((jpeg[i] as number) - (image.data[i] as number));
    expect(difference / jpeg.length).toBeLessThan(6); // the same photo, through two lossy codecs
  });

  it('is reported as not JPEG, and every content check runs on its pixels', async () => {
    const check = await checksOf(phone('format.fail-heic.heic'));
    expect(check('readable')).toMatchObject({ status: 'pass' });
    expect(check('format')).toMatchObject({ status: 'fail', reason: 'not-jpeg', measured: { format: 'heif' }, fixable: true });
    expect(check('background').status).toBe('pass');
    expect(check('face-count')).toMatchObject({ status: 'pass', measured: { faces: 1 } });
    for (const id of geometry) expect([id, check(id).status]).toEqual([id, 'pass']);
  });

  it('a HEIC header with no picture is undecodable, not a crash', async () => {
    const fake = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]);
    const { problem } = await analyzePhoto(fake);
    expect(problem).toMatchObject({ stage: 'image', reason: 'undecodable', detail: { format: 'heif' } });
  });
});

describe('big originals', () => {
  it('are decoded for the face model at most 1024 px long, and measured in their own pixels', async () => {
    const big = await sharp(phone('orientation.fail-sideways.jpg')).resize(1764, 1432).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const picture = await decodeAnalysisPicture(big);
    expect([picture.width, picture.height]).toEqual([1432, 1764]);
    expect(Math.max(picture.image.width, picture.image.height)).toBe(1024);
    expect(picture.scale).toBeCloseTo(1764 / 1024, 2);
  });
});
