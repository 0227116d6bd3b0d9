import type { ImageFormat } from './types.js';

const names: Record<ImageFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  gif: 'GIF',
  heif: 'HEIC/HEIF',
  avif: 'AVIF',
  tiff: 'TIFF',
  bmp: 'BMP',
  unknown: '',
};

export function formatName(format: ImageFormat): string {
  return names[format];
}

/** What the bytes really are, whatever the file is called. */
export function sniffFormat(bytes: Uint8Array): ImageFormat {
  const at = (i: number) => bytes[i] ?? -1;
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg';
  if (at(0) === 0x89 && text(1, 4) === 'PNG') return 'png';
  if (text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'webp';
  if (text(0, 4) === 'GIF8') return 'gif';
  if (text(4, 8) === 'ftyp') {
    const brand = text(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brand)) return 'heif';
  }
  if ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 42) || (at(0) === 0x4d && at(1) === 0x4d && at(3) === 42)) return 'tiff';
  if (text(0, 2) === 'BM') return 'bmp';
  return 'unknown';
}

/**
 * Characters of a profile description read at most: real ones are names like "sRGB IEC61966-2.1";
 * a profile reassembled from many APP2 chunks can claim megabytes, which spread into
 * String.fromCharCode would overflow the stack.
 */
const maxDescription = 256;

/** The profile description of an ICC profile (v2 'desc' or v4 'mluc'), if it can be read. */
export function iccDescription(icc: Uint8Array): string | undefined {
  if (icc.length < 132) return undefined;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const count = view.getUint32(128);
  // The tag count is the file's word; the loop stops at the data's end whatever it says.
  for (let i = 0; i < count && 132 + i * 12 + 12 <= icc.length; i++) {
    const entry = 132 + i * 12;
    if (String.fromCharCode(...icc.subarray(entry, entry + 4)) !== 'desc') continue;
    const offset = view.getUint32(entry + 4);
    const type = String.fromCharCode(...icc.subarray(offset, offset + 4));
    if (type === 'desc' && offset + 12 <= icc.length) {
      const length = Math.min(view.getUint32(offset + 8), maxDescription);
      return String.fromCharCode(...icc.subarray(offset + 12, Math.min(icc.length, offset + 12 + length))).replace(/\0+$/, '');
    }
    if (type === 'mluc' && offset + 28 <= icc.length) {
      const length = Math.min(view.getUint32(offset + 20), 2 * maxDescription);
      const start = offset + view.getUint32(offset + 24);
      let text = '';
      for (let at = start; at + 1 < Math.min(icc.length, start + length); at += 2) text += String.fromCharCode(view.getUint16(at));
      return text.replace(/\0+$/, '');
    }
  }
  return undefined;
}
