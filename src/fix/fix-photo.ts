/**
 * Turns an ordinary portrait into a photo that passes the spec: upright, framed around the face by
 * the spec's own numbers, the background whitened when it is light and plain, encoded as baseline
 * JPEG at the spec's density with no other metadata, at the quality that lands the file in the
 * middle of the size range. Then checks the result with check-photo. Returns data; never prints.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { tr, type Lang } from '../core/i18n.js';
import type { DetectedFace, RgbImage } from '../face/types.js';
import { analyzePhoto, loadSharp, maxInputPixels } from '../photo/analyze.js';
import { checkPhoto } from '../photo/check-photo.js';
import { exifDate, readExif } from '../photo/exif.js';
import { formatName, iccDescription, sniffFormat } from '../photo/sniff.js';
import { loadSpec, type PhotoSpec } from '../photo/spec.js';
import { assessBackground, whitenBackground, type BackgroundVerdict, type Rgb } from './background.js';
import { encodeJpeg } from './encode.js';
import { frameFace, frameTargets, type Edge, type FaceGeometry, type FrameLimits, type FrameTargets, type Framing } from './frame.js';
import type { Change, FixResult, Refusal } from './types.js';

type Sharp = typeof import('sharp').default;

export interface FixOptions {
  /** A built-in spec id, a spec file, or a loaded spec. Default `shebao-card`. */
  spec?: string | PhotoSpec;
  lang?: Lang;
  /** Relative paths are resolved from here. */
  cwd?: string;
  /** Where to write; default `<input name>-fixed.jpg` next to the input. */
  output?: string;
  /** Overwrite an existing output file, even the input itself. */
  force?: boolean;
  /** The date the `recent` check of the result counts from. */
  today?: IsoDate;
}

/**
 * Enlarging a face more than this makes the photo visibly soft: a face under half the smallest
 * width the spec allows needs a closer photo, not interpolation.
 */
export const maxEnlargement = 2;

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

export async function fixPhoto(input: string, options: FixOptions = {}): Promise<FixResult> {
  const lang = options.lang ?? 'zh';
  const cwd = options.cwd ?? process.cwd();
  const spec = typeof options.spec === 'object' ? options.spec : loadSpec(options.spec, { cwd });
  const targets = frameTargets(spec);
  const inputPath = path.resolve(cwd, input);
  const output = options.output ?? defaultOutputPath(input);
  const outputPath = path.resolve(cwd, output);
  guardOutput(inputPath, outputPath, output, Boolean(options.force), lang);

  const sharp = await loadSharp();
  const source = await decodeSource(sharp, inputPath, input, lang);
  const changes: Change[] = [...source.changes];
  const refuse = (refused: Refusal): FixResult => ({ input, output: null, ok: false, changes, refused });

  const faceModel = await import('../face/index.js');
  const faces = await findFaces(sharp, source.image, faceModel.detectFaces);
  if (faces.length === 0) return refuse(refusals.noFace(lang));
  if (faces.length > 1) return refuse(refusals.severalFaces(lang, faces.length));
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
        changes.push({
          id: 'levelled',
          degrees: Math.round(-tilt * 10) / 10,
          message: tr(lang, `把头摆正：整张照片转了 ${Math.abs(tilt).toFixed(1)}°`, `levelled the head: turned the photo ${Math.abs(tilt).toFixed(1)}°`),
        });
      }
    }
  }
  attempt ??= await frameAndCut(sharp, source.image, face, targets, faceModel);
  if (!attempt.ok) return refuse(describeRefusal(lang, attempt, targets));
  if (attempt.hairEstimated) {
    changes.push({
      id: 'hair-top-estimated',
      message: tr(lang, '背景不够干净，找不到头发顶端：按脸宽估计头顶位置', 'the top of the hair cannot be found against this background: estimated from the face width'),
    });
  }
  const { image, padRows } = attempt.cut;
  changes.push(...describeFraming(lang, attempt.source, attempt.framing, padRows));

  const verdict = assessBackground(image, padRows);
  changes.push(applyBackground(lang, image, verdict));

  const fileSize = spec.checks['file-size'] as { minBytes: number; maxBytes: number } | undefined;
  const dpi = (spec.checks.resolution as { dpi: number } | undefined)?.dpi;
  const encoded = await encodeJpeg(sharp, image, {
    startQuality: spec.encode?.quality ?? defaultQuality,
    minBytes: fileSize?.minBytes,
    maxBytes: fileSize?.maxBytes,
    dpi,
  });
  if (source.metadata.exif || source.metadata.icc) {
    changes.push({
      id: 'metadata-removed',
      exif: source.metadata.exif,
      gps: source.metadata.gps,
      icc: source.metadata.icc,
      takenOn: source.metadata.takenOn ?? null,
      message: describeRemoved(lang, source.metadata),
    });
  }
  changes.push({
    id: 'encoded',
    quality: encoded.quality,
    bytes: encoded.bytes.length,
    dpi: dpi ?? null,
    message: tr(
      lang,
      `基线 JPEG，质量 ${encoded.quality}，${kb(encoded.bytes.length)}${dpi ? `，${dpi} dpi` : ''}`,
      `baseline JPEG, quality ${encoded.quality}, ${kb(encoded.bytes.length)}${dpi ? `, ${dpi} dpi` : ''}`,
    ),
  });

  writeAtomically(outputPath, encoded.bytes, Boolean(options.force), output, lang);
  const report = await checkPhoto(outputPath, { spec, lang, today: options.today, face: true });
  report.file = output;
  return { input, output, ok: report.ok, changes, report };
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

function describeRefusal(lang: Lang, attempt: Exclude<Attempt, { ok: true }>, targets: FrameTargets): Refusal {
  switch (attempt.reason) {
    case 'head-cut-off':
      return refusals.headCutOff(lang);
    case 'face-too-small':
      return refusals.faceTooSmall(lang, attempt.faceWidth, targets.faceWidth.min, attempt.neededScale);
    case 'too-close-to-edge':
      return refusals.tooClose(lang, attempt.missing);
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

function guardOutput(inputPath: string, outputPath: string, output: string, force: boolean, lang: Lang): void {
  if (force) return;
  if (outputPath === inputPath) {
    throw new ShebaoError(tr(lang, `输出文件就是输入文件：${output}，不会覆盖原图`, `the output is the input itself: ${output}; the original is not overwritten`), {
      hint: tr(lang, '用 -o 指定另一个文件名；确实要覆盖原图请加 --force', 'choose another name with -o, or add --force to overwrite the original'),
    });
  }
  if (existsSync(outputPath)) {
    throw new ShebaoError(tr(lang, `输出文件已存在：${output}`, `the output file already exists: ${output}`), {
      hint: tr(lang, '用 -o 指定另一个文件名，或加 --force 覆盖', 'choose another name with -o, or add --force to overwrite it'),
    });
  }
}

/**
 * Write to a temporary file beside the target, then move it into place, so a reader never sees
 * half a photo. Without --force the move is a hard link, which fails if the target appeared
 * meanwhile (rename would silently replace it).
 */
function writeAtomically(target: string, bytes: Buffer, force: boolean, shown: string, lang: Lang): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
  } catch (error) {
    throw new ShebaoError(tr(lang, `无法写入 ${shown}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`, `cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)})`), {
      hint: tr(lang, '检查输出文件夹是否存在、是否有写权限', 'check that the output folder exists and is writable'),
    });
  }
  try {
    if (force) {
      renameSync(temp, target);
      return;
    }
    try {
      linkSync(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw new ShebaoError(tr(lang, `输出文件已存在：${shown}`, `the output file already exists: ${shown}`), {
          hint: tr(lang, '用 -o 指定另一个文件名，或加 --force 覆盖', 'choose another name with -o, or add --force to overwrite it'),
        });
      }
      // File systems without hard links (FAT on a USB stick): checked above, so rename.
      renameSync(temp, target);
      return;
    }
    unlinkSync(temp);
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}

interface Source {
  /** Upright, sRGB, 8-bit RGB, transparency flattened onto white. */
  image: RgbImage;
  changes: Change[];
  /** What the source carried; `takenOn` is its EXIF capture date (YYYY-MM-DD). */
  metadata: { exif: boolean; gps: boolean; icc: boolean; takenOn?: string };
}

async function decodeSource(sharp: Sharp, file: string, shown: string, lang: Lang): Promise<Source> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw await unreadable(file, shown, lang);
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
    if (format === 'heif') throw heicError(lang);
    throw await unreadable(file, shown, lang);
  }
  const { width, height, channels } = decoded.info;
  if (channels !== 3) throw await unreadable(file, shown, lang);
  const changes: Change[] = [];
  const orientation = metadata.orientation ?? 1;
  if (orientation !== 1) {
    changes.push({
      id: 'rotated',
      orientation,
      message: tr(lang, `按 EXIF 方向标记（${orientation}）把像素转正`, `turned the pixels upright as the EXIF orientation (${orientation}) says`),
    });
  }
  const from = describeSourceFormat(format, metadata, lang);
  if (from) changes.push({ id: 'converted', from: from.id, to: 'sRGB JPEG', message: from.message });
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

/** What needs saying about the source's format and colours, or nothing for an sRGB JPEG. */
function describeSourceFormat(format: ReturnType<typeof sniffFormat>, metadata: { space?: string; hasAlpha?: boolean; icc?: Buffer; channels?: number }, lang: Lang): { id: string; message: string } | undefined {
  const parts: string[] = [];
  const ids: string[] = [];
  if (format !== 'jpeg') {
    ids.push(format);
    parts.push(tr(lang, `${formatName(format)} 转为 JPEG`, `${formatName(format)} to JPEG`));
  }
  if (metadata.hasAlpha) parts.push(tr(lang, '透明部分填成白色', 'transparent parts filled with white'));
  if (metadata.space === 'cmyk') {
    ids.push('cmyk');
    parts.push(tr(lang, 'CMYK 转为 sRGB', 'CMYK to sRGB'));
  } else if (metadata.space === 'b-w' || (metadata.channels ?? 3) <= 2) {
    ids.push('grayscale');
    parts.push(tr(lang, '灰度转为 RGB（照片仍是黑白的）', 'grayscale to RGB (the photo is still black-and-white)'));
  }
  const profile = metadata.icc ? iccDescription(metadata.icc) : undefined;
  if (profile && !/srgb/i.test(profile)) {
    ids.push(profile);
    parts.push(tr(lang, `色彩从“${profile}”转为 sRGB`, `colours from "${profile}" to sRGB`));
  }
  if (parts.length === 0) return undefined;
  return { id: ids.join('+') || 'jpeg', message: parts.join(tr(lang, '；', '; ')) };
}

/** Why a file cannot be used, in check-photo's words, as an exit-2 error. */
async function unreadable(file: string, shown: string, lang: Lang): Promise<ShebaoError> {
  const problem = (await analyzePhoto(file)).problem;
  // check-photo's hints for broken files point to fix-photo itself: say what fix-photo reads instead.
  const convert = tr(
    lang,
    'fix-photo 能读 JPEG、PNG、WebP、AVIF、TIFF、GIF：请在手机或电脑上把照片另存为 JPEG 后再试',
    'fix-photo reads JPEG, PNG, WebP, AVIF, TIFF and GIF: save the photo as JPEG on your phone or computer and try again',
  );
  if (!problem) return new ShebaoError(tr(lang, `无法解码照片：${shown}`, `cannot decode the photo: ${shown}`), { hint: convert });
  return new ShebaoError(`${shown}: ${tr(lang, problem.reason)}`, { hint: problem.stage === 'file' ? tr(lang, problem.hint) : convert });
}

function heicError(lang: Lang): ShebaoError {
  return new ShebaoError(
    tr(lang, '无法读取这张 HEIC 照片：本机的图像库不含 HEVC 解码器（专利原因，sharp 预编译版本不带）', 'cannot read this HEIC photo: the image library here has no HEVC decoder (for patent reasons sharp\'s prebuilt binaries lack it)'),
    {
      hint: tr(
        lang,
        'iPhone：设置 → 相机 → 格式 → 选“兼容性最佳”后重拍；或在“照片”里选中照片 → 共享 → 存储到“文件”/用微信发送原图，会得到 JPEG。安卓：相机设置里关闭 HEIF。',
        'iPhone: Settings → Camera → Formats → "Most Compatible", then retake; or share the photo to Files or mail it, which converts it to JPEG. Android: turn off HEIF in the camera settings.',
      ),
    },
  );
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
  const left = clampInt(Math.round(crop.x), 0, image.width - 1);
  const width = clampInt(Math.round(crop.width), 1, image.width - left);
  const top = Math.round(crop.y);
  const padRows = top < 0 ? Math.round(-top * scale) : 0;
  const sourceTop = Math.max(0, top);
  const height = clampInt(Math.round(crop.height) + Math.min(0, top), 1, image.height - sourceTop);
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top: sourceTop, width, height })
    .resize(targets.width, targets.height - padRows, { fit: 'fill', kernel: 'lanczos3' })
    .extend({ top: padRows, background: '#ffffff' })
    .raw()
    .toBuffer();
  return { image: { data, width: targets.width, height: targets.height, channels: 3 }, padRows };
}

function describeFraming(lang: Lang, source: RgbImage, framing: Framing, padRows: number): Change[] {
  const { crop, scale, predicted } = framing;
  const region = {
    x: Math.round(crop.x),
    y: Math.max(0, Math.round(crop.y)),
    width: Math.round(crop.width),
    height: Math.round(crop.height) + Math.min(0, Math.round(crop.y)),
  };
  const factor = Math.round(scale * 1000) / 1000;
  const changes: Change[] = [
    {
      id: 'cropped',
      from: { width: source.width, height: source.height },
      region,
      message: tr(
        lang,
        `从 ${source.width}×${source.height} 的照片中裁出 ${region.width}×${region.height}（左上角 ${region.x},${region.y}）`,
        `cropped ${region.width}×${region.height} at ${region.x},${region.y} from ${source.width}×${source.height}`,
      ),
    },
    {
      id: 'scaled',
      factor,
      message: tr(
        lang,
        `缩放 ×${factor}：脸宽约 ${Math.round(predicted.faceWidth)} px，两眼中点 x≈${Math.round(predicted.eyeMidX)}，眼睛 y≈${Math.round(predicted.eyeY)}，头顶 y≈${Math.round(predicted.hairTop)}${scale > 1.25 ? '（放大较多，照片可能不够清晰）' : ''}`,
        `scaled ×${factor}: face width ≈${Math.round(predicted.faceWidth)} px, eye midpoint x≈${Math.round(predicted.eyeMidX)}, eyes y≈${Math.round(predicted.eyeY)}, hair top y≈${Math.round(predicted.hairTop)}${scale > 1.25 ? ' (enlarged a lot: the photo may look soft)' : ''}`,
      ),
    },
  ];
  if (padRows > 0) {
    changes.push({
      id: 'padded-top',
      rows: padRows,
      message: tr(lang, `头顶上方补了 ${padRows} 行白色（原图上方空间不够）`, `added ${padRows} white rows above the head (the original had too little room above it)`),
    });
  }
  return changes;
}

function applyBackground(lang: Lang, image: RgbImage, verdict: BackgroundVerdict): Change {
  const colour = formatRgb(verdict.colour);
  if (verdict.kind === 'light') {
    whitenBackground(image, verdict.colour, verdict.spread);
    return { id: 'background-whitened', from: colour, message: tr(lang, `浅色背景 ${colour} 变为白色`, `light background ${colour} made white`) };
  }
  const reasons = {
    'already-white': tr(lang, `背景已是白色 ${colour}，未改动`, `the background is already white ${colour}; left as is`),
    dark: tr(lang, `背景太暗（${colour}），无法可靠地变白：请在白墙前、光线充足处重拍`, `the background is too dark (${colour}) to whiten reliably: retake in front of a white wall in good light`),
    coloured: tr(lang, `背景是彩色的（${colour}），没有改动：请在白墙前重拍`, `the background is coloured (${colour}); not changed: retake in front of a white wall`),
    busy: tr(lang, `背景杂乱（不是单色墙面），没有改动：请在白墙前重拍`, `the background is busy (not a plain wall); not changed: retake in front of a white wall`),
  };
  return { id: 'background-kept', reason: verdict.kind, colour, message: reasons[verdict.kind] };
}

function describeRemoved(lang: Lang, metadata: Source['metadata']): string {
  const parts: string[] = [];
  if (metadata.exif) parts.push(metadata.gps ? tr(lang, 'EXIF（含 GPS 位置）', 'EXIF (with the GPS location)') : 'EXIF');
  if (metadata.icc) parts.push(tr(lang, 'ICC 色彩配置', 'the ICC profile'));
  // The result has no capture date for the `recent` check to read: say what the original said.
  const taken = metadata.takenOn ? tr(lang, `（原图拍摄于 ${metadata.takenOn}）`, ` (the original was taken on ${metadata.takenOn})`) : '';
  return tr(lang, `去掉了 ${parts.join('、')}${taken}`, `removed ${parts.join(' and ')}${taken}`);
}

const refusals = {
  noFace: (lang: Lang): Refusal => ({
    id: 'no-face',
    message: tr(lang, '照片里没有检测到人脸', 'no face found in the photo'),
    hint: tr(lang, '正面、睁眼、光线充足地重新拍摄，脸不要被遮挡', 'retake facing the camera, eyes open, in good light, nothing covering the face'),
  }),
  severalFaces: (lang: Lang, count: number): Refusal => ({
    id: 'several-faces',
    message: tr(lang, `照片里有 ${count} 张人脸，不知道该裁哪一个`, `${count} faces in the photo; which one is the applicant?`),
    hint: tr(lang, '单独拍摄本人；或先把照片裁到只剩本人再运行', 'photograph the applicant alone, or crop the photo to the applicant first'),
  }),
  faceTooSmall: (lang: Lang, width: number, minWidth: number, scale: number): Refusal => ({
    id: 'face-too-small',
    message: tr(
      lang,
      `脸在原图里只有 ${Math.round(width)} px 宽，要放大 ×${scale.toFixed(1)} 才到 ${minWidth} px，会很模糊`,
      `the face is only ${Math.round(width)} px wide in the original; reaching ${minWidth} px means enlarging ×${scale.toFixed(1)}, which blurs it`,
    ),
    hint: tr(lang, '离近一些重拍，或用原图（不要用缩略图或聊天软件压缩过的照片）', 'take the photo closer, or use the original (not a thumbnail or a photo compressed by a chat app)'),
  }),
  tooClose: (lang: Lang, missing: Partial<Record<Edge, number>>): Refusal => {
    const names = { left: ['左', 'left'], right: ['右', 'right'], top: ['上', 'top'], bottom: ['下', 'bottom'] } as const;
    const edges = (Object.entries(missing) as Array<[Edge, number]>).filter(([, px]) => px > 0);
    return {
      id: 'too-close-to-edge',
      message: tr(
        lang,
        `头部离照片${edges.map(([edge]) => names[edge][0]).join('、')}边太近：按规格裁剪，${edges.map(([edge, px]) => `${names[edge][0]}边还缺 ${Math.ceil(px)} px`).join('，')}（原图像素）`,
        `the head is too close to the ${edges.map(([edge]) => names[edge][1]).join(' and ')} edge: framing it to the spec needs ${edges.map(([edge, px]) => `${Math.ceil(px)} px more on the ${names[edge][1]}`).join(', ')} (pixels of the original)`,
      ),
      hint: tr(lang, '重拍时让人在画面正中，头顶上方和肩膀以下多留空间（不要在照片上补边）', 'retake with the person in the middle and room above the head and below the shoulders (padding the photo is not a fix)'),
    };
  },
  headCutOff: (lang: Lang): Refusal => ({
    id: 'head-cut-off',
    message: tr(lang, '原图里头顶已被裁掉（头发碰到照片上边）', 'the top of the head is cut off in the original (the hair touches the top edge)'),
    hint: tr(lang, '重拍时头顶上方留出空间', 'retake with room above the head'),
  }),
};

function formatRgb(colour: Rgb): string {
  return `RGB(${colour.map((c) => Math.round(c)).join(',')})`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

