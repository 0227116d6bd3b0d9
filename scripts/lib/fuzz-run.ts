/**
 * The fuzzer's run: seeded variants of the committed fixtures, checked in batches through the real
 * batch path (checkPhotos, with face checks), and what must hold whatever the files are: the batch
 * survives, every file gets exactly one report, a file sharp cannot decode is never `readable:
 * pass`, memory stays bounded and the time a file takes grows with its size, not its square.
 * `npm run fuzz` (scripts/fuzz.ts) runs thousands; test/fuzz.test.ts runs a fixed-seed slice.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { decodeAnalysisPicture, maxInputPixels } from '../../src/photo/analyze.js';
import type { FaceAnalyzer } from '../../src/photo/check-photo.js';
import { checkPhotos } from '../../src/photo/check-photos.js';
import type { PhotoReport } from '../../src/photo/types.js';
import { mutate, withRestartMarkers, type Variant } from './fuzz-jpeg.js';
import { seededRandom } from './random.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface FuzzOptions {
  seed: number;
  /** Variants in all. */
  count: number;
  /** Variants per checkPhotos() call. */
  batch: number;
  /**
   * `model`: the real face analyzer (the model, segmentation, eyes). `decode`: only its decoding
   * step (where a damaged file makes sharp throw), for a quick slice. Default `model`.
   */
  face?: 'model' | 'decode';
  /** checkPhotos' concurrency (2 or more exercises the worker threads). */
  concurrency?: number;
  /** Also check each batch with --no-face and compare the fast JPEG reader alone with sharp. */
  fastReaderCheck?: boolean;
  /** Copy variants that broke an invariant here, named after the seed and their number. */
  keep?: string;
  /** A file longer than `slowMs + slowMsPerMb × MB` counts as a failure (a hang or superlinear cost). */
  slowMs?: number;
  slowMsPerMb?: number;
  log?: (line: string) => void;
}

export type FailureKind = 'batch-died' | 'missing-report' | 'wrong-report' | 'passes-undecodable' | 'fast-reader-passes-undecodable' | 'slow';

export interface Failure {
  kind: FailureKind;
  variant: number;
  recipe: string;
  base: string;
  bytes: number;
  detail?: string;
}

export interface FuzzReport {
  variants: number;
  batches: number;
  failures: Failure[];
  /** Reports by the `readable` check's reason (`ok` for readable). */
  readable: Record<string, number>;
  /** Variants sharp decodes (with failOn 'warning', as the face step opens them). */
  sharpDecodes: number;
  /** Readable by shebao though sharp fails: should be 0. Unreadable to shebao though sharp decodes: stricter, allowed. */
  stricterThanSharp: number;
  /** The process's peak resident memory (all threads), MB. */
  peakRssMb: number;
  /** Wall time per file, ms, from the batch's progress calls. */
  perFileMs: { min: number; median: number; max: number };
  /** The largest variant and the time it took, for the linear-time claim; and the slowest. */
  largest: { bytes: number; ms: number; recipe: string };
  slowest: { bytes: number; ms: number; recipe: string; base: string };
  totalSeconds: number;
}

/** The committed fixtures that are JPEG files, and small copies of one (tiny images make scans tiny). */
export async function loadSeeds(): Promise<Array<{ name: string; bytes: Buffer }>> {
  const seeds: Array<{ name: string; bytes: Buffer }> = [];
  for (const dir of ['photo', 'face', 'content', 'fix', 'phone']) {
    for (const name of readdirSync(path.join(root, 'fixtures', dir)).sort()) {
      const bytes = readFileSync(path.join(root, 'fixtures', dir, name));
      if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes.length < 400_000) seeds.push({ name: `${dir}/${name}`, bytes });
    }
  }
  const pass = readFileSync(path.join(root, 'fixtures/photo/pass.jpg'));
  const small = async (name: string, width: number, chain: (image: Sharp) => Sharp) =>
    seeds.push({ name, bytes: await chain(sharp(pass).resize(width)).toBuffer() });
  await small('tiny-grey-8.jpg', 8, (image) => image.greyscale().jpeg({ quality: 80 }));
  await small('tiny-colour-16.jpg', 16, (image) => image.jpeg({ quality: 80, chromaSubsampling: '4:2:0' }));
  await small('tiny-colour-444-24.jpg', 24, (image) => image.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }));
  await small('tiny-progressive-32.jpg', 32, (image) => image.jpeg({ quality: 80, progressive: true }));
  await small('progressive-179.jpg', 179, (image) => image.jpeg({ quality: 85, progressive: true }));
  // Restart intervals, as many cameras write them (sharp cannot: see withRestartMarkers).
  const standardTables = async (width: number, grey: boolean) => {
    const image = sharp(pass).resize(width);
    return (grey ? image.greyscale() : image).jpeg({ quality: 85, optimiseCoding: false }).toBuffer();
  };
  seeds.push({ name: 'restart-7.jpg', bytes: withRestartMarkers(await standardTables(358, false), 7) });
  seeds.push({ name: 'restart-1-grey-64.jpg', bytes: withRestartMarkers(await standardTables(64, true), 1) });
  return seeds;
}

/** Whether sharp decodes the file as the face step opens it: every pixel, failing on warnings. */
export async function sharpDecodes(bytes: Buffer): Promise<boolean> {
  try {
    await sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'warning' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Pixels above which a file unreadable to shebao is not decoded again to see whether sharp can. */
const crossCheckPixels = 4_000_000;

/** The size a file's header claims, or 0 when sharp cannot even read the header. */
async function declaredPixels(bytes: Buffer): Promise<number> {
  const metadata = await sharp(bytes).metadata().catch(() => undefined);
  return (metadata?.width ?? 0) * (metadata?.height ?? 0);
}

/** The face step cut to its decode: what a damaged file meets first, without the model's cost. */
const decodeOnly: FaceAnalyzer = async (bytes) => {
  await decodeAnalysisPicture(bytes);
  return { faces: [] };
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const readableOf = (report: PhotoReport | undefined) => report?.checks.find((check) => check.id === 'readable');

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => {});
  const slowMs = options.slowMs ?? 20_000;
  const slowMsPerMb = options.slowMsPerMb ?? 5_000;
  const rand = seededRandom(options.seed);
  const seeds = await loadSeeds();
  const work = mkdtempSync(path.join(tmpdir(), 'shebao-fuzz-'));
  if (options.keep) mkdirSync(options.keep, { recursive: true });
  const failures: Failure[] = [];
  const readable: Record<string, number> = {};
  const perFile: number[] = [];
  let largest = { bytes: 0, ms: 0, recipe: '' };
  let slowest = { bytes: 0, ms: -1, recipe: '', base: '' };
  let sharpOk = 0;
  let stricter = 0;
  let batches = 0;
  const started = performance.now();
  try {
    for (let first = 0; first < options.count; first += options.batch) {
      const size = Math.min(options.batch, options.count - first);
      const dir = path.join(work, `batch-${batches}`);
      mkdirSync(dir);
      const variants: Variant[] = [];
      const files: string[] = [];
      for (let i = 0; i < size; i++) {
        const variant = mutate(rand, seeds);
        const name = `${String(first + i).padStart(6, '0')}.jpg`;
        writeFileSync(path.join(dir, name), variant.bytes);
        variants.push(variant);
        files.push(name);
      }
      const fail = (kind: FailureKind, i: number, detail?: string) => {
        const variant = variants[i] as Variant;
        failures.push({ kind, variant: first + i, recipe: variant.recipe, base: variant.base, bytes: variant.bytes.length, detail });
        if (options.keep) {
          writeFileSync(path.join(options.keep, `seed${options.seed}-${first + i}-${kind}.jpg`), variant.bytes);
        }
      };
      const times: number[] = [];
      let last = performance.now();
      let results: PhotoReport[] | undefined;
      try {
        const batch = await checkPhotos(files, {
          today: '2026-11-30',
          cwd: dir,
          face: true,
          ...(options.face === 'decode' ? { faceAnalyzer: decodeOnly } : {}),
          concurrency: options.concurrency,
          onProgress: (done) => {
            const now = performance.now();
            const each = (now - last) / Math.max(1, done - times.length);
            while (times.length < done) times.push(each);
            last = now;
          },
        });
        results = batch.results;
      } catch (error) {
        fail('batch-died', 0, error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error));
      }
      if (results) {
        if (results.length !== files.length) fail('missing-report', 0, `${results.length} reports for ${files.length} files`);
        for (const [i, file] of files.entries()) {
          const report = results[i];
          const check = readableOf(report);
          if (!report || !check) {
            fail('missing-report', i);
            continue;
          }
          if (report.file !== file) fail('wrong-report', i, `${report.file} in place of ${file}`);
          readable[check.reason] = (readable[check.reason] ?? 0) + 1;
          const variant = variants[i] as Variant;
          // The cross-check decodes every pixel: for files shebao passed (the invariant), and for
          // the statistic only when small, so the fuzzer's own decoding (a header claiming 100 MP
          // is 300 MB of pixels) does not make the peak memory measured.
          const decodes = check.status === 'pass' || (await declaredPixels(variant.bytes)) <= crossCheckPixels ? await sharpDecodes(variant.bytes) : false;
          if (decodes) sharpOk++;
          if (check.status === 'pass' && !decodes) fail('passes-undecodable', i);
          if (check.status !== 'pass' && decodes) {
            stricter++;
            if (options.keep) writeFileSync(path.join(options.keep, `seed${options.seed}-${first + i}-stricter-${check.reason}.jpg`), variant.bytes);
          }
          const ms = times[i] ?? 0;
          const mb = variant.bytes.length / 1e6;
          if (ms > slowMs + slowMsPerMb * mb) fail('slow', i, `${Math.round(ms)} ms for ${variant.bytes.length} bytes`);
          if (variant.bytes.length > largest.bytes) largest = { bytes: variant.bytes.length, ms, recipe: variant.recipe };
          // The first file of a run also loads the face model: it is not the file's own time.
          if (ms > slowest.ms && first + i > 0) slowest = { bytes: variant.bytes.length, ms, recipe: variant.recipe, base: variant.base };
        }
        perFile.push(...times.slice(0, files.length));
      }
      if (options.fastReaderCheck) {
        const alone = await checkPhotos(files, { today: '2026-11-30', cwd: dir, face: false }).catch(() => undefined);
        for (const [i, report] of (alone?.results ?? []).entries()) {
          if (readableOf(report)?.status === 'pass' && !(await sharpDecodes((variants[i] as Variant).bytes))) fail('fast-reader-passes-undecodable', i);
        }
        if (!alone) fail('batch-died', 0, 'with --no-face');
      }
      rmSync(dir, { recursive: true, force: true });
      batches++;
      const peak = Math.round(process.resourceUsage().maxRSS / 1024);
      const now = Math.round(process.memoryUsage().rss / 1e6);
      log(`batch ${batches}: ${first + size}/${options.count} variants, ${failures.length} failures, RSS ${now} MB (peak ${peak} MB), ${Math.round(performance.now() - started) / 1000} s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    variants: options.count,
    batches,
    failures,
    readable,
    sharpDecodes: sharpOk,
    stricterThanSharp: stricter,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    perFileMs: {
      min: Math.round(Math.min(...perFile) * 10) / 10,
      median: Math.round(median(perFile) * 10) / 10,
      max: Math.round(Math.max(...perFile) * 10) / 10,
    },
    largest: { ...largest, ms: Math.round(largest.ms) },
    slowest: { ...slowest, ms: Math.round(slowest.ms) },
    totalSeconds: Math.round(performance.now() - started) / 1000,
  };
}
