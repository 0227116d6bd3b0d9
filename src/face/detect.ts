/**
 * Finds faces and their landmarks in decoded pixels and turns the 68 landmarks into the geometry
 * the photo specs speak of: face width, the eye line and its midpoint, and the head's tilt.
 */
import { ShebaoError } from '../core/errors.js';
import { loadFaceModel } from './model.js';
import type { FaceDetection } from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import type { Box, DetectedFace, FaceLandmarks, Point, RgbImage } from './types.js';

export interface DetectOptions {
  /**
   * Sides of the squares the detector looks at, each a multiple of 32; the faces found at each are
   * merged. The detector only places a search window per face; the landmarks are then found at full
   * resolution inside it. See defaultDetectOptions for why two sizes.
   */
  inputSizes?: number[];
  /** Lowest detector confidence counted as a face. */
  minScore?: number;
}

/**
 * The tiny face detector's confidence jumps with how a face falls on its grid: on 80 framings of
 * 8 faces from face-api's demo photos at 358×441 (face widths 150–270 px), single sizes missed
 * 1 (160), 1 (192), 4 (224), 11 (256) or 6 (288) faces at confidence 0.5, while the pairs
 * 160+224, 192+224, 192+256 and 192+288 missed none; 160+224 costs least. 0.5 is face-api's own
 * default: at 0.4–0.45 the detector already returned a leather sleeve as a face.
 */
export const defaultDetectOptions: Required<DetectOptions> = { inputSizes: [160, 224], minScore: 0.5 };

/** Boxes from the different sizes overlapping more than this (intersection over union) are one face. */
const sameFaceIou = 0.4;

/** Faces in the image, left to right, in the image's pixel coordinates. Loads the model on first use. */
export async function detectFaces(image: RgbImage, options: DetectOptions = {}): Promise<DetectedFace[]> {
  assertRgbImage(image);
  const { inputSizes, minScore } = { ...defaultDetectOptions, ...options };
  for (const size of inputSizes) {
    if (!Number.isInteger(size) || size < 64 || size % 32 !== 0) {
      throw new ShebaoError('face-input-size', { size });
    }
  }
  const { faceapi, tf } = await loadFaceModel();
  const canvas = placeOnCanvas(image);
  // face-api declares its own copy of the tfjs types; the tensor is the same object at run time.
  const input = tf.tensor3d(canvas.pixels, [canvas.side, canvas.side, 3], 'float32') as unknown as Parameters<
    typeof faceapi.extractFaceTensors
  >[0];
  let crops: Array<{ dispose(): void }> = [];
  try {
    const found: FaceDetection[] = [];
    for (const inputSize of inputSizes) {
      const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: minScore });
      found.push(...(await faceapi.nets.tinyFaceDetector.locateFaces(input, options)));
    }
    const kept = faceapi
      .nonMaxSuppression(
        found.map((detection) => detection.box),
        found.map((detection) => detection.score),
        sameFaceIou,
      )
      .map((index) => found[index]!);
    // Cut each face out ourselves at whole pixels, as face-api would, so the landmarks can be
    // moved back by exactly the cut's corner.
    const windows = kept.map((detection) => cropWindow(detection.box, canvas.side));
    const faceTensors = await faceapi.extractFaceTensors(input, windows.map((w) => new faceapi.Rect(w.x, w.y, w.width, w.height)));
    crops = faceTensors;
    const faces: DetectedFace[] = [];
    for (const [i, detection] of kept.entries()) {
      const window = windows[i]!;
      const landmarks = (await faceapi.nets.faceLandmark68Net.detectLandmarks(faceTensors[i]!)) as { positions: Point[] };
      const toImage = (p: Point): Point => ({ x: p.x + window.x - canvas.offset, y: p.y + window.y - canvas.offset });
      const { x, y, width, height } = detection.box;
      const box = { x: x - canvas.offset, y: y - canvas.offset, width, height };
      const face = describeFace(landmarks.positions.map(toImage), box, detection.score, image);
      if (hasFaceShape(face, width)) faces.push(face);
    }
    return faces.sort((a, b) => a.eyeLine.midX - b.eyeLine.midX);
  } finally {
    input.dispose();
    for (const crop of crops) crop.dispose();
  }
}

/** The detector's box clipped to the canvas and cut at whole pixels (face-api's clipAtImageBorders + floor). */
function cropWindow(box: Box, side: number): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  const width = Math.min(box.x + box.width - x, side - x);
  const height = Math.min(box.y + box.height - y, side - y);
  return { x: Math.floor(x), y: Math.floor(y), width: Math.floor(width), height: Math.floor(height) };
}

/**
 * The landmark net always returns 68 points, face or not. On a real face the jaw outline spans
 * 0.64–0.91 of the detector's box width (all fixtures, input sizes 160–320); on the detector's false
 * hits in the two-face fixture's background it spanned 0.29–0.36. Below half the box, the box holds
 * no face.
 */
function hasFaceShape(face: DetectedFace, boxWidth: number): boolean {
  return face.faceWidth >= minFaceWidthShareOfBox * boxWidth;
}

const minFaceWidthShareOfBox = 0.5;

function assertRgbImage(image: RgbImage): void {
  const { data, width, height, channels } = image;
  const sizeOk = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  if (channels !== 3 || !sizeOk || data.length !== width * height * 3) {
    throw new ShebaoError('face-input-mismatch', { expected: width * height * 3, received: data.length, channels });
  }
}

/** Margin around the image on the canvas, as a share of its longer side. */
const canvasMargin = 0.1;
/** Value of the margin pixels: white, like the background of an ID photo. */
const marginValue = 255;

/**
 * The image as float32 in the middle of a square canvas with a white margin. The margin matters at
 * the edges: face-api cuts each face out of its input to find the landmarks, clipped to the input;
 * a face at the left edge or one too big for the frame then lands off-centre in the landmark net's
 * view and its landmarks drift (the eye midpoint moved by up to 44 px on the off-centre fixture;
 * within 2 px with the margin).
 * Building the canvas here also spares face-api its own pad-to-square, which the WASM backend runs
 * as a concat element by element in JavaScript.
 */
function placeOnCanvas(image: RgbImage): { pixels: Float32Array; side: number; offset: number } {
  const longer = Math.max(image.width, image.height);
  const offset = Math.round(longer * canvasMargin);
  const side = longer + 2 * offset;
  const pixels = new Float32Array(side * side * 3).fill(marginValue);
  const rowLength = image.width * 3;
  for (let y = 0; y < image.height; y++) {
    const from = y * rowLength;
    const to = ((y + offset) * side + offset) * 3;
    for (let i = 0; i < rowLength; i++) pixels[to + i] = image.data[from + i]!;
  }
  return { pixels, side, offset };
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
 * the face width. The detector's box is no measure of it: on the pass fixture its width moved
 * between 251 and 317 px with the detector's input size (128–320) while this width stayed at
 * 204–207 px (218 at 128).
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
