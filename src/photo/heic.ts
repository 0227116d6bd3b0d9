/**
 * HEIC: the HEIF files with HEVC pictures that iPhones take by default. sharp's prebuilt libvips
 * reads HEIF only with the AV1 codec (AVIF), because HEVC is patent-encumbered; heic-decode (ISC)
 * runs libheif with its HEVC decoder compiled to WebAssembly (the libheif-js package, LGPL-3.0,
 * used unmodified). Loaded on the first HEIC only: its WebAssembly bundle is 8 MB of JavaScript.
 *
 * libheif applies the container's rotation and mirroring (`irot`, `imir`) while decoding, so the
 * pixels come out upright; an EXIF orientation inside a HEIC is not applied again (the HEIF
 * standard, ISO/IEC 23008-12, makes the container's transforms the ones that count).
 */
import { createRequire } from 'node:module';
import type { RgbImage } from '../face/types.js';
import { maxInputPixels, type Unreadable } from './analyze.js';

interface HeicImage {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type HeicDecode = { all(input: { buffer: Uint8Array }): Promise<HeicImage[] & { dispose(): void }> };

/** Why a HEIC could not be decoded, in the terms of check-photo's `readable` check. */
export class HeicError extends Error {
  constructor(readonly problem: Unreadable) {
    super(`HEIC not decoded: ${problem.reason}`);
  }
}

let decoder: HeicDecode | undefined;

/** What libheif-js prints, with console.log, when a picture does not decode. */
const decoderLog = 'Decoding image failed';
let quieted = 0;
let hostLog: typeof console.log | undefined;
let filteredLog: typeof console.log | undefined;

/**
 * libheif-js reports a damaged picture with console.log, which is stdout: in the middle of
 * `check-photo --json` it would break the one JSON document. While a picture decodes, that one
 * message is dropped; everything else anyone logs passes through, and the host's console.log is
 * put back after (unless the host has replaced it meanwhile).
 */
async function withoutDecoderLog<T>(decode: () => Promise<T>): Promise<T> {
  if (quieted++ === 0) {
    const original = console.log;
    hostLog = original;
    filteredLog = (...args: unknown[]) => {
      if (args[0] !== decoderLog) original.apply(console, args);
    };
    console.log = filteredLog;
  }
  try {
    return await decode();
  } finally {
    if (--quieted === 0) {
      if (console.log === filteredLog && hostLog) console.log = hostLog;
      hostLog = filteredLog = undefined;
    }
  }
}

/**
 * The primary picture of a HEIC file, upright, as 8-bit RGB at full size (transparent pixels are
 * laid on white, the background of an ID photo). Throws HeicError when the file is not a HEIC
 * libheif can read, or declares more than `maxInputPixels` pixels (nothing is decoded then).
 * fix-photo and check-photo both decode HEIC through here.
 */
export async function decodeHeic(bytes: Uint8Array): Promise<RgbImage> {
  decoder ??= createRequire(import.meta.url)('heic-decode') as HeicDecode;
  let images: Awaited<ReturnType<HeicDecode['all']>>;
  try {
    images = await decoder.all({ buffer: bytes });
  } catch {
    throw new HeicError({ stage: 'image', reason: 'undecodable', detail: { format: 'heif' } });
  }
  try {
    const first = images[0] as HeicImage;
    const { width, height } = first;
    if (!(width > 0 && height > 0) || width * height > maxInputPixels) {
      throw new HeicError({ stage: 'pixels', reason: width > 0 && height > 0 ? 'too-many-pixels' : 'invalid-size', detail: { format: 'heif', width, height } });
    }
    let rgba: Uint8ClampedArray;
    try {
      rgba = (await withoutDecoderLog(() => first.decode())).data;
    } catch {
      throw new HeicError({ stage: 'pixels', reason: 'damaged', detail: { format: 'heif' } });
    }
    const data = new Uint8Array(width * height * 3);
    for (let i = 0, o = 0; o < data.length; i += 4, o += 3) {
      const alpha = rgba[i + 3] as number;
      const white = 255 - alpha;
      data[o] = ((rgba[i] as number) * alpha + 255 * white + 127) / 255;
      data[o + 1] = ((rgba[i + 1] as number) * alpha + 255 * white + 127) / 255;
      data[o + 2] = ((rgba[i + 2] as number) * alpha + 255 * white + 127) / 255;
    }
    return { data, width, height, channels: 3 };
  } finally {
    images.dispose();
  }
}
