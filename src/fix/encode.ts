/**
 * Encoding the fixed photo: baseline JPEG, 24-bit YCbCr, a JFIF header that carries the spec's
 * density and nothing else (no EXIF, no GPS, no ICC profile, no comment), at the JPEG quality whose
 * file lands nearest the middle of the spec's size range. Files are never padded with bytes.
 */
import type { RgbImage } from '../face/types.js';

type Sharp = typeof import('sharp').default;

export interface EncodeOptions {
  /** Where the quality search starts: the spec's `encode.quality` (the standard's factor). */
  startQuality: number;
  /** The spec's file-size range in bytes; without one the start quality is used as is. */
  minBytes?: number;
  maxBytes?: number;
  dpi?: number;
}

export interface Encoded {
  bytes: Buffer;
  quality: number;
  /** Qualities tried, in order, with the size each gave. */
  tries: Array<{ quality: number; bytes: number }>;
  /** The size fits the range (false: even quality 1 or 100 could not reach it). */
  fits: boolean;
}

/**
 * Bisection on quality: file size grows with quality, so each try halves the interval that can
 * hold the middle of the range. At most 7 encodes for qualities 1–100 (about 4 ms each at 358×441).
 */
export async function encodeJpeg(sharp: Sharp, image: RgbImage, options: EncodeOptions): Promise<Encoded> {
  const tries: Encoded['tries'] = [];
  const encode = async (quality: number) => {
    const jpeg = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .jpeg({ quality, progressive: false, mozjpeg: false, optimiseCoding: true, chromaSubsampling: '4:2:0' })
      .toBuffer();
    const bytes = withJfifHeader(jpeg, options.dpi);
    tries.push({ quality, bytes: bytes.length });
    return bytes;
  };
  const { minBytes, maxBytes } = options;
  if (minBytes === undefined || maxBytes === undefined) {
    const bytes = await encode(options.startQuality);
    return { bytes, quality: options.startQuality, tries, fits: true };
  }
  const target = (minBytes + maxBytes) / 2;
  const inRange = (size: number) => size >= minBytes && size <= maxBytes;
  let best: { bytes: Buffer; quality: number } | undefined;
  const better = (size: number) => {
    if (!best) return true;
    const bestSize = best.bytes.length;
    if (inRange(size) !== inRange(bestSize)) return inRange(size);
    return Math.abs(size - target) < Math.abs(bestSize - target);
  };
  let low = 1;
  let high = 100;
  let quality = Math.min(high, Math.max(low, options.startQuality));
  while (low <= high) {
    const bytes = await encode(quality);
    if (better(bytes.length)) best = { bytes, quality };
    if (bytes.length < target) low = quality + 1;
    else high = quality - 1;
    quality = Math.floor((low + high) / 2);
  }
  const chosen = best as { bytes: Buffer; quality: number };
  return { ...chosen, tries, fits: inRange(chosen.bytes.length) };
}

/**
 * The JPEG with its application segments (APP0–APP15: JFIF, EXIF, ICC, XMP, Photoshop) and
 * comments removed and one JFIF APP0 written after SOI: version 1.01, density in dots per inch
 * (JFIF 1.02, ITU-T T.871 §10.1), no thumbnail. Without a dpi the density is 1:1 (aspect only).
 */
export function withJfifHeader(jpeg: Buffer, dpi?: number): Buffer {
  const density = dpi === undefined ? 1 : Math.round(dpi);
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, dpi === undefined ? 0 : 1,
    density >> 8, density & 0xff, density >> 8, density & 0xff, 0x00, 0x00,
  ]);
  const kept: Buffer[] = [jpeg.subarray(0, 2), app0];
  let at = 2;
  // Markers before the first frame header; everything from SOF on is copied as is.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    const isMetadata = (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
    if (!isMetadata && marker !== 0xdb && marker !== 0xc4 && marker !== 0xdd) break;
    if (!isMetadata) kept.push(jpeg.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  kept.push(jpeg.subarray(at));
  return Buffer.concat(kept);
}
