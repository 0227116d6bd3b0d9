/**
 * Image planes for the matting code: one float per pixel, rows top to bottom. Resampling and box
 * means, each one pass over the pixels whatever the radius.
 *
 * These loops were a sixth of check-photo's CPU time per photo. Their loop shapes are chosen for
 * speed (several rows at a time, no per-pixel allocation, taps unrolled), but every output adds
 * the same numbers in the same order as the plain definition, so results are the same to the bit.
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

// Resampling goes rows first, then columns. Bytes and floats are read in separate loops: one loop
// reading both makes every read a polymorphic one.

/** The rectangle `rect` of a picture `stride` pixels wide with `channels` bytes a pixel, copied out row by row. */
export function cutRect(data: Uint8Array, stride: number, channels: number, rect: { left: number; top: number; width: number; height: number }): Uint8Array {
  const out = new Uint8Array(rect.width * rect.height * channels);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.top + y) * stride + rect.left) * channels;
    out.set(data.subarray(from, from + rect.width * channels), y * rect.width * channels);
  }
  return out;
}

/** A plane resampled to `width`×`height` (the aspect ratio may change: the picture is stretched). */
export function resample(source: Plane, width: number, height: number): Plane {
  if (source.width === width && source.height === height) return plane(width, height, source.data.slice());
  const rows = scratchRows(width * source.height);
  resampleRowsOfFloats(source.data, source.width, source.height, taps(source.width, width), width, rows);
  return resampleColumns(rows, width, source.height, height);
}

/** The three channels of an image resampled to `width`×`height`, as planes of 0–1 values, in one pass over its pixels. */
export function resampleRgb(image: RgbImage, width: number, height: number): [Plane, Plane, Plane] {
  const length = width * image.height;
  const rows = scratchRows(3 * length);
  const red = rows.subarray(0, length);
  const green = rows.subarray(length, 2 * length);
  const blue = rows.subarray(2 * length);
  resampleRowsOfRgb(image.data, image.width, image.height, taps(image.width, width), width, red, green, blue);
  return [resampleColumns(red, width, image.height, height), resampleColumns(green, width, image.height, height), resampleColumns(blue, width, image.height, height)];
}

/** One byte per pixel (a matte) resampled to `width`×`height`, as a plane of 0–1 values. */
export function resampleBytes(data: Uint8Array, sourceWidth: number, sourceHeight: number, width: number, height: number): Plane {
  const rows = scratchRows(width * sourceHeight);
  resampleRowsOfBytes(data, sourceWidth, sourceHeight, taps(sourceWidth, width), width, rows);
  return resampleColumns(rows, width, sourceHeight, height);
}

/** Scale of the byte loops: bytes 0–255 to 0–1, applied to each row sum. */
const byteScale = 1 / 255;

/**
 * Four rows at a time: four independent sums share each tap's weight and keep the processor busy
 * (twice as fast as one row). Past the last row the band repeats it, writing the same values twice.
 */
function resampleRowsOfFloats(data: Float32Array, sourceWidth: number, sourceHeight: number, across: Taps, width: number, rows: Float32Array): void {
  const { start, count, weights, stride } = across;
  for (let y = 0; y < sourceHeight; y += 4) {
    const [r0, r1, r2, r3] = band(y, sourceHeight);
    for (let x = 0; x < width; x++) {
      const first = start[x]!;
      const taps = x * stride;
      const n = count[x]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < n; k++) {
        const weight = weights[taps + k]!;
        const at = first + k;
        s0 += weight * data[r0 * sourceWidth + at]!;
        s1 += weight * data[r1 * sourceWidth + at]!;
        s2 += weight * data[r2 * sourceWidth + at]!;
        s3 += weight * data[r3 * sourceWidth + at]!;
      }
      rows[r0 * width + x] = s0;
      rows[r1 * width + x] = s1;
      rows[r2 * width + x] = s2;
      rows[r3 * width + x] = s3;
    }
  }
}

/** Rows y to y + 3, the last row standing in for those past it. */
function band(y: number, height: number): [number, number, number, number] {
  return [y, Math.min(y + 1, height - 1), Math.min(y + 2, height - 1), Math.min(y + 3, height - 1)];
}

function resampleRowsOfBytes(data: Uint8Array, sourceWidth: number, sourceHeight: number, across: Taps, width: number, rows: Float32Array): void {
  const { start, count, weights, stride } = across;
  for (let y = 0; y < sourceHeight; y++) {
    const row = y * sourceWidth;
    const out = y * width;
    for (let x = 0; x < width; x++) {
      const first = row + start[x]!;
      const taps = x * stride;
      const n = count[x]!;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += weights[taps + k]! * data[first + k]!;
      rows[out + x] = sum * byteScale;
    }
  }
}

/** The three channels at once: each tap's weight and position are read once for all three. */
function resampleRowsOfRgb(data: Uint8Array, sourceWidth: number, sourceHeight: number, across: Taps, width: number, red: Float32Array, green: Float32Array, blue: Float32Array): void {
  const { start, count, weights, stride } = across;
  for (let y = 0; y < sourceHeight; y++) {
    const row = y * sourceWidth;
    const out = y * width;
    for (let x = 0; x < width; x++) {
      const taps = x * stride;
      const n = count[x]!;
      let at = (row + start[x]!) * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < n; k++, at += 3) {
        const weight = weights[taps + k]!;
        r += weight * data[at]!;
        g += weight * data[at + 1]!;
        b += weight * data[at + 2]!;
      }
      red[out + x] = r * byteScale;
      green[out + x] = g * byteScale;
      blue[out + x] = b * byteScale;
    }
  }
}

/**
 * The columns pass: each output row is a weighted sum of a few rows of `rows`, computed for the
 * whole row at once. One, two or three taps (enlarging, and shrinking by up to 2×) go straight
 * to the output; more are summed in a row of doubles first. Either way each output adds its taps
 * in order, starting from 0 (the `0 +`, which turns a −0 into 0 as a sum from 0 does).
 */
function resampleColumns(rows: Float32Array, width: number, sourceHeight: number, height: number): Plane {
  const { start, count, weights, stride } = taps(sourceHeight, height);
  const out = plane(width, height);
  const values = out.data;
  let sums: Float64Array | undefined;
  for (let y = 0; y < height; y++) {
    const n = count[y]!;
    const w = y * stride;
    const a = start[y]! * width;
    const b = a + width;
    const c = b + width;
    const o = y * width;
    if (n === 1) {
      const w0 = weights[w]!;
      for (let x = 0; x < width; x++) values[o + x] = 0 + w0 * rows[a + x]!;
    } else if (n === 2) {
      const w0 = weights[w]!;
      const w1 = weights[w + 1]!;
      for (let x = 0; x < width; x++) values[o + x] = 0 + w0 * rows[a + x]! + w1 * rows[b + x]!;
    } else if (n === 3) {
      const w0 = weights[w]!;
      const w1 = weights[w + 1]!;
      const w2 = weights[w + 2]!;
      for (let x = 0; x < width; x++) values[o + x] = 0 + w0 * rows[a + x]! + w1 * rows[b + x]! + w2 * rows[c + x]!;
    } else {
      sums ??= new Float64Array(width);
      const w0 = weights[w]!;
      const w1 = weights[w + 1]!;
      for (let x = 0; x < width; x++) sums[x] = 0 + w0 * rows[a + x]! + w1 * rows[b + x]!;
      for (let k = 2; k < n - 1; k++) {
        const weight = weights[w + k]!;
        const from = a + k * width;
        for (let x = 0; x < width; x++) sums[x] = sums[x]! + weight * rows[from + x]!;
      }
      const last = weights[w + n - 1]!;
      const from = a + (n - 1) * width;
      for (let x = 0; x < width; x++) values[o + x] = sums[x]! + last * rows[from + x]!;
    }
  }
  return out;
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
  // Four rows at a time: a running sum is a chain of additions that each wait for the last, and
  // four independent chains keep the processor busy (the rows pass ran 1.5× faster).
  for (let y = 0; y < height; y += 4) sumFourRows(data, rows, width, radius, across, band(y, height));
  const out = plane(width, height);
  sumDownColumns(rows, out.data, width, height, radius);
  return out;
}

/** The running sums along four rows (`band`), side by side, times 1 / the window's width, into `rows`. */
function sumFourRows(data: Float32Array, rows: Float32Array, width: number, radius: number, across: Float32Array, band: number[]): void {
  const a = band[0]! * width;
  const b = band[1]! * width;
  const c = band[2]! * width;
  const d = band[3]! * width;
  let sa = 0;
  let sb = 0;
  let sc = 0;
  let sd = 0;
  for (let x = 0; x < Math.min(radius, width); x++) {
    sa += data[a + x]!;
    sb += data[b + x]!;
    sc += data[c + x]!;
    sd += data[d + x]!;
  }
  let x = 0;
  for (; x <= radius && x < width; x++) {
    if (x + radius < width) {
      const enter = x + radius;
      sa += data[a + enter]!;
      sb += data[b + enter]!;
      sc += data[c + enter]!;
      sd += data[d + enter]!;
    }
    const k = across[x]!;
    rows[a + x] = sa * k;
    rows[b + x] = sb * k;
    rows[c + x] = sc * k;
    rows[d + x] = sd * k;
  }
  for (; x < width - radius; x++) {
    const enter = x + radius;
    const leave = x - radius - 1;
    sa += data[a + enter]! - data[a + leave]!;
    sb += data[b + enter]! - data[b + leave]!;
    sc += data[c + enter]! - data[c + leave]!;
    sd += data[d + enter]! - data[d + leave]!;
    const k = across[x]!;
    rows[a + x] = sa * k;
    rows[b + x] = sb * k;
    rows[c + x] = sc * k;
    rows[d + x] = sd * k;
  }
  for (; x < width; x++) {
    const leave = x - radius - 1;
    sa -= data[a + leave]!;
    sb -= data[b + leave]!;
    sc -= data[c + leave]!;
    sd -= data[d + leave]!;
    const k = across[x]!;
    rows[a + x] = sa * k;
    rows[b + x] = sb * k;
    rows[c + x] = sc * k;
    rows[d + x] = sd * k;
  }
}

/**
 * Each column's running sum of `rows`, times 1 / the window's height, into `values`. Where the
 * window lies inside the plane, four output rows per sweep: each column's sum stays in a register
 * between them instead of going to memory and back.
 */
function sumDownColumns(rows: Float32Array, values: Float32Array, width: number, height: number, radius: number): void {
  const down = windowSizes(height, radius);
  const sums = new Float64Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) sums[x] = sums[x]! + rows[row + x]!;
  }
  for (let y = 0; y < height; ) {
    const enter = y + radius < height ? (y + radius) * width : -1;
    const leave = y - radius - 1 >= 0 ? (y - radius - 1) * width : -1;
    const row = y * width;
    if (leave >= 0 && y + 3 + radius < height) {
      const k0 = down[y]!;
      const k1 = down[y + 1]!;
      const k2 = down[y + 2]!;
      const k3 = down[y + 3]!;
      for (let x = 0; x < width; x++) {
        let sum = sums[x]! + rows[enter + x]! - rows[leave + x]!;
        values[row + x] = sum * k0;
        sum = sum + rows[enter + width + x]! - rows[leave + width + x]!;
        values[row + width + x] = sum * k1;
        sum = sum + rows[enter + 2 * width + x]! - rows[leave + 2 * width + x]!;
        values[row + 2 * width + x] = sum * k2;
        sum = sum + rows[enter + 3 * width + x]! - rows[leave + 3 * width + x]!;
        values[row + 3 * width + x] = sum * k3;
        sums[x] = sum;
      }
      y += 4;
      continue;
    }
    const scale = down[y]!;
    if (enter >= 0 && leave >= 0) {
      for (let x = 0; x < width; x++) values[row + x] = (sums[x] = sums[x]! + rows[enter + x]! - rows[leave + x]!) * scale;
    } else if (enter >= 0) {
      for (let x = 0; x < width; x++) values[row + x] = (sums[x] = sums[x]! + rows[enter + x]!) * scale;
    } else if (leave >= 0) {
      for (let x = 0; x < width; x++) values[row + x] = (sums[x] = sums[x]! - rows[leave + x]!) * scale;
    } else {
      for (let x = 0; x < width; x++) values[row + x] = sums[x]! * scale;
    }
    y++;
  }
}

/**
 * The rows pass's intermediate plane, reused from call to call (these functions run to the end
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

/** Element-wise product of two planes of the same size, into `into` (a new plane unless given one to reuse). */
export function multiply(a: Plane, b: Plane, into: Plane = plane(a.width, a.height)): Plane {
  const values = into.data;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < values.length; i++) values[i] = x[i]! * y[i]!;
  return into;
}
