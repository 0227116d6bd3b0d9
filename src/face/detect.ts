/**
 * Finds faces and their landmarks in decoded pixels and turns the 68 landmarks into the geometry
 * the photo specs speak of: face width, the eye line and its midpoint, and the head's tilt.
 */
import { ShebaoError } from '../core/errors.js';
import { loadFaceModel } from './model.js';
import type { Box, DetectedFace, FaceLandmarks, Point, RgbImage } from './types.js';

export interface DetectOptions {
  /**
   * Side of the square the detector sees, a multiple of 32. The detector only has to place a
   * search window; the landmarks are found at full resolution inside it. On a 358×441 photo
   * 160 finds faces from about 60 px wide to the full frame (measured: scripts/bench-face.ts).
   */
  inputSize?: number;
  /** Lowest detector confidence counted as a face. */
  minScore?: number;
}

export const defaultDetectOptions: Required<DetectOptions> = { inputSize: 160, minScore: 0.5 };

/** Faces in the image, left to right, in the image's pixel coordinates. Loads the model on first use. */
export async function detectFaces(image: RgbImage, options: DetectOptions = {}): Promise<DetectedFace[]> {
  assertRgbImage(image);
  const { inputSize, minScore } = { ...defaultDetectOptions, ...options };
  if (!Number.isInteger(inputSize) || inputSize < 64 || inputSize % 32 !== 0) {
    throw new ShebaoError(`inputSize 须为 32 的倍数且不小于 64 / inputSize must be a multiple of 32, at least 64; got ${inputSize}`);
  }
  const { faceapi, tf } = await loadFaceModel();
  const input = tf.tensor3d(padToSquare(image), [squareSide(image), squareSide(image), 3], 'float32');
  try {
    const found = await faceapi
      .detectAllFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: minScore }))
      .withFaceLandmarks();
    return found
      .map((result) => describeFace(result.landmarks.positions, result.detection.box, result.detection.score, image))
      .sort((a, b) => a.eyeLine.midX - b.eyeLine.midX);
  } finally {
    input.dispose();
  }
}

function assertRgbImage(image: RgbImage): void {
  const { data, width, height, channels } = image;
  const sizeOk = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  if (channels !== 3 || !sizeOk || data.length !== width * height * 3) {
    throw new ShebaoError(
      `人脸检测需要 RGB 像素 / face detection needs RGB pixels: expected ${width}×${height}×3 = ${width * height * 3} bytes, got ${data.length} bytes with ${channels} channels`,
    );
  }
}

function squareSide(image: RgbImage): number {
  return Math.max(image.width, image.height);
}

/**
 * The image as float32 on a black square, padded at the right or bottom. face-api pads every input
 * to a square the same way, but does it with a concat that the WASM backend runs element by element
 * in JavaScript (~10% of the time per photo); copying the rows here costs nearly nothing, and the
 * coordinates stay those of the original image because the padding is after it.
 */
function padToSquare(image: RgbImage): Float32Array {
  const side = squareSide(image);
  const square = new Float32Array(side * side * 3);
  const rowLength = image.width * 3;
  for (let y = 0; y < image.height; y++) {
    const from = y * rowLength;
    const to = y * side * 3;
    for (let i = 0; i < rowLength; i++) square[to + i] = image.data[from + i]!;
  }
  return square;
}

/** The 68-point scheme (iBUG 300-W): 0–16 jaw, 30 nose tip, 36–41 and 42–47 the eyes, 48–59 outer lip. */
function describeFace(positions: Point[], box: Box, score: number, image: RgbImage): DetectedFace {
  const at = (i: number): Point => ({ x: positions[i]!.x, y: positions[i]!.y });
  const leftEye = centroid(positions.slice(36, 42));
  const rightEye = centroid(positions.slice(42, 48));
  const landmarks: FaceLandmarks = {
    leftEye,
    rightEye,
    nose: at(30),
    mouth: centroid(positions.slice(48, 60)),
    chin: at(8),
    jaw: positions.slice(0, 17).map((p) => ({ x: p.x, y: p.y })),
  };
  const dx = rightEye.x - leftEye.x;
  const dy = rightEye.y - leftEye.y;
  return {
    box: clipBox(box, image),
    score,
    landmarks,
    faceWidth: measureFaceWidth(landmarks.jaw, leftEye, rightEye),
    eyeLine: { y: Math.max(leftEye.y, rightEye.y), midX: (leftEye.x + rightEye.x) / 2 },
    tiltDegrees: (Math.atan2(dy, dx) * 180) / Math.PI,
  };
}

/**
 * 脸部宽度: the breadth of the face itself, cheek to cheek, without ears and hair. The jaw outline's
 * upper points (0/16, 1/15, 2/14) sit on the face's edge from ear level down past the cheekbones,
 * so the widest of those pairs, measured along the eye line (so a tilted head is not shortened), is
 * the face width. The detector's box is no measure of it: on one face its width moved between 220
 * and 257 px with the detector's input size while this width stayed within 180–185 px.
 */
function measureFaceWidth(jaw: Point[], leftEye: Point, rightEye: Point): number {
  const length = Math.hypot(rightEye.x - leftEye.x, rightEye.y - leftEye.y) || 1;
  const ux = (rightEye.x - leftEye.x) / length;
  const uy = (rightEye.y - leftEye.y) / length;
  let widest = 0;
  for (let k = 0; k <= 2; k++) {
    const a = jaw[k]!;
    const b = jaw[16 - k]!;
    widest = Math.max(widest, Math.abs((b.x - a.x) * ux + (b.y - a.y) * uy));
  }
  return widest;
}

function centroid(points: Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
}

function clipBox(box: Box, image: RgbImage): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(image.width, box.x + box.width) - x),
    height: Math.max(0, Math.min(image.height, box.y + box.height) - y),
  };
}
