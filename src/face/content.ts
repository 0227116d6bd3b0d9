/**
 * What the content checks (eyes-open, mouth-closed, sharpness, face-lighting) read from a face's
 * pixels, measured here where the decoded photo is, so the checks stay pure functions of numbers.
 *
 * The pixel statistics are taken on the face resampled to a standard scale: eyes levelled, face
 * width 200 px, about the size it has in a 358×441 ID photo (GA 461: 207 ± 14 px). Measured
 * there, a phone original and the ID photo made from it give the same numbers, and a small face
 * blown up to ID size is as blurred as it will look.
 */
import { fileURLToPath } from 'node:url';
import { ShebaoError } from '../core/errors.js';
import { cropTurned } from './crop.js';
import { centroid } from './detect.js';
import { measureGrimace } from './expression.js';
import { loadFaceModel, readGraphModel, type FaceModel, type GraphModel } from './model.js';
import type { DetectedFace, Point, RgbImage } from './types.js';

export interface FacePixels {
  /**
   * Blur, 0 (sharp) to 1: the share of the face's neighbour-to-neighbour variation that a 9-pixel
   * blur does not remove (Crété-Roffet et al., "The Blur Effect", SPIE Electronic Imaging 2007),
   * the larger of the horizontal and vertical values. Sharp faces measure 0.2–0.45.
   */
  blur: number;
  /** Median luma (0–255) of both cheeks: the skin's exposure. */
  skinLuma: number;
  /** Median luma of each cheek, left and right as seen. */
  cheekLuma: { left: number; right: number };
  /** Share of the face at luma 250 or more: burnt-out highlights. */
  clippedShare: number;
  /** Share of the mouth (outer lip outline) that is tooth-coloured: bright and less coloured than the skin. */
  teethShare: number;
}

export interface FaceContent {
  /**
   * How open each eye is, left and right as seen: the gap between the eyelids over the eye's
   * width, from MediaPipe Iris's eye contour (models/eye-contour). Open eyes measure 0.19–0.45.
   */
  eyeOpenness: { left: number; right: number };
  /**
   * Where the irises look, across: the mean over both eyes of the iris centre's offset from the
   * middle of its eye's corners, in eye widths (corner to corner), positive to the right as seen.
   * From the same model's iris points. Eyes looking at the camera measure about 0.
   */
  gaze: number;
  /** The expression net's probability of a disgusted, fearful or surprised face (src/face/expression.ts). */
  grimace: number;
  pixels: FacePixels;
}

export async function measureFaceContent(image: RgbImage, face: DetectedFace): Promise<FaceContent> {
  const points = face.landmarks.points;
  const { openness, gaze } = await measureEyes(image, points);
  const grimace = await measureGrimace(await loadFaceModel(), image, points);
  return { eyeOpenness: openness, gaze, grimace, pixels: measureFacePixels(image, points, face.faceWidth) };
}

/** Face width in the standard patch, px. */
const patchFaceWidth = 200;
const patchWidth = 240;
const patchHeight = 300;
/** Where the eye midpoint lands in the patch: room for the brows above and the chin below. */
const patchEyes = { x: 120, y: 110 };

interface Patch {
  luma: Float32Array;
  /** The landmarks in patch pixels. */
  points: Point[];
  /** Chroma (largest minus smallest channel) of the source pixel under a patch pixel (nearest). */
  chromaAt(x: number, y: number): number;
}

export function measureFacePixels(image: RgbImage, points: Point[], faceWidth: number): FacePixels {
  const patch = levelledPatch(image, points, faceWidth);
  const p = patch.points;
  const face = polygonMask(shrink([...p.slice(0, 17), ...p.slice(17, 27).reverse()], 0.9));
  // The cheeks: from below the eye to the mouth corner and out to the jaw, pulled in from the
  // outline so that hair, ears and background at the face's edge stay out.
  const left = polygonMask(shrink([p[36]!, p[41]!, p[40]!, p[39]!, p[31]!, p[48]!, p[4]!, p[3]!, p[2]!, p[1]!], 0.7));
  const right = polygonMask(shrink([p[45]!, p[46]!, p[47]!, p[42]!, p[35]!, p[54]!, p[12]!, p[13]!, p[14]!, p[15]!], 0.7));
  const leftLuma = median(valuesIn(patch.luma, left));
  const rightLuma = median(valuesIn(patch.luma, right));
  const skinLuma = median(valuesIn(patch.luma, left, right));
  const faceLuma = valuesIn(patch.luma, face);
  return {
    blur: blurEffect(patch.luma, face),
    skinLuma,
    cheekLuma: { left: leftLuma, right: rightLuma },
    clippedShare: faceLuma.filter((value) => value >= 250).length / Math.max(1, faceLuma.length),
    teethShare: teethShare(patch, polygonMask(p.slice(48, 60)), [left, right], skinLuma),
  };
}

/**
 * The face cut out of the photo with the eyes level and scaled to the standard face width. When
 * the photo's face is larger, each patch pixel is the mean of the source pixels it covers (an
 * integral image), so downscaling adds no aliasing that would pass for sharpness.
 */
function levelledPatch(image: RgbImage, points: Point[], faceWidth: number): Patch {
  const left = centroid(points.slice(36, 42));
  const right = centroid(points.slice(42, 48));
  const mid = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const angle = Math.atan2(right.y - left.y, right.x - left.x);
  const step = faceWidth / patchFaceWidth; // source pixels per patch pixel
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const toSource = (x: number, y: number): Point => ({
    x: mid.x + ((x - patchEyes.x) * cos - (y - patchEyes.y) * sin) * step,
    y: mid.y + ((x - patchEyes.x) * sin + (y - patchEyes.y) * cos) * step,
  });
  const toPatch = (q: Point): Point => {
    const dx = q.x - mid.x;
    const dy = q.y - mid.y;
    return { x: patchEyes.x + (dx * cos + dy * sin) / step, y: patchEyes.y + (-dx * sin + dy * cos) / step };
  };
  const frame = { mid, cos, sin, step };
  const corners = [toSource(0, 0), toSource(patchWidth, 0), toSource(0, patchHeight), toSource(patchWidth, patchHeight)];
  const luma = step > 1 ? boxPatch(image, corners, frame) : bilinearPatch(image, frame);
  return {
    luma,
    points: points.map(toPatch),
    chromaAt(x, y) {
      const at = toSource(x + 0.5, y + 0.5);
      const i = (clampInt(Math.floor(at.y), image.height - 1) * image.width + clampInt(Math.floor(at.x), image.width - 1)) * 3;
      const r = image.data[i]!;
      const g = image.data[i + 1]!;
      const b = image.data[i + 2]!;
      return Math.max(r, g, b) - Math.min(r, g, b);
    },
  };
}

function lumaAt(image: RgbImage, x: number, y: number): number {
  const i = (y * image.width + x) * 3;
  return 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
}

function lumaOrWhite(image: RgbImage, x: number, y: number): number {
  return x < 0 || y < 0 || x >= image.width || y >= image.height ? 255 : lumaAt(image, x, y);
}

function clampInt(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}

/**
 * Where the patch lies on the photo: the eye midpoint, the eye line's angle and the source pixels
 * per patch pixel. Patch pixel (x, y)'s centre is at mid + rotate(x + 0.5 − eyes.x, y + 0.5 − eyes.y) · step.
 * Each sampler below walks the patch itself: a sampler function called once per pixel took twice the time.
 */
interface PatchFrame {
  mid: Point;
  cos: number;
  sin: number;
  step: number;
}

/** Bilinear luma at each patch pixel; outside the photo is white, like the ID photo's background. */
function bilinearPatch(image: RgbImage, { mid, cos, sin, step }: PatchFrame): Float32Array {
  const luma = new Float32Array(patchWidth * patchHeight);
  for (let py = 0; py < patchHeight; py++) {
    const v = py + 0.5 - patchEyes.y;
    for (let px = 0; px < patchWidth; px++) {
      const u = px + 0.5 - patchEyes.x;
      const fx = mid.x + (u * cos - v * sin) * step - 0.5;
      const fy = mid.y + (u * sin + v * cos) * step - 0.5;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const ax = fx - x0;
      const ay = fy - y0;
      luma[py * patchWidth + px] = (lumaOrWhite(image, x0, y0) * (1 - ax) + lumaOrWhite(image, x0 + 1, y0) * ax) * (1 - ay) + (lumaOrWhite(image, x0, y0 + 1) * (1 - ax) + lumaOrWhite(image, x0 + 1, y0 + 1) * ax) * ay;
    }
  }
  return luma;
}

/** Mean luma of the step × step square around each patch pixel, from an integral image of the region the patch covers (`corners`). */
function boxPatch(image: RgbImage, corners: Point[], { mid, cos, sin, step }: PatchFrame): Float32Array {
  const x0 = clampInt(Math.floor(Math.min(...corners.map((c) => c.x)) - step), image.width);
  const x1 = clampInt(Math.ceil(Math.max(...corners.map((c) => c.x)) + step), image.width);
  const y0 = clampInt(Math.floor(Math.min(...corners.map((c) => c.y)) - step), image.height);
  const y1 = clampInt(Math.ceil(Math.max(...corners.map((c) => c.y)) + step), image.height);
  const w = x1 - x0;
  const h = y1 - y0;
  const sums = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += lumaAt(image, x0 + x, y0 + y);
      sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1]! + row;
    }
  }
  const half = step / 2;
  const luma = new Float32Array(patchWidth * patchHeight);
  for (let py = 0; py < patchHeight; py++) {
    const v = py + 0.5 - patchEyes.y;
    for (let px = 0; px < patchWidth; px++) {
      const u = px + 0.5 - patchEyes.x;
      const x = mid.x + (u * cos - v * sin) * step;
      const y = mid.y + (u * sin + v * cos) * step;
      const left = clampInt(Math.round(x - half) - x0, w);
      const top = clampInt(Math.round(y - half) - y0, h);
      const right = clampInt(Math.round(x + half) - x0, w);
      const bottom = clampInt(Math.round(y + half) - y0, h);
      if (right <= left || bottom <= top) {
        luma[py * patchWidth + px] = 255; // outside the photo
        continue;
      }
      const sum = sums[bottom * (w + 1) + right]! - sums[top * (w + 1) + right]! - sums[bottom * (w + 1) + left]! + sums[top * (w + 1) + left]!;
      luma[py * patchWidth + px] = sum / ((right - left) * (bottom - top));
    }
  }
  return luma;
}

/**
 * Crété-Roffet's blur effect: blur the picture with a 9-pixel line, and see how much of the
 * difference between neighbouring pixels goes away. In a sharp face much does (edges and skin
 * texture); in a blurred one there was little left to remove. 0 sharp, 1 fully blurred.
 */
function blurEffect(luma: Float32Array, mask: Uint8Array): number {
  const reach = 4;
  const blurred = (i: number, stride: number): number => {
    let sum = 0;
    for (let t = -reach; t <= reach; t++) sum += luma[i + t * stride]!;
    return sum / (2 * reach + 1);
  };
  let vertical = 0;
  let verticalLost = 0;
  let horizontal = 0;
  let horizontalLost = 0;
  // A pixel's blurred values are needed again by the pixel below and the one to its right: they
  // are kept (the row above's, and the last pixel's) when those were in the mask too.
  const above = new Float64Array(patchWidth);
  let left = 0;
  for (let y = reach + 1; y < patchHeight - reach; y++) {
    for (let x = reach + 1; x < patchWidth - reach; x++) {
      const i = y * patchWidth + x;
      if (!mask[i]) continue;
      const dv = Math.abs(luma[i]! - luma[i - patchWidth]!);
      const dh = Math.abs(luma[i]! - luma[i - 1]!);
      vertical += dv;
      horizontal += dh;
      const down = blurred(i, patchWidth);
      const downAbove = y > reach + 1 && mask[i - patchWidth] ? above[x]! : blurred(i - patchWidth, patchWidth);
      const across = blurred(i, 1);
      const acrossLeft = x > reach + 1 && mask[i - 1] ? left : blurred(i - 1, 1);
      above[x] = down;
      left = across;
      verticalLost += Math.max(0, dv - Math.abs(down - downAbove));
      horizontalLost += Math.max(0, dh - Math.abs(across - acrossLeft));
    }
  }
  if (vertical === 0 || horizontal === 0) return 1;
  return Math.max((vertical - verticalLost) / vertical, (horizontal - horizontalLost) / horizontal);
}

/**
 * Teeth are brighter than most of the skin and less coloured than skin or lips; lips and the
 * dark inside of an open mouth are neither.
 */
function teethShare(patch: Patch, mouth: Uint8Array, cheeks: Uint8Array[], skinLuma: number): number {
  const skinChroma: number[] = [];
  for (const cheek of cheeks) for (let i = 0; i < cheek.length; i++) if (cheek[i]) skinChroma.push(patch.chromaAt(i % patchWidth, Math.floor(i / patchWidth)));
  const limit = 0.7 * median(skinChroma);
  let teeth = 0;
  let total = 0;
  for (let i = 0; i < mouth.length; i++) {
    if (!mouth[i]) continue;
    total++;
    const x = i % patchWidth;
    const y = Math.floor(i / patchWidth);
    if (patch.luma[i]! > 0.85 * skinLuma && patch.chromaAt(x, y) < limit) teeth++;
  }
  return total === 0 ? 0 : teeth / total;
}

function polygonMask(polygon: Point[]): Uint8Array {
  const mask = new Uint8Array(patchWidth * patchHeight);
  for (let y = 0; y < patchHeight; y++) {
    const cy = y + 0.5;
    const crossings: number[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i]!;
      const b = polygon[(i + 1) % polygon.length]!;
      if (a.y <= cy !== b.y <= cy) crossings.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    crossings.sort((a, b) => a - b);
    for (let j = 0; j + 1 < crossings.length; j += 2) {
      const from = Math.max(0, Math.ceil(crossings[j]! - 0.5));
      const to = Math.min(patchWidth - 1, Math.floor(crossings[j + 1]! - 0.5));
      for (let x = from; x <= to; x++) mask[y * patchWidth + x] = 1;
    }
  }
  return mask;
}

function shrink(polygon: Point[], factor: number): Point[] {
  const c = centroid(polygon);
  return polygon.map((q) => ({ x: c.x + (q.x - c.x) * factor, y: c.y + (q.y - c.y) * factor }));
}

/** The values under the masks, one mask after the other. */
function valuesIn(values: Float32Array, ...masks: Uint8Array[]): Float64Array {
  let count = 0;
  for (const mask of masks) for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
  const found = new Float64Array(count);
  let n = 0;
  for (const mask of masks) for (let i = 0; i < mask.length; i++) if (mask[i]) found[n++] = values[i]!;
  return found;
}

/**
 * The upper middle value, as sorting would find it, by quickselect on a copy: sorting took a
 * quarter of this file's time. Should the partitions not converge (contrived input), the rest is
 * sorted after `maxRounds` of them.
 */
function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const copy = new Float64Array(values);
  const k = Math.floor(copy.length / 2);
  let low = 0;
  let high = copy.length - 1;
  for (let round = 0; low < high; round++) {
    if (round === maxRounds) return copy.subarray(low, high + 1).sort()[k - low]!;
    const pivot = copy[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (copy[i]! < pivot) i++;
      while (copy[j]! > pivot) j--;
      if (i <= j) {
        const swap = copy[i]!;
        copy[i++] = copy[j]!;
        copy[j--] = swap;
      }
    }
    // Now low..j holds values ≤ pivot, i..high values ≥ pivot, and anything between is the pivot.
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return pivot;
  }
  return copy[k]!;
}

const maxRounds = 64;

type Tf = FaceModel['tf'];

/** The vendored model folder (works from src/ under tsx and from dist/). */
const eyeModelDir = fileURLToPath(new URL('../../models/eye-contour/', import.meta.url));
const eyeInput = 64;
/** Index of the iris centre in the model's output points (after the 71 eye-contour points). */
const irisCentre = 71;
/** Crop side in eye widths (corner to corner), as MediaPipe Iris was trained. */
const eyeCropScale = 2.3;

let eyeModel: Promise<{ tf: Tf; graph: GraphModel }> | undefined;

/** Loaded once per thread on the face model's TensorFlow.js instance; read from disk, never fetched. */
function loadEyeModel(): Promise<{ tf: Tf; graph: GraphModel }> {
  eyeModel ??= (async () => {
    const { tf } = await loadFaceModel();
    try {
      const graph = await readGraphModel(tf, eyeModelDir, 'iris');
      return { tf, graph };
    } catch (error) {
      throw new ShebaoError('face-model-unavailable', { reason: error instanceof Error ? error.message : String(error) }, { cause: error });
    }
  })();
  return eyeModel;
}

/**
 * Each eye is cut out level, 2.3 corner distances wide, at 64×64; the right-hand eye is mirrored
 * because the model knows one side. Openness: the mean of two eyelid gaps (contour points 11–3 and
 * 13–5, a third and two thirds along the lids) over the corner distance (points 0–8), the eye
 * aspect ratio of Soukupová and Čech (CVWW 2016) on the model's contour. Gaze: the iris centre
 * (the first of the 5 iris points after the 71 contour points) against the middle of the corners,
 * along the crop's x axis (turned back for the mirrored eye).
 */
async function measureEyes(image: RgbImage, points: Point[]): Promise<{ openness: { left: number; right: number }; gaze: number }> {
  const { tf, graph } = await loadEyeModel();
  const eyes = [
    { outer: points[36]!, inner: points[39]!, mirror: false },
    { outer: points[42]!, inner: points[45]!, mirror: true },
  ];
  const pixels = new Float32Array(eyes.length * eyeInput * eyeInput * 3);
  eyes.forEach(({ outer: a, inner: b, mirror }, k) => {
    const square = { centre: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, angle: Math.atan2(b.y - a.y, b.x - a.x), side: eyeCropScale * Math.hypot(b.x - a.x, b.y - a.y), mirror, outside: 'white' as const };
    cropTurned(image, square, eyeInput, pixels.subarray(k * eyeInput * eyeInput * 3));
  });
  const input = tf.tensor4d(pixels, [eyes.length, eyeInput, eyeInput, 3]);
  let output: ReturnType<GraphModel['execute']> | undefined;
  try {
    output = graph.execute(input);
    const tensor = Array.isArray(output) ? output[0]! : (output as Exclude<typeof output, unknown[]>);
    const values = (await tensor.data()) as Float32Array;
    const perEye = values.length / eyes.length;
    const openness = eyes.map((_, k) => {
      const at = (i: number): Point => ({ x: values[k * perEye + i * 3]!, y: values[k * perEye + i * 3 + 1]! });
      const gap = (a: number, b: number) => Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y);
      return (gap(11, 3) + gap(13, 5)) / (2 * Math.max(1e-6, gap(0, 8)));
    });
    const across = eyes.map((eye, k) => {
      const at = (i: number): Point => ({ x: values[k * perEye + i * 3]!, y: values[k * perEye + i * 3 + 1]! });
      const offset = (at(irisCentre).x - (at(0).x + at(8).x) / 2) / Math.max(1e-6, Math.abs(at(8).x - at(0).x));
      return eye.mirror ? -offset : offset;
    });
    return { openness: { left: openness[0]!, right: openness[1]! }, gaze: (across[0]! + across[1]!) / 2 };
  } finally {
    input.dispose();
    for (const tensor of Array.isArray(output) ? output : output ? [output] : []) (tensor as { dispose(): void }).dispose();
  }
}

