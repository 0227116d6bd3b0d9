/**
 * Reads a photo once and learns what the checks need, in stages: the bytes, the header facts, and
 * a 1/8-scale picture of block means. A stage that cannot be reached says why; later stages are
 * then missing and the checks that need them are skipped.
 *
 * Baseline JPEG (what portals want) takes the fast path in ./jpeg.ts; everything else goes
 * through sharp, loaded only when needed, and HEIC through ./heic.ts. The block picture is upright
 * (turned by the EXIF orientation, see ./upright.ts): the content checks see the photo as a
 * person does, while `facts` keep the stored size and the tag.
 */
import { InputFileError, readInputFile, type SpecialFileType } from '../core/input-file.js';
import { exifDate, readExif } from './exif.js';
import type { RgbImage } from '../face/types.js';
import { decodeHeic, HeicError } from './heic.js';
import { decodeBlockMeans, JpegError, readJpegHeader, type BlockImage, type JpegHeader } from './jpeg.js';
import { iccDescription, sniffFormat } from './sniff.js';
import type { ImageFacts } from './types.js';
import { orientBlocks, uprightSize } from './upright.js';

/**
 * Files that declare more pixels than this are not decoded (a decompression-bomb guard). 100 MP
 * covers every phone camera's normal mode; an ID photo is 0.16 MP.
 */
export const maxInputPixels = 100_000_000;

/**
 * Files larger than this are not read (an endless or sparse file, or not a photo). 64 MiB holds
 * a 100-megapixel JPEG at high quality; a phone's 12–48 MP original is 3–25 MB and an ID photo
 * is tens of KB. Every photo in flight is held whole, so the cap also bounds a batch's memory.
 */
export const maxInputBytes = 64 * 1024 * 1024;

export type Stage = 'file' | 'image' | 'pixels';

/** Why a photo could not be read, as a stable code (the `readable` check's reason). */
export type UnreadableReason =
  | 'missing'
  | 'permission-denied'
  | 'is-directory'
  | 'read-error'
  | 'empty'
  | 'not-an-image'
  | 'undecodable'
  | 'damaged'
  | 'truncated'
  | 'too-many-pixels'
  | 'invalid-size'
  /** A FIFO, device or socket: never opened for reading (a FIFO would wait, /dev/zero never ends). */
  | 'not-a-file'
  /** More bytes than maxInputBytes. */
  | 'too-large'
  /** An unexpected failure while checking this photo (a bug, or a worker thread that died). */
  | 'analysis-failed';

export interface Unreadable {
  /** The first stage that could not be reached. */
  stage: Stage;
  reason: UnreadableReason;
  /** What is known: the system's error code, the real format, the declared size. */
  detail?: {
    systemCode?: string;
    format?: ImageFacts['format'];
    width?: number;
    height?: number;
    /** `not-a-file`: what it is instead. */
    fileType?: SpecialFileType;
    /** `too-large`: the file's size and the cap. */
    bytes?: number;
    maxBytes?: number;
    /** `analysis-failed`: the step that failed. */
    step?: AnalysisStep;
  };
}

/** Where a photo's check can fail unexpectedly, for `analysis-failed`. */
export type AnalysisStep = 'read' | 'decode' | 'face' | 'check' | 'annotate' | 'worker';

/** A photo that turned out unreadable after the analysis (in the face or annotate step's decode). */
export class UnreadableError extends Error {
  constructor(readonly problem: Unreadable) {
    super(`photo not readable: ${problem.reason}`);
    this.name = 'UnreadableError';
  }
}

export interface AnalyzedPhoto {
  bytes?: Buffer;
  facts?: ImageFacts;
  blocks?: BlockImage;
  problem?: Unreadable;
}

/** Read a photo from a path, or take its bytes as given, and analyse it. */
export async function analyzePhoto(file: string | Buffer): Promise<AnalyzedPhoto> {
  if (typeof file !== 'string') return analyzeBytes(file);
  let bytes: Buffer;
  try {
    // A synchronous read: an ID photo is tens of KB, and the promise-based readFile spends about
    // half a millisecond of CPU per photo in its four thread-pool round trips (open, fstat, read,
    // close), a quarter of the whole check.
    bytes = readInputFile(file, maxInputBytes);
  } catch (error) {
    if (error instanceof InputFileError) return { problem: describeReadError(error) };
    return { problem: { stage: 'file', reason: 'analysis-failed', detail: { step: 'read' } } };
  }
  return analyzeBytes(bytes);
}

async function analyzeBytes(bytes: Buffer): Promise<AnalyzedPhoto> {
  if (bytes.length === 0) {
    return { bytes, problem: { stage: 'file', reason: 'empty' } };
  }
  if (bytes.length > maxInputBytes) {
    return { problem: { stage: 'file', reason: 'too-large', detail: { bytes: bytes.length, maxBytes: maxInputBytes } } };
  }
  const format = sniffFormat(bytes);
  try {
    return format === 'jpeg' ? await analyzeJpeg(bytes) : await analyzeWithSharp(bytes, format);
  } catch (error) {
    // Whatever a hostile or broken file does to a decoder, it is that photo's failure, not the batch's.
    return { bytes, problem: { stage: 'image', reason: 'damaged', detail: { format } } };
  }
}

/** A file that was not read, as the `readable` check reports it. */
export function describeReadError({ problem }: InputFileError): Unreadable {
  if (problem.reason === 'not-a-file') return { stage: 'file', reason: 'not-a-file', detail: { fileType: problem.fileType } };
  if (problem.reason === 'too-large') return { stage: 'file', reason: 'too-large', detail: { bytes: problem.bytes, maxBytes: problem.maxBytes } };
  return { stage: 'file', reason: problem.reason, detail: { systemCode: problem.systemCode } };
}

function tooLarge(width: number, height: number): Unreadable | undefined {
  if (width > 0 && height > 0 && width * height <= maxInputPixels) return undefined;
  return { stage: 'pixels', reason: width <= 0 || height <= 0 ? 'invalid-size' : 'too-many-pixels', detail: { width, height } };
}

function jpegFacts(header: JpegHeader): ImageFacts {
  const exif = header.exif ? readExif(header.exif) : undefined;
  const channels = header.components.length;
  const colorSpace: ImageFacts['colorSpace'] =
    channels === 1
      ? 'gray'
      : channels === 3
        ? header.adobeTransform === 0
          ? 'rgb'
          : 'ycbcr'
        : channels === 4
          ? header.adobeTransform === 2
            ? 'ycck'
            : 'cmyk'
          : 'other';
  return {
    format: 'jpeg',
    width: header.width,
    height: header.height,
    channels,
    colorSpace,
    progressive: header.progressive,
    dpi: jfifDpi(header) ?? exifDpi(exif),
    orientation: exif?.orientation,
    captureDate: exifDate(exif?.dateTimeOriginal) ?? exifDate(exif?.dateTime),
    hasGps: exif?.hasGps ?? false,
    iccDescription: header.icc ? iccDescription(header.icc) : undefined,
  };
}

function jfifDpi(header: JpegHeader): ImageFacts['dpi'] {
  const jfif = header.jfif;
  if (!jfif || jfif.units === 0) return undefined; // units 0: only an aspect ratio
  const factor = jfif.units === 2 ? 2.54 : 1;
  return { x: jfif.xDensity * factor, y: jfif.yDensity * factor };
}

function exifDpi(exif: ReturnType<typeof readExif> | undefined): ImageFacts['dpi'] {
  if (!exif?.xResolution || !exif.yResolution) return undefined;
  const factor = exif.resolutionUnit === 3 ? 2.54 : 1;
  return { x: exif.xResolution * factor, y: exif.yResolution * factor };
}

function brokenJpeg(error: JpegError): Unreadable {
  return error.kind === 'truncated' ? { stage: 'pixels', reason: 'truncated', detail: { format: 'jpeg' } } : { stage: 'image', reason: 'damaged', detail: { format: 'jpeg' } };
}

async function analyzeJpeg(bytes: Buffer): Promise<AnalyzedPhoto> {
  let header: JpegHeader;
  try {
    header = readJpegHeader(bytes);
  } catch (error) {
    if (error instanceof JpegError) return { bytes, problem: { ...brokenJpeg(error), stage: 'image' } };
    throw error;
  }
  const facts = jpegFacts(header);
  const limit = tooLarge(header.width, header.height);
  if (limit) return { bytes, facts, problem: limit };
  if (!header.dcDecodable) {
    const viaSharp = await decodeWithSharp(bytes, facts);
    return { bytes, facts, ...viaSharp };
  }
  try {
    return { bytes, facts, blocks: orientBlocks(decodeBlockMeans(bytes, header), facts.orientation) };
  } catch (error) {
    // A file libjpeg reads in a way the fast reader does not (several scans, the standard
    // Huffman tables): sharp decides.
    if (error instanceof JpegError && error.kind === 'unsupported') return { bytes, facts, ...(await decodeWithSharp(bytes, facts)) };
    if (error instanceof JpegError) return { bytes, facts, problem: brokenJpeg(error) };
    throw error;
  }
}

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp> | undefined;

/** sharp is loaded on first use only, so commands and photos that never need it start fast. */
export function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((module) => {
    const sharp = module.default;
    sharp.cache(false); // every photo is read once; a cache only grows memory in a batch
    return sharp;
  });
  return sharpModule;
}

async function analyzeWithSharp(bytes: Buffer, format: ImageFacts['format']): Promise<AnalyzedPhoto> {
  const sharp = await loadSharp();
  let metadata: Awaited<ReturnType<ReturnType<Sharp>['metadata']>>;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { bytes, problem: { stage: 'image', reason: format === 'unknown' ? 'not-an-image' : 'undecodable', detail: { format } } };
  }
  const exif = metadata.exif ? readExif(metadata.exif) : undefined;
  const channels = metadata.channels ?? 3;
  // A HEIF/AVIF picture is turned by its container (irot/imir), which the decoder applies; libvips
  // reports no orientation for it, and the EXIF tag inside must not turn it a second time.
  const container = format === 'heif' || format === 'avif';
  const facts: ImageFacts = {
    format,
    width: metadata.width ?? 0,
    height: metadata.height ?? 0,
    channels,
    colorSpace: metadata.space === 'cmyk' ? 'cmyk' : metadata.space === 'b-w' || channels <= 2 ? 'gray' : 'rgb',
    progressive: Boolean(metadata.isProgressive),
    dpi: metadata.density ? { x: metadata.density, y: metadata.density } : exifDpi(exif),
    orientation: container ? metadata.orientation : (metadata.orientation ?? exif?.orientation),
    captureDate: exifDate(exif?.dateTimeOriginal) ?? exifDate(exif?.dateTime),
    hasGps: exif?.hasGps ?? false,
    iccDescription: metadata.icc ? iccDescription(metadata.icc) : undefined,
  };
  const limit = tooLarge(facts.width, facts.height);
  if (limit) return { bytes, facts, problem: limit };
  if (metadata.compression === 'hevc') return { bytes, facts, ...(await decodeHevc(bytes, facts)) };
  return { bytes, facts, ...(await decodeWithSharp(bytes, facts)) };
}

/**
 * A HEIC's block picture, and its analysis picture kept for the face analyzer (see
 * decodeAnalysisPicture): decoding 12 megapixels of HEVC takes about half a second, once.
 */
async function decodeHevc(bytes: Buffer, facts: ImageFacts): Promise<Pick<AnalyzedPhoto, 'blocks' | 'problem'>> {
  let image: RgbImage;
  try {
    image = await decodeHeic(bytes);
  } catch (error) {
    if (error instanceof HeicError) return { problem: error.problem };
    throw error;
  }
  const raw = { raw: { width: image.width, height: image.height, channels: 3 as const } };
  heicPictures.set(bytes, await shrinkPicture(image.data, raw, { width: image.width, height: image.height }));
  return decodeWithSharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { ...facts, orientation: undefined }, raw);
}

/** Analysis pictures of the HEIC files being checked, by their bytes (dropped with them). */
const heicPictures = new WeakMap<Buffer, AnalysisPicture>();

/**
 * JPEGs up to this many pixels that the fast reader leaves to sharp (progressive, CMYK, several
 * scans) are decoded at full size, because libjpeg reading at 1/8 scale skips over damage that
 * the full decode stops on (a bad Huffman code, data that ends a row early): sharp decoding the
 * photo whole is what `readable` promises. 4 MP is 12 MB of pixels for a moment; larger photos
 * are shrunk while decoded, as before.
 */
const fullDecodePixels = 4_000_000;

/** The same 1/8-scale block picture as the fast path, made by sharp, upright. */
async function decodeWithSharp(bytes: Buffer, facts: ImageFacts, raw?: { raw: { width: number; height: number; channels: 3 } }): Promise<Pick<AnalyzedPhoto, 'blocks' | 'problem'>> {
  const sharp = await loadSharp();
  const upright = uprightSize(facts);
  const blockWidth = Math.ceil(upright.width / 8);
  const blockHeight = Math.ceil(upright.height / 8);
  try {
    // autoOrient turns by the EXIF orientation before the resize, whose size is the upright one.
    const pipeline = sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'warning', ...raw }).autoOrient().flatten({ background: '#ffffff' }).toColourspace('srgb');
    if (!raw && facts.format === 'jpeg' && facts.width * facts.height <= fullDecodePixels) {
      const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
      return { blocks: blockMeans(data, info.width, info.height, info.channels) };
    }
    // fastShrinkOnLoad off: libjpeg's 1/8 scale would round a 20-row picture down to 2 rows and
    // never read the third, however damaged.
    const { data, info } = await pipeline.resize(blockWidth, blockHeight, { fit: 'fill', fastShrinkOnLoad: false }).raw().toBuffer({ resolveWithObject: true });
    return { blocks: toBlocks(data, blockWidth, blockHeight, info.channels, info.channels) };
  } catch (error) {
    return { problem: decodeProblem(error) };
  }
}

/** Block pixels (one per 8×8 block) as RGB, with the largest chroma. */
function toBlocks(data: Uint8Array, width: number, height: number, channels: number, sourceComponents: number): BlockImage {
  const rgb = new Uint8Array(width * height * 3);
  let maxChroma = 0;
  for (let i = 0, o = 0; o < rgb.length; i += channels, o += 3) {
    const r = data[i] as number;
    const g = channels >= 3 ? (data[i + 1] as number) : r;
    const b = channels >= 3 ? (data[i + 2] as number) : r;
    rgb[o] = r;
    rgb[o + 1] = g;
    rgb[o + 2] = b;
    // Chroma as in JFIF YCbCr (T.871 §7): how far the block is from grey.
    const cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
    const cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
    maxChroma = Math.max(maxChroma, Math.abs(cb), Math.abs(cr));
  }
  return { width, height, scale: 8, rgb, sourceComponents, maxChroma };
}

/** The mean of each 8×8 block of a full-size picture (what the fast path's DC decode gives). */
function blockMeans(data: Uint8Array, width: number, height: number, channels: number): BlockImage {
  const blockWidth = Math.ceil(width / 8);
  const blockHeight = Math.ceil(height / 8);
  const sums = new Float64Array(blockWidth * blockHeight * channels);
  const counts = new Uint16Array(blockWidth * blockHeight);
  for (let y = 0, i = 0; y < height; y++) {
    const row = (y >> 3) * blockWidth;
    for (let x = 0; x < width; x++, i += channels) {
      const block = row + (x >> 3);
      counts[block] = (counts[block] as number) + 1;
      for (let c = 0; c < channels; c++) sums[block * channels + c] = (sums[block * channels + c] as number) + (data[i + c] as number);
    }
  }
  const means = new Uint8Array(sums.length);
  for (let i = 0; i < sums.length; i++) means[i] = Math.round((sums[i] as number) / (counts[Math.floor(i / channels)] as number));
  return toBlocks(means, blockWidth, blockHeight, channels, channels);
}

/** What a decoder's error says about the photo: cut short, or damaged. */
function decodeProblem(error: unknown): Unreadable {
  const message = error instanceof Error ? error.message : String(error);
  const truncated = /premature|truncat|end of (file|data)|unexpected end/i.test(message);
  return { stage: 'pixels', reason: truncated ? 'truncated' : 'damaged' };
}

/**
 * Longest side, in pixels, of the picture the face analyzer works on. The detector looks at
 * squares of 160–416 px and the landmark net at 112 px, so more pixels only cost memory: a
 * 12-megapixel original decoded whole took 1.1 GB in the float canvas of the face model. JPEG
 * decodes straight to a 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling, sharp's shrink-on-load),
 * so a phone photo is never held at full size. An ID photo (441 px) is analysed as it is.
 */
export const analysisSide = 1024;

/** The photo as the face analyzer sees it: upright, at most analysisSide px long. */
export interface AnalysisPicture {
  image: RgbImage;
  /** Photo pixels per analysis pixel: 1 for an ID photo, about 4 for a 12-megapixel original. */
  scale: number;
  /** The photo's upright size in its own pixels: the frame its measurements are reported in. */
  width: number;
  height: number;
}

/**
 * Decode a photo for the face analyzer: upright by its EXIF orientation (or HEIF container),
 * reduced to analysisSide on load, transparency on white, sRGB.
 */
export async function decodeAnalysisPicture(bytes: Buffer): Promise<AnalysisPicture> {
  const known = heicPictures.get(bytes);
  if (known) return known;
  const sharp = await loadSharp();
  try {
    const metadata = await sharp(bytes, { limitInputPixels: maxInputPixels }).metadata();
    const upright = metadata.autoOrient ?? { width: metadata.width ?? 0, height: metadata.height ?? 0 };
    // The pixel budget on the header, before anything is decoded (decodeHeic checks its own).
    const limit = metadata.compression === 'hevc' ? undefined : tooLarge(upright.width, upright.height);
    if (limit) throw new UnreadableError(limit);
    if (metadata.compression === 'hevc') {
      const image = await decodeHeic(bytes);
      return await shrinkPicture(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }, { width: image.width, height: image.height });
    }
    return await shrinkPicture(bytes, {}, upright);
  } catch (error) {
    // sharp (libjpeg, libpng…) fails on what the fast reader let through: the photo's problem.
    if (error instanceof UnreadableError) throw error;
    if (error instanceof HeicError) throw new UnreadableError(error.problem);
    throw new UnreadableError(decodeProblem(error));
  }
}

async function shrinkPicture(
  input: Uint8Array,
  options: { raw?: { width: number; height: number; channels: 3 } },
  upright: { width: number; height: number },
): Promise<AnalysisPicture> {
  const sharp = await loadSharp();
  const scale = Math.max(1, Math.max(upright.width, upright.height) / analysisSide);
  let pipeline = sharp(input, { limitInputPixels: maxInputPixels, ...options }).autoOrient().flatten({ background: '#ffffff' }).toColourspace('srgb');
  if (scale > 1) pipeline = pipeline.resize(Math.max(1, Math.round(upright.width / scale)), Math.max(1, Math.round(upright.height / scale)), { fit: 'fill' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { image: { data, width: info.width, height: info.height, channels: 3 }, scale: upright.width / info.width, ...upright };
}

/** A sharp pipeline of the photo upright at its full size (HEIC decoded by ./heic.ts), for drawing on it. */
export async function openUpright(bytes: Buffer): Promise<ReturnType<Sharp>> {
  const sharp = await loadSharp();
  const metadata = await sharp(bytes, { limitInputPixels: maxInputPixels }).metadata();
  if (sniffFormat(bytes) === 'heif' && metadata.compression === 'hevc') {
    const image = await decodeHeic(bytes);
    return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  }
  // The pixel budget on the header, before the full-size decode the drawing needs.
  const limit = tooLarge(metadata.width ?? 0, metadata.height ?? 0);
  if (limit) throw new UnreadableError(limit);
  return sharp(bytes, { limitInputPixels: maxInputPixels }).autoOrient();
}
