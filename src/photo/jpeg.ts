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
 *
 * What it passes, libjpeg must be able to decode (issue 10: a fast reader that accepts what sharp
 * fails on lets a damaged photo through, and once let the face step's sharp call end the batch).
 * So the tables, frame and scan header are read with libjpeg's own rules (jdmarker.c, jdhuff.c),
 * warnings included, since sharp fails on them; where libjpeg reads a file in a way this reader
 * does not follow, it says `unsupported` and sharp decides. Every byte is looked at a bounded
 * number of times: one scan is decoded, however many the file has.
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

/** A Huffman table as a DHT segment defines it: how many codes of each length 1–16, then the symbols. */
interface HuffmanDefinition {
  counts: Uint8Array;
  values: Uint8Array;
}

const LOOKAHEAD = 9;

/**
 * The decoding table of a definition. What libjpeg refuses when it builds the same table
 * (jdhuff.c, jpeg_make_d_derived_tbl) is refused here too: more codes of a length than the code
 * space holds (libjpeg also refuses a code space filled to the last, all-ones code), and a DC
 * symbol above 15. sharp fails on such a file, so the fast path must not pass it.
 */
function buildHuffman({ counts, values }: HuffmanDefinition, dc: boolean): HuffmanTable {
  let assigned = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] as number;
    assigned += n;
    if (n > 0 && assigned >= 2 ** length) throw new JpegError('a Huffman table has more codes than its lengths allow', 'corrupt');
    assigned *= 2;
  }
  if (dc && values.some((symbol) => symbol > 15)) throw new JpegError('a DC Huffman table has a symbol above 15', 'corrupt');
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
  dcTable: HuffmanTable;
  acTable: HuffmanTable;
  /** The quantisation table as it was when the scan began (libjpeg latches it then). */
  quant: Uint16Array;
}

/** libjpeg's limits (jmorecfg.h, jpeglib.h): image side, components in a frame, blocks in an MCU. */
const maxDimension = 65500;
const maxComponents = 10;
const maxBlocksInMcu = 10;

const corrupt = (message: string) => new JpegError(message, 'corrupt');
/** Valid for libjpeg but not for this reader: the caller lets sharp decode the file. */
const unsupported = (message: string) => new JpegError(message, 'unsupported');

/**
 * The tables, frame and first scan header, read as libjpeg reads them (jdmarker.c): a file
 * libjpeg stops on, or warns about (sharp fails on warnings), is refused here; one it reads in a
 * way this reader does not follow is `unsupported`, for sharp to decide.
 */
interface ScanSetup {
  frame: { width: number; height: number; components: JpegComponent[] };
  scan: Array<{ component: JpegComponent; dcTable: HuffmanTable; acTable: HuffmanTable; quant: Uint16Array }>;
  restartInterval: number;
  /** Where the scan's entropy-coded data begins. */
  dataStart: number;
}

function readUpToScan(bytes: Uint8Array): ScanSetup {
  const quant: Array<Uint16Array | undefined> = [];
  const dcDefinitions: Array<HuffmanDefinition | undefined> = [];
  const acDefinitions: Array<HuffmanDefinition | undefined> = [];
  let restartInterval = 0;
  let frame: ScanSetup['frame'] | undefined;
  let pos = 2;
  for (;;) {
    if (pos + 1 >= bytes.length) throw new JpegError('the file ends before the image data', 'truncated');
    // Anything but a marker here is "extraneous data" to libjpeg: a warning, on which sharp fails.
    if (bytes[pos] !== 0xff) throw corrupt(`expected a marker at byte ${pos}`);
    let marker = bytes[pos + 1] as number;
    while (marker === 0xff && pos + 2 < bytes.length) marker = bytes[++pos + 1] as number; // fill bytes (T.81 B.1.1.2)
    if (marker === 0xff) throw new JpegError('the file ends before the image data', 'truncated');
    if (marker === 0x00) throw corrupt(`expected a marker at byte ${pos}`);
    if (marker === 0xd8) throw corrupt('the file has two SOI markers');
    if (marker === EOI) throw corrupt('the file has no image data');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2; // TEM and RSTn carry no length
      continue;
    }
    if (pos + 4 > bytes.length) throw new JpegError('the file ends before the image data', 'truncated');
    const length = u16(bytes, pos + 2);
    const start = pos + 4;
    const end = pos + 2 + length;
    if (length < 2) throw corrupt('a marker segment has an impossible length');
    if (end > bytes.length) throw new JpegError('the file ends before the image data', 'truncated');
    if (marker === 0xdb) readQuantTables(bytes, start, end, quant);
    else if (marker === 0xc4) readHuffmanTables(bytes, start, end, dcDefinitions, acDefinitions);
    else if (marker === 0xdd) {
      if (length !== 4) throw corrupt('the restart interval segment has the wrong length');
      restartInterval = u16(bytes, start);
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (frame) throw corrupt('the file has two SOF markers');
      frame = readStrictFrame(bytes, start, end);
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xcc) {
      // Another frame type after or before the baseline one: two SOFs, or a process libjpeg lacks.
      throw corrupt('the file has two SOF markers or an unsupported one');
    } else if (marker === 0xcc) {
      throw unsupported('arithmetic coding conditioning (DAC)');
    } else if (marker === 0xe0) {
      // libjpeg warns on a JFIF major version other than 1.
      if (length - 2 >= 14 && ascii(bytes, start, 5) === 'JFIF\0' && bytes[start + 5] !== 1) throw corrupt('unknown JFIF version');
    } else if (marker === SOS) {
      if (!frame) throw corrupt('a scan comes before the frame header');
      return { frame, ...readStrictScan(bytes, start, end, frame, quant, dcDefinitions, acDefinitions), restartInterval, dataStart: end };
    } else if (!((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe || marker === 0xdc)) {
      // Not APPn, COM or DNL: a reserved marker, which libjpeg treats as fatal.
      throw corrupt(`unknown marker 0x${marker.toString(16)}`);
    }
    pos = end;
  }
}

function readStrictFrame(bytes: Uint8Array, start: number, end: number): ScanSetup['frame'] {
  const precision = bytes[start] as number;
  const height = u16(bytes, start + 1);
  const width = u16(bytes, start + 3);
  const count = bytes[start + 5] ?? 0;
  if (width === 0 || height === 0 || count === 0) throw corrupt('the frame header declares an empty image');
  if (end - start !== 6 + count * 3) throw corrupt('the frame header has the wrong length');
  if (width > maxDimension || height > maxDimension) throw corrupt(`the frame is larger than ${maxDimension} pixels`);
  if (count > maxComponents) throw corrupt('the frame has too many components');
  const { components } = readFrame(bytes, 0xc0, start, end);
  if (precision !== 8 || (count !== 1 && count !== 3)) throw unsupported('not 8-bit grey or three-component');
  if (new Set(components.map((c) => c.id)).size !== count) throw unsupported('two components share an id');
  return { width, height, components };
}

function readQuantTables(bytes: Uint8Array, start: number, end: number, quant: Array<Uint16Array | undefined>): void {
  let at = start;
  while (at < end) {
    const pq = (bytes[at] as number) >> 4;
    const tq = (bytes[at] as number) & 15;
    if (tq >= 4) throw corrupt(`quantisation table number ${tq}`);
    const size = 1 + (pq ? 128 : 64);
    // libjpeg reads whole tables and then wants the length to match exactly.
    if (at + size > end) throw corrupt('a quantisation table segment has the wrong length');
    const table = new Uint16Array(64);
    for (let i = 0; i < 64; i++) table[i] = pq ? u16(bytes, at + 1 + i * 2) : (bytes[at + 1 + i] as number);
    quant[tq] = table;
    at += size;
  }
}

function readHuffmanTables(
  bytes: Uint8Array,
  start: number,
  end: number,
  dcDefinitions: Array<HuffmanDefinition | undefined>,
  acDefinitions: Array<HuffmanDefinition | undefined>,
): void {
  let at = start;
  // As jdmarker.c get_dht: tables while more than 16 bytes are left, and then nothing may be left.
  while (end - at > 16) {
    const index = bytes[at] as number;
    const counts = bytes.subarray(at + 1, at + 17);
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (total > 256 || at + 17 + total > end) throw corrupt('a Huffman table is damaged');
    const ac = (index & 0x10) !== 0;
    const number = ac ? index - 0x10 : index;
    if (number >= 4) throw corrupt(`Huffman table number ${number}`);
    (ac ? acDefinitions : dcDefinitions)[number] = { counts, values: bytes.subarray(at + 17, at + 17 + total) };
    at += 17 + total;
  }
  if (at !== end) throw corrupt('a Huffman table segment has the wrong length');
}

function readStrictScan(
  bytes: Uint8Array,
  start: number,
  end: number,
  frame: ScanSetup['frame'],
  quant: Array<Uint16Array | undefined>,
  dcDefinitions: Array<HuffmanDefinition | undefined>,
  acDefinitions: Array<HuffmanDefinition | undefined>,
): Pick<ScanSetup, 'scan'> {
  const count = bytes[start] as number;
  if (count < 1 || count > 4 || end - start !== 4 + 2 * count) throw corrupt('the scan header has the wrong length');
  const scan: ScanSetup['scan'] = [];
  // libjpeg looks the i-th id up among the frame's first four components from the i-th on
  // (jdmarker.c get_sos): a scan lists its components in frame order, each once.
  const searched = frame.components.slice(0, 4);
  for (let i = 0; i < count; i++) {
    const id = bytes[start + 1 + i * 2];
    const tables = bytes[start + 2 + i * 2] as number;
    const component = searched.find((c, index) => c.id === id && index >= i);
    if (!component) throw corrupt(`the scan names an unknown or repeated component ${String(id)}`);
    const table = (definitions: Array<HuffmanDefinition | undefined>, number: number, dc: boolean) => {
      if (number >= 4) throw corrupt(`the scan uses Huffman table ${number}`);
      const definition = definitions[number];
      // libjpeg falls back on the standard tables of T.81 K.3 for a missing table 0 or 1 (Motion JPEG).
      if (!definition) throw number <= 1 ? unsupported('the scan relies on the standard Huffman tables') : corrupt('the scan uses a missing Huffman table');
      return buildHuffman(definition, dc);
    };
    const latched = quant[component.tq];
    if (component.tq >= 4 || !latched) throw corrupt(`quantisation table ${component.tq} is not defined before the scan`);
    scan.push({ component, dcTable: table(dcDefinitions, tables >> 4, true), acTable: table(acDefinitions, tables & 15, false), quant: latched });
  }
  const ss = bytes[start + 1 + 2 * count];
  const se = bytes[start + 2 + 2 * count];
  const approximation = bytes[start + 3 + 2 * count];
  // libjpeg warns "Invalid SOS parameters for sequential JPEG" (sharp fails) for anything else.
  if (ss !== 0 || se !== 63 || approximation !== 0) throw corrupt('the scan header has spectral or approximation values a sequential JPEG cannot have');
  if (count > 1 && scan.reduce((sum, { component }) => sum + component.h * component.v, 0) > maxBlocksInMcu) {
    throw corrupt('the sampling factors are too large for an interleaved scan');
  }
  // A first scan without every component: a multi-scan sequential file, which libjpeg reads whole.
  if (count !== frame.components.length) throw unsupported('the first scan does not hold every component');
  return { scan };
}

/**
 * Decode the DC coefficients of a baseline or extended sequential Huffman JPEG into block means.
 * Only files whose first scan holds every component (nearly all) are read here: one scan, in time
 * linear in the file. Throws JpegError: `truncated` when the data ends too soon, `corrupt` where
 * libjpeg would stop or warn, `unsupported` where it reads the file in a way this reader does not.
 */
export function decodeBlockMeans(bytes: Uint8Array, header: JpegHeader = readJpegHeader(bytes)): BlockImage {
  if (!header.dcDecodable) throw unsupported('not a baseline Huffman JPEG');
  const { frame, scan, restartInterval, dataStart } = readUpToScan(bytes);
  const hMax = Math.max(...frame.components.map((c) => c.h));
  const vMax = Math.max(...frame.components.map((c) => c.v));
  const mcusPerLine = Math.ceil(frame.width / (8 * hMax));
  const mcusPerColumn = Math.ceil(frame.height / (8 * vMax));
  // In frame order, as toBlockImage reads them (Y, Cb, Cr).
  const components: ComponentState[] = frame.components.map((c) => {
    const stride = mcusPerLine * c.h;
    const inScan = scan.find((s) => s.component === c) as ScanSetup['scan'][number];
    return {
      ...c,
      blocksPerLine: Math.ceil(Math.ceil((frame.width * c.h) / hMax) / 8),
      blocksPerColumn: Math.ceil(Math.ceil((frame.height * c.v) / vMax) / 8),
      stride,
      dc: new Float32Array(stride * mcusPerColumn * c.v),
      dcTable: inScan.dcTable,
      acTable: inScan.acTable,
      quant: inScan.quant,
    };
  });
  const inScanOrder = scan.map((s) => components[frame.components.indexOf(s.component)] as ComponentState);
  decodeScan(bytes, dataStart, inScanOrder, mcusPerLine, mcusPerColumn, restartInterval);
  return toBlockImage({ ...frame, adobeTransform: header.adobeTransform }, components, hMax, vMax);
}

/**
 * The entropy-coded data of one scan with the stuffed zero bytes removed, split at RSTn markers.
 * Reading from a clean copy keeps the hot loop free of marker checks.
 */
interface ScanData {
  data: Uint8Array;
  /** Offsets in `data` where each restart interval begins (the first is 0). */
  intervals: number[];
  /** The number (0–7) of the RSTn marker that began each interval after the first. */
  restarts: number[];
  length: number;
  /** Position in the file of the marker that ends the scan, or the file's length when none does. */
  next: number;
}

/**
 * One pass over the scan's bytes, each looked at once. Without a restart interval an RSTn marker
 * ends the data, as any marker ends it for libjpeg.
 */
function unstuff(bytes: Uint8Array, start: number, restarts: boolean): ScanData {
  const length = bytes.length;
  // The scan's extent first, so the copy is the scan's size, not the rest of the file's.
  let end = start;
  for (;;) {
    const ff = bytes.indexOf(0xff, end);
    if (ff < 0 || ff + 1 >= length) {
      end = length;
      break;
    }
    let next = bytes[ff + 1] as number;
    let at = ff;
    while (next === 0xff && at + 2 < length) next = bytes[++at + 1] as number; // fill bytes
    if (next === 0x00 || (restarts && next >= 0xd0 && next <= 0xd7)) {
      end = at + 2;
      continue;
    }
    end = next === 0xff ? length : ff;
    break;
  }
  // 4 spare zero bytes let the bit reader look ahead 32 bits without bounds checks.
  const data = new Uint8Array(end - start + 4);
  const intervals = [0];
  const markers: number[] = [];
  let out = 0;
  let pos = start;
  while (pos < end) {
    // Copy the run up to the next 0xFF in one native call; only 0xFF needs a decision.
    const ff = bytes.indexOf(0xff, pos);
    const runEnd = ff < 0 || ff >= end ? end : ff;
    data.set(bytes.subarray(pos, runEnd), out);
    out += runEnd - pos;
    pos = runEnd;
    if (pos + 1 >= end) break; // a last 0xFF with nothing after it: the data runs to the file's end
    const next = bytes[pos + 1] as number;
    if (next === 0xff) pos++; // fill byte
    else if (next === 0x00) {
      data[out++] = 0xff;
      pos += 2;
    } else {
      intervals.push(out);
      markers.push(next - 0xd0);
      pos += 2;
    }
  }
  return { data, intervals, restarts: markers, length: out, next: end };
}

/**
 * Decode the scan starting at `start`. As in libjpeg, a restart interval may leave fewer than 8
 * bits unread (padding); a whole byte left, a wrong RSTn number, or data that runs short is
 * damage (libjpeg warns, sharp fails), and so is data that runs to the end of the file with no
 * marker after it (libvips reads on and finds the end).
 */
function decodeScan(bytes: Uint8Array, start: number, scan: ComponentState[], mcusPerLine: number, mcusPerColumn: number, restartInterval: number): void {
  const { data, intervals, restarts, length, next } = unstuff(bytes, start, restartInterval > 0);
  const endedByFile = next >= bytes.length;
  const shortData = () => new JpegError(endedByFile ? 'the file ends in the middle of the image data' : 'the image data stops early', endedByFile ? 'truncated' : 'corrupt');
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
  const blockDcTable = blockComponent.map((c) => c.dcTable);
  const blockAcTable = blockComponent.map((c) => c.acTable);
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
        if (intervalEnd - bitPos >= 8) throw corrupt('extra bytes before a restart marker');
        interval++;
        if (interval >= intervals.length) throw shortData();
        if (restarts[interval - 1] !== (interval - 1) % 8) throw corrupt('restart markers out of sequence');
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
      if (bitPos > intervalEnd) throw shortData();
    }
  } catch (error) {
    // Reading past the end of the data: the spare bytes ran out, so the data is cut short.
    if (error instanceof RangeError) throw shortData();
    throw error;
  }
  // libvips reads on after the last block until it meets a marker; with none, it meets the end.
  if (endedByFile) throw new JpegError('the file ends without an end-of-image marker', 'truncated');
}

function toBlockImage(header: { width: number; height: number; adobeTransform?: number }, components: ComponentState[], hMax: number, vMax: number): BlockImage {
  const width = Math.ceil(header.width / 8);
  const height = Math.ceil(header.height / 8);
  const rgb = new Uint8Array(width * height * 3);
  // Per component: its DC plane scaled to sample means, and where each output block reads from.
  const planes = components.map((c) => {
    const q0 = c.quant[0] as number;
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
