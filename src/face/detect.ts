/**
 * Finds faces and their landmarks in decoded pixels and turns the 68 landmarks into the geometry
 * the photo specs speak of: face width, the eye line and its midpoint, and the head's tilt.
 *
 * Every face in the frame counts, not only the one the photo is of: a second person beside or
 * behind, smaller, turned or cut by the edge, must make `face-count` fail. So the detector looks
 * at the photo at several scales and on a mirrored margin, a second face may be less certain than
 * the first must be, and what it found is sorted into faces by their landmarks.
 */
import { hasSkinChroma } from '../core/colour.js';
import { ShebaoError } from '../core/errors.js';
import { loadFaceModel } from './model.js';
import type { Box, DetectedFace, FaceLandmarks, Point, RgbImage } from './types.js';

export interface DetectOptions {
  /**
   * Sides of the squares the detector looks at, each a multiple of 32; the faces found at each are
   * merged. The detector only places a search window per face; the landmarks are then found at full
   * resolution inside it. See defaultDetectOptions for why these sizes.
   */
  inputSizes?: number[];
  /** Lowest detector confidence for the most confident face: below it, no face is found. */
  minScore?: number;
  /** Lowest confidence for every further face (a second person is often smaller, turned or cut off). */
  minSecondScore?: number;
  /**
   * Sizes of the passes over the photo with its edges mirrored into the margin, where a face cut
   * by the edge is made whole again; only windows centred inside the photo count.
   */
  edgeInputSizes?: number[];
  /**
   * Further passes for images longer than `largeImageSide` (phone originals), where people are
   * small: each looks at a 2×2 grid of overlapping tiles, each 60% of the canvas side, resized to
   * this size, so it sees as much detail as a pass of size / 0.6 over the whole canvas while the
   * model's working memory stays that of a small pass.
   */
  largeInputSizes?: number[];
}

/**
 * The tiny face detector's confidence jumps with how a face falls on its grid: on 80 framings of
 * 8 faces from face-api's demo photos at 358×441 (face widths 150–270 px), single sizes missed
 * 1 (160), 1 (192), 4 (224), 11 (256) or 6 (288) faces at confidence 0.5, while the pairs
 * 160+224, 192+224, 192+256 and 192+288 missed none; 160+224 costs least. 0.5 is face-api's own
 * default: at 0.4–0.45 the detector already returned a leather sleeve as a face.
 *
 * Its smallest anchor box is 1.6 grid cells (51 px of its input), so at 224 a face narrower than a
 * quarter of the photo's longer side is not found at all: a second person further back, a child
 * beside a parent. The 416 pass finds faces down to about an eighth. Measured on the 129 real
 * photos of shebao's corpus and 294 naive 358×441 crops of them (README, "Finding every face").
 */
export const defaultDetectOptions: Required<DetectOptions> = {
  inputSizes: [160, 224, 416],
  minScore: 0.5,
  minSecondScore: 0.3,
  edgeInputSizes: [224],
  largeInputSizes: [416],
};

/**
 * Images longer than this are not ID photos (441 px) but originals, where a full-length figure or
 * a group has faces of a twentieth of the frame. On the corpus's 129 originals the tiled 416 passes
 * (as much detail as a 693 px pass over the whole canvas) found a face in 115 of 118 one-person
 * photos and two or more in 9 of 11 group photos (without them: 105 and 6). A whole 608 px pass
 * found fewer (115 and 8) and grew the WebAssembly memory of each thread from 110 MB to 235 MB,
 * memory that is never given back.
 */
const largeImageSide = 640;
/** Tiles of the large passes: 2×2, each this share of the canvas side (they overlap by 20%). */
const tileShare = 0.6;
/**
 * A face less certain than minScore is looked at again on its own, zoomed so that it fills about
 * 40% of the detector's view (the scale it finds faces best at), and counts only if the detector
 * is then sure of it. On the corpus this removed a knee and a lavender painting found at 0.42–0.48
 * while keeping the second people found at 0.3–0.5.
 */
const verifyInputSize = 224;
const verifyZoom = 2.5;
const minConfirmScore = 0.35;

/** Boxes from the different sizes overlapping more than this (intersection over union) are one face. */
const sameFaceIou = 0.4;
/** At most this many windows are given to the landmark net (the most confident first); each costs ~20 ms. */
const maxCandidates = 8;

interface Candidate {
  /** The detector's window, in image pixels. */
  box: Box;
  score: number;
  /** Found on the mirrored canvas: its landmarks are read there too. */
  edge: boolean;
}

/** Faces in the image, left to right, in the image's pixel coordinates. Loads the model on first use. */
export async function detectFaces(image: RgbImage, options: DetectOptions = {}): Promise<DetectedFace[]> {
  assertRgbImage(image);
  const { inputSizes, minScore, minSecondScore, edgeInputSizes, largeInputSizes } = { ...defaultDetectOptions, ...options };
  for (const size of [...inputSizes, ...edgeInputSizes, ...largeInputSizes]) {
    if (!Number.isInteger(size) || size < 64 || size % 32 !== 0) {
      throw new ShebaoError('face-input-size', { size });
    }
  }
  const model = await loadFaceModel();
  const canvas = canvasFor(image);
  const large = Math.max(image.width, image.height) > largeImageSide ? largeInputSizes : [];
  const found: Candidate[] = [];
  const threshold = Math.min(minScore, minSecondScore);
  for (const size of inputSizes) found.push(...(await locate(model, image, canvas, size, false, threshold)));
  for (const size of large) {
    const side = Math.round(canvas.side * tileShare);
    for (const top of [canvas.top, canvas.top + canvas.side - side]) {
      for (const left of [canvas.left, canvas.left + canvas.side - side]) found.push(...(await locate(model, image, { left, top, side }, size, false, threshold)));
    }
  }
  for (const size of edgeInputSizes) {
    // On the mirrored margin, a window centred outside the photo is a reflection.
    const inPhoto = (candidate: Candidate) => contains(image, { x: candidate.box.x + candidate.box.width / 2, y: candidate.box.y + candidate.box.height / 2 });
    found.push(...(await locate(model, image, canvas, size, true, threshold)).filter(inPhoto));
  }
  const faces: DetectedFace[] = [];
  for (const candidate of suppressOverlaps(found).slice(0, maxCandidates)) {
    const centre = { x: candidate.box.x + candidate.box.width / 2, y: candidate.box.y + candidate.box.height / 2 };
    // A window centred on a face already found is that face again (or a part of it).
    if (faces.some((face) => inside(centre, face.box))) continue;
    const face = await readLandmarks(model, image, canvas, candidate);
    if (face === null || !hasFaceShape(face, candidate.box.width)) continue;
    if (faces.some((known) => sameFace(known, face))) continue;
    if (candidate.score < minScore && !cutByEdge(image, candidate.box) && !(await confirm(model, image, candidate))) continue;
    faces.push(face);
  }
  // The most confident face decides whether there is a face at all; the rest only add to it.
  if (faces.length === 0 || (faces[0] as DetectedFace).score < minScore) return [];
  const skinned = faces.length > 1 && skinShare(image, faces[0] as DetectedFace) >= faceSkin.first;
  return faces
    .filter((face, i) => i === 0 || (face.score >= minSecondScore && (!skinned || skinShare(image, face) >= faceSkin.further)))
    .sort((a, b) => a.eyeLine.midX - b.eyeLine.midX);
}

/**
 * A face shows skin. When the most confident face does (a colour photo in ordinary light), a
 * further face whose middle shows almost no skin chroma is a pattern the detector took for one.
 * Measured on the corpus's 129 originals, their naive crops and the crops of their mirror images
 * (375 photos with a face): the middles of the most confident faces held at least 44% pixels of
 * skin chroma, those of the 39 further faces at least 43%. A grey suit's weave that the detector
 * found at 0.31 once the photo was recompressed (df_img35 at JPEG quality 75) held 0%. Chroma only,
 * at any lightness, so a face in shadow counts; a grey or colour-cast photo, whose main face shows
 * no skin either, keeps every face.
 */
const faceSkin = { first: 0.5, further: 0.1 } as const;

/** Share of pixels of skin chroma in the middle of the face: between the cheeks, from the brows to the lips, with a margin. */
function skinShare(image: RgbImage, face: DetectedFace): number {
  const points = face.landmarks.points;
  const across = points.slice(1, 16).map((p) => p.x);
  const down = [...points.slice(17, 27), ...points.slice(48, 68)].map((p) => p.y);
  const [left, right, top, bottom] = [Math.min(...across), Math.max(...across), Math.min(...down), Math.max(...down)];
  const x0 = Math.max(0, Math.floor(left + 0.15 * (right - left)));
  const x1 = Math.min(image.width, Math.ceil(right - 0.15 * (right - left)));
  const y0 = Math.max(0, Math.floor(top + 0.1 * (bottom - top)));
  const y1 = Math.min(image.height, Math.ceil(bottom - 0.1 * (bottom - top)));
  let pixels = 0;
  let skin = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * image.width + x) * 3;
      pixels++;
      if (hasSkinChroma(image.data[at]!, image.data[at + 1]!, image.data[at + 2]!)) skin++;
    }
  }
  return pixels === 0 ? 0 : skin / pixels;
}

type Model = Awaited<ReturnType<typeof loadFaceModel>>;

/** The detector's windows on `view` resized to `size`, in image pixels. */
async function locate({ faceapi, tf }: Model, image: RgbImage, view: View, size: number, edge: boolean, minScore: number): Promise<Candidate[]> {
  // face-api declares its own copy of the tfjs types; the tensor is the same object at run time.
  const input = tf.tensor3d(detectorInput(image, view, size, edge), [size, size, 3], 'float32') as unknown as Parameters<typeof faceapi.extractFaceTensors>[0];
  try {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: size, scoreThreshold: minScore });
    const k = view.side / size;
    return (await faceapi.nets.tinyFaceDetector.locateFaces(input, options)).map((detection) => {
      const { x, y, width, height } = detection.box;
      return { box: { x: x * k + view.left, y: y * k + view.top, width: width * k, height: height * k }, score: detection.score, edge };
    });
  } finally {
    input.dispose();
  }
}

/** A window reaching past the photo's edge may hold a face cut by it, which no second look can make surer. */
function cutByEdge(image: RgbImage, box: Box): boolean {
  return box.x < 0 || box.y < 0 || box.x + box.width > image.width || box.y + box.height > image.height;
}

/** Whether the detector, looking at the candidate alone and zoomed in, sees a face in the middle again. */
async function confirm(model: Model, image: RgbImage, candidate: Candidate): Promise<boolean> {
  const { box } = candidate;
  const side = Math.max(1, Math.round(verifyZoom * Math.max(box.width, box.height)));
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const view = { left: Math.round(centre.x - side / 2), top: Math.round(centre.y - side / 2), side };
  const seen = await locate(model, image, view, verifyInputSize, candidate.edge, minConfirmScore);
  return seen.some((other) => inside(centre, other.box));
}

/** Greedy non-maximum suppression: the most confident window of each overlapping group, most confident first. */
function suppressOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (!kept.some((other) => iou(other.box, candidate.box) > sameFaceIou)) kept.push(candidate);
  }
  return kept;
}

function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / (a.width * a.height + b.width * b.height - w * h);
}

function inside(point: Point, box: Box): boolean {
  return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

function contains(image: RgbImage, point: Point): boolean {
  return point.x >= 0 && point.x < image.width && point.y >= 0 && point.y < image.height;
}

/**
 * Two windows whose landmarks put the eyes at nearly the same place saw the same face: the passes'
 * windows of one face can overlap too little for the box test (one wide, one tight and lower).
 */
function sameFace(a: DetectedFace, b: DetectedFace): boolean {
  const distance = Math.hypot(a.eyeLine.midX - b.eyeLine.midX, a.eyeLine.y - b.eyeLine.y);
  return distance < sameFaceEyeShare * Math.max(a.faceWidth, b.faceWidth) || inside({ x: b.eyeLine.midX, y: b.eyeLine.y }, a.box);
}

/** Eye midpoints closer than this share of the face width belong to one face (two people's are a face width apart or more). */
const sameFaceEyeShare = 0.5;

/**
 * The 68 landmarks in the candidate's window, cut out at whole pixels as face-api would
 * (clipAtImageBorders + floor) from the canvas the window was found on, and moved back by exactly
 * the cut's corner. Null when the window lies off the canvas.
 */
async function readLandmarks({ faceapi, tf }: Model, image: RgbImage, canvas: View, candidate: Candidate): Promise<DetectedFace | null> {
  const { box } = candidate;
  const window = cropWindow({ x: box.x - canvas.left, y: box.y - canvas.top, width: box.width, height: box.height }, canvas.side);
  if (window.width < 1 || window.height < 1) return null;
  // A window wider than maxLandmarkSide is sampled down first (k window px per crop px): the net
  // sees 112 px anyway, and a window of a 10000×9 image's canvas would be 10⁸ floats.
  const k = Math.max(1, Math.max(window.width, window.height) / maxLandmarkSide);
  const cropWidth = k > 1 ? Math.max(1, Math.round(window.width / k)) : window.width;
  const cropHeight = k > 1 ? Math.max(1, Math.round(window.height / k)) : window.height;
  const pixels = k > 1 ? sampledViewPixels(image, canvas, window, candidate.edge, cropWidth, cropHeight) : viewPixels(image, canvas, window, candidate.edge);
  const crop = tf.tensor3d(pixels, [cropHeight, cropWidth, 3], 'float32') as unknown as Parameters<typeof faceapi.nets.faceLandmark68Net.detectLandmarks>[0];
  try {
    const landmarks = (await faceapi.nets.faceLandmark68Net.detectLandmarks(crop)) as { positions: Point[] };
    const sx = window.width / cropWidth;
    const sy = window.height / cropHeight;
    const toImage = (p: Point): Point => ({ x: p.x * sx + window.x + canvas.left, y: p.y * sy + window.y + canvas.top });
    return describeFace(landmarks.positions.map(toImage), box, candidate.score, image);
  } finally {
    (crop as unknown as { dispose(): void }).dispose();
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
 * A square of the image's plane that a network looks at, in image pixels; where it reaches past
 * the image it shows the margin (white, or the image mirrored at its edge).
 */
interface View {
  left: number;
  top: number;
  side: number;
}

/**
 * The square the detector and the landmark net look at: the image in the middle with a margin.
 * The margin matters at the edges: face-api cuts each face out of its input to find the landmarks,
 * clipped to the input; a face at the left edge or one too big for the frame then lands off-centre
 * in the landmark net's view and its landmarks drift (the eye midpoint moved by up to 44 px on the
 * off-centre fixture; within 2 px with the margin). The canvas is never built whole (a
 * 12-megapixel photo's would be 700 MB of floats): only what the networks read is sampled from it.
 */
function canvasFor(image: RgbImage): View {
  const longer = Math.max(image.width, image.height);
  const offset = Math.round(longer * canvasMargin);
  return { left: -offset, top: -offset, side: longer + 2 * offset };
}

/** The image row or column that coordinate `at` reads, or −1 for the white margin; mirrored, the margin reflects the image. */
function sourceIndex(at: number, length: number, mirror: boolean): number {
  if (at >= 0 && at < length) return at;
  if (!mirror) return -1;
  const period = 2 * length;
  const i = ((at % period) + period) % period;
  return i < length ? i : period - 1 - i;
}

/**
 * The view resized to the detector's input, exactly as face-api would resize it with
 * tf.image.resizeBilinear (alignCorners and half-pixel centres off), without building the view.
 */
function detectorInput(image: RgbImage, view: View, size: number, mirror: boolean): Float32Array {
  const scale = view.side / size;
  // Per output column and row: the two source pixels (offsets into the image, −1 for the margin) and the weight of the second.
  const taps = (start: number, length: number, stride: number): Taps => {
    const near = new Int32Array(size);
    const far = new Int32Array(size);
    const weight = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const at = i * scale;
      const low = Math.floor(at);
      const a = sourceIndex(start + low, length, mirror);
      const b = sourceIndex(start + Math.min(view.side - 1, Math.ceil(at)), length, mirror);
      near[i] = a < 0 ? -1 : a * stride;
      far[i] = b < 0 ? -1 : b * stride;
      weight[i] = at - low;
    }
    return { near, far, weight };
  };
  const xs = taps(view.left, image.width, 3);
  const ys = taps(view.top, image.height, image.width * 3);
  // An output pixel whose four source pixels are all margin is the margin's value: so are the
  // margin's rows, and its columns at the ends of each row (before `from`, from `to` on). The
  // columns between `first` and `last` read the image only, without tests.
  const isMargin = (ox: number) => xs.near[ox]! < 0 && xs.far[ox]! < 0;
  const readsMargin = (ox: number) => xs.near[ox]! < 0 || xs.far[ox]! < 0;
  let from = 0;
  while (from < size && isMargin(from)) from++;
  let to = size;
  while (to > from && isMargin(to - 1)) to--;
  let first = from;
  while (first < to && readsMargin(first)) first++;
  let last = to;
  while (last > first && readsMargin(last - 1)) last--;
  const out = new Float32Array(size * size * 3);
  const data = image.data;
  for (let oy = 0; oy < size; oy++) {
    const row0 = ys.near[oy]!;
    const row1 = ys.far[oy]!;
    const fy = ys.weight[oy]!;
    const o = oy * size * 3;
    if (row0 < 0 && row1 < 0) {
      out.fill(marginValue, o, o + size * 3);
      continue;
    }
    out.fill(marginValue, o, o + from * 3);
    out.fill(marginValue, o + to * 3, o + size * 3);
    if (row0 < 0 || row1 < 0) {
      interpolateWithMargin(data, xs, row0, row1, fy, out, o, from, to);
      continue;
    }
    interpolateWithMargin(data, xs, row0, row1, fy, out, o, from, first);
    for (let ox = first; ox < last; ox++) {
      const fx = xs.weight[ox]!;
      const tl = row0 + xs.near[ox]!;
      const tr = row0 + xs.far[ox]!;
      const bl = row1 + xs.near[ox]!;
      const br = row1 + xs.far[ox]!;
      for (let c = 0, at = o + ox * 3; c < 3; c++, at++) {
        const top = data[tl + c]! + (data[tr + c]! - data[tl + c]!) * fx;
        const bottom = data[bl + c]! + (data[br + c]! - data[bl + c]!) * fx;
        out[at] = top + (bottom - top) * fy;
      }
    }
    interpolateWithMargin(data, xs, row0, row1, fy, out, o, last, to);
  }
  return out;
}

interface Taps {
  near: Int32Array;
  far: Int32Array;
  weight: Float32Array;
}

/** Output columns `from` to `to` of one output row (starting at `o`), a source pixel at −1 being the margin. */
function interpolateWithMargin(data: Uint8Array, xs: Taps, row0: number, row1: number, fy: number, out: Float32Array, o: number, from: number, to: number): void {
  for (let ox = from; ox < to; ox++) {
    const x0 = xs.near[ox]!;
    const x1 = xs.far[ox]!;
    const fx = xs.weight[ox]!;
    for (let c = 0, at = o + ox * 3; c < 3; c++, at++) {
      const tl = row0 < 0 || x0 < 0 ? marginValue : data[row0 + x0 + c]!;
      const tr = row0 < 0 || x1 < 0 ? marginValue : data[row0 + x1 + c]!;
      const bl = row1 < 0 || x0 < 0 ? marginValue : data[row1 + x0 + c]!;
      const br = row1 < 0 || x1 < 0 ? marginValue : data[row1 + x1 + c]!;
      const top = tl + (tr - tl) * fx;
      const bottom = bl + (br - bl) * fx;
      out[at] = top + (bottom - top) * fy;
    }
  }
}

/** A window of a view (in the view's own pixels) at full resolution, as float RGB: the landmark net's input. */
function viewPixels(image: RgbImage, view: View, window: Box, mirror: boolean): Float32Array {
  const out = new Float32Array(window.width * window.height * 3).fill(marginValue);
  const columns = new Int32Array(window.width);
  for (let x = 0; x < window.width; x++) columns[x] = sourceIndex(view.left + window.x + x, image.width, mirror);
  for (let y = 0, o = 0; y < window.height; y++) {
    const row = sourceIndex(view.top + window.y + y, image.height, mirror);
    if (row < 0) {
      o += window.width * 3;
      continue;
    }
    for (let x = 0; x < window.width; x++, o += 3) {
      const column = columns[x] as number;
      if (column < 0) continue;
      const i = (row * image.width + column) * 3;
      out[o] = image.data[i] as number;
      out[o + 1] = image.data[i + 1] as number;
      out[o + 2] = image.data[i + 2] as number;
    }
  }
  return out;
}

/**
 * Longest side of the landmark net's crop, in pixels. The analysis picture is at most 1024 px
 * long (src/photo/analyze.ts), so its windows stay under this and are cut at full resolution;
 * only an image handed in larger is sampled down.
 */
const maxLandmarkSide = 1280;

/** A window of a view sampled bilinearly to `width` × `height` (for windows larger than maxLandmarkSide). */
function sampledViewPixels(image: RgbImage, view: View, window: Box, mirror: boolean, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  const kx = window.width / width;
  const ky = window.height / height;
  const at = (column: number, row: number, c: number) => (row < 0 || column < 0 ? marginValue : (image.data[(row * image.width + column) * 3 + c] as number));
  for (let oy = 0, o = 0; oy < height; oy++) {
    const y = Math.min(window.height - 1, Math.max(0, (oy + 0.5) * ky - 0.5));
    const y0 = Math.floor(y);
    const fy = y - y0;
    const row0 = sourceIndex(view.top + window.y + y0, image.height, mirror);
    const row1 = sourceIndex(view.top + window.y + Math.min(window.height - 1, y0 + 1), image.height, mirror);
    for (let ox = 0; ox < width; ox++, o += 3) {
      const x = Math.min(window.width - 1, Math.max(0, (ox + 0.5) * kx - 0.5));
      const x0 = Math.floor(x);
      const fx = x - x0;
      const column0 = sourceIndex(view.left + window.x + x0, image.width, mirror);
      const column1 = sourceIndex(view.left + window.x + Math.min(window.width - 1, x0 + 1), image.width, mirror);
      for (let c = 0; c < 3; c++) {
        const top = at(column0, row0, c) + (at(column1, row0, c) - at(column0, row0, c)) * fx;
        const bottom = at(column0, row1, c) + (at(column1, row1, c) - at(column0, row1, c)) * fx;
        out[o + c] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
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
    points: positions.map((p) => ({ x: p.x, y: p.y })),
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

/** The mean of the points. */
export function centroid(points: Point[]): Point {
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
