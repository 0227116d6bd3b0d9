/**
 * Reading the photo to fix without holding all of it: the header first, then a small upright copy
 * to find the face in, then only the part around the face at the size the framing needs. A
 * 12-megapixel phone photo is never decoded whole into memory: sharp shrinks a JPEG while it
 * decodes it (shrink-on-load) and streams the rest.
 */
import { ShebaoError } from '../core/errors.js';
import { InputFileError, readInputFile } from '../core/input-file.js';
import type { RgbImage } from '../face/types.js';
import { analyzePhoto, describeReadError, maxInputBytes, maxInputPixels } from '../photo/analyze.js';
import { exifDate, readExif } from '../photo/exif.js';
import { iccDescription, sniffFormat } from '../photo/sniff.js';
import type { ImageFormat } from '../photo/types.js';
import type { Edge } from './frame.js';
import type { Change } from './types.js';

type Sharp = typeof import('sharp').default;

/**
 * The face is found on a copy whose longer side is at most this many pixels: the detector looks
 * at the whole picture at 160 and 224 px anyway, and the landmarks of a face that fills a phone
 * portrait are as precise at this size (its face is ~250–500 px wide) as at 12 MP.
 */
export const overviewSide = 1024;

export interface Source {
  /** The file as read (the regions decode from it). */
  bytes: Buffer;
  /** The upright photo's size in its own pixels. */
  width: number;
  height: number;
  /** The upright photo, longer side at most `overviewSide`; `scale` is its px per photo px. */
  overview: { image: RgbImage; scale: number };
  changes: Change[];
  /** What the source carried; `takenOn` is its EXIF capture date (YYYY-MM-DD). */
  metadata: { exif: boolean; gps: boolean; icc: boolean; takenOn?: string };
  /** The part of the upright photo inside `rect` (photo px, clipped to the photo), at `scale` (≤ 1). */
  region(rect: { x: number; y: number; width: number; height: number }, scale: number): Promise<Region>;
}

/** A part of the photo, resampled. */
export interface Region {
  image: RgbImage;
  /** Region px per photo px. */
  scale: number;
  /** Where the region's origin lies in the photo, photo px. */
  left: number;
  top: number;
  /** Which of the region's edges are the photo's own edges (the others cut through the photo). */
  photoEdges: Record<Edge, boolean>;
}

/** Read (a path) and open the photo; what cannot be read or decoded is an `unreadable-photo` error. */
export async function openSource(sharp: Sharp, photo: string | Buffer, shown: string): Promise<Source> {
  let bytes: Buffer;
  try {
    // The same reading as check-photo's: a regular file, at most maxInputBytes, never a FIFO.
    bytes = typeof photo === 'string' ? readInputFile(photo, maxInputBytes) : photo;
  } catch (error) {
    if (error instanceof InputFileError) throw new ShebaoError('unreadable-photo', { file: shown, ...describeReadError(error) });
    throw await unreadable(photo, shown);
  }
  if (bytes.length > maxInputBytes) {
    throw new ShebaoError('unreadable-photo', { file: shown, stage: 'file', reason: 'too-large', detail: { bytes: bytes.length, maxBytes: maxInputBytes } });
  }
  const format = sniffFormat(bytes);
  // A HEIC (HEVC) picture is decoded by ./heic.ts, upright and whole (libheif cannot shrink while
  // decoding); everything else by sharp, which turns it upright by the EXIF orientation.
  const header = await sharp(bytes, { limitInputPixels: maxInputPixels })
    .metadata()
    .catch(() => undefined);
  const hevc = format === 'heif' && (header === undefined || header.compression === 'hevc') ? await decodeHevc(bytes, shown) : undefined;
  // Upright, sRGB, 8-bit RGB, transparency flattened onto white.
  const pipeline = () =>
    hevc
      ? sharp(hevc.data, { raw: { width: hevc.width, height: hevc.height, channels: 3 } })
      : sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'error' }).autoOrient().flatten({ background: '#ffffff' }).toColourspace('srgb');
  let metadata: Awaited<ReturnType<ReturnType<Sharp>['metadata']>>;
  let overview: RgbImage;
  let width: number;
  let height: number;
  let overviewScale: number;
  try {
    // libheif applied the container's rotation: the picture is upright, the EXIF orientation spent.
    if (hevc) metadata = { ...header, format: 'heif', width: hevc.width, height: hevc.height, orientation: undefined } as typeof metadata;
    else if (header) metadata = header;
    else throw new Error('not an image sharp reads');
    // The pixel budget on the header, before the first decode (decodeHeic checks its own).
    if (!hevc) await refuseTooManyPixels(metadata.width ?? 0, metadata.height ?? 0, bytes, shown);
    const turned = (metadata.orientation ?? 1) >= 5;
    width = (turned ? metadata.height : metadata.width) ?? 0;
    height = (turned ? metadata.width : metadata.height) ?? 0;
    overviewScale = Math.min(1, overviewSide / Math.max(width, height));
    overview = await decode(overviewScale < 1 ? pipeline().resize(Math.max(1, Math.round(width * overviewScale)), Math.max(1, Math.round(height * overviewScale)), { fit: 'fill' }) : pipeline());
  } catch (error) {
    if (error instanceof ShebaoError) throw error;
    throw await unreadable(bytes, shown);
  }
  const changes: Change[] = [];
  const orientation = metadata.orientation ?? 1;
  if (orientation !== 1) changes.push({ id: 'rotated', orientation });
  const converted = describeConversion(format, metadata);
  if (converted) changes.push(converted);
  const exif = metadata.exif ? readExif(metadata.exif) : undefined;

  async function decode(chain: ReturnType<Sharp>): Promise<RgbImage> {
    const { data, info } = await chain.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw await unreadable(bytes, shown);
    return { data, width: info.width, height: info.height, channels: 3 };
  }

  return {
    bytes,
    width,
    height,
    overview: { image: overview, scale: overview.width / width },
    changes,
    metadata: {
      exif: Boolean(metadata.exif),
      gps: exif?.hasGps ?? false,
      icc: Boolean(metadata.icc),
      takenOn: exifDate(exif?.dateTimeOriginal) ?? exifDate(exif?.dateTime),
    },
    async region(rect, wanted) {
      const left = Math.max(0, Math.floor(rect.x));
      const top = Math.max(0, Math.floor(rect.y));
      const right = Math.min(width, Math.ceil(rect.x + rect.width));
      const bottom = Math.min(height, Math.ceil(rect.y + rect.height));
      const scale = Math.min(1, wanted);
      // Resize the whole photo first (a JPEG then decodes at a fraction of its size), then cut.
      const scaledWidth = Math.max(1, Math.round(width * scale));
      const scaledHeight = Math.max(1, Math.round(height * scale));
      const sx = scaledWidth / width;
      const sy = scaledHeight / height;
      const cut = {
        left: Math.min(scaledWidth - 1, Math.round(left * sx)),
        top: Math.min(scaledHeight - 1, Math.round(top * sy)),
        width: 0,
        height: 0,
      };
      cut.width = Math.max(1, Math.min(scaledWidth - cut.left, Math.round((right - left) * sx)));
      cut.height = Math.max(1, Math.min(scaledHeight - cut.top, Math.round((bottom - top) * sy)));
      const chain = scale < 1 ? pipeline().resize(scaledWidth, scaledHeight, { fit: 'fill', kernel: 'lanczos3' }) : pipeline();
      let image: RgbImage;
      try {
        image = await decode(chain.extract(cut));
      } catch (error) {
        if (error instanceof ShebaoError) throw error;
        throw await unreadable(bytes, shown);
      }
      return {
        image,
        scale: sx,
        left: cut.left / sx,
        top: cut.top / sy,
        photoEdges: { left: cut.left === 0, top: cut.top === 0, right: cut.left + cut.width >= scaledWidth, bottom: cut.top + cut.height >= scaledHeight },
      };
    },
  };
}

/** A photo that declares more pixels than the budget (or none) is not decoded: it is unreadable. */
async function refuseTooManyPixels(width: number, height: number, bytes: Buffer, shown: string): Promise<void> {
  if (width > 0 && height > 0 && width * height <= maxInputPixels) return;
  throw await unreadable(bytes, shown);
}

/**
 * A HEIC's picture, upright. Its metadata (EXIF, GPS) is not read: the fixed photo carries none
 * anyway. What libheif cannot decode is an `unreadable-photo` error with its reason, and a
 * missing HEVC decoder (heic-decode not installed) is `heic-no-decoder`.
 */
async function decodeHevc(bytes: Buffer, shown: string): Promise<RgbImage> {
  const { decodeHeic, HeicError } = await import('../photo/heic.js').catch(() => {
    throw new ShebaoError('heic-no-decoder', { file: shown });
  });
  try {
    return await decodeHeic(bytes);
  } catch (error) {
    if (error instanceof HeicError) throw new ShebaoError('unreadable-photo', { file: shown, ...error.problem });
    throw new ShebaoError('heic-no-decoder', { file: shown }, { cause: error });
  }
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
