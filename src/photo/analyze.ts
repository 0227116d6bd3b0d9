/**
 * Reads a photo once and learns what the checks need, in stages: the bytes, the header facts, and
 * a 1/8-scale picture of block means. A stage that cannot be reached says why; later stages are
 * then missing and the checks that need them are skipped.
 *
 * Baseline JPEG (what portals want) takes the fast path in ./jpeg.ts; everything else goes
 * through sharp, loaded only when needed.
 */
import { readFileSync } from 'node:fs';
import type { Text } from '../core/i18n.js';
import { exifDate, readExif } from './exif.js';
import { decodeBlockMeans, JpegError, readJpegHeader, type BlockImage, type JpegHeader } from './jpeg.js';
import { formatName, iccDescription, sniffFormat } from './sniff.js';
import type { ImageFacts } from './types.js';

/**
 * Files that declare more pixels than this are not decoded (a decompression-bomb guard). 100 MP
 * covers every phone camera's normal mode; an ID photo is 0.16 MP.
 */
export const maxInputPixels = 100_000_000;

export type Stage = 'file' | 'image' | 'pixels';

export interface Unreadable {
  /** The first stage that could not be reached. */
  stage: Stage;
  reason: Text;
  hint: Text;
}

export interface AnalyzedPhoto {
  bytes?: Buffer;
  facts?: ImageFacts;
  blocks?: BlockImage;
  problem?: Unreadable;
}

const hints = {
  missing: { zh: '请检查文件路径是否正确', en: 'check the file path' },
  permission: { zh: '请检查文件权限（例如 chmod u+r 文件名）', en: 'check the file permissions (e.g. chmod u+r FILE)' },
  broken: {
    zh: '文件已损坏或不完整，请从原始照片重新导出，或运行 shebao fix-photo',
    en: 'the file is damaged or incomplete: export it again from the original, or run shebao fix-photo',
  },
};

export async function analyzePhoto(file: string): Promise<AnalyzedPhoto> {
  let bytes: Buffer;
  try {
    // A synchronous read: an ID photo is tens of KB, and the promise-based readFile spends about
    // half a millisecond of CPU per photo in its four thread-pool round trips (open, fstat, read,
    // close), a quarter of the whole check.
    bytes = readFileSync(file);
  } catch (error) {
    return { problem: { stage: 'file', ...describeReadError(error as NodeJS.ErrnoException) } };
  }
  if (bytes.length === 0) {
    return {
      bytes,
      problem: {
        stage: 'file',
        reason: { zh: '文件是空的（0 字节）', en: 'the file is empty (0 bytes)' },
        hint: { zh: '请重新拍摄或重新导出照片', en: 'take or export the photo again' },
      },
    };
  }
  const format = sniffFormat(bytes);
  try {
    return format === 'jpeg' ? await analyzeJpeg(bytes) : await analyzeWithSharp(bytes, format);
  } catch (error) {
    // Whatever a hostile or broken file does to a decoder, it is that photo's failure, not the batch's.
    const message = error instanceof Error ? error.message : String(error);
    return {
      bytes,
      problem: {
        stage: 'image',
        reason: { zh: `无法解码这个文件（${message}）`, en: `the file cannot be decoded (${message})` },
        hint: hints.broken,
      },
    };
  }
}

function describeReadError(error: NodeJS.ErrnoException): { reason: Text; hint: Text } {
  switch (error.code) {
    case 'ENOENT':
      return { reason: { zh: '文件不存在', en: 'the file does not exist' }, hint: hints.missing };
    case 'EACCES':
    case 'EPERM':
      return { reason: { zh: '没有读取该文件的权限', en: 'permission denied' }, hint: hints.permission };
    case 'EISDIR':
      return {
        reason: { zh: '这是一个文件夹，不是照片', en: 'this is a directory, not a photo' },
        hint: { zh: '直接传入文件夹即可批量检查其中的照片', en: 'pass the directory itself to check the photos inside it' },
      };
    default:
      return { reason: { zh: `无法读取文件（${error.code ?? error.message}）`, en: `cannot read the file (${error.code ?? error.message})` }, hint: hints.missing };
  }
}

function tooLarge(width: number, height: number): Unreadable | undefined {
  if (width > 0 && height > 0 && width * height <= maxInputPixels) return undefined;
  const megapixels = ((width * height) / 1e6).toFixed(0);
  return {
    stage: 'pixels',
    reason:
      width <= 0 || height <= 0
        ? { zh: `文件声明的尺寸无效（${width}×${height}）`, en: `the file declares an invalid size (${width}×${height})` }
        : {
            zh: `文件声明 ${width}×${height} 像素（${megapixels} MP），超过安全上限 ${maxInputPixels / 1e6} MP，未解码`,
            en: `the file declares ${width}×${height} pixels (${megapixels} MP), over the ${maxInputPixels / 1e6} MP safety limit; not decoded`,
          },
    hint: hints.broken,
  };
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
  return {
    stage: error.kind === 'truncated' ? 'pixels' : 'image',
    reason:
      error.kind === 'truncated'
        ? { zh: 'JPEG 文件不完整（被截断，可能没有下载或复制完）', en: 'the JPEG is truncated (an incomplete download or copy?)' }
        : { zh: `JPEG 文件已损坏（${error.message}）`, en: `the JPEG is damaged (${error.message})` },
    hint: hints.broken,
  };
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
    const viaSharp = await decodeWithSharp(bytes, facts.width, facts.height);
    return { bytes, facts, ...viaSharp };
  }
  try {
    return { bytes, facts, blocks: decodeBlockMeans(bytes, header) };
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
    const name = formatName(format);
    return {
      bytes,
      problem: {
        stage: 'image',
        reason: name
          ? { zh: `无法解码这个 ${name} 文件`, en: `this ${name} file cannot be decoded` }
          : { zh: '文件不是可识别的图片格式', en: 'the file is not a recognised image format' },
        hint: name
          ? { zh: '请在手机或电脑上把照片另存为 JPEG 后再试', en: 'save the photo as JPEG on your phone or computer and try again' }
          : hints.broken,
      },
    };
  }
  const exif = metadata.exif ? readExif(metadata.exif) : undefined;
  const channels = metadata.channels ?? 3;
  const facts: ImageFacts = {
    format,
    width: metadata.width ?? 0,
    height: metadata.height ?? 0,
    channels,
    colorSpace: metadata.space === 'cmyk' ? 'cmyk' : metadata.space === 'b-w' || channels <= 2 ? 'gray' : 'rgb',
    progressive: Boolean(metadata.isProgressive),
    dpi: metadata.density ? { x: metadata.density, y: metadata.density } : exifDpi(exif),
    orientation: metadata.orientation ?? exif?.orientation,
    captureDate: exifDate(exif?.dateTimeOriginal) ?? exifDate(exif?.dateTime),
    hasGps: exif?.hasGps ?? false,
    iccDescription: metadata.icc ? iccDescription(metadata.icc) : undefined,
  };
  const limit = tooLarge(facts.width, facts.height);
  if (limit) return { bytes, facts, problem: limit };
  return { bytes, facts, ...(await decodeWithSharp(bytes, facts.width, facts.height)) };
}

/** The same 1/8-scale block picture as the fast path, made by sharp. */
async function decodeWithSharp(bytes: Buffer, width: number, height: number): Promise<Pick<AnalyzedPhoto, 'blocks' | 'problem'>> {
  const sharp = await loadSharp();
  const blockWidth = Math.ceil(width / 8);
  const blockHeight = Math.ceil(height / 8);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'warning' })
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
    return {
      problem: {
        stage: 'pixels',
        reason: truncated
          ? { zh: '图片文件不完整（被截断）', en: 'the image file is truncated' }
          : { zh: `图片无法解码（${message.split('\n')[0]}）`, en: `the image cannot be decoded (${message.split('\n')[0]})` },
        hint: hints.broken,
      },
    };
  }
}
