/**
 * Seeded mutations of JPEG files, for `npm run fuzz` and its slice in `npm test`. Each mutation
 * aims at a way a real decoder can be hurt: bit flips and truncation, duplicated and oversized
 * segments, absurd frame sizes, many scans, restart markers, bad Huffman, quantisation and scan
 * tables. The segment parser here is deliberately not the one in src/photo/jpeg.ts, so a bug
 * there is not shared by the tool that looks for it.
 */

/** A marker segment with its FF xx and length bytes, or the entropy-coded data after a SOS. */
export interface Part {
  kind: 'segment' | 'marker' | 'entropy' | 'tail';
  marker: number;
  bytes: Uint8Array;
}

/** Split a JPEG into its parts after SOI; undefined when it is not a JPEG this parser can walk. */
export function splitJpeg(bytes: Uint8Array): Part[] | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const parts: Part[] = [];
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff || pos + 1 >= bytes.length) return undefined;
    const marker = bytes[pos + 1] as number;
    if (marker === 0xd9) {
      parts.push({ kind: 'marker', marker, bytes: bytes.subarray(pos, pos + 2) });
      if (pos + 2 < bytes.length) parts.push({ kind: 'tail', marker: -1, bytes: bytes.subarray(pos + 2) });
      return parts;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push({ kind: 'marker', marker, bytes: bytes.subarray(pos, pos + 2) });
      pos += 2;
      continue;
    }
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    if (length < 2 || pos + 2 + length > bytes.length) return undefined;
    parts.push({ kind: 'segment', marker, bytes: bytes.subarray(pos, pos + 2 + length) });
    pos += 2 + length;
    if (marker === 0xda) {
      let end = pos;
      while (end + 1 < bytes.length && !(bytes[end] === 0xff && bytes[end + 1] !== 0 && !((bytes[end + 1] as number) >= 0xd0 && (bytes[end + 1] as number) <= 0xd7))) end++;
      if (end + 1 >= bytes.length) end = bytes.length;
      parts.push({ kind: 'entropy', marker: -1, bytes: bytes.subarray(pos, end) });
      pos = end;
    }
  }
  return parts;
}

export function joinJpeg(parts: readonly Part[]): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...parts.map((part) => part.bytes)]);
}

type Random = () => number;

function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function int(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out[0] = 0xff;
  out[1] = marker;
  out[2] = (payload.length + 2) >> 8;
  out[3] = (payload.length + 2) & 0xff;
  out.set(payload, 4);
  return out;
}

/** A copy of a part's bytes to change (parts share the original's memory). */
function edit(part: Part, change: (bytes: Uint8Array) => void): Part {
  const bytes = Uint8Array.from(part.bytes);
  change(bytes);
  return { ...part, bytes };
}

const isSof = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** The largest a variant may grow to: enough for thousands of scans, small enough for a batch. */
export const maxVariantBytes = 4 * 1024 * 1024;

type Mutation = (rand: Random, bytes: Buffer, parts: Part[] | undefined) => Buffer | undefined;

function onParts(mutate: (rand: Random, parts: Part[]) => Part[] | undefined): Mutation {
  return (rand, _bytes, parts) => {
    if (!parts) return undefined;
    const changed = mutate(rand, parts);
    return changed ? joinJpeg(changed) : undefined;
  };
}

function indexesOf(parts: readonly Part[], test: (part: Part) => boolean): number[] {
  return parts.flatMap((part, i) => (test(part) ? [i] : []));
}

/** Replace one part (picked from those passing `test`) by what `change` makes of it. */
function changeOne(rand: Random, parts: Part[], test: (part: Part) => boolean, change: (part: Part) => Part | Part[]): Part[] | undefined {
  const candidates = indexesOf(parts, test);
  if (candidates.length === 0) return undefined;
  const at = pick(rand, candidates);
  const replaced = change(parts[at] as Part);
  return [...parts.slice(0, at), ...(Array.isArray(replaced) ? replaced : [replaced]), ...parts.slice(at + 1)];
}

/** Rewrite the bytes of one segment with this marker (picked at random among them). */
function editSegment(marker: number, change: (rand: Random, bytes: Uint8Array) => void): Mutation {
  return onParts((rand, parts) =>
    changeOne(
      rand,
      parts,
      (part) => part.kind === 'segment' && part.marker === marker,
      (part) => edit(part, (bytes) => change(rand, bytes)),
    ),
  );
}

const firstScan = (parts: readonly Part[]) => parts.findIndex((part) => part.marker === 0xda);

export const mutations: Record<string, Mutation> = {
  'bit-flip': (rand, bytes) => {
    const out = Buffer.from(bytes);
    for (let n = int(rand, 1, 16); n > 0; n--) {
      const at = int(rand, 2, out.length - 1);
      out[at] = (out[at] as number) ^ (1 << int(rand, 0, 7));
    }
    return out;
  },
  /** Flips in the headers only, where one bit changes what the decoder believes about the rest. */
  'header-flip': (rand, bytes, parts) => {
    const scan = parts ? firstScan(parts) : -1;
    const headerEnd = scan < 0 || !parts ? Math.min(bytes.length, 700) : 2 + parts.slice(0, scan + 1).reduce((sum, part) => sum + part.bytes.length, 0);
    const out = Buffer.from(bytes);
    for (let n = int(rand, 1, 4); n > 0; n--) {
      const at = int(rand, 2, headerEnd - 1);
      out[at] = (out[at] as number) ^ (1 << int(rand, 0, 7));
    }
    return out;
  },
  'byte-set': (rand, bytes) => {
    const out = Buffer.from(bytes);
    for (let n = int(rand, 1, 12); n > 0; n--) out[int(rand, 2, out.length - 1)] = pick(rand, [0x00, 0xff, 0xd9, 0xda, int(rand, 0, 255)]);
    return out;
  },
  truncate: (rand, bytes) => bytes.subarray(0, int(rand, 0, bytes.length - 1)),
  /** A second SOF, DQT, DHT, SOS or APPn: where a decoder may keep the first, the last, or fail. */
  'duplicate-segment': onParts((rand, parts) => {
    const candidates = indexesOf(parts, (part) => part.kind === 'segment');
    if (candidates.length === 0) return undefined;
    const from = pick(rand, candidates);
    const to = int(rand, 0, Math.max(0, firstScan(parts)));
    const copy = parts[from] as Part;
    return [...parts.slice(0, to), copy, ...parts.slice(to)];
  }),
  'drop-segment': onParts((rand, parts) => {
    const candidates = indexesOf(parts, (part) => part.kind !== 'entropy');
    if (candidates.length === 0) return undefined;
    const at = pick(rand, candidates);
    return [...parts.slice(0, at), ...parts.slice(at + 1)];
  }),
  /** A length field that lies: 0, 1, 2, one off, past the end, 65535. */
  'bogus-length': onParts((rand, parts) =>
    changeOne(
      rand,
      parts,
      (part) => part.kind === 'segment',
      (part) =>
        edit(part, (bytes) => {
          const length = ((bytes[2] as number) << 8) | (bytes[3] as number);
          const lie = pick(rand, [0, 1, 2, 3, length - 1, length + 1, length + int(rand, 2, 5000), 0xffff, int(rand, 0, 0xffff)]);
          bytes[2] = (lie >> 8) & 0xff;
          bytes[3] = lie & 0xff;
        }),
    ),
  ),
  /** Segments of the largest size, many of them: a few MB of comment before the image. */
  'oversized-segments': onParts((rand, parts) => {
    const payload = new Uint8Array(0xfffd).fill(int(rand, 0, 255));
    const count = int(rand, 1, 60);
    const marker = pick(rand, [0xfe, 0xe1, 0xe2, 0xed, 0xef]);
    const extra = Array.from({ length: count }, (): Part => ({ kind: 'segment', marker, bytes: segment(marker, payload) }));
    const at = int(rand, 0, Math.max(0, firstScan(parts)));
    return [...parts.slice(0, at), ...extra, ...parts.slice(at)];
  }),
  /** Frame sizes a tiny file can claim: zero, one pixel wide, 10000×9, the 16-bit maximum. */
  'absurd-sof': onParts((rand, parts) =>
    changeOne(
      rand,
      parts,
      (part) => part.kind === 'segment' && isSof(part.marker),
      (part) =>
        edit(part, (bytes) => {
          const [width, height] = pick(rand, [
            [0, 441],
            [358, 0],
            [1, 65535],
            [65535, 1],
            [10000, 9],
            [12000, 10],
            [20000, 20],
            [9, 10000],
            [65535, 65535],
            [30000, 30000],
            [int(rand, 1, 65535), int(rand, 1, 65535)],
            [int(rand, 1, 64), int(rand, 1, 64)],
          ]) as [number, number];
          bytes[5] = height >> 8;
          bytes[6] = height & 0xff;
          bytes[7] = width >> 8;
          bytes[8] = width & 0xff;
        }),
    ),
  ),
  /** Component count, sampling factors and table numbers of the frame. */
  'bad-components': onParts((rand, parts) =>
    changeOne(
      rand,
      parts,
      (part) => part.kind === 'segment' && isSof(part.marker),
      (part) =>
        edit(part, (bytes) => {
          const field = pick(rand, ['precision', 'count', 'sampling', 'table', 'id']);
          const component = 10 + 3 * int(rand, 0, Math.max(0, Math.floor((bytes.length - 10) / 3) - 1));
          if (field === 'precision') bytes[4] = pick(rand, [0, 1, 7, 12, 16, 255]);
          else if (field === 'count') bytes[9] = pick(rand, [0, 2, 4, 5, 255]);
          else if (component + 2 < bytes.length) {
            if (field === 'sampling') bytes[component + 1] = pick(rand, [0x00, 0x05, 0x50, 0x44, 0xff, 0x11, 0x22, 0x41, 0x14]);
            else if (field === 'table') bytes[component + 2] = pick(rand, [1, 2, 3, 4, 15, 255]);
            else bytes[component] = pick(rand, [0, 1, 2, 3, 255]);
          }
        }),
    ),
  ),
  /** The scan (SOS header plus its data) repeated: N tiny scans cost a quadratic reader N² time. */
  'many-scans': onParts((rand, parts) => {
    const scan = firstScan(parts);
    if (scan < 0) return undefined;
    const header = parts[scan] as Part;
    const data = parts[scan + 1]?.kind === 'entropy' ? (parts[scan + 1] as Part) : undefined;
    const scanBytes = header.bytes.length + (data?.bytes.length ?? 0);
    const wanted = pick(rand, [2, 3, 10, 100, 1000, 5000, 20000]);
    const copies = Math.max(2, Math.min(wanted, Math.floor(maxVariantBytes / scanBytes)));
    const repeated = Array.from({ length: copies }, () => (data ? [header, data] : [header])).flat();
    const after = parts.slice(scan + (data ? 2 : 1));
    return [...parts.slice(0, scan), ...repeated, ...after];
  }),
  /** Many scans made of the SOS header only, each with one byte of data. */
  'many-empty-scans': onParts((rand, parts) => {
    const scan = firstScan(parts);
    if (scan < 0) return undefined;
    const header = parts[scan] as Part;
    const copies = Math.min(pick(rand, [100, 1000, 10000, 50000]), Math.floor(maxVariantBytes / (header.bytes.length + 1)));
    const one: Part = { kind: 'entropy', marker: -1, bytes: Uint8Array.of(int(rand, 0, 254)) };
    const repeated = Array.from({ length: copies }, () => [header, one]).flat();
    return [...parts.slice(0, scan), ...repeated, ...parts.slice(scan)];
  }),
  /** A restart interval (DRI), and RSTn markers put into the data, right or wrong. */
  'restart-markers': onParts((rand, parts) => {
    const scan = firstScan(parts);
    const data = parts[scan + 1];
    if (scan < 0 || data?.kind !== 'entropy') return undefined;
    const interval = pick(rand, [0, 1, 2, 7, 64, 0xffff, int(rand, 1, 200)]);
    const dri: Part = { kind: 'segment', marker: 0xdd, bytes: segment(0xdd, Uint8Array.of(interval >> 8, interval & 0xff)) };
    const entropy = data.bytes;
    const chunks: Uint8Array[] = [];
    let from = 0;
    let rst = pick(rand, [0, int(rand, 0, 7)]);
    const count = pick(rand, [0, 1, 5, 50, 500]);
    const cuts = Array.from({ length: count }, () => int(rand, 0, entropy.length)).sort((a, b) => a - b);
    for (const cut of cuts) {
      if (cut > 0 && entropy[cut - 1] === 0xff) continue; // never split a stuffed FF 00
      chunks.push(entropy.subarray(from, cut), Uint8Array.of(0xff, 0xd0 + (rst & 7)));
      rst += rand() < 0.9 ? 1 : int(rand, 2, 7);
      from = cut;
    }
    chunks.push(entropy.subarray(from));
    const entropyPart: Part = { kind: 'entropy', marker: -1, bytes: Buffer.concat(chunks) };
    return [...parts.slice(0, scan), dri, parts[scan] as Part, entropyPart, ...parts.slice(scan + 2)];
  }),
  /** Huffman tables that over-subscribe the code space, name absent symbols, or use table ids 2–15. */
  'bad-huffman': editSegment(0xc4, (rand, bytes) => {
    const field = pick(rand, ['class', 'counts', 'oversubscribed', 'values', 'zero']);
    if (field === 'class') bytes[4] = pick(rand, [0x02, 0x04, 0x20, 0x1f, 0xff, int(rand, 0, 255)]);
    else if (field === 'counts') bytes[int(rand, 5, Math.min(20, bytes.length - 1))] = int(rand, 0, 255);
    else if (field === 'oversubscribed') {
      bytes[5] = 2;
      bytes[6] = 3;
    } else if (field === 'zero') for (let i = 5; i < Math.min(21, bytes.length); i++) bytes[i] = 0;
    else for (let i = 21; i < bytes.length; i++) if (rand() < 0.3) bytes[i] = int(rand, 0, 255);
  }),
  /** Quantisation tables with zeros, 16-bit precision the length does not allow, ids 4–15. */
  'bad-quant': editSegment(0xdb, (rand, bytes) => {
    const field = pick(rand, ['id', 'precision', 'zeros', 'random']);
    if (field === 'id') bytes[4] = ((bytes[4] as number) & 0xf0) | int(rand, 4, 15);
    else if (field === 'precision') bytes[4] = (bytes[4] as number) | 0x10;
    else if (field === 'zeros') for (let i = 5; i < bytes.length; i++) bytes[i] = 0;
    else for (let i = 5; i < bytes.length; i++) if (rand() < 0.2) bytes[i] = int(rand, 0, 255);
  }),
  /** Scan headers naming absent or repeated components and tables, and impossible spectral ranges. */
  'bad-sos': editSegment(0xda, (rand, bytes) => {
    const count = bytes[4] as number;
    const field = pick(rand, ['count', 'component', 'tables', 'spectral', 'approximation']);
    const component = 5 + 2 * int(rand, 0, Math.max(0, count - 1));
    if (field === 'count') bytes[4] = pick(rand, [0, 2, 4, 5, 255]);
    else if (field === 'component' && component < bytes.length) bytes[component] = pick(rand, [0, 1, 2, 3, 4, 255]);
    else if (field === 'tables' && component + 1 < bytes.length) bytes[component + 1] = pick(rand, [0x02, 0x20, 0x44, 0xff, int(rand, 0, 255)]);
    else if (field === 'spectral') {
      bytes[bytes.length - 3] = pick(rand, [0, 1, 63, 64, 255]);
      bytes[bytes.length - 2] = pick(rand, [0, 1, 62, 63, 64, 255]);
    } else bytes[bytes.length - 1] = int(rand, 0, 255);
  }),
  /** Bytes between segments, fill bytes, unknown and reserved markers. */
  'marker-junk': onParts((rand, parts) => {
    const at = int(rand, 0, parts.length);
    const junk = pick(rand, [
      Uint8Array.of(0x00, 0x01, 0x02),
      Uint8Array.of(0xff, 0xff, 0xff),
      Uint8Array.of(0xff, 0x01),
      Uint8Array.of(0xff, 0xd8),
      Uint8Array.of(0xff, 0xd0),
      segment(0xf0, Uint8Array.of(1, 2, 3)),
      segment(0xc8, Uint8Array.of(0)),
      segment(0xdc, Uint8Array.of(0, 8)),
      Uint8Array.from({ length: int(rand, 1, 40) }, () => int(rand, 0, 255)),
    ]);
    return [...parts.slice(0, at), { kind: 'segment', marker: -1, bytes: junk }, ...parts.slice(at)];
  }),
  /** Bytes after the end-of-image marker, or data where it should be. */
  trailing: (rand, bytes) => Buffer.concat([bytes, Buffer.from(Array.from({ length: int(rand, 1, 5000) }, () => int(rand, 0, 255)))]),
};

/** Mutations that need a second file. */
export function splice(rand: Random, a: Buffer, b: Buffer): Buffer {
  return Buffer.concat([a.subarray(0, int(rand, 2, a.length)), b.subarray(int(rand, 0, b.length))]);
}

export const mutationNames = [...Object.keys(mutations), 'splice'];

export interface Variant {
  bytes: Buffer;
  /** The mutations applied, in order, e.g. `bad-sos+truncate`. */
  recipe: string;
  base: string;
}

/** One variant: 1–3 mutations of a seed file (a mutation that does not apply to it is skipped). */
export function mutate(rand: Random, seeds: ReadonlyArray<{ name: string; bytes: Buffer }>): Variant {
  const seed = pick(rand, seeds);
  let bytes = seed.bytes;
  const applied: string[] = [];
  const rounds = pick(rand, [1, 1, 1, 2, 2, 3]);
  for (let round = 0; round < rounds || applied.length === 0; round++) {
    const name = pick(rand, mutationNames);
    const next = name === 'splice' ? splice(rand, bytes, pick(rand, seeds).bytes) : (mutations[name] as Mutation)(rand, bytes, splitJpeg(bytes));
    if (!next || next.length > maxVariantBytes + 0x10000) continue;
    bytes = next;
    applied.push(name);
    if (round > 20) break;
  }
  return { bytes, recipe: applied.join('+'), base: seed.name };
}

/**
 * The same picture with a restart interval: a DRI segment and RSTn markers every `interval` MCUs,
 * the DC predictors starting again after each (T.81 F.2.2.1, E.1.4). Made by re-coding the
 * entropy-coded data of a baseline JPEG with one interleaved scan and the standard Huffman tables
 * (sharp's `optimiseCoding: false`), so every DC difference category has a code. Cameras write
 * such files; sharp cannot, and the fast reader must read them as they are.
 */
export function withRestartMarkers(jpeg: Uint8Array, interval: number): Buffer {
  const parts = splitJpeg(jpeg);
  if (!parts) throw new Error('not a JPEG this parser can walk');
  const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
  const sof = parts.find((part) => part.marker === 0xc0)?.bytes;
  const scanAt = parts.findIndex((part) => part.marker === 0xda);
  const sos = parts[scanAt]?.bytes;
  const entropy = parts[scanAt + 1];
  if (!sof || !sos || entropy?.kind !== 'entropy') throw new Error('not a baseline JPEG with one scan');
  // Huffman tables by class and id: symbol → [length, code] and code → symbol.
  const tables = new Map<number, { decode: Map<string, number>; encode: Map<number, [number, number]> }>();
  for (const part of parts.filter((p) => p.marker === 0xc4)) {
    let at = 4;
    while (at < part.bytes.length) {
      const index = part.bytes[at] as number;
      const counts = part.bytes.subarray(at + 1, at + 17);
      let symbol = at + 17;
      const decode = new Map<string, number>();
      const encode = new Map<number, [number, number]>();
      let code = 0;
      for (let length = 1; length <= 16; length++, code <<= 1) {
        for (let i = 0; i < (counts[length - 1] as number); i++, code++, symbol++) {
          decode.set(`${length}:${code}`, part.bytes[symbol] as number);
          encode.set(part.bytes[symbol] as number, [length, code]);
        }
      }
      tables.set(index, { decode, encode });
      at = symbol;
    }
  }
  const width = u16(sof, 7);
  const height = u16(sof, 5);
  const frame = Array.from({ length: sof[9] as number }, (_, i) => ({ id: sof[10 + i * 3], h: (sof[11 + i * 3] as number) >> 4, v: (sof[11 + i * 3] as number) & 15 }));
  const scan = Array.from({ length: sos[4] as number }, (_, i) => {
    const component = frame.find((c) => c.id === sos[5 + i * 2]) as (typeof frame)[number];
    const tableIds = sos[6 + i * 2] as number;
    return { ...component, dc: tables.get(tableIds >> 4), ac: tables.get(0x10 | (tableIds & 15)) };
  });
  if (scan.length !== frame.length || scan.some((c) => !c.dc || !c.ac)) throw new Error('not one interleaved scan');
  // Bits in: the data without its stuffed zero bytes.
  const data: number[] = [];
  for (let i = 0; i < entropy.bytes.length; i++) {
    data.push(entropy.bytes[i] as number);
    if (entropy.bytes[i] === 0xff) i++; // FF 00
  }
  let bitIn = 0;
  const readBit = () => ((data[bitIn >> 3] ?? 0xff) >> (7 - (bitIn++ & 7))) & 1;
  const readBits = (n: number) => {
    let value = 0;
    for (let i = 0; i < n; i++) value = (value << 1) | readBit();
    return value;
  };
  const readSymbol = (table: { decode: Map<string, number> }) => {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | readBit();
      const symbol = table.decode.get(`${length}:${code}`);
      if (symbol !== undefined) return symbol;
    }
    throw new Error('bad Huffman code');
  };
  // Bits out, with FF stuffed and the last byte of each interval padded with ones.
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  const writeBits = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++bits === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0);
        acc = 0;
        bits = 0;
      }
    }
  };
  const pad = () => {
    if (bits > 0) writeBits(0xff, 8 - bits);
  };
  const writeSymbol = (table: { encode: Map<number, [number, number]> }, symbol: number) => {
    const entry = table.encode.get(symbol);
    if (!entry) throw new Error(`no code for symbol ${symbol}`);
    writeBits(entry[1], entry[0]);
  };
  const hMax = Math.max(...frame.map((c) => c.h));
  const vMax = Math.max(...frame.map((c) => c.v));
  const mcus = scan.length === 1 ? Math.ceil(width / 8) * Math.ceil(height / 8) : Math.ceil(width / (8 * hMax)) * Math.ceil(height / (8 * vMax));
  const oldPredictors = scan.map(() => 0);
  let newPredictors = scan.map(() => 0);
  for (let mcu = 0; mcu < mcus; mcu++) {
    if (mcu > 0 && mcu % interval === 0) {
      pad();
      out.push(0xff, 0xd0 + ((mcu / interval - 1) & 7));
      newPredictors = scan.map(() => 0);
    }
    scan.forEach((c, ci) => {
      for (let block = 0; block < (scan.length === 1 ? 1 : c.h * c.v); block++) {
        const dc = c.dc as NonNullable<typeof c.dc>;
        const ac = c.ac as NonNullable<typeof c.ac>;
        const size = readSymbol(dc);
        const raw = readBits(size);
        const difference = size === 0 ? 0 : raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
        oldPredictors[ci] = (oldPredictors[ci] as number) + difference;
        const again = (oldPredictors[ci] as number) - (newPredictors[ci] as number);
        newPredictors[ci] = oldPredictors[ci] as number;
        const category = again === 0 ? 0 : Math.floor(Math.log2(Math.abs(again))) + 1;
        writeSymbol(dc, category);
        writeBits(again < 0 ? again + (1 << category) - 1 : again, category);
        for (let k = 1; k < 64; ) {
          const rs = readSymbol(ac);
          const bitsOf = rs & 15;
          writeSymbol(ac, rs);
          writeBits(readBits(bitsOf), bitsOf);
          if (bitsOf === 0 && rs !== 0xf0) break;
          k += bitsOf === 0 ? 16 : (rs >> 4) + 1;
        }
      }
    });
  }
  pad();
  const dri: Part = { kind: 'segment', marker: 0xdd, bytes: segment(0xdd, Uint8Array.of(interval >> 8, interval & 0xff)) };
  return joinJpeg([...parts.slice(0, scanAt), dri, parts[scanAt] as Part, { kind: 'entropy', marker: -1, bytes: Uint8Array.from(out) }, ...parts.slice(scanAt + 2)]);
}
