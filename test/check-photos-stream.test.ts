import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPhotos } from '../src/photo/check-photos.js';
import { boxMean, plane, resample, resampleBytes } from '../src/segment/planes.js';

const root = new URL('..', import.meta.url).pathname;
const fx = (name: string) => path.join(root, 'fixtures/photo', name);
const today = '2026-11-22';

describe('checkPhotos hands reports on as they come', () => {
  // 100 photos: enough for a worker thread (48 per worker), so reports finish out of order.
  const files = Array.from({ length: 100 }, (_, i) => fx(['pass.jpg', 'background.fail-blue.jpg', 'readable.fail-empty.jpg'][i % 3] as string));

  it('onReport gets every report once, in input order, the same as the kept results', async () => {
    const seen: Array<{ index: number; file: string; ok: boolean }> = [];
    const batch = await checkPhotos(files, { today, face: false, concurrency: 2, onReport: (report, index) => seen.push({ index, file: report.file, ok: report.ok }) });
    expect(seen.map((s) => s.index)).toEqual(files.map((_, i) => i));
    expect(seen.map((s) => s.file)).toEqual(files);
    expect(seen.map((s) => s.ok)).toEqual(batch.results.map((report) => report.ok));
  });

  it('keepResults: false keeps no reports but still counts them all', async () => {
    let streamed = 0;
    const batch = await checkPhotos(files, { today, face: false, concurrency: 2, keepResults: false, onReport: () => streamed++ });
    expect(batch.results).toEqual([]);
    expect(streamed).toBe(files.length);
    expect(batch.summary).toEqual({ total: 100, passed: 34, failed: 66 });
  });

  it('keepResults: false in one thread too', async () => {
    const batch = await checkPhotos(files.slice(0, 6), { today, face: false, concurrency: 1, keepResults: false });
    expect(batch.results).toEqual([]);
    expect(batch.summary).toEqual({ total: 6, passed: 2, failed: 4 });
  });
});

/** The definitions the fast loops in planes.ts must match: each output from its own window. */
function bruteBoxMean(values: Float32Array, width: number, height: number, radius: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let v = Math.max(0, y - radius); v <= Math.min(height - 1, y + radius); v++) {
        for (let u = Math.max(0, x - radius); u <= Math.min(width - 1, x + radius); u++) {
          sum += values[v * width + u] as number;
          n++;
        }
      }
      out.push(sum / n);
    }
  }
  return out;
}

describe('planes', () => {
  const width = 23;
  const height = 17;
  const values = Float32Array.from({ length: width * height }, (_, i) => ((i * 7919) % 101) / 100);

  it.each([1, 2, 5, 30])('boxMean with radius %i is the mean of each clipped window', (radius) => {
    const fast = boxMean(plane(width, height, values), radius);
    const brute = bruteBoxMean(values, width, height, radius);
    fast.data.forEach((value, i) => expect(value).toBeCloseTo(brute[i] as number, 5));
  });

  it.each([
    [11, 8],
    [40, 31],
    [23, 17],
    [7, 50],
  ])('resample to %i×%i keeps a constant and the mean of a shrink', (toWidth, toHeight) => {
    const constant = resample(plane(width, height, new Float32Array(width * height).fill(0.375)), toWidth, toHeight);
    constant.data.forEach((value) => expect(value).toBeCloseTo(0.375, 6));
    const bytes = Uint8Array.from(values, (value) => Math.round(value * 255));
    const fromBytes = resampleBytes(bytes, width, height, toWidth, toHeight);
    const fromFloats = resample(plane(width, height, Float32Array.from(bytes, (b) => b / 255)), toWidth, toHeight);
    fromBytes.data.forEach((value, i) => expect(value).toBeCloseTo(fromFloats.data[i] as number, 5));
  });
});
