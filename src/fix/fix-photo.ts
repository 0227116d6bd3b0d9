/**
 * Turns an ordinary portrait into a photo that passes the spec: upright and levelled, framed
 * around the face by the spec's own numbers, the person put on white (person segmentation; without
 * it only a light plain wall is whitened), the canvas extended where the photo ends short of the
 * framing, encoded as baseline JPEG at the spec's density with no other metadata, at the quality
 * that lands the file in the middle of the size range. Then checks the result with check-photo,
 * whose report says honestly what is still wrong. Returns data; never prints.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { requireIsoDate, type IsoDate } from '../core/dates.js';
import { absentIf, kindOf, ShebaoError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { clamp } from '../core/math.js';
import type { DetectedFace, Point, RgbImage } from '../face/types.js';
import { loadSharp } from '../photo/analyze.js';
import { checkPhoto, type PhotoInput } from '../photo/check-photo.js';
import { rgbTriple, share, tenth } from '../photo/checks/check.js';
import { maxLevelledDegrees } from '../photo/checks/face.js';
import { loadSpec, type PhotoSpec } from '../photo/spec.js';
import { assessBackground, whitenBackground, type BackgroundVerdict } from './background.js';
import { topInOriginal } from './clothes.js';
import { backgroundColour, clearColdEdges, clearDoubted, edgeContacts, extendCanvas, faceOutline, fillPolygon, insidePhoto, keepPerson, matteHairTop, type Alpha, type EdgeContact } from './composite.js';
import { encodeJpeg } from './encode.js';
import { beyondEdges, frameFace, frameTargets, type Edge, type FaceGeometry, type FrameLimits, type FrameTargets, type Framing } from './frame.js';
import { openSource, type Region } from './source.js';
import type { Change, FixResult, LightTop, Refusal } from './types.js';

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
 * Detection on a turned or framed photo runs on a copy whose longer side is at most this many
 * pixels (see `overviewSide`: the landmarks are as precise there, at a fraction of the work).
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
  const source = await openSource(sharp, readFrom, input);
  const changes: Change[] = [...source.changes];
  const refuse = (refused: Refusal): FixResult => ({ input, output: null, ok: false, changes, refused });

  // A photo that already passes is left as it is, byte for byte: framing it again could only move
  // it (the face measured on a framed photo differs by a few px from the source's) and encoding
  // it again costs quality. Only an upright sRGB JPEG of the spec's size without a location can be.
  if (source.changes.length === 0 && source.width === targets.width && source.height === targets.height && !source.metadata.gps) {
    const { bytes } = source;
    const report = await checkPhoto(bytes, { spec, today, face: true, name: target?.shown ?? input });
    if (report.ok) {
      changes.push({ id: 'already-compliant' });
      if (!target) return { input, output: null, ok: true, changes, report, jpeg: bytes };
      writeFileAtomic(target.file, bytes, { overwrite: force }, target.shown);
      return { input, output: target.shown, ok: true, changes, report };
    }
  }

  const faceModel = await import('../face/index.js');
  const { overview } = source;
  const faces = (await faceModel.detectFaces(overview.image)).map((face) => scaleFace(face, 1 / overview.scale, 0, 0));
  if (faces.length === 0) return refuse({ id: 'no-face' });
  if (faces.length > 1) return refuse({ id: 'several-faces', faces: faces.length });
  const found = faces[0] as DetectedFace;

  // Only the part of the photo a framing can use is decoded, with the face as wide as the spec's
  // largest face (never enlarged): the framing then only shrinks it, which keeps the output sharp.
  const region = await source.region(workingRect(found), targets.faceWidth.max / found.faceWidth);
  // A face small in the overview has coarse landmarks: measured again in the working part.
  const refound = found.faceWidth * overview.scale < preciseFaceWidth ? await findFaces(sharp, region.image, faceModel.detectFaces) : [];
  const face = refound.length === 1 ? (refound[0] as DetectedFace) : scaleFace(found, region.scale, -region.left * region.scale, -region.top * region.scale);
  const alpha = await segment(region.image);
  if (!alpha) changes.push({ id: 'segmentation-unavailable' });
  // Hair that runs into the photo's top edge is a cut-off head: nothing may be invented above it.
  const hair = alpha ? matteHairTop(alpha, region.image.width, region.image.height, geometryOf(face, 0)) : undefined;
  // The top lower down than the frame will reach: light there is a light top, even where long hair hides it in the frame.
  const clothing = spec.checks['clothing-contrast']?.segmented;
  const top = alpha && clothing?.original && clothing.midTone ? topInOriginal(region.image, alpha, face, clothing.original, clothing.midTone.maxLuma) : undefined;
  const lightTop: LightTop | undefined = top?.light ? { id: 'light-top', skinShare: share(top.skinShare), midToneShare: share(top.midShare) } : undefined;
  // A cut-off head says the light top too: the retake it asks for must mend both.
  if (hair?.touchesTop && region.photoEdges.top) return refuse({ id: 'head-cut-off', ...(lightTop ? { also: [lightTop] } : {}) });
  if (lightTop) return refuse(lightTop);
  if (hair?.grazesTop && region.photoEdges.top) changes.push({ id: 'crown-at-edge' });
  // The head band ends at the chin: above it what runs into a side edge is hair or head (long hair
  // cut by the edge would get a straight side), below it the shoulders rise to the sides.
  const contacts = alpha ? edgeContacts(alpha, region.image.width, region.image.height, { top: hair?.y ?? 0, bottom: face.landmarks.chin.y }) : undefined;
  const work: Work = { sharp, targets, faceModel, region, alpha, reach: contacts && matteReach(region, contacts, face) };

  // A tilted head is levelled by turning the photo about its centre, if the turned photo can still
  // be framed; otherwise it is framed as it is, and head-tilt judges the lean that is left.
  let attempt: Attempt | undefined;
  const tilt = face.tiltDegrees;
  if (Math.abs(tilt) >= levelling.minDegrees && Math.abs(tilt) <= levelling.maxDegrees) {
    const turned = await turn(sharp, region.image, alpha, -tilt);
    const turnedFaces = await findFaces(sharp, turned.image, faceModel.detectFaces);
    if (turnedFaces.length === 1) {
      const levelled = await frameAndCut(work, turned, turnedFaces[0] as DetectedFace);
      if (levelled.ok) {
        attempt = levelled;
        changes.push({ id: 'levelled', degrees: tenth(-tilt) });
      }
    }
  }
  attempt ??= await frameAndCut(work, { image: region.image, alpha }, face);
  if (!attempt.ok) return refuse(describeRefusal(attempt, targets, region.scale));
  if (attempt.hairEstimated) changes.push({ id: 'hair-top-estimated' });
  const { out, framing } = attempt;
  changes.push(...describeFraming(source, region, attempt));

  let picture = out.rgb;
  if (out.onWhite) {
    changes.push({ id: 'background-replaced', from: out.onWhite.from });
    picture = out.onWhite.rgb;
  } else {
    changes.push(applyBackground(picture, assessBackground(picture, Math.max(0, Math.round(attempt.beyond.top * framing.scale)))));
  }

  const fileSize = spec.checks['file-size'];
  const dpi = spec.checks.resolution?.dpi;
  const encoded = await encodeJpeg(sharp, picture, {
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
 * more than the maximum (see maxLevelledDegrees) is a retake.
 */
const levelling = { minDegrees: 1.5, maxDegrees: maxLevelledDegrees } as const;

/**
 * The working part of the photo: the eye midpoint ± 2 face widths across, 2.2 face widths above
 * and 3 below the eyes. The largest crop the spec allows (its smallest face, the tallest hair)
 * spans ±0.97 face widths across and reaches 1.6 face widths above the eyes, so its corners stay
 * within 1.9 face widths of the eyes however far it is turned to level the head. Below, the chest
 * band the clothing check reads in the original (1.8 face widths under a chin about 1 below the
 * eyes, src/fix/clothes.ts).
 */
const working = { across: 2, above: 2.2, below: 3 } as const;

/**
 * Below this face width (px) in the overview the landmarks are measured again in the working part:
 * the detector's landmark net sees a face at 112 px, and one much smaller than that is enlarged
 * there from few pixels.
 */
const preciseFaceWidth = 160;

/**
 * How far the canvas may be extended beyond an edge the person runs into, in face widths: at the
 * sides, 0.3 (the shoulders continued, about 60 output px at most); at the bottom, up to 0.3 but
 * no more than the photo shows below the chin beyond a quarter face width (the neck), so clothes
 * are continued, never a neck.
 */
const clothesReach = { side: 0.3, bottom: 0.3, neck: 0.25 } as const;

type FaceModel = typeof import('../face/index.js');

/** What every framing attempt of one photo shares. */
interface Work {
  sharp: Sharp;
  targets: FrameTargets;
  faceModel: FaceModel;
  /** The working part of the photo (all coordinates below are in its pixels unless turned). */
  region: Region;
  alpha: Alpha | null;
  /** With a matte: how far beyond each edge the canvas may be extended, and which edges cost. */
  reach?: { reach: Record<Edge, number>; costly: Partial<Record<Edge, boolean>> };
}

/** The image a framing is cut from: the working part, or the working part turned (`toPhoto` maps back). */
interface Canvas {
  image: RgbImage;
  alpha: Alpha | null;
  toPhoto?: (x: number, y: number) => Point;
}

interface Rendered {
  rgb: RgbImage;
  /** The person matte at the output's size, or null without segmentation. */
  alpha: Alpha | null;
  /** With a matte: the person put on white, and the old background's colour. */
  onWhite?: { rgb: RgbImage; from: [number, number, number] };
}

type Attempt =
  | { ok: true; face: DetectedFace; framing: Framing; out: Rendered; beyond: Record<Edge, number>; hairEstimated: boolean }
  | { ok: false; reason: 'head-cut-off' }
  | { ok: false; reason: 'face-too-small'; faceWidth: number; neededScale: number }
  | { ok: false; reason: 'too-close-to-edge'; missing: Partial<Record<Edge, number>> };

/** The part of the photo any framing (levelled or not) can use, in photo px. */
function workingRect(face: DetectedFace): { x: number; y: number; width: number; height: number } {
  const w = face.faceWidth;
  return { x: face.eyeLine.midX - working.across * w, y: face.eyeLine.y - working.above * w, width: 2 * working.across * w, height: (working.above + working.below) * w };
}

/**
 * With a matte, the background becomes white: the canvas may grow freely beyond an edge the
 * person does not reach, and above the (whole) hair. Where the clothes run into an edge they are
 * continued a little; where the head does, not at all. Edges of the working part that are not the
 * photo's own are never crossed.
 */
function matteReach(region: Region, contacts: Record<'left' | 'right' | 'bottom', EdgeContact>, face: DetectedFace): NonNullable<Work['reach']> {
  const w = face.faceWidth;
  const belowChin = region.image.height - face.landmarks.chin.y;
  const side = (contact: EdgeContact) => (contact.head ? 0 : contact.person ? clothesReach.side * w : Infinity);
  const reach: Record<Edge, number> = {
    top: Infinity,
    left: side(contacts.left),
    right: side(contacts.right),
    bottom: contacts.bottom.person ? clamp(belowChin - clothesReach.neck * w, 0, clothesReach.bottom * w) : Infinity,
  };
  const costly: Partial<Record<Edge, boolean>> = {};
  for (const edge of ['left', 'right', 'bottom'] as const) {
    costly[edge] = contacts[edge].person;
    if (!region.photoEdges[edge]) reach[edge] = 0;
  }
  if (!region.photoEdges.top) reach.top = 0;
  return { reach, costly };
}

/** The faces in an image, in its pixels, found on a copy at most `detectionSide` px long. */
async function findFaces(sharp: Sharp, image: RgbImage, detectFaces: FaceModel['detectFaces']): Promise<DetectedFace[]> {
  const scale = Math.min(1, detectionSide / Math.max(image.width, image.height));
  const small = scale < 1 ? await resizeRaw(sharp, image, Math.round(image.width * scale), Math.round(image.height * scale)) : image;
  return (await detectFaces(small)).map((face) => scaleFace(face, 1 / scale, 0, 0));
}

/**
 * The person matte of the working part, or null when segmentation cannot run here (its model did
 * not load): fix-photo then whitens only a light plain wall, as it did before segmentation, and the
 * `segmentation-unavailable` change says so.
 */
async function segment(image: RgbImage): Promise<Alpha | null> {
  const matte = await import('../segment/index.js').then(({ segmentPerson }) => segmentPerson(image)).catch(absentIf('segment-model-unavailable'));
  return matte && matte.width === image.width && matte.height === image.height ? matte.alpha : null;
}

/**
 * Find the hair top, frame, cut, put on white, measure the framed face and correct until it fits.
 * Without a matte the hair top is found against the wall and the canvas grows only above a light
 * plain wall.
 */
async function frameAndCut(work: Work, canvas: Canvas, face: DetectedFace): Promise<Attempt> {
  const { sharp, targets, region } = work;
  let hairTop: number | undefined;
  let reach: Record<Edge, number>;
  let costly: Partial<Record<Edge, boolean>> = {};
  if (canvas.alpha && work.reach) {
    hairTop = matteHairTop(canvas.alpha, canvas.image.width, canvas.image.height, geometryOf(face, 0))?.y;
    ({ reach, costly } = work.reach);
  } else {
    // The head at about the output's scale, from far above the eyes down to them: the hair top is
    // found in it against the wall, and the wall is judged in it before anything is cut.
    const roughScale = (targets.faceWidth.min + targets.faceWidth.max) / 2 / face.faceWidth;
    const head = await headRegion(sharp, canvas.image, face, roughScale, targets);
    const headWall = assessBackground(head.image);
    // Against a busy background the "hair top" may be a shelf or a window frame: estimate instead.
    // Any plain wall will do, a blue backdrop too.
    const hair = headWall.kind !== 'busy' ? work.faceModel.findHairTop(head.image, scaleFace(face, head.scale, -head.left * head.scale, -head.top * head.scale)) : null;
    if (hair?.touchesTop && head.top <= 0 && region.photoEdges.top) return { ok: false, reason: 'head-cut-off' };
    if (hair) hairTop = head.top + hair.y / head.scale;
    // White rows above the head only where the wall is light and plain and the hair is whole.
    const padTop = hair !== null && region.photoEdges.top && (headWall.kind === 'light' || headWall.kind === 'already-white');
    reach = { top: padTop ? Infinity : 0, left: 0, right: 0, bottom: 0 };
  }
  const hairEstimated = hairTop === undefined;
  const limits: FrameLimits = {
    width: region.image.width,
    height: region.image.height,
    // The limit is on enlarging the original photo, whose px are 1/region.scale of the region's.
    maxScale: maxEnlargement / region.scale,
    reach,
    costly,
    toPhoto: canvas.toPhoto,
  };
  const framed = frameFace(geometryOf(face, hairTop ?? face.eyeLine.y - hairAboveEyes * face.faceWidth), targets, limits);
  if (!framed.ok) return framed.reason === 'face-too-small' ? { ...framed, faceWidth: face.faceWidth } : framed;
  // The face measured on the framed photo, as check-photo will measure it (on white: the jaw's
  // landmarks move with the background beside the cheeks), can differ from the measurement on the
  // source by several pixels, and the landmark net does not answer smoothly: a face framed 4%
  // smaller can measure 15% smaller. So the framing is measured and corrected with the mean of the
  // measurements so far until the measure lands inside the spec, at most `maxPasses` times, and
  // the framing whose measure fits best is kept.
  const passes: Array<{ framing: Framing; out: Rendered; misfit: number }> = [];
  const seen: FaceGeometry[] = [];
  let framing = framed.framing;
  for (let pass = 0; pass < maxPasses; pass++) {
    const out = await putOnWhite(await render(sharp, canvas, region.image, work.alpha, framing, targets), face, framing);
    const measured = await measureFramed(out, framing, hairEstimated ? framing.predicted.hairTop : undefined, work.faceModel);
    const misfit = measured ? misfitOf(measured, framing, targets) : Infinity;
    passes.push({ framing, out, misfit });
    if (!measured || misfit === 0) break;
    seen.push(measured);
    const refined = frameFace(meanGeometry(seen), targets, limits);
    if (!refined.ok) break;
    framing = refined.framing;
  }
  const chosen = passes.reduce((best, next) => (next.misfit < best.misfit ? next : best));
  framing = chosen.framing;
  const out = chosen.out;
  return { ok: true, face, framing, out, beyond: beyondEdges(framing.crop, limits), hairEstimated };
}

/** Framings measured at most this many times: a correction seldom needs a second one. */
const maxPasses = 3;

/**
 * How far check-photo will measure a framed face outside the spec: the squared px by which each
 * measure, mapped to the output, lies beyond its range narrowed by a slack (JPEG encoding moves
 * the landmarks by a pixel or two). 0 when every measure fits. A hair top planned above its range
 * (very tall hair, the eye rule wins) is not held to it.
 */
function misfitOf(measured: FaceGeometry, framing: Framing, targets: FrameTargets): number {
  const { crop, scale, predicted } = framing;
  const outside = (value: number, min: number, max: number, slack: number) => Math.max(0, min + slack - value, value - (max - slack)) ** 2;
  return (
    outside(measured.faceWidth * scale, targets.faceWidth.min, targets.faceWidth.max, 2) +
    outside((measured.eyeMidX - crop.x) * scale, targets.eyeMidX.min, targets.eyeMidX.max, 2) +
    outside((measured.eyeY - crop.y) * scale, -Infinity, targets.eyeMaxY ?? Infinity, 2) +
    (predicted.hairTop >= targets.hairTop.min ? outside((measured.hairTop - crop.y) * scale, targets.hairTop.min, targets.hairTop.max, 1) : 0)
  );
}

function meanGeometry(seen: readonly FaceGeometry[]): FaceGeometry {
  const mean = (key: keyof FaceGeometry) => seen.reduce((sum, g) => sum + g[key], 0) / seen.length;
  return { faceWidth: mean('faceWidth'), eyeMidX: mean('eyeMidX'), eyeY: mean('eyeY'), hairTop: mean('hairTop') };
}

function geometryOf(face: DetectedFace, hairTop: number): FaceGeometry {
  return { faceWidth: face.faceWidth, eyeMidX: face.eyeLine.midX, eyeY: face.eyeLine.y, hairTop };
}

/** `regionScale`: region px per photo px, to say the numbers in the original's pixels. */
function describeRefusal(attempt: Exclude<Attempt, { ok: true }>, targets: FrameTargets, regionScale: number): Refusal {
  switch (attempt.reason) {
    case 'head-cut-off':
      return { id: 'head-cut-off' };
    case 'face-too-small':
      return {
        id: 'face-too-small',
        faceWidth: Math.round(attempt.faceWidth / regionScale),
        minFaceWidth: targets.faceWidth.min,
        enlargement: Math.round(attempt.neededScale * regionScale * 100) / 100,
      };
    case 'too-close-to-edge': {
      // Whole pixels of the original, rounded up: "3 px more" must be enough.
      const missing: Partial<Record<Edge, number>> = {};
      for (const [edge, px] of Object.entries(attempt.missing) as Array<[Edge, number]>) if (px > 0) missing[edge] = Math.ceil(px / regionScale);
      return { id: 'too-close-to-edge', missing };
    }
  }
}

/**
 * The image (and matte) turned by `degrees` (clockwise) about its centre, on a canvas grown to
 * hold it, and where each point of the new canvas lies in the unturned image.
 */
async function turn(sharp: Sharp, image: RgbImage, alpha: Alpha | null, degrees: number): Promise<Canvas> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .rotate(degrees, { background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const turnedAlpha = alpha
    ? await sharp(alpha, { raw: { width: image.width, height: image.height, channels: 1 } }).rotate(degrees, { background: '#000000' }).extractChannel(0).raw().toBuffer()
    : null;
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const [cx, cy, tx, ty] = [image.width / 2, image.height / 2, info.width / 2, info.height / 2];
  const toPhoto = (x: number, y: number) => ({ x: cx + (x - tx) * cos + (y - ty) * sin, y: cy - (x - tx) * sin + (y - ty) * cos });
  return { image: { data, width: info.width, height: info.height, channels: 3 }, alpha: turnedAlpha, toPhoto };
}

/** Fail before the work, not after it: the output is the input, or exists already. */
function guardOutput(readFrom: string | Buffer, file: string, shown: string): void {
  if (file === readFrom) throw new ShebaoError('output-is-input', { file: shown });
  if (existsSync(file)) throw new ShebaoError('output-exists', { file: shown });
}

async function resizeRaw(sharp: Sharp, image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(width, height, { fit: 'fill' }).raw().toBuffer();
  return { data, width, height, channels: 3 };
}

/** A face's coordinates mapped by p → p·scale + (dx, dy), every landmark included. */
function scaleFace(face: DetectedFace, scale: number, dx: number, dy: number): DetectedFace {
  const point = (p: Point) => ({ x: p.x * scale + dx, y: p.y * scale + dy });
  const landmarks = Object.fromEntries(
    Object.entries(face.landmarks).map(([key, value]: [string, Point | Point[]]) => [key, Array.isArray(value) ? value.map(point) : point(value)]),
  ) as unknown as DetectedFace['landmarks'];
  return {
    ...face,
    box: { x: face.box.x * scale + dx, y: face.box.y * scale + dy, width: face.box.width * scale, height: face.box.height * scale },
    landmarks,
    faceWidth: face.faceWidth * scale,
    eyeLine: { y: face.eyeLine.y * scale + dy, midX: face.eyeLine.midX * scale + dx },
  };
}

/** A point of the canvas in output px. */
function toOutput(p: Point, framing: Framing): Point {
  return { x: (p.x - framing.crop.x) * framing.scale, y: (p.y - framing.crop.y) * framing.scale };
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
 * The face geometry measured on a framed photo, mapped back into canvas pixels; undefined unless
 * exactly one face is found. The hair top is re-measured (from the matte, or against the wall)
 * unless it was estimated (`estimatedHairTop`, output px, is kept then).
 */
async function measureFramed(out: Rendered, framing: Framing, estimatedHairTop: number | undefined, faceModel: FaceModel): Promise<FaceGeometry | undefined> {
  const faces = await faceModel.detectFaces(out.onWhite?.rgb ?? out.rgb);
  if (faces.length !== 1) return undefined;
  const face = faces[0] as DetectedFace;
  const { crop, scale } = framing;
  let hair = estimatedHairTop;
  if (hair === undefined) {
    if (out.alpha) {
      const found = matteHairTop(out.alpha, out.rgb.width, out.rgb.height, geometryOf(face, 0));
      hair = found && !found.touchesTop ? found.y : framing.predicted.hairTop;
    } else {
      const found = faceModel.findHairTop(out.rgb, face);
      hair = found && !found.touchesTop ? found.y : framing.predicted.hairTop;
    }
  }
  return {
    faceWidth: face.faceWidth / scale,
    eyeMidX: crop.x + face.eyeLine.midX / scale,
    eyeY: crop.y + face.eyeLine.y / scale,
    hairTop: crop.y + hair / scale,
  };
}

/**
 * Cut the framing out of the canvas at the output's size. Where the framing reaches beyond the
 * photo the canvas is extended (see extendCanvas): white above and beside the background, the
 * clothes continued where they run into an edge. `photo` and `photoAlpha` are the unturned image
 * the canvas's `toPhoto` maps into (the canvas itself when it is not turned).
 */
async function render(sharp: Sharp, canvas: Canvas, photo: RgbImage, photoAlpha: Alpha | null, framing: Framing, targets: FrameTargets): Promise<Rendered> {
  const { crop, scale } = framing;
  const { width, height } = targets;
  const rgb: RgbImage = { data: new Uint8Array(width * height * 3).fill(255), width, height, channels: 3 };
  const alpha = canvas.alpha ? new Uint8Array(width * height) : null;
  const placed = new Uint8Array(width * height);
  const { image } = canvas;
  const x0 = clamp(Math.floor(crop.x), 0, image.width);
  const y0 = clamp(Math.floor(crop.y), 0, image.height);
  const x1 = clamp(Math.ceil(crop.x + crop.width), 0, image.width);
  const y1 = clamp(Math.ceil(crop.y + crop.height), 0, image.height);
  if (x1 > x0 && y1 > y0) {
    // The canvas pixels inside the crop, resampled; placed where they fall in the output.
    const ox = Math.round((x0 - crop.x) * scale);
    const oy = Math.round((y0 - crop.y) * scale);
    const pw = Math.max(1, Math.round((x1 - crop.x) * scale) - ox);
    const ph = Math.max(1, Math.round((y1 - crop.y) * scale) - oy);
    const part = { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
    const pixels = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).extract(part).resize(pw, ph, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
    const matte = canvas.alpha
      ? await sharp(canvas.alpha, { raw: { width: image.width, height: image.height, channels: 1 } }).extract(part).resize(pw, ph, { fit: 'fill', kernel: 'lanczos3' }).extractChannel(0).raw().toBuffer()
      : null;
    for (let v = Math.max(0, -oy); v < ph && oy + v < height; v++) {
      for (let u = Math.max(0, -ox); u < pw && ox + u < width; u++) {
        const i = (oy + v) * width + ox + u;
        const j = v * pw + u;
        rgb.data[i * 3] = pixels[j * 3]!;
        rgb.data[i * 3 + 1] = pixels[j * 3 + 1]!;
        rgb.data[i * 3 + 2] = pixels[j * 3 + 2]!;
        if (alpha && matte) alpha[i] = matte[j]!;
        placed[i] = 1;
      }
    }
  }
  const toPhoto = (u: number, v: number) => {
    const x = crop.x + u / scale;
    const y = crop.y + v / scale;
    return canvas.toPhoto ? canvas.toPhoto(x, y) : { x, y };
  };
  const inside = insidePhoto(width, height, photo, toPhoto);
  for (let i = 0; i < inside.length; i++) inside[i] = inside[i]! & placed[i]!;
  extendCanvas(rgb, alpha, inside, { image: photo, alpha: photoAlpha }, toPhoto);
  return { rgb, alpha };
}

/** The base of the nose in the 68-point scheme (iBUG 300-W). */
const noseBase = 33;
/** The background the person is put on. */
const white: [number, number, number] = [255, 255, 255];

/** The top of the eyebrows (points 17–26 of the 68-point scheme). */
function browOf(points: readonly Point[]): number {
  return Math.min(...points.slice(17, 27).map((p) => p.y));
}

/**
 * With a matte, the person on white: inside the face outline (the landmarks' jaw and eyebrows)
 * the matte is person whatever it said (the face is never made lighter), a blue or green patch of
 * the old backdrop at the head's edge is not (clearColdEdges), only the person joined to the face
 * is kept (keepPerson), and src/segment's replaceBackground mixes each pixel with white without the
 * old background's fringe. Then the model looks again at the person on white, and a leftover
 * beside the head it now calls background goes too (clearDoubted). The matte is changed in place.
 */
async function putOnWhite(out: Rendered, face: DetectedFace, framing: Framing): Promise<Rendered> {
  const { rgb, alpha } = out;
  if (!alpha) return out;
  const points = face.landmarks.points.map((p) => toOutput(p, framing));
  const outline = faceOutline(points);
  fillPolygon(alpha, rgb.width, rgb.height, outline);
  // The head's rows, with the 68 landmarks only: without them no patch is cleared.
  const head = points.length >= 68 ? { outline, noseY: points[noseBase]!.y, browY: browOf(points) } : undefined;
  if (head) {
    const eyes = { left: toOutput(face.landmarks.leftEye, framing), right: toOutput(face.landmarks.rightEye, framing) };
    clearColdEdges(rgb, alpha, { ...head, midX: (eyes.left.x + eyes.right.x) / 2 });
  }
  keepPerson(alpha, rgb.width, rgb.height, toOutput(face.landmarks.nose, framing));
  const { replaceBackground, segmentPerson } = await import('../segment/index.js');
  const from = backgroundColour(rgb, alpha);
  const matte = { width: rgb.width, height: rgb.height, alpha };
  let onWhite = replaceBackground(rgb, matte, white);
  if (head) {
    const second = await segmentPerson(onWhite);
    if (clearDoubted(rgb, alpha, onWhite, second.alpha, head) > 0) onWhite = replaceBackground(rgb, matte, white);
  }
  return { ...out, onWhite: { rgb: onWhite, from } };
}

/** The cropped, scaled and extended changes, in the original photo's pixels. */
function describeFraming(source: { width: number; height: number }, region: Region, attempt: Extract<Attempt, { ok: true }>): Change[] {
  const { framing, beyond } = attempt;
  const { crop, scale, predicted } = framing;
  const toSource = (v: number) => v / region.scale;
  // The part of the (possibly turned) working photo that is photo, in the original's pixels.
  const x = Math.max(0, crop.x);
  const y = Math.max(0, crop.y);
  const regionOf = {
    x: Math.round(region.left + toSource(x)),
    y: Math.round(region.top + toSource(y)),
    width: Math.round(toSource(Math.min(crop.x + crop.width, region.image.width) - x)),
    height: Math.round(toSource(Math.min(crop.y + crop.height, region.image.height) - y)),
  };
  const factor = scale * region.scale;
  const changes: Change[] = [
    { id: 'cropped', from: { width: source.width, height: source.height }, region: regionOf },
    {
      id: 'scaled',
      factor: Math.round(factor * 1000) / 1000,
      predicted: {
        faceWidth: Math.round(predicted.faceWidth),
        eyeMidX: Math.round(predicted.eyeMidX),
        eyeY: Math.round(predicted.eyeY),
        hairTop: Math.round(predicted.hairTop),
      },
      soft: factor > softEnlargement,
    },
  ];
  const rows = Math.round(beyond.top * scale);
  if (rows > 0) changes.push({ id: 'padded-top', rows });
  const extended: Partial<Record<'left' | 'right' | 'bottom', number>> = {};
  for (const edge of ['left', 'right', 'bottom'] as const) {
    const px = Math.round(beyond[edge] * scale);
    if (px > 0) extended[edge] = px;
  }
  if (Object.keys(extended).length > 0) changes.push({ id: 'canvas-extended', edges: extended });
  return changes;
}

function applyBackground(image: RgbImage, verdict: BackgroundVerdict): Change {
  const colour = rgbTriple(verdict.colour);
  if (verdict.kind !== 'light') return { id: 'background-kept', reason: verdict.kind, colour };
  whitenBackground(image, verdict.colour, verdict.spread);
  return { id: 'background-whitened', from: colour };
}
