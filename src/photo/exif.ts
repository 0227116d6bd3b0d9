/**
 * The few EXIF tags the checks read (orientation, resolution, capture date, GPS presence), taken
 * from a TIFF structure (EXIF 2.32 §4.6). Small enough that a dependency would cost more than it saves.
 */
import { parseIsoDate } from '../core/dates.js';

export interface ExifFacts {
  orientation?: number;
  xResolution?: number;
  yResolution?: number;
  /** 2 = inches, 3 = centimetres. */
  resolutionUnit?: number;
  dateTimeOriginal?: string;
  dateTime?: string;
  hasGps: boolean;
}

const TAG = {
  orientation: 0x0112,
  xResolution: 0x011a,
  yResolution: 0x011b,
  resolutionUnit: 0x0128,
  dateTime: 0x0132,
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
} as const;

/** Parse a TIFF block (with or without a leading "Exif\0\0"). Damaged data yields what was readable. */
export function readExif(input: Uint8Array): ExifFacts {
  const facts: ExifFacts = { hasGps: false };
  let data = input;
  if (data.length >= 6 && String.fromCharCode(...data.subarray(0, 4)) === 'Exif') data = data.subarray(6);
  if (data.length < 8) return facts;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const little = data[0] === 0x49 && data[1] === 0x49;
  if (!little && !(data[0] === 0x4d && data[1] === 0x4d)) return facts;
  const u16 = (at: number) => (at + 2 <= data.length ? view.getUint16(at, little) : 0);
  const u32 = (at: number) => (at + 4 <= data.length ? view.getUint32(at, little) : 0);
  const rational = (at: number) => {
    const offset = u32(at);
    const denominator = u32(offset + 4);
    return denominator === 0 ? undefined : u32(offset) / denominator;
  };
  const text = (at: number, count: number) => {
    const offset = count > 4 ? u32(at) : at;
    if (offset + count > data.length) return undefined;
    return String.fromCharCode(...data.subarray(offset, offset + count)).replace(/\0+$/, '');
  };
  const visitIfd = (offset: number, visit: (tag: number, type: number, count: number, valueAt: number) => void) => {
    const entries = u16(offset);
    if (offset <= 0 || offset + 2 + entries * 12 > data.length) return;
    for (let i = 0; i < entries; i++) {
      const at = offset + 2 + i * 12;
      visit(u16(at), u16(at + 2), u32(at + 4), at + 8);
    }
  };
  let exifIfd = 0;
  visitIfd(u32(4), (tag, type, count, valueAt) => {
    if (tag === TAG.orientation) facts.orientation = u16(valueAt);
    else if (tag === TAG.xResolution) facts.xResolution = rational(valueAt);
    else if (tag === TAG.yResolution) facts.yResolution = rational(valueAt);
    else if (tag === TAG.resolutionUnit) facts.resolutionUnit = u16(valueAt);
    else if (tag === TAG.dateTime && type === 2) facts.dateTime = text(valueAt, count);
    else if (tag === TAG.exifIfd) exifIfd = u32(valueAt);
    else if (tag === TAG.gpsIfd) facts.hasGps = true;
  });
  visitIfd(exifIfd, (tag, type, count, valueAt) => {
    if (tag === TAG.dateTimeOriginal && type === 2) facts.dateTimeOriginal = text(valueAt, count);
  });
  return facts;
}

/**
 * "2024:05:01 10:20:30" → "2024-05-01"; anything else → undefined, including the "0000:00:00"
 * cameras write when their clock was never set and days that do not exist (src/core/dates.ts).
 */
export function exifDate(value: string | undefined): string | undefined {
  const match = value ? /^(\d{4}):(\d{2}):(\d{2})/.exec(value) : null;
  return match ? parseIsoDate(`${match[1]}-${match[2]}-${match[3]}`) : undefined;
}
