/**
 * Hands around a face, on the CPU, offline: MediaPipe Hands' palm detector finds palm-like shapes
 * in a square around the head, and its hand-landmark model (lite) says how sure it is that each
 * one is a hand. Both are vendored in models/hands/ (Apache-2.0, see its README.md) and run on the
 * face model's tfjs WebAssembly backend, loaded lazily once per thread.
 *
 * Neither model alone is enough on ID photos: the palm detector takes a chin, a neck or a beard for
 * a palm at scores up to 1.0, and the landmark model, which always sees a hand in its crop, still
 * gives a face crop up to 0.87. Their product separates them better (see docs/check-photo.md,
 * `hands`); where on the photo a hand counts is the check's decision (src/photo/checks/hands.ts).
 */
import { fileURLToPath } from 'node:url';
import { ShebaoError } from '../core/errors.js';
import { cropTurned } from '../face/crop.js';
import { loadFaceModel, readGraphModel, type FaceModel, type GraphModel } from '../face/model.js';
import type { DetectedFace, RgbImage } from '../face/types.js';
import { cutRect, resampleRgb } from '../segment/planes.js';

/** A hand found near the face, in the image's pixels. */
export interface HandSeen {
  /** The palm's centre. */
  x: number;
  y: number;
  /** The palm box's side. */
  size: number;
  /** The palm detector's score times the landmark model's hand probability, 0–1. */
  score: number;
}

type Tf = FaceModel['tf'];

interface HandModels {
  tf: Tf;
  palm: GraphModel;
  landmarks: GraphModel;
}

/** The vendored model folder (works from src/ under tsx and from dist/). */
const handModelDir = fileURLToPath(new URL('../../models/hands/', import.meta.url));

/** The palm detector's input side, px. */
const palmInput = 256;
/** The landmark model's input side, px. */
const landmarkInput = 224;
/** The square searched, in face widths, centred just below the eyes: an ID photo's frame with room for a palm half inside it. */
const regionFaceWidths = 2.6;
/** How far below the eye line the square's centre lies, in face widths. */
const regionBelowEyes = 0.05;
/** Palm detections below this (before the landmark model's look) are dropped. */
const palmMinScore = 0.5;
/** At most this many palms get the landmark model's look (the most confident ones). */
const maxPalms = 4;
/** Two palm boxes overlapping more than this (intersection over union) are one palm. */
const sameBox = 0.3;
/** MediaPipe's hand region from a palm: moved half a palm towards the fingers, 2.6 palms wide. */
const handShift = 0.5;
const handScale = 2.6;

let loading: Promise<HandModels> | undefined;

/** Loaded once per thread on the face model's TensorFlow.js instance; a failed load is kept. */
export function loadHandModels(): Promise<HandModels> {
  loading ??= (async () => {
    const { tf } = await loadFaceModel();
    try {
      const [palm, landmarks] = await Promise.all([readGraphModel(tf, handModelDir, 'handdetect'), readGraphModel(tf, handModelDir, 'handlandmark-lite')]);
      return { tf, palm, landmarks };
    } catch (error) {
      throw new ShebaoError('hand-model-unavailable', { reason: error instanceof Error ? error.message : String(error) }, { cause: error });
    }
  })();
  return loading;
}

/**
 * Hands near `face` in `image`: every palm the detector finds in a square of 2.6 face widths around
 * the head, scored by both models, most confident first. Loads the models on first use.
 */
export async function findHands(image: RgbImage, face: DetectedFace): Promise<HandSeen[]> {
  const models = await loadHandModels();
  const side = regionFaceWidths * face.faceWidth;
  const region = { x: face.eyeLine.midX - side / 2, y: face.eyeLine.y + regionBelowEyes * face.faceWidth - side / 2, side };
  const palms = await detectPalms(models, image, region);
  const hands: HandSeen[] = [];
  for (const palm of palms) {
    const presence = await handPresence(models, image, palm);
    hands.push({ x: palm.x, y: palm.y, size: palm.size, score: palm.score * presence });
  }
  return hands.sort((a, b) => b.score - a.score);
}

interface Palm {
  x: number;
  y: number;
  size: number;
  score: number;
  /** Turn (radians) that brings the fingers up: from the wrist to the middle finger's base. */
  rotation: number;
}

/** The 2944 anchor centres of MediaPipe's 256-px palm detector, in input fractions, in the model's output order. */
const anchors: Float32Array = (() => {
  const centres: number[] = [];
  for (const [stride, perCell] of [[8, 2], [16, 2], [32, 6]] as const) {
    const cells = palmInput / stride;
    for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let a = 0; a < perCell; a++) centres.push((x + 0.5) / cells, (y + 0.5) / cells);
  }
  return Float32Array.from(centres);
})();

/** Palms in a square region of the image (black beyond the image's edges, as MediaPipe pads), non-overlapping, most confident first. */
async function detectPalms({ tf, palm }: HandModels, image: RgbImage, region: { x: number; y: number; side: number }): Promise<Palm[]> {
  const input = tf.tensor4d(regionPixels(image, region), [1, palmInput, palmInput, 3]);
  let raw: Float32Array;
  try {
    const output = palm.execute(input) as ReturnType<Tf['tensor']>;
    try {
      raw = (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
  const values = 19;
  const count = anchors.length / 2;
  if (raw.length !== count * values) throw new ShebaoError('hand-model-unavailable', { reason: `unexpected palm output of ${raw.length} values` });
  // Output per anchor: score (logit), box centre offset and size, then 7 keypoints (wrist first,
  // the middle finger's base third), all in input pixels relative to the anchor.
  const toImage = (anchor: number, dx: number, dy: number): { x: number; y: number } => ({
    x: region.x + (anchors[2 * anchor]! + dx / palmInput) * region.side,
    y: region.y + (anchors[2 * anchor + 1]! + dy / palmInput) * region.side,
  });
  const found: Palm[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * values;
    const score = 1 / (1 + Math.exp(-raw[at]!));
    if (score < palmMinScore) continue;
    const centre = toImage(i, raw[at + 1]!, raw[at + 2]!);
    const wrist = toImage(i, raw[at + 5]!, raw[at + 6]!);
    const middle = toImage(i, raw[at + 9]!, raw[at + 10]!);
    const size = (Math.max(raw[at + 3]!, raw[at + 4]!) / palmInput) * region.side;
    found.push({ ...centre, size, score, rotation: Math.PI / 2 - Math.atan2(-(middle.y - wrist.y), middle.x - wrist.x) });
  }
  found.sort((a, b) => b.score - a.score);
  const kept: Palm[] = [];
  for (const candidate of found) {
    if (kept.length === maxPalms) break;
    if (!kept.some((palm) => overlap(palm, candidate) > sameBox)) kept.push(candidate);
  }
  return kept;
}

/** Intersection over union of two square palm boxes. */
function overlap(a: Palm, b: Palm): number {
  const across = Math.max(0, Math.min(a.x + a.size / 2, b.x + b.size / 2) - Math.max(a.x - a.size / 2, b.x - b.size / 2));
  const down = Math.max(0, Math.min(a.y + a.size / 2, b.y + b.size / 2) - Math.max(a.y - a.size / 2, b.y - b.size / 2));
  const shared = across * down;
  return shared / (a.size * a.size + b.size * b.size - shared);
}

/**
 * The region at the palm detector's input size, RGB scaled to −1…1, black beyond the image's edges.
 * Only the part inside the image is copied and resampled (area-averaged when it shrinks), so the
 * memory stays within the image's own size however far the square reaches out.
 */
function regionPixels(image: RgbImage, region: { x: number; y: number; side: number }): Float32Array {
  const pixels = new Float32Array(palmInput * palmInput * 3).fill(-1);
  const scale = palmInput / region.side;
  const x0 = Math.max(0, Math.round(region.x));
  const y0 = Math.max(0, Math.round(region.y));
  const x1 = Math.min(image.width, Math.round(region.x + region.side));
  const y1 = Math.min(image.height, Math.round(region.y + region.side));
  const left = Math.min(palmInput - 1, Math.max(0, Math.round((x0 - region.x) * scale)));
  const top = Math.min(palmInput - 1, Math.max(0, Math.round((y0 - region.y) * scale)));
  const width = Math.min(palmInput - left, Math.round((x1 - x0) * scale));
  const height = Math.min(palmInput - top, Math.round((y1 - y0) * scale));
  if (width < 1 || height < 1) return pixels;
  const inside = cutRect(image.data, image.width, 3, { left: x0, top: y0, width: x1 - x0, height: y1 - y0 });
  const [red, green, blue] = resampleRgb({ data: inside, width: x1 - x0, height: y1 - y0, channels: 3 }, width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = y * width + x;
      const to = ((top + y) * palmInput + left + x) * 3;
      pixels[to] = red.data[from]! * 2 - 1;
      pixels[to + 1] = green.data[from]! * 2 - 1;
      pixels[to + 2] = blue.data[from]! * 2 - 1;
    }
  }
  return pixels;
}

/**
 * The landmark model's probability that the palm is a hand: MediaPipe's hand region (the palm
 * moved towards the fingers and enlarged, turned so the fingers point up) cut out at 224×224,
 * bilinear, edges repeated.
 */
async function handPresence({ tf, landmarks }: HandModels, image: RgbImage, palm: Palm): Promise<number> {
  const shift = -handShift * palm.size;
  const centre = { x: palm.x - shift * Math.sin(palm.rotation), y: palm.y + shift * Math.cos(palm.rotation) };
  const pixels = new Float32Array(landmarkInput * landmarkInput * 3);
  cropTurned(image, { centre, angle: palm.rotation, side: handScale * palm.size, outside: 'edge' }, landmarkInput, pixels);
  const input = tf.tensor4d(pixels, [1, landmarkInput, landmarkInput, 3]);
  try {
    const output = landmarks.execute(input, 'Identity_1') as ReturnType<Tf['tensor']>;
    try {
      return (await output.data())[0] ?? 0;
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}
