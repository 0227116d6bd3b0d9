/**
 * Image planes for the matting code: one float per pixel, rows top to bottom. Resampling and box
 * means, each one pass over the pixels whatever the radius.
 */
import type { RgbImage } from '../face/types.js';

export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

export function plane(width: number, height: number, data = new Float32Array(width * height)): Plane {
  return { width, height, data };
}

/** Source indices and weights of each output sample along one axis. */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  stride: number;
}

/**
 * Weights to go from `from` samples to `to` along one axis, pixel centres aligned. Shrinking
 * averages the source pixels each output pixel covers (area, so no aliasing on a 4000-px photo);
 * enlarging interpolates linearly between the two nearest.
 */
function taps(from: number, to: number): Taps {
  const scale = from / to;
  const stride = scale > 1 ? Math.ceil(scale) + 2 : 2;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const weights = new Float32Array(to * stride);
  for (let i = 0; i < to; i++) {
    if (scale > 1) {
      const x0 = i * scale;
      const x1 = x0 + scale;
      const first = Math.floor(x0);
      const last = Math.min(from - 1, Math.ceil(x1) - 1);
      start[i] = first;
      count[i] = last - first + 1;
      for (let k = first; k <= last; k++) weights[i * stride + k - first] = (Math.min(x1, k + 1) - Math.max(x0, k)) / scale;
    } else {
      const x = Math.min(from - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const first = Math.min(from - 2, Math.floor(x));
      if (first < 0) {
        start[i] = 0;
        count[i] = 1;
        weights[i * stride] = 1;
      } else {
        const t = x - first;
        start[i] = first;
        count[i] = 2;
        weights[i * stride] = 1 - t;
        weights[i * stride + 1] = t;
      }
    }
  }
  return { start, count, weights, stride };
}

/** A plane resampled to `width`×`height` (the aspect ratio may change: the picture is stretched). */
export function resample(source: Plane, width: number, height: number): Plane {
  if (source.width === width && source.height === height) return plane(width, height, source.data.slice());
  return resampleChannel(source.data, source.width, source.height, 1, 0, width, height);
}

/** One channel of an image resampled to `width`×`height`, as a plane of 0–1 values. */
export function resampleImage(image: RgbImage, channel: 0 | 1 | 2, width: number, height: number): Plane {
  return resampleChannel(image.data, image.width, image.height, 3, channel, width, height, 1 / 255);
}

/** One byte per pixel (a matte) resampled to `width`×`height`, as a plane of 0–1 values. */
export function resampleBytes(data: Uint8Array, sourceWidth: number, sourceHeight: number, width: number, height: number): Plane {
  return resampleChannel(data, sourceWidth, sourceHeight, 1, 0, width, height, 1 / 255);
}

/**
 * Resample values read at `data[pixel * stride + offset] * scale` (a plane, or one channel of
 * interleaved RGB bytes, without copying it out first). Rows first, then columns; every output
 * sums its taps in the same order whatever the loop shape, so the result is the same to the bit.
 */
function resampleChannel(
  data: Uint8Array | Float32Array,
  sourceWidth: number,
  sourceHeight: number,
  stride: number,
  offset: number,
  width: number,
  height: number,
  scale = 1,
): Plane {
  const across = taps(sourceWidth, width);
  const rows = scratchRows(width * sourceHeight);
  // Bytes and floats in separate loops: one loop reading both makes every read a polymorphic
  // one (resampling was a sixth of the segmentation's CPU time in a profile of 9 photos).
  if (data instanceof Uint8Array) resampleRowsOfBytes(data, sourceWidth, sourceHeight, stride, offset, across, width, scale, rows);
  else resampleRowsOfFloats(data, sourceWidth, sourceHeight, stride, offset, across, width, scale, rows);
  const down = taps(sourceHeight, height);
  const out = plane(width, height);
  const values = out.data;
  const { start, count, weights } = down;
  const tapStride = down.stride;
  const sums = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    const first = start[y]!;
    const n = count[y]!;
    sums.fill(0);
    // Tap by tap over the whole row: each output still adds its taps in order.
    for (let k = 0; k < n; k++) {
      const weight = weights[y * tapStride + k]!;
      const from = (first + k) * width;
      for (let x = 0; x < width; x++) sums[x] = sums[x]! + weight * rows[from + x]!;
    }
    const row = y * width;
    for (let x = 0; x < width; x++) values[row + x] = sums[x]!;
  }
  return out;
}

function resampleRowsOfBytes(data: Uint8Array, sourceWidth: number, sourceHeight: number, stride: number, offset: number, across: Taps, width: number, scale: number, rows: Float32Array): void {
  const { start, count, weights } = across;
  const tapStride = across.stride;
  for (let y = 0; y < sourceHeight; y++) {
    const row = y * sourceWidth;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      const first = start[x]!;
      const n = count[x]!;
      for (let k = 0; k < n; k++) sum += weights[x * tapStride + k]! * data[(row + first + k) * stride + offset]!;
      rows[y * width + x] = sum * scale;
    }
  }
}

function resampleRowsOfFloats(data: Float32Array, sourceWidth: number, sourceHeight: number, stride: number, offset: number, across: Taps, width: number, scale: number, rows: Float32Array): void {
  const { start, count, weights } = across;
  const tapStride = across.stride;
  for (let y = 0; y < sourceHeight; y++) {
    const row = y * sourceWidth;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      const first = start[x]!;
      const n = count[x]!;
      for (let k = 0; k < n; k++) sum += weights[x * tapStride + k]! * data[(row + first + k) * stride + offset]!;
      rows[y * width + x] = sum * scale;
    }
  }
}

/** Linear interpolation weights to enlarge `from` samples to `to` (pixel centres aligned), for callers that interpolate row by row. */
export function enlargeTaps(from: number, to: number): { start: Int32Array; t: Float32Array } {
  const { start, count, weights, stride } = taps(from, to);
  const t = new Float32Array(to);
  for (let i = 0; i < to; i++) t[i] = count[i] === 2 ? weights[i * stride + 1]! : 0;
  return { start, t };
}

/**
 * Mean over the (2r+1)² window around each pixel, the window clipped at the edges (so a corner
 * pixel is the mean of what exists, not of zeros): running sums along rows, then down columns,
 * each loop split where the window meets an edge so the middle runs without tests.
 */
export function boxMean(source: Plane, radius: number): Plane {
  const { width, height, data } = source;
  const rows = scratchRows(width * height);
  const across = windowSizes(width, radius);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = 0; x < Math.min(radius, width); x++) sum += data[row + x]!;
    let x = 0;
    for (; x <= radius && x < width; x++) {
      if (x + radius < width) sum += data[row + x + radius]!;
      rows[row + x] = sum * across[x]!;
    }
    for (; x < width - radius; x++) {
      sum += data[row + x + radius]! - data[row + x - radius - 1]!;
      rows[row + x] = sum * across[x]!;
    }
    for (; x < width; x++) {
      sum -= data[row + x - radius - 1]!;
      rows[row + x] = sum * across[x]!;
    }
  }
  const out = plane(width, height);
  const values = out.data;
  const down = windowSizes(height, radius);
  const sums = new Float64Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) sums[x] = sums[x]! + rows[row + x]!;
  }
  for (let y = 0; y < height; y++) {
    const enter = y + radius < height ? (y + radius) * width : -1;
    const leave = y - radius - 1 >= 0 ? (y - radius - 1) * width : -1;
    const scale = down[y]!;
    const row = y * width;
    if (enter >= 0 && leave >= 0) {
      for (let x = 0; x < width; x++) values[row + x] = (sums[x] = sums[x]! + rows[enter + x]! - rows[leave + x]!) * scale;
    } else if (enter >= 0) {
      for (let x = 0; x < width; x++) values[row + x] = (sums[x] = sums[x]! + rows[enter + x]!) * scale;
    } else if (leave >= 0) {
      for (let x = 0; x < width; x++) values[row + x] = (sums[x] = sums[x]! - rows[leave + x]!) * scale;
    } else {
      for (let x = 0; x < width; x++) values[row + x] = sums[x]! * scale;
    }
  }
  return out;
}

/**
 * The row pass's intermediate plane, reused from call to call (these functions run to the end
 * without yielding): a matte refinement makes dozens of them per photo, garbage for the collector.
 * Larger ones than scratchLimit (a full-size plane of a phone original) are not kept.
 */
let scratch = new Float32Array(0);
const scratchLimit = 1 << 20;

function scratchRows(length: number): Float32Array {
  if (length > scratchLimit) return new Float32Array(length);
  if (scratch.length < length) scratch = new Float32Array(length);
  return scratch.subarray(0, length);
}

/** 1 / the number of samples in each clipped window along an axis of `length`. */
function windowSizes(length: number, radius: number): Float32Array {
  const inverse = new Float32Array(length);
  for (let i = 0; i < length; i++) inverse[i] = 1 / (Math.min(length - 1, i + radius) - Math.max(0, i - radius) + 1);
  return inverse;
}

/** The plane at (u, v) in its pixel coordinates (pixel centres at whole numbers), interpolated linearly, clamped at the edges. */
export function sampleAt(source: Plane, u: number, v: number): number {
  const { width, height, data } = source;
  const x = Math.min(width - 1, Math.max(0, u));
  const y = Math.min(height - 1, Math.max(0, v));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const tx = x - x0;
  const ty = y - y0;
  const top = data[y0 * width + x0]! * (1 - tx) + data[y0 * width + x1]! * tx;
  const bottom = data[y1 * width + x0]! * (1 - tx) + data[y1 * width + x1]! * tx;
  return top * (1 - ty) + bottom * ty;
}

/** Element-wise product of two planes of the same size. */
export function multiply(a: Plane, b: Plane): Plane {
  const out = plane(a.width, a.height);
  const values = out.data;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < values.length; i++) values[i] = x[i]! * y[i]!;
  return out;
}
