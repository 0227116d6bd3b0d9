/**
 * A JPEG reader for what the photo checks need and no more: the header facts (size, components,
 * baseline or progressive, JFIF density, EXIF and ICC segments) and a DC-only decode that yields
 * one mean colour per 8×8 block (a 1/8-scale image, 45×56 for 358×441).
 *
 * Why hand-written: sharp spends ~4–8 ms of CPU per call on a 358×441 photo, mostly pipeline set-up,
 * which caps a batch at a few hundred photos/s on 2 cores. The DC coefficient of each block is
 * 8 × its mean (ITU-T T.81 A.3.3), so the block means come straight out of the entropy decoder with
 * no IDCT. Anything outside baseline/extended Huffman 8-bit JPEG (progressive, arithmetic, lossless,
 * 12-bit) is left to sharp by the caller.
 */
import { clampByte } from '../core/math.js';

export interface JpegComponent {
  id: number;
  h: number;
  v: number;
  tq: number;
}

export interface JpegHeader {
  width: number;
  height: number;
  precision: number;
  components: JpegComponent[];
  /** SOF marker type: 0xc0 baseline, 0xc1 extended, 0xc2 progressive, … */
  sof: number;
  progressive: boolean;
  /** True for baseline or extended sequential Huffman 8-bit grey or YCbCr/RGB: what decodeBlockMeans handles. */
  dcDecodable: boolean;
  jfif?: { units: number; xDensity: number; yDensity: number };
  /** Adobe APP14 colour transform (0 = none/RGB or CMYK, 1 = YCbCr, 2 = YCCK). */
  adobeTransform?: number;
  /** The TIFF payload of the APP1 Exif segment, if any. */
  exif?: Uint8Array;
  /** The ICC profile, reassembled from its APP2 chunks, if any. */
  icc?: Uint8Array;
}

export class JpegError extends Error {
  constructor(
    message: string,
    readonly kind: 'truncated' | 'corrupt' | 'unsupported',
  ) {
    super(message);
    this.name = 'JpegError';
  }
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

const SOS = 0xda;
const EOI = 0xd9;

interface Segment {
  marker: number;
  /** Start of the payload (after the length field). */
  start: number;
  end: number;
}

/**
 * Walk the marker segments from `at`, calling `visit` for each until it returns false or a SOS /
 * EOI is reached (the SOS segment is visited, then the walk stops and returns its end).
 */
function walkSegments(bytes: Uint8Array, at: number, visit: (segment: Segment) => boolean | void): number {
  let pos = at;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw new JpegError(`expected a marker at byte ${pos}`, 'corrupt');
    let marker = bytes[pos + 1] ?? -1;
    while (marker === 0xff) {
      pos += 1; // fill bytes before a marker are allowed (T.81 B.1.1.2)
      marker = bytes[pos + 1] ?? -1;
    }
    if (marker < 0) break;
    if (marker === EOI) return pos + 2;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) break;
    const length = u16(bytes, pos + 2);
    const start = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) break;
    const goOn = visit({ marker, start, end });
    if (marker === SOS || goOn === false) return end;
    pos = end;
  }
  throw new JpegError('the file ends before the image data is complete', 'truncated');
}

/** Read the header facts without decoding any image data. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  if (!isJpeg(bytes)) throw new JpegError('not a JPEG file', 'unsupported');
  let header: JpegHeader | undefined;
  let jfif: JpegHeader['jfif'];
  let adobeTransform: number | undefined;
  let exif: Uint8Array | undefined;
  const iccChunks: Array<[number, Uint8Array]> = [];
  walkSegments(bytes, 2, ({ marker, start, end }) => {
    if (marker === 0xe0 && ascii(bytes, start, 5) === 'JFIF\0') {
      jfif = { units: bytes[start + 7] ?? 0, xDensity: u16(bytes, start + 8), yDensity: u16(bytes, start + 10) };
    } else if (marker === 0xe1 && ascii(bytes, start, 6) === 'Exif\0\0' && exif === undefined) {
      exif = bytes.subarray(start + 6, end);
    } else if (marker === 0xe2 && ascii(bytes, start, 12) === 'ICC_PROFILE\0') {
      iccChunks.push([bytes[start + 12] ?? 0, bytes.subarray(start + 14, end)]);
    } else if (marker === 0xee && ascii(bytes, start, 5) === 'Adobe') {
      adobeTransform = bytes[start + 11];
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      header = { ...readFrame(bytes, marker, start, end) };
    }
  });
  if (!header) throw new JpegError('the JPEG has no frame header', 'corrupt');
  iccChunks.sort((a, b) => a[0] - b[0]);
  const icc = iccChunks.length > 0 ? Buffer.concat(iccChunks.map(([, chunk]) => chunk)) : undefined;
  return { ...header, jfif, adobeTransform, exif, icc };
}

function readFrame(bytes: Uint8Array, sof: number, start: number, end: number): JpegHeader {
  const precision = bytes[start] ?? 0;
  const height = u16(bytes, start + 1);
  const width = u16(bytes, start + 3);
  const count = bytes[start + 5] ?? 0;
  if (start + 6 + count * 3 > end) throw new JpegError('the frame header is damaged', 'corrupt');
  const components: JpegComponent[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + 6 + i * 3;
    const sampling = bytes[at + 1] ?? 0;
    components.push({ id: bytes[at] ?? 0, h: sampling >> 4, v: sampling & 15, tq: bytes[at + 2] ?? 0 });
  }
  if (components.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4)) {
    throw new JpegError('the frame header has impossible sampling factors', 'corrupt');
  }
  return {
    width,
    height,
    precision,
    components,
    sof,
    progressive: sof === 0xc2 || sof === 0xc6 || sof === 0xca || sof === 0xce,
    dcDecodable: (sof === 0xc0 || sof === 0xc1) && precision === 8 && (count === 1 || count === 3),
  };
}

interface HuffmanTable {
  /** 9-bit lookahead: (code length << 8) | symbol, or 0 for longer codes. */
  lookup: Uint16Array;
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

const LOOKAHEAD = 9;

function buildHuffman(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] ?? 0;
    valPtr[length] = k;
    minCode[length] = code;
    for (let i = 0; i < n; i++, k++, code++) {
      if (length <= LOOKAHEAD) {
        const shift = LOOKAHEAD - length;
        const entry = (length << 8) | (values[k] ?? 0);
        for (let fill = 0; fill < 1 << shift; fill++) lookup[(code << shift) | fill] = entry;
      }
    }
    maxCode[length] = n > 0 ? code - 1 : -1;
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { lookup, maxCode, valPtr, minCode, values };
}

/** A code longer than the lookahead: the canonical-code search of T.81 F.2.2.3. Same entry format. */
function decodeLongCode(table: HuffmanTable, window: number): number {
  for (let length = LOOKAHEAD + 1; length <= 16; length++) {
    const code = window >>> (32 - length);
    if (code <= (table.maxCode[length] as number)) {
      return (length << 8) | (table.values[(table.valPtr[length] as number) + code - (table.minCode[length] as number)] as number);
    }
  }
  throw new JpegError('the image data is damaged (bad Huffman code)', 'corrupt');
}

/** The image as one mean colour per 8×8 block, RGB interleaved, plus the grid size. */
export interface BlockImage {
  width: number;
  height: number;
  /** Pixels per block side in the original image (8 for a DC decode). */
  scale: number;
  rgb: Uint8Array;
  /** Number of colour components in the source (1 grayscale, 3 colour, 4 CMYK/YCCK). */
  sourceComponents: number;
  /** Largest |Cb−128| or |Cr−128| over all blocks: near 0 means the content is entirely grey. */
  maxChroma: number;
}

interface ComponentState extends JpegComponent {
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Blocks per line in MCU layout (padded to whole MCUs). */
  stride: number;
  dc: Float32Array;
  dcTable?: HuffmanTable;
  acTable?: HuffmanTable;
}

/**
 * Decode the DC coefficients of a baseline or extended sequential Huffman JPEG into block means.
 * Throws JpegError('truncated') when the data ends before every block is decoded.
 */
export function decodeBlockMeans(bytes: Uint8Array, header: JpegHeader = readJpegHeader(bytes)): BlockImage {
  if (!header.dcDecodable) throw new JpegError('not a baseline Huffman JPEG', 'unsupported');
  const quant: Array<Uint16Array | undefined> = [];
  const dcTables: Array<HuffmanTable | undefined> = [];
  const acTables: Array<HuffmanTable | undefined> = [];
  let restartInterval = 0;
  const hMax = Math.max(...header.components.map((c) => c.h));
  const vMax = Math.max(...header.components.map((c) => c.v));
  const mcusPerLine = Math.ceil(header.width / (8 * hMax));
  const mcusPerColumn = Math.ceil(header.height / (8 * vMax));
  const components: ComponentState[] = header.components.map((c) => {
    const stride = mcusPerLine * c.h;
    return {
      ...c,
      blocksPerLine: Math.ceil(Math.ceil((header.width * c.h) / hMax) / 8),
      blocksPerColumn: Math.ceil(Math.ceil((header.height * c.v) / vMax) / 8),
      stride,
      dc: new Float32Array(stride * mcusPerColumn * c.v),
    };
  });
  const decoded = new Set<ComponentState>();

  let pos = 2;
  for (;;) {
    let scanComponents: ComponentState[] = [];
    const end = walkSegments(bytes, pos, ({ marker, start, end: segmentEnd }) => {
      if (marker === 0xdb) readQuantTables(bytes, start, segmentEnd, quant);
      else if (marker === 0xc4) readHuffmanTables(bytes, start, segmentEnd, dcTables, acTables);
      else if (marker === 0xdd) restartInterval = u16(bytes, start);
      else if (marker === SOS) scanComponents = readScanHeader(bytes, start, components, dcTables, acTables);
    });
    if (scanComponents.length === 0) break; // reached EOI
    pos = decodeScan(bytes, end, scanComponents, mcusPerLine, mcusPerColumn, restartInterval);
    for (const c of scanComponents) decoded.add(c);
    if (decoded.size === components.length) break;
  }
  if (decoded.size < components.length) throw new JpegError('the image data is incomplete', 'truncated');
  return toBlockImage(header, components, quant, hMax, vMax);
}

function readQuantTables(bytes: Uint8Array, start: number, end: number, quant: Array<Uint16Array | undefined>): void {
  let at = start;
  while (at < end) {
    const pq = (bytes[at] ?? 0) >> 4;
    const tq = (bytes[at] ?? 0) & 15;
    const table = new Uint16Array(64);
    for (let i = 0; i < 64; i++) table[i] = pq ? u16(bytes, at + 1 + i * 2) : (bytes[at + 1 + i] ?? 0);
    quant[tq] = table;
    at += 1 + (pq ? 128 : 64);
  }
}

function readHuffmanTables(
  bytes: Uint8Array,
  start: number,
  end: number,
  dcTables: Array<HuffmanTable | undefined>,
  acTables: Array<HuffmanTable | undefined>,
): void {
  let at = start;
  while (at + 17 <= end) {
    const tc = (bytes[at] ?? 0) >> 4;
    const th = (bytes[at] ?? 0) & 15;
    const counts = bytes.subarray(at + 1, at + 17);
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (at + 17 + total > end) throw new JpegError('a Huffman table is damaged', 'corrupt');
    const table = buildHuffman(counts, bytes.subarray(at + 17, at + 17 + total));
    (tc === 0 ? dcTables : acTables)[th] = table;
    at += 17 + total;
  }
}

function readScanHeader(
  bytes: Uint8Array,
  start: number,
  components: ComponentState[],
  dcTables: Array<HuffmanTable | undefined>,
  acTables: Array<HuffmanTable | undefined>,
): ComponentState[] {
  const count = bytes[start] ?? 0;
  const scan: ComponentState[] = [];
  for (let i = 0; i < count; i++) {
    const id = bytes[start + 1 + i * 2];
    const tables = bytes[start + 2 + i * 2] ?? 0;
    const component = components.find((c) => c.id === id);
    if (!component) throw new JpegError(`the scan names an unknown component ${String(id)}`, 'corrupt');
    component.dcTable = dcTables[tables >> 4];
    component.acTable = acTables[tables & 15];
    if (!component.dcTable || !component.acTable) throw new JpegError('the scan uses a missing Huffman table', 'corrupt');
    scan.push(component);
  }
  if (scan.length === 0) throw new JpegError('the scan has no components', 'corrupt');
  return scan;
}

/**
 * The entropy-coded data of one scan with the stuffed zero bytes removed, split at RSTn markers.
 * Reading from a clean copy keeps the hot loop free of marker checks.
 */
interface ScanData {
  data: Uint8Array;
  /** Offsets in `data` where each restart interval begins (the first is 0). */
  intervals: number[];
  length: number;
  /** Position in the file of the marker that ends the scan (or the file's length). */
  next: number;
}

function unstuff(bytes: Uint8Array, start: number): ScanData {
  // 4 spare zero bytes let the bit reader look ahead 32 bits without bounds checks.
  const data = new Uint8Array(bytes.length - start + 4);
  const intervals = [0];
  let out = 0;
  let pos = start;
  const length = bytes.length;
  while (pos < length) {
    // Copy the run up to the next 0xFF in one native call; only 0xFF needs a decision.
    const ff = bytes.indexOf(0xff, pos);
    const runEnd = ff < 0 ? length : ff;
    data.set(bytes.subarray(pos, runEnd), out);
    out += runEnd - pos;
    pos = runEnd;
    if (pos >= length) break;
    const next = pos + 1 < length ? (bytes[pos + 1] as number) : -1;
    if (next === 0) {
      data[out++] = 0xff;
      pos += 2;
    } else if (next >= 0xd0 && next <= 0xd7) {
      intervals.push(out);
      pos += 2;
    } else if (next === 0xff) {
      pos++; // fill byte before a marker
    } else break;
  }
  return { data, intervals, length: out, next: pos };
}

/** Decode one scan starting at `start`; returns the position of the marker that ends it. */
function decodeScan(
  bytes: Uint8Array,
  start: number,
  scan: ComponentState[],
  mcusPerLine: number,
  mcusPerColumn: number,
  restartInterval: number,
): number {
  const { data, intervals, length, next } = unstuff(bytes, start);
  // 32 bits from any byte offset; after the shift at least 25 are valid: a 16-bit code plus its
  // magnitude bits never need more (T.81 F.2.2).
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const single = scan.length === 1 ? scan[0] : undefined;
  const total = single ? single.blocksPerLine * single.blocksPerColumn : mcusPerLine * mcusPerColumn;
  // Flatten the blocks of one MCU into parallel arrays so the hot loop indexes plain arrays.
  const blockComponent: ComponentState[] = [];
  const blockOffset: number[] = [];
  for (const c of single ? [single] : scan) {
    const v = single ? 1 : c.v;
    const h = single ? 1 : c.h;
    for (let y = 0; y < v; y++) {
      for (let x = 0; x < h; x++) {
        blockComponent.push(c);
        blockOffset.push(y * c.stride + x);
      }
    }
  }
  // What the hot loop needs per block of an MCU, in flat arrays: no property lookups per block.
  const blockPlane = blockComponent.map((c) => scan.indexOf(c));
  const blockDc = blockComponent.map((c) => c.dc);
  const blockDcTable = blockComponent.map((c) => c.dcTable as HuffmanTable);
  const blockAcTable = blockComponent.map((c) => c.acTable as HuffmanTable);
  const blockRowStep = blockComponent.map((c) => c.v * c.stride);
  const blockColStep = blockComponent.map((c) => c.h);
  const preds = new Float64Array(scan.length);
  const blocksPerMcu = blockComponent.length;
  let bitPos = 0;
  let intervalEnd = (intervals[1] ?? length) * 8;
  let interval = 0;
  try {
    for (let mcu = 0; mcu < total; mcu++) {
      if (restartInterval > 0 && mcu > 0 && mcu % restartInterval === 0) {
        // RSTn: the bits left over are padding; the DC predictors start again from zero.
        interval++;
        if (interval >= intervals.length) throw new JpegError('the file ends in the middle of the image data', 'truncated');
        bitPos = (intervals[interval] as number) * 8;
        intervalEnd = (intervals[interval + 1] ?? length) * 8;
        preds.fill(0);
      }
      const mcuRow = Math.floor(mcu / mcusPerLine);
      const mcuCol = mcu - mcuRow * mcusPerLine;
      for (let b = 0; b < blocksPerMcu; b++) {
        const index = single
          ? Math.floor(mcu / single.blocksPerLine) * single.stride + (mcu % single.blocksPerLine)
          : mcuRow * (blockRowStep[b] as number) + mcuCol * (blockColStep[b] as number) + (blockOffset[b] as number);
        // DC: a Huffman-coded size, then that many bits of difference (T.81 F.2.2.1).
        let p = bitPos >>> 3;
        let window = view.getUint32(p) << (bitPos & 7);
        const dcTable = blockDcTable[b] as HuffmanTable;
        let entry = (dcTable.lookup[window >>> (32 - LOOKAHEAD)] as number) || decodeLongCode(dcTable, window);
        bitPos += entry >> 8;
        const size = entry & 0xff;
        if (size > 16) throw new JpegError('the image data is damaged (bad DC size)', 'corrupt');
        if (size > 0) {
          p = bitPos >>> 3;
          window = view.getUint32(p) << (bitPos & 7);
          const value = window >>> (32 - size);
          bitPos += size;
          const plane = blockPlane[b] as number;
          preds[plane] = (preds[plane] as number) + (value < 1 << (size - 1) ? value - (1 << size) + 1 : value);
        }
        (blockDc[b] as Float32Array)[index] = preds[blockPlane[b] as number] as number;
        // AC: only skipped. (run, size) pairs; size 0 is end-of-block or, with run 15, sixteen zeros.
        const acTable = blockAcTable[b] as HuffmanTable;
        const acLookup = acTable.lookup;
        for (let k = 1; k < 64; ) {
          p = bitPos >>> 3;
          window = view.getUint32(p) << (bitPos & 7);
          entry = (acLookup[window >>> (32 - LOOKAHEAD)] as number) || decodeLongCode(acTable, window);
          const rs = entry & 0xff;
          const acSize = rs & 15;
          bitPos += (entry >> 8) + acSize;
          if (acSize === 0) {
            if (rs !== 0xf0) break;
            k += 16;
          } else k += (rs >> 4) + 1;
        }
      }
      if (bitPos > intervalEnd) {
        throw new JpegError(next >= bytes.length ? 'the file ends in the middle of the image data' : 'the image data stops early', 'truncated');
      }
    }
  } catch (error) {
    // Reading past the end of the data: the spare bytes ran out, so the file is cut short.
    if (error instanceof RangeError) throw new JpegError('the file ends in the middle of the image data', 'truncated');
    throw error;
  }
  return next;
}

function toBlockImage(
  header: JpegHeader,
  components: ComponentState[],
  quant: Array<Uint16Array | undefined>,
  hMax: number,
  vMax: number,
): BlockImage {
  const width = Math.ceil(header.width / 8);
  const height = Math.ceil(header.height / 8);
  const rgb = new Uint8Array(width * height * 3);
  // Per component: its DC plane scaled to sample means, and where each output block reads from.
  const planes = components.map((c) => {
    const q0 = quant[c.tq]?.[0];
    if (q0 === undefined) throw new JpegError('the JPEG uses a missing quantisation table', 'corrupt');
    const means = new Float32Array(c.dc.length);
    // DC = 8 × mean of the level-shifted samples (T.81 A.3.3).
    for (let i = 0; i < means.length; i++) means[i] = ((c.dc[i] as number) * q0) / 8 + 128;
    const column = new Int32Array(width);
    for (let bx = 0; bx < width; bx++) column[bx] = Math.floor((bx * c.h) / hMax);
    const row = new Int32Array(height);
    for (let by = 0; by < height; by++) row[by] = Math.floor((by * c.v) / vMax) * c.stride;
    return { means, column, row };
  });
  const [first, second, third] = planes as [(typeof planes)[number], ...(typeof planes)[number][]];
  // With an Adobe marker saying "no transform", three components are RGB, not YCbCr.
  const isRgb = components.length === 3 && header.adobeTransform === 0;
  let maxChroma = 0;
  let out = 0;
  for (let by = 0; by < height; by++) {
    for (let bx = 0; bx < width; bx++, out += 3) {
      const a = first.means[(first.row[by] as number) + (first.column[bx] as number)] as number;
      if (!second || !third) {
        rgb[out] = rgb[out + 1] = rgb[out + 2] = clampByte(a);
        continue;
      }
      const b = second.means[(second.row[by] as number) + (second.column[bx] as number)] as number;
      const c = third.means[(third.row[by] as number) + (third.column[bx] as number)] as number;
      if (isRgb) {
        rgb[out] = clampByte(a);
        rgb[out + 1] = clampByte(b);
        rgb[out + 2] = clampByte(c);
        const spread = Math.max(Math.abs(a - b), Math.abs(b - c));
        if (spread > maxChroma) maxChroma = spread;
        continue;
      }
      // JFIF YCbCr → RGB (ITU-T T.871 §7).
      rgb[out] = clampByte(a + 1.402 * (c - 128));
      rgb[out + 1] = clampByte(a - 0.344136 * (b - 128) - 0.714136 * (c - 128));
      rgb[out + 2] = clampByte(a + 1.772 * (b - 128));
      const chroma = Math.max(Math.abs(b - 128), Math.abs(c - 128));
      if (chroma > maxChroma) maxChroma = chroma;
    }
  }
  return { width, height, scale: 8, rgb, sourceComponents: components.length, maxChroma };
}

/**
 * Where the JPEG stream ends: the byte after its EOI marker, found by walking the marker segments
 * and each scan's entropy-coded data (the EOI bytes inside an EXIF thumbnail are skipped with their
 * segment). undefined when the stream ends before an EOI.
 */
export function findJpegEnd(bytes: Uint8Array): number | undefined {
  let pos = 2;
  for (;;) {
    let scan = false;
    let end: number;
    try {
      end = walkSegments(bytes, pos, ({ marker }) => {
        if (marker === SOS) scan = true;
      });
    } catch (error) {
      if (error instanceof JpegError) return undefined;
      throw error;
    }
    if (!scan) return end; // walkSegments stopped at EOI
    // Entropy-coded data runs to the next marker: 0xFF followed by neither a stuffed 0x00 nor RSTn.
    pos = end;
    while (pos + 1 < bytes.length && !(bytes[pos] === 0xff && bytes[pos + 1] !== 0x00 && !(bytes[pos + 1]! >= 0xd0 && bytes[pos + 1]! <= 0xd7))) pos++;
    if (pos + 1 >= bytes.length) return undefined;
  }
}
