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
import { readFileSync } from 'node:fs';
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
  | 'invalid-size';

export interface Unreadable {
  /** The first stage that could not be reached. */
  stage: Stage;
  reason: UnreadableReason;
  /** What is known: the system's error code, the real format, the declared size. */
  detail?: { systemCode?: string; format?: ImageFacts['format']; width?: number; height?: number };
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
    bytes = readFileSync(file);
  } catch (error) {
    return { problem: describeReadError(error as NodeJS.ErrnoException) };
  }
  return analyzeBytes(bytes);
}

async function analyzeBytes(bytes: Buffer): Promise<AnalyzedPhoto> {
  if (bytes.length === 0) {
    return { bytes, problem: { stage: 'file', reason: 'empty' } };
  }
  const format = sniffFormat(bytes);
  try {
    return format === 'jpeg' ? await analyzeJpeg(bytes) : await analyzeWithSharp(bytes, format);
  } catch (error) {
    // Whatever a hostile or broken file does to a decoder, it is that photo's failure, not the batch's.
    return { bytes, problem: { stage: 'image', reason: 'damaged', detail: { format } } };
  }
}

function describeReadError(error: NodeJS.ErrnoException): Unreadable {
  const reasons: Record<string, UnreadableReason> = { ENOENT: 'missing', EACCES: 'permission-denied', EPERM: 'permission-denied', EISDIR: 'is-directory' };
  const systemCode = error.code ?? 'EIO';
  return { stage: 'file', reason: reasons[systemCode] ?? 'read-error', detail: { systemCode } };
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

/** The same 1/8-scale block picture as the fast path, made by sharp, upright. */
async function decodeWithSharp(bytes: Buffer, facts: ImageFacts, raw?: { raw: { width: number; height: number; channels: 3 } }): Promise<Pick<AnalyzedPhoto, 'blocks' | 'problem'>> {
  const sharp = await loadSharp();
  const upright = uprightSize(facts);
  const blockWidth = Math.ceil(upright.width / 8);
  const blockHeight = Math.ceil(upright.height / 8);
  try {
    // autoOrient turns by the EXIF orientation before the resize, whose size is the upright one.
    const { data, info } = await sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'warning', ...raw })
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize(blockWidth, blockHeight, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rgb = new Uint8Array(blockWidth * blockHeight * 3);
    let maxChroma = 0;
    for (let i = 0, o = 0; o < rgb.length; i += info.channels, o += 3) {
      const r = data[i] as number;
      const g = info.channels >= 3 ? (data[i + 1] as number) : r;
      const b = info.channels >= 3 ? (data[i + 2] as number) : r;
      rgb[o] = r;
      rgb[o + 1] = g;
      rgb[o + 2] = b;
      // Chroma as in JFIF YCbCr (T.871 §7): how far the block is from grey.
      const cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
      const cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
      maxChroma = Math.max(maxChroma, Math.abs(cb), Math.abs(cr));
    }
    return { blocks: { width: blockWidth, height: blockHeight, scale: 8, rgb, sourceComponents: info.channels, maxChroma } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const truncated = /premature|truncat|end of (file|data)|unexpected end/i.test(message);
    return { problem: { stage: 'pixels', reason: truncated ? 'truncated' : 'damaged' } };
  }
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
  const metadata = await sharp(bytes, { limitInputPixels: maxInputPixels }).metadata();
  if (metadata.compression === 'hevc') {
    const image = await decodeHeic(bytes);
    return shrinkPicture(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }, { width: image.width, height: image.height });
  }
  return shrinkPicture(bytes, {}, metadata.autoOrient ?? { width: metadata.width ?? 0, height: metadata.height ?? 0 });
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
  if (sniffFormat(bytes) === 'heif' && (await sharp(bytes).metadata()).compression === 'hevc') {
    const image = await decodeHeic(bytes);
    return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  }
  return sharp(bytes, { limitInputPixels: maxInputPixels }).autoOrient();
}
