import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../src/face/types.js';
import { refineMatte, replaceBackground, segmentPerson } from '../src/segment/index.js';
import { boxMean, plane, resample, resampleBytes, resampleRgb, type Plane } from '../src/segment/planes.js';

/** A synthetic photo: `colour(x, y)` at every pixel. */
function image(width: number, height: number, colour: (x: number, y: number) => readonly [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

/** A coarse mask on the model's 256×256 grid, stretched over the photo: `p(u, v)` with u, v in 0–1. */
function coarse(p: (u: number, v: number) => number): Plane {
  const out = plane(256, 256);
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) out.data[y * 256 + x] = p((x + 0.5) / 256, (y + 0.5) / 256);
  return out;
}

const alphaAt = (matte: { width: number; alpha: Uint8Array }, x: number, y: number) => matte.alpha[y * matte.width + x]!;

describe('planes', () => {
  it('boxMean averages the window that exists at the edges', () => {
    const source = plane(5, 4, Float32Array.from({ length: 20 }, (_, i) => (i * 7) % 11));
    const mean = boxMean(source, 1);
    for (const [x, y] of [[0, 0], [2, 1], [4, 3]] as const) {
      const values: number[] = [];
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (x + dx >= 0 && x + dx < 5 && y + dy >= 0 && y + dy < 4) values.push(source.data[(y + dy) * 5 + x + dx]!);
      expect(mean.data[y * 5 + x]).toBeCloseTo(values.reduce((a, b) => a + b) / values.length, 5);
    }
  });

  /** boxMean one row and one column at a time: the arithmetic its faster loops must keep to the bit. */
  function plainBoxMean({ width, height, data }: Plane, radius: number): Float32Array {
    const size = (length: number, i: number) => Math.fround(1 / (Math.min(length - 1, i + radius) - Math.max(0, i - radius) + 1));
    const rows = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      let sum = 0;
      for (let x = 0; x < Math.min(radius, width); x++) sum += data[y * width + x]!;
      for (let x = 0; x < width; x++) {
        const enter = x + radius < width ? data[y * width + x + radius]! : 0;
        const leave = x - radius - 1 >= 0 ? data[y * width + x - radius - 1]! : 0;
        if (x + radius < width && x - radius - 1 >= 0) sum += enter - leave;
        else if (x + radius < width) sum += enter;
        else if (x - radius - 1 >= 0) sum -= leave;
        rows[y * width + x] = sum * size(width, x);
      }
    }
    const out = new Float32Array(width * height);
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let y = 0; y < Math.min(radius, height); y++) sum = sum + rows[y * width + x]!;
      for (let y = 0; y < height; y++) {
        if (y + radius < height) sum = sum + rows[(y + radius) * width + x]!;
        if (y - radius - 1 >= 0) sum = sum - rows[(y - radius - 1) * width + x]!;
        out[y * width + x] = sum * size(height, y);
      }
    }
    return out;
  }

  it.each([
    [23, 17, 1],
    [9, 6, 3],
    [40, 31, 5],
    [5, 2, 30],
  ])('boxMean of %i×%i, radius %i, is the plain running sums to the bit', (width, height, radius) => {
    const source = plane(width, height, Float32Array.from({ length: width * height }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1));
    expect(boxMean(source, radius).data).toEqual(plainBoxMean(source, radius));
  });

  it('resampleRgb gives each channel to the bit as resampling that channel alone', () => {
    const photo = image(37, 23, (x, y) => [(x * 7) % 256, (y * 11) % 256, (x * y) % 256]);
    for (const [width, height] of [[11, 8], [80, 61], [37, 23], [5, 40]] as const) {
      const channels = resampleRgb(photo, width, height);
      for (const c of [0, 1, 2]) {
        const alone = resampleBytes(photo.data.filter((_, i) => i % 3 === c), photo.width, photo.height, width, height);
        expect(channels[c]!.data).toEqual(alone.data);
      }
    }
  });

  it('resample averages the pixels each output pixel covers, and keeps a constant constant', () => {
    const checker = plane(4, 4, Float32Array.from({ length: 16 }, (_, i) => ((i % 4) + Math.floor(i / 4)) % 2));
    expect([...resample(checker, 2, 2).data]).toEqual([0.5, 0.5, 0.5, 0.5]);
    const grown = resample(plane(3, 2, new Float32Array(6).fill(0.25)), 7, 9);
    expect(grown.data.every((v) => Math.abs(v - 0.25) < 1e-6)).toBe(true);
  });
});

describe('refineMatte', () => {
  const width = 512;
  const height = 80;
  // A dark person (x < 200) against a light wall: 2 px per pixel of the model's grid.
  const photo = image(width, height, (x) => (x < 200 ? [60, 45, 40] : [225, 230, 235]));

  it('moves a blurred, misplaced model edge onto the photo\'s colour edge', () => {
    // The model puts the edge 6 px (3 of its pixels) too far right and smears it over 24 px.
    const matte = refineMatte(photo, coarse((u) => Math.min(1, Math.max(0, (206 - u * width) / 24 + 0.5))));
    for (const y of [10, 40, 70]) {
      expect(alphaAt(matte, 195, y)).toBe(255);
      expect(alphaAt(matte, 198, y)).toBeGreaterThan(200);
      expect(alphaAt(matte, 202, y)).toBeLessThan(40);
      expect(alphaAt(matte, 210, y)).toBe(0);
    }
  });

  it('drops a patch of wall the model half kept, whose colour is the wall\'s', () => {
    // The model is sure of the person and of most of the wall, but unsure (0.5) in a patch of wall.
    const matte = refineMatte(photo, coarse((u, v) => (u * width < 200 ? 1 : u * width > 300 && u * width < 400 && v * height > 20 && v * height < 60 ? 0.5 : 0)));
    expect(alphaAt(matte, 350, 40)).toBe(0);
    expect(alphaAt(matte, 100, 40)).toBe(255);
  });

  it('puts the edge on the photo\'s where the model is sure of a strip of black backdrop beside dark hair: no grey shadow on white', () => {
    // Dark brown hair (x < 200) on a black backdrop; the model is still 0.9 sure 6 px out and reaches 20 px.
    const dark = image(width, height, (x) => (x < 200 ? [60, 40, 25] : [8, 8, 8]));
    const matte = refineMatte(dark, coarse((u) => Math.min(1, Math.max(0, (214 - u * width) / 20 + 0.5))));
    for (const y of [10, 40, 70]) {
      expect(alphaAt(matte, 199, y)).toBe(255);
      for (const x of [200, 203, 206, 210]) expect(alphaAt(matte, x, y)).toBe(0);
    }
  });

  it('keeps the model\'s value where person and wall have the same colour', () => {
    const flat = image(width, height, () => [128, 128, 128]);
    const matte = refineMatte(flat, coarse((u) => (u < 0.5 ? 1 : 0)));
    expect(alphaAt(matte, 50, 40)).toBe(255);
    expect(alphaAt(matte, 460, 40)).toBe(0);
  });

  it('gives a matte of the photo\'s size whatever the model\'s grid', () => {
    const big = image(301, 467, (x) => (x < 150 ? [20, 20, 20] : [240, 240, 240]));
    const matte = refineMatte(big, coarse((u) => (u < 0.5 ? 1 : 0)));
    expect([matte.width, matte.height, matte.alpha.length]).toEqual([301, 467, 301 * 467]);
  });
});

describe('replaceBackground', () => {
  it('takes the old background\'s colour out of a soft edge instead of leaving a fringe', () => {
    const skin: [number, number, number] = [200, 150, 120];
    const blue: [number, number, number] = [40, 90, 220];
    // Person left, blue wall right, and one column of half-and-half pixels between.
    const photo = image(60, 40, (x) => (x < 29 ? skin : x > 29 ? blue : [120, 120, 170]));
    const alpha = new Uint8Array(60 * 40);
    for (let i = 0; i < alpha.length; i++) alpha[i] = i % 60 < 29 ? 255 : i % 60 === 29 ? 128 : 0;
    const out = replaceBackground(photo, { width: 60, height: 40, alpha }, [255, 255, 255]);
    const at = (x: number) => [...out.data.subarray((20 * 60 + x) * 3, (20 * 60 + x) * 3 + 3)];
    expect(at(10)).toEqual(skin);
    expect(at(50)).toEqual([255, 255, 255]);
    // Half skin, half white: (200+255)/2, (150+255)/2, (120+255)/2, give or take rounding.
    const edge = at(29);
    for (const [c, expected] of [228, 203, 188].entries()) expect(Math.abs(edge[c]! - expected)).toBeLessThanOrEqual(3);
  });
});

describe('segmentPerson', () => {
  it('covers the face and leaves the background of a portrait out', async () => {
    const file = new URL('../fixtures/face/face-geometry.pass.jpg', import.meta.url).pathname;
    const { data, info } = await sharp(readFileSync(file)).raw().toBuffer({ resolveWithObject: true });
    const matte = await segmentPerson({ data, width: info.width, height: info.height, channels: 3 });
    expect([matte.width, matte.height]).toEqual([358, 441]);
    // Eye midpoint (179, 225), nose, mouth, forehead: person. The white around the head: background.
    for (const [x, y] of [[179, 225], [183, 280], [183, 325], [179, 100]] as const) expect(alphaAt(matte, x, y)).toBe(255);
    for (const [x, y] of [[5, 5], [352, 5], [20, 60], [338, 60], [352, 150]] as const) expect(alphaAt(matte, x, y)).toBe(0);
  });
});
