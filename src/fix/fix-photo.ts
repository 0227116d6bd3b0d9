/**
 * Turns an ordinary portrait into a photo that passes the spec: upright, framed around the face by
 * the spec's own numbers, the background whitened when it is light and plain, encoded as baseline
 * JPEG at the spec's density with no other metadata, at the quality that lands the file in the
 * middle of the size range. Then checks the result with check-photo. Returns data; never prints.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { requireIsoDate, type IsoDate } from '../core/dates.js';
import { kindOf, ShebaoError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { clamp } from '../core/math.js';
import type { DetectedFace, RgbImage } from '../face/types.js';
import { analyzePhoto, loadSharp, maxInputPixels } from '../photo/analyze.js';
import { checkPhoto, type PhotoInput } from '../photo/check-photo.js';
import { rgbTriple } from '../photo/checks/check.js';
import { exifDate, readExif } from '../photo/exif.js';
import { iccDescription, sniffFormat } from '../photo/sniff.js';
import { loadSpec, type PhotoSpec } from '../photo/spec.js';
import type { ImageFormat } from '../photo/types.js';
import { assessBackground, whitenBackground, type BackgroundVerdict } from './background.js';
import { encodeJpeg } from './encode.js';
import { frameFace, frameTargets, type Edge, type FaceGeometry, type FrameLimits, type FrameTargets, type Framing } from './frame.js';
import type { Change, FixResult, Refusal } from './types.js';

type Sharp = typeof import('sharp').default;

export interface FixOptions {
  /** A built-in spec id, a spec file, or a loaded spec. Default `shebao-card`. */
  spec?: string | PhotoSpec;
  /** The date the `recent` check of the result counts from, `YYYY-MM-DD`. Required: the library never reads the clock. */
  today: IsoDate;
  /** Relative paths are resolved from here (default: the process's working directory). */
  cwd?: string;
  /**
   * Where the fixed photo goes. A path: write it there. `false`: write no file and return the JPEG
   * in `result.jpeg`. Default: `<input name>-fixed.jpg` beside an input path; nothing written
   * (the JPEG returned) for an input given as bytes.
   */
  output?: string | false;
  /** Overwrite an existing output file, even the input itself. */
  force?: boolean;
  /** How a photo given as bytes is named in the result and its report (default `upload`). */
  name?: string;
}

/** FixOptions checked, with the spec loaded. */
export interface ResolvedFixOptions {
  spec: PhotoSpec;
  today: IsoDate;
  cwd: string;
  force: boolean;
}

/**
 * Enlarging a face more than this makes the photo visibly soft: a face under half the smallest
 * width the spec allows needs a closer photo, not interpolation.
 */
export const maxEnlargement = 2;

/** Enlarging more than this is done, but the `scaled` change says the photo may look soft. */
const softEnlargement = 1.25;

/**
 * Detection runs on a copy of the photo whose longer side is at most this many pixels: the
 * detector looks at the whole picture at 160 and 224 px anyway, and the landmarks of a face that
 * fills a phone portrait are as precise at this size (its face is ~250–500 px wide) as at 12 MP,
 * at a tenth of the memory.
 */
const detectionSide = 1024;

/** The default output path for an input: `<name>-fixed.jpg` beside it. */
export function defaultOutputPath(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}-fixed.jpg`);
}

/**
 * Check the options a library caller gave, before any work: `today` is required (the library
 * never reads the clock); an option of the wrong kind is an `invalid-argument`.
 */
export function resolveFixOptions(options: Omit<FixOptions, 'output' | 'name'>): ResolvedFixOptions {
  if (options !== undefined) expectKind('options', options, 'object', isObject(options));
  const { spec, today, cwd, force } = options ?? ({} as Partial<FixOptions>);
  if (today === undefined) throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  expectKind('today', today, 'YYYY-MM-DD', typeof today === 'string');
  expectKind('spec', spec, 'string | PhotoSpec', spec === undefined || typeof spec === 'string' || isObject((spec as Partial<PhotoSpec> | null)?.checks));
  expectKind('cwd', cwd, 'string', cwd === undefined || typeof cwd === 'string');
  expectKind('force', force, 'boolean', force === undefined || typeof force === 'boolean');
  const date = requireIsoDate(today, 'today');
  const base = cwd ?? process.cwd();
  return { spec: typeof spec === 'object' ? spec : loadSpec(spec, { cwd: base }), today: date, cwd: base, force: force ?? false };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function expectKind(name: string, value: unknown, expected: string, ok: boolean): void {
  if (!ok) throw new ShebaoError('invalid-argument', { name, expected, received: kindOf(value) });
}

/**
 * Fix one photo, given as a path (read from `cwd`) or as its bytes (a Buffer or Uint8Array, e.g.
 * an upload). The fixed JPEG is written to `options.output` (see there), or returned in
 * `result.jpeg` when no file is written. A photo that cannot be framed is not an error: the result
 * says why in `refused`. Unreadable input, an existing output and wrong arguments throw a
 * ShebaoError (`unreadable-photo`, `heic-no-decoder`, `output-exists`, `output-is-input`,
 * `cannot-write`, `invalid-argument`, `missing-option`).
 *
 *   const result = await fixPhoto(upload, { today: '2026-11-30' });
 *   if (result.jpeg) await send(result.jpeg);
 */
export async function fixPhoto(photo: PhotoInput, options: FixOptions): Promise<FixResult> {
  expectKind('photo', photo, 'string | Buffer | Uint8Array', typeof photo === 'string' || photo instanceof Uint8Array);
  const { spec, today, cwd, force } = resolveFixOptions(options);
  const { output = typeof photo === 'string' ? defaultOutputPath(photo) : false, name = 'upload' } = options;
  expectKind('output', output, 'string | false', output === false || typeof output === 'string');
  expectKind('name', name, 'string', typeof name === 'string');
  const targets = frameTargets(spec);
  const input = typeof photo === 'string' ? photo : name;
  // A path is read from cwd; bytes are used where they lie, not copied.
  const readFrom = typeof photo === 'string' ? path.resolve(cwd, photo) : Buffer.from(photo.buffer, photo.byteOffset, photo.byteLength);
  const target = output === false ? undefined : { file: path.resolve(cwd, output), shown: output };
  if (target && !force) guardOutput(readFrom, target.file, target.shown);

  const sharp = await loadSharp();
  const source = await decodeSource(sharp, readFrom, input);
  const changes: Change[] = [...source.changes];
  const refuse = (refused: Refusal): FixResult => ({ input, output: null, ok: false, changes, refused });

  const faceModel = await import('../face/index.js');
  const faces = await findFaces(sharp, source.image, faceModel.detectFaces);
  if (faces.length === 0) return refuse({ id: 'no-face' });
  if (faces.length > 1) return refuse({ id: 'several-faces', faces: faces.length });
  const face = faces[0] as DetectedFace;

  // A tilted head is levelled by turning the whole photo about its centre, if the turned photo can
  // still be framed; otherwise it is framed as it is (head-tilt is only a warning).
  let attempt: Attempt | undefined;
  const tilt = face.tiltDegrees;
  if (Math.abs(tilt) >= levelling.minDegrees && Math.abs(tilt) <= levelling.maxDegrees) {
    const turned = await turn(sharp, source.image, -tilt);
    const turnedFaces = await findFaces(sharp, turned.image, faceModel.detectFaces);
    if (turnedFaces.length === 1) {
      const levelled = await frameAndCut(sharp, turned.image, turnedFaces[0] as DetectedFace, targets, faceModel, turned.contains);
      if (levelled.ok) {
        attempt = levelled;
        changes.push({ id: 'levelled', degrees: Math.round(-tilt * 10) / 10 });
      }
    }
  }
  attempt ??= await frameAndCut(sharp, source.image, face, targets, faceModel);
  if (!attempt.ok) return refuse(describeRefusal(attempt, targets));
  if (attempt.hairEstimated) changes.push({ id: 'hair-top-estimated' });
  const { image, padRows } = attempt.cut;
  changes.push(...describeFraming(attempt.source, attempt.framing, padRows));

  const verdict = assessBackground(image, padRows);
  changes.push(applyBackground(image, verdict));

  const fileSize = spec.checks['file-size'];
  const dpi = spec.checks.resolution?.dpi;
  const encoded = await encodeJpeg(sharp, image, {
    startQuality: spec.encode?.quality ?? defaultQuality,
    minBytes: fileSize?.minBytes,
    maxBytes: fileSize?.maxBytes,
    dpi,
  });
  if (source.metadata.exif || source.metadata.icc) {
    const { exif, gps, icc, takenOn } = source.metadata;
    changes.push({ id: 'metadata-removed', exif, gps, icc, takenOn: takenOn ?? null });
  }
  changes.push({ id: 'encoded', quality: encoded.quality, bytes: encoded.bytes.length, dpi: dpi ?? null });

  if (target) writeFileAtomic(target.file, encoded.bytes, { overwrite: force }, target.shown);
  // The bytes checked are the bytes written: no second read of the file.
  const report = await checkPhoto(encoded.bytes, { spec, today, face: true, name: target?.shown ?? input });
  if (!target) return { input, output: null, ok: report.ok, changes, report, jpeg: encoded.bytes };
  return { input, output: target.shown, ok: report.ok, changes, report };
}

/** Used when a spec names no JPEG quality: IJG's own default. */
const defaultQuality = 75;

/**
 * Hair top above the eye line, in face widths, when the hair cannot be seen against the wall:
 * 1.04 on the face fixtures' woman (eye line y 227, hair top y 14, face width 205).
 */
const hairAboveEyes = 1.04;

/**
 * Heads tilted less than this are left alone (turning costs a resampling for nothing visible);
 * more than the maximum is not a tilted head but a photo taken sideways or lying down.
 */
const levelling = { minDegrees: 1.5, maxDegrees: 20 } as const;

type FaceModel = typeof import('../face/index.js');

type Attempt =
  | { ok: true; source: RgbImage; framing: Framing; cut: { image: RgbImage; padRows: number }; hairEstimated: boolean }
  | { ok: false; reason: 'head-cut-off' }
  | { ok: false; reason: 'face-too-small'; faceWidth: number; neededScale: number }
  | { ok: false; reason: 'too-close-to-edge'; missing: Partial<Record<Edge, number>> };

/** The faces in a photo, in its pixels, found on a copy at most `detectionSide` px long. */
async function findFaces(sharp: Sharp, image: RgbImage, detectFaces: FaceModel['detectFaces']): Promise<DetectedFace[]> {
  const scale = Math.min(1, detectionSide / Math.max(image.width, image.height));
  const small = scale < 1 ? await resizeRaw(sharp, image, Math.round(image.width * scale), Math.round(image.height * scale)) : image;
  return (await detectFaces(small)).map((face) => scaleFace(face, 1 / scale, 0, 0));
}

/**
 * Find the hair top, frame, cut, measure the framed face and correct once. `contains` says which
 * points of `image` are real photo (a turned photo has blank corners).
 */
async function frameAndCut(
  sharp: Sharp,
  image: RgbImage,
  face: DetectedFace,
  targets: FrameTargets,
  faceModel: FaceModel,
  contains?: FrameLimits['contains'],
): Promise<Attempt> {
  // The head at about the output's scale, from far above the eyes down to them: the hair top is
  // found in it against the wall, and the wall is judged in it before anything is cut.
  const roughScale = (targets.faceWidth.min + targets.faceWidth.max) / 2 / face.faceWidth;
  const head = await headRegion(sharp, image, face, roughScale, targets);
  const headWall = assessBackground(head.image);
  // Against a busy background the "hair top" may be a shelf or a window frame: estimate instead.
  // Any plain wall will do, a blue backdrop too.
  const hair = headWall.kind !== 'busy' ? faceModel.findHairTop(head.image, scaleFace(face, head.scale, -head.left * head.scale, -head.top * head.scale)) : null;
  if (hair?.touchesTop && head.top <= 0) return { ok: false, reason: 'head-cut-off' };
  const hairTop = hair ? head.top + hair.y / head.scale : face.eyeLine.y - hairAboveEyes * face.faceWidth;
  const limits: FrameLimits = {
    width: image.width,
    height: image.height,
    // White rows above the head only where the wall is light and plain and the hair is whole.
    padTop: hair !== null && (headWall.kind === 'light' || headWall.kind === 'already-white'),
    maxScale: maxEnlargement,
    contains,
  };
  const framed = frameFace({ faceWidth: face.faceWidth, eyeMidX: face.eyeLine.midX, eyeY: face.eyeLine.y, hairTop }, targets, limits);
  if (!framed.ok) return framed.reason === 'face-too-small' ? { ...framed, faceWidth: face.faceWidth } : framed;
  let { framing } = framed;
  let cut = await cutAndScale(sharp, image, framing, targets);
  // The face measured on the framed photo, as check-photo will measure it, can differ from the
  // measurement on the source by a few pixels (the detector sees it at another size). One
  // correction with that measurement, mapped back into the source, lands it where predicted.
  const remeasured = await measureFramed(cut.image, framing, hair !== null ? undefined : hairTop, faceModel.detectFaces, faceModel.findHairTop);
  if (remeasured) {
    const refined = frameFace(remeasured, targets, limits);
    if (refined.ok) {
      framing = refined.framing;
      cut = await cutAndScale(sharp, image, framing, targets);
    }
  }
  return { ok: true, source: image, framing, cut, hairEstimated: hair === null };
}

function describeRefusal(attempt: Exclude<Attempt, { ok: true }>, targets: FrameTargets): Refusal {
  switch (attempt.reason) {
    case 'head-cut-off':
      return { id: 'head-cut-off' };
    case 'face-too-small':
      return {
        id: 'face-too-small',
        faceWidth: Math.round(attempt.faceWidth),
        minFaceWidth: targets.faceWidth.min,
        enlargement: Math.round(attempt.neededScale * 100) / 100,
      };
    case 'too-close-to-edge': {
      // Whole pixels, rounded up: "3 px more" must be enough.
      const missing: Partial<Record<Edge, number>> = {};
      for (const [edge, px] of Object.entries(attempt.missing) as Array<[Edge, number]>) if (px > 0) missing[edge] = Math.ceil(px);
      return { id: 'too-close-to-edge', missing };
    }
  }
}

/**
 * The photo turned by `degrees` (clockwise) about its centre, on a canvas grown to hold it, and
 * which of the new canvas's points come from the photo. Points above the photo's top edge count
 * when white rows may be added there (`above`).
 */
async function turn(sharp: Sharp, image: RgbImage, degrees: number): Promise<{ image: RgbImage; contains: NonNullable<FrameLimits['contains']> }> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .rotate(degrees, { background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const [cx, cy, tx, ty] = [image.width / 2, image.height / 2, info.width / 2, info.height / 2];
  // One pixel of slack inside each edge: the resampled border mixes in the white canvas.
  const contains = (x: number, y: number, above: boolean) => {
    const u = cx + (x - tx) * cos + (y - ty) * sin;
    const v = cy - (x - tx) * sin + (y - ty) * cos;
    return u >= 1 && u <= image.width - 1 && v <= image.height - 1 && (v >= 1 || above);
  };
  return { image: { data, width: info.width, height: info.height, channels: 3 }, contains };
}

/** Fail before the work, not after it: the output is the input, or exists already. */
function guardOutput(readFrom: string | Buffer, file: string, shown: string): void {
  if (file === readFrom) throw new ShebaoError('output-is-input', { file: shown });
  if (existsSync(file)) throw new ShebaoError('output-exists', { file: shown });
}

interface Source {
  /** Upright, sRGB, 8-bit RGB, transparency flattened onto white. */
  image: RgbImage;
  changes: Change[];
  /** What the source carried; `takenOn` is its EXIF capture date (YYYY-MM-DD). */
  metadata: { exif: boolean; gps: boolean; icc: boolean; takenOn?: string };
}

/** Read (a path) and decode the photo; what cannot be read or decoded is an `unreadable-photo` error. */
async function decodeSource(sharp: Sharp, photo: string | Buffer, shown: string): Promise<Source> {
  let bytes: Buffer;
  try {
    bytes = typeof photo === 'string' ? readFileSync(photo) : photo;
  } catch {
    throw await unreadable(photo, shown);
  }
  const format = sniffFormat(bytes);
  let metadata: Awaited<ReturnType<ReturnType<Sharp>['metadata']>>;
  let decoded: { data: Buffer; info: { width: number; height: number; channels: number } };
  try {
    metadata = await sharp(bytes, { limitInputPixels: maxInputPixels }).metadata();
    decoded = await sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'error' })
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch {
    if (format === 'heif') throw new ShebaoError('heic-no-decoder', { file: shown });
    throw await unreadable(bytes, shown);
  }
  const { width, height, channels } = decoded.info;
  if (channels !== 3) throw await unreadable(bytes, shown);
  const changes: Change[] = [];
  const orientation = metadata.orientation ?? 1;
  if (orientation !== 1) changes.push({ id: 'rotated', orientation });
  const converted = describeConversion(format, metadata);
  if (converted) changes.push(converted);
  const exif = metadata.exif ? readExif(metadata.exif) : undefined;
  return {
    image: { data: decoded.data, width, height, channels: 3 },
    changes,
    metadata: {
      exif: Boolean(metadata.exif),
      gps: exif?.hasGps ?? false,
      icc: Boolean(metadata.icc),
      takenOn: exifDate(exif?.dateTimeOriginal) ?? exifDate(exif?.dateTime),
    },
  };
}

/** What was converted in the source's format and colours, or nothing for an sRGB JPEG. */
function describeConversion(format: ImageFormat, metadata: { space?: string; hasAlpha?: boolean; icc?: Buffer; channels?: number }): Change | undefined {
  const flattened = Boolean(metadata.hasAlpha);
  const space = metadata.space === 'cmyk' ? 'cmyk' : metadata.space === 'b-w' || (metadata.channels ?? 3) <= 2 ? 'grayscale' : null;
  const description = metadata.icc ? iccDescription(metadata.icc) : undefined;
  const profile = description && !/srgb/i.test(description) ? description : null;
  if (format === 'jpeg' && !flattened && space === null && profile === null) return undefined;
  const codes = [format !== 'jpeg' ? format : null, space, profile].filter((code): code is string => code !== null);
  return { id: 'converted', from: codes.join('+') || 'jpeg', to: 'sRGB JPEG', format, flattened, space, profile };
}

/**
 * Why a photo cannot be used, as check-photo's `readable` check sees it, or `undecodable` when
 * only the full decode failed.
 */
async function unreadable(photo: string | Buffer, shown: string): Promise<ShebaoError> {
  const { problem, bytes } = await analyzePhoto(photo);
  const format = bytes ? sniffFormat(bytes) : 'unknown';
  return new ShebaoError('unreadable-photo', { file: shown, ...(problem ?? { stage: 'pixels', reason: 'undecodable', detail: { format } }) });
}

async function resizeRaw(sharp: Sharp, image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(width, height, { fit: 'fill' }).raw().toBuffer();
  return { data, width, height, channels: 3 };
}

/** A face's coordinates mapped by p → p·scale + (dx, dy). */
function scaleFace(face: DetectedFace, scale: number, dx: number, dy: number): DetectedFace {
  const point = (p: { x: number; y: number }) => ({ x: p.x * scale + dx, y: p.y * scale + dy });
  const { landmarks } = face;
  return {
    ...face,
    box: { x: face.box.x * scale + dx, y: face.box.y * scale + dy, width: face.box.width * scale, height: face.box.height * scale },
    landmarks: {
      leftEye: point(landmarks.leftEye),
      rightEye: point(landmarks.rightEye),
      nose: point(landmarks.nose),
      mouth: point(landmarks.mouth),
      chin: point(landmarks.chin),
      jaw: landmarks.jaw.map(point),
    },
    faceWidth: face.faceWidth * scale,
    eyeLine: { y: face.eyeLine.y * scale + dy, midX: face.eyeLine.midX * scale + dx },
  };
}

/**
 * The part of the source around the head, as wide as the output would be and from a whole output
 * height above the eyes down to them, resampled to about the output's scale.
 */
async function headRegion(sharp: Sharp, image: RgbImage, face: DetectedFace, scale: number, targets: FrameTargets): Promise<{ image: RgbImage; left: number; top: number; scale: number }> {
  const halfWidth = targets.width / 2 / scale;
  const left = Math.max(0, Math.floor(face.eyeLine.midX - halfWidth));
  const right = Math.min(image.width, Math.ceil(face.eyeLine.midX + halfWidth));
  const top = Math.max(0, Math.floor(face.eyeLine.y - targets.height / scale));
  const bottom = Math.min(image.height, Math.ceil(face.eyeLine.y));
  const width = Math.max(1, Math.round((right - left) * scale));
  const height = Math.max(1, Math.round((bottom - top) * scale));
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top, width: right - left, height: bottom - top })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { image: { data, width, height, channels: 3 }, left, top, scale: width / (right - left) };
}

/**
 * The face geometry measured on a framed photo, mapped back into source pixels; undefined unless
 * exactly one face is found. The hair top is re-measured only when it was measured the first time
 * (`estimatedHairTop` is kept otherwise) and the framed photo shows it whole.
 */
async function measureFramed(
  image: RgbImage,
  framing: Framing,
  estimatedHairTop: number | undefined,
  detectFaces: (image: RgbImage) => Promise<DetectedFace[]>,
  findHairTop: (image: RgbImage, face: DetectedFace) => { y: number; touchesTop: boolean } | null,
): Promise<FaceGeometry | undefined> {
  const faces = await detectFaces(image);
  if (faces.length !== 1) return undefined;
  const face = faces[0] as DetectedFace;
  const { crop, scale } = framing;
  const hair = estimatedHairTop === undefined ? findHairTop(image, face) : null;
  const hairTop = hair && !hair.touchesTop ? crop.y + hair.y / scale : (estimatedHairTop ?? crop.y + framing.predicted.hairTop / scale);
  return {
    faceWidth: face.faceWidth / scale,
    eyeMidX: crop.x + face.eyeLine.midX / scale,
    eyeY: crop.y + face.eyeLine.y / scale,
    hairTop,
  };
}

/** Cut the framing out of the source and scale it to the output size; white rows above if the crop starts above the photo. */
async function cutAndScale(sharp: Sharp, image: RgbImage, framing: Framing, targets: FrameTargets): Promise<{ image: RgbImage; padRows: number }> {
  const { crop, scale } = framing;
  const left = clamp(Math.round(crop.x), 0, image.width - 1);
  const width = clamp(Math.round(crop.width), 1, image.width - left);
  const top = Math.round(crop.y);
  const padRows = top < 0 ? Math.round(-top * scale) : 0;
  const sourceTop = Math.max(0, top);
  const height = clamp(Math.round(crop.height) + Math.min(0, top), 1, image.height - sourceTop);
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top: sourceTop, width, height })
    .resize(targets.width, targets.height - padRows, { fit: 'fill', kernel: 'lanczos3' })
    .extend({ top: padRows, background: '#ffffff' })
    .raw()
    .toBuffer();
  return { image: { data, width: targets.width, height: targets.height, channels: 3 }, padRows };
}

function describeFraming(source: RgbImage, framing: Framing, padRows: number): Change[] {
  const { crop, scale, predicted } = framing;
  const region = {
    x: Math.round(crop.x),
    y: Math.max(0, Math.round(crop.y)),
    width: Math.round(crop.width),
    height: Math.round(crop.height) + Math.min(0, Math.round(crop.y)),
  };
  const changes: Change[] = [
    { id: 'cropped', from: { width: source.width, height: source.height }, region },
    {
      id: 'scaled',
      factor: Math.round(scale * 1000) / 1000,
      predicted: {
        faceWidth: Math.round(predicted.faceWidth),
        eyeMidX: Math.round(predicted.eyeMidX),
        eyeY: Math.round(predicted.eyeY),
        hairTop: Math.round(predicted.hairTop),
      },
      soft: scale > softEnlargement,
    },
  ];
  if (padRows > 0) changes.push({ id: 'padded-top', rows: padRows });
  return changes;
}

function applyBackground(image: RgbImage, verdict: BackgroundVerdict): Change {
  const colour = rgbTriple(verdict.colour);
  if (verdict.kind !== 'light') return { id: 'background-kept', reason: verdict.kind, colour };
  whitenBackground(image, verdict.colour, verdict.spread);
  return { id: 'background-whitened', from: colour };
}
