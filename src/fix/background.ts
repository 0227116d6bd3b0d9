/**
 * Making a light, plain background clean white, and saying honestly when it is not light or plain.
 *
 * No person segmentation: the background is what is connected to the photo's top and side edges
 * and close in colour to the wall measured beside the head. Each of those pixels moves towards
 * white by how close it is to the wall's colour, so the wall becomes white and the hair's soft edge
 * keeps its shape (a strand half over the wall is lightened by half). Things inside the head that
 * happen to be light (the whites of the eyes, teeth, earrings) are not connected to the edges and
 * stay as they are.
 */
import { luma } from '../core/colour.js';
import { clamp, clampByte, median, quantile } from '../core/math.js';
import type { RgbImage } from '../face/types.js';
import type { Rgb } from '../photo/blocks.js';

export type BackgroundVerdict =
  | { kind: 'light'; colour: Rgb; spread: number }
  | { kind: 'already-white' | 'dark' | 'coloured' | 'busy'; colour: Rgb; spread: number };

/**
 * Where the wall is judged: the two top corners, 12% of the width by 15% of the height. In a
 * framed ID photo the crown is round and the hair top 7–21 px below the edge, so the corners are
 * wall even when long hair fills the sides lower down; a photo whose corners are busy is busy.
 */
const corner = { width: 0.12, height: 0.15 } as const;

/**
 * Thresholds. Distances are Euclidean in RGB (0–441).
 * - lightest luma that is not "dark": a white wall photographed indoors without a flash reads
 *   160–200; a grey wall 120–150, which would leave grey fringes round the hair if pushed to white.
 * - chroma (largest minus smallest channel of the wall's median colour): a white or warm-white
 *   wall in lamp light reads 10–30; the blue and red studio backdrops 150 and more.
 * - plain: three quarters of the sampled pixels within `maxSpread` of the median colour, and
 *   `minNearShare` of them within `nearDistance` (a lock of hair reaching into a corner is
 *   tolerated). Window blinds, shelves and patterned wallpaper fail this.
 */
export const backgroundLimits = {
  minLuma: 150,
  maxChroma: 48,
  maxSpread: 14,
  nearDistance: 30,
  minNearShare: 0.8,
  /** A wall whose every channel is at least this already counts as white. */
  whiteChannel: 250,
} as const;

/**
 * Judge the wall behind the head. `skipTop` rows (white rows added above the photo) are left out
 * of the sample.
 */
export function assessBackground(image: RgbImage, skipTop = 0): BackgroundVerdict {
  const pixels = samplePixels(image, skipTop);
  const colour: Rgb = { r: median(pixels.map((p) => p.r)), g: median(pixels.map((p) => p.g)), b: median(pixels.map((p) => p.b)) };
  const distances = pixels.map((p) => distance(p, colour));
  const spread = quantile(distances, 0.75);
  const nearShare = distances.filter((d) => d <= backgroundLimits.nearDistance).length / Math.max(1, distances.length);
  const { r, g, b } = colour;
  const lightness = luma(r, g, b);
  const chroma = Math.max(r, g, b) - Math.min(r, g, b);
  const verdict = (kind: BackgroundVerdict['kind']): BackgroundVerdict => ({ kind, colour, spread }) as BackgroundVerdict;
  // Busy first: a room is described as busy whatever its colours; then what a plain wall is.
  if (spread > backgroundLimits.maxSpread || nearShare < backgroundLimits.minNearShare) return verdict('busy');
  if (chroma > backgroundLimits.maxChroma) return verdict('coloured');
  if (lightness < backgroundLimits.minLuma) return verdict('dark');
  if (Math.min(r, g, b) >= backgroundLimits.whiteChannel) return verdict('already-white');
  return verdict('light');
}

/**
 * Whiten the wall in place. `colour` and `spread` come from assessBackground. Returns the share of
 * the image that was treated as background.
 *
 * A wall is rarely one colour: a lamp on one side or the ceiling light makes it a gradient. So the
 * wall found with the corners' colour is fitted with a plane per channel (colour = a + b·x + c·y),
 * and each pixel is compared with, and moved by, the wall's colour where it stands.
 */
export function whitenBackground(image: RgbImage, colour: Rgb, spread: number): number {
  const { data, width, height } = image;
  // Below `inner` a pixel is the wall (sensor noise included) and becomes pure white; beyond
  // `outer` it is something else and stays; in between it is a mix (a hair strand, an edge).
  const inner = Math.max(10, 2.5 * spread);
  const outer = inner + 40;
  const flat = () => colour;
  const wall = fitWall(image, connectedBackground(image, flat, outer)) ?? flat;
  const region = connectedBackground(image, wall, outer);
  let count = 0;
  for (let i = 0; i < width * height; i++) {
    if (region[i] === 0) continue;
    count++;
    const at = i * 3;
    const local = wall(i % width, Math.floor(i / width));
    const d = distance(pixelAt(data, at), local);
    const t = clamp((d - inner) / (outer - inner), 0, 1);
    const keep = t * t * (3 - 2 * t); // smoothstep: no visible step where the mix starts
    data[at] = lift(data[at]!, local.r, keep);
    data[at + 1] = lift(data[at + 1]!, local.g, keep);
    data[at + 2] = lift(data[at + 2]!, local.b, keep);
  }
  return count / (width * height);
}

/** One channel moved towards white by the share of the wall's colour not kept; pure white when nothing is kept. */
function lift(value: number, wall: number, keep: number): number {
  return keep === 0 ? 255 : clampByte(value + (1 - keep) * (255 - wall));
}

type WallColour = (x: number, y: number) => Rgb;

/**
 * Least-squares plane through the wall's colour, per channel, from every 4th pixel of the region;
 * undefined when the region is too small to fit.
 */
function fitWall(image: RgbImage, region: Uint8Array): WallColour | undefined {
  const { data, width } = image;
  // Normal equations for [1, x, y]: sums of products, and of products with each channel.
  const m = new Float64Array(9);
  const v = [new Float64Array(3), new Float64Array(3), new Float64Array(3)];
  let n = 0;
  for (let i = 0; i < region.length; i += 4) {
    if (region[i] === 0) continue;
    const x = (i % width) / width;
    const y = Math.floor(i / width) / width;
    const basis = [1, x, y];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r * 3 + c]! += basis[r]! * basis[c]!;
      for (let k = 0; k < 3; k++) v[k]![r]! += basis[r]! * data[i * 3 + k]!;
    }
    n++;
  }
  if (n < 100) return undefined;
  const planes = v.map((rhs) => solve3(m, rhs));
  if (planes.some((plane) => plane === undefined)) return undefined;
  const [pr, pg, pb] = planes as number[][];
  const plane = (p: number[], x: number, y: number) => p[0]! + (p[1]! * x) / width + (p[2]! * y) / width;
  return (x, y) => ({ r: plane(pr!, x, y), g: plane(pg!, x, y), b: plane(pb!, x, y) });
}

/** Solve a 3×3 linear system by Cramer's rule; undefined when it is singular. */
function solve3(m: Float64Array, b: Float64Array): number[] | undefined {
  const det = (a: ArrayLike<number>) => a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return undefined;
  return [0, 1, 2].map((col) => {
    const replaced = Float64Array.from(m);
    for (let r = 0; r < 3; r++) replaced[r * 3 + col] = b[r]!;
    return det(replaced) / d;
  });
}

/** Pixels within `limit` of the wall colour, connected to the top edge or the sides (4-neighbours). */
function connectedBackground(image: RgbImage, wall: WallColour, limit: number): Uint8Array {
  const { data, width, height } = image;
  const region = new Uint8Array(width * height);
  const stack: number[] = [];
  const near = (i: number) => distance(pixelAt(data, i * 3), wall(i % width, Math.floor(i / width))) < limit;
  const seed = (i: number) => {
    if (region[i] === 0 && near(i)) {
      region[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) seed(x);
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i + width < width * height) seed(i + width);
  }
  return region;
}

function samplePixels(image: RgbImage, skipTop: number): Rgb[] {
  const { data, width, height } = image;
  const side = Math.max(1, Math.round(width * corner.width));
  const top = Math.min(skipTop, height - 1);
  const bottom = Math.min(height, top + Math.max(1, Math.round(height * corner.height)));
  const pixels: Rgb[] = [];
  for (let y = top; y < bottom; y++) {
    for (const x0 of [0, width - side]) {
      for (let x = x0; x < x0 + side; x++) {
        pixels.push(pixelAt(data, (y * width + x) * 3));
      }
    }
  }
  return pixels;
}

function pixelAt(data: RgbImage['data'], at: number): Rgb {
  return { r: data[at]!, g: data[at + 1]!, b: data[at + 2]! };
}

function distance(p: Rgb, q: Rgb): number {
  return Math.hypot(p.r - q.r, p.g - q.g, p.b - q.b);
}
