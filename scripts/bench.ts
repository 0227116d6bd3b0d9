/**
 * Benchmark of `check-photo` on a generated batch, next to a bare sharp decode of the same files
 * measured in the same run.
 *
 *   npm run bench                      2,000 photos, every non-face check, all cores
 *   npm run bench -- --photos 10000    memory stays flat as the batch grows (RSS printed at
 *                                      each quarter of the batch; reports are taken as they come,
 *                                      not kept, as a caller with 10,000 photos would)
 *   npm run bench -- --face            face checks too, on the real-face fixtures, next to the
 *                                      networks alone (detector + landmarks, segmentation) on
 *                                      the same photos decoded beforehand
 *   npm run bench -- --repeat 5        runs of each measurement (default 3): min/median/max
 *   npm run bench -- --concurrency 1   one thread
 *   npm run bench -- --originals       phone originals: 200 photos of 12–14 megapixels (every
 *                                      third stored sideways with EXIF Orientation 6), all checks;
 *                                      add --from <dir> to enlarge your own photos instead of the
 *                                      face fixtures
 *   npm run bench -- --fix             fix-photo, one photo at a time with the models loaded: CPU
 *                                      per photo (min/median/max) for the whole fix, and for its
 *                                      segmentation passes alone (the working part, about
 *                                      1,100 px, and the second look at the 358×441 result), on
 *                                      the fix fixtures, or on --from <dir>; peak RSS
 *   npm run bench -- --install         the packed tarball installed globally on an empty npm
 *                                      cache: MB downloaded and installed
 *   npm run bench -- --startup         start-up of plan, id, --version and rules next to a bare
 *                                      `node -e 0` (add --runs <n>, default 15); with valgrind
 *                                      installed, their CPU instructions too
 *   npm run bench -- --serve           one `shebao serve` under load: requests/s and p50/p99 of
 *                                      POST /api/check with and without faces, RSS over 10,000
 *                                      requests each (scripts/lib/bench-serve.ts)
 *
 * Prints photos/s, CPU ms per photo, and peak RSS; with --originals the batch runs at the default
 * concurrency in a fresh process (its peak RSS is the check's own), then each photo's CPU time
 * (min/median/max) checked one by one; the batch process gets MALLOC_ARENA_MAX=2 and
 * MALLOC_MMAP_THRESHOLD_=1048576, as the CLI's does on Linux (bin/shebao.js), unless they are set. Speed is measured here, never in a test.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '2000' },
    concurrency: { type: 'string' },
    face: { type: 'boolean', default: false },
    originals: { type: 'boolean', default: false },
    from: { type: 'string' },
    keep: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    'measure-in-child': { type: 'string' },
    install: { type: 'boolean', default: false },
    startup: { type: 'boolean', default: false },
    runs: { type: 'string', default: '15' },
    serve: { type: 'boolean', default: false },
    fix: { type: 'boolean', default: false },
  },
});
const count = Number(values.originals && values.photos === '2000' ? '200' : values.photos);
const concurrency = values.concurrency ? Number(values.concurrency) : availableParallelism();
const root = fileURLToPath(new URL('..', import.meta.url));
if (values.serve) {
  const { measureServe } = await import('./lib/bench-serve.js');
  await measureServe(root, { repeat: Number(values.repeat), concurrency: values.concurrency });
  process.exit(0);
}
if (values.fix) {
  const { measureFix } = await import('./lib/bench-fix.js');
  await measureFix(root, { from: values.from, repeat: Number(values.repeat) });
  process.exit(0);
}
if (values.install || values.startup) {
  const { measureInstall, measureStartup } = await import('./lib/bench-package.js');
  if (values.startup) measureStartup(root, Number(values.runs));
  if (values.install) measureInstall(root);
  process.exit(0);
}
// The compiled build, as `npx shebao` runs it (`npm run bench` builds first): under tsx every
// worker thread would compile the TypeScript again, which is not what users pay.
const build = new URL('../dist/photo/check-photos.js', import.meta.url).href;
const { checkPhotos } = (await import(build)) as typeof import('../src/photo/check-photos.js');
const workDir = path.join(root, '.bench');

interface ChildResult {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  summary: { passed: number; failed: number };
  perPhotoCpuMs: number[];
}

if (values['measure-in-child'] !== undefined) {
  // A fresh process, so the peak memory is the check's own and not the making of the originals.
  const files = JSON.parse(values['measure-in-child']) as string[];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const batch = await checkPhotos(files, { today: '2026-11-22', ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}) });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  // Then each photo alone in this thread (the models are loaded by now): the spread a user sees.
  const { checkPhoto } = (await import(new URL('../dist/photo/check-photo.js', import.meta.url).href)) as typeof import('../src/photo/check-photo.js');
  const perPhotoCpuMs: number[] = [];
  for (const file of files.slice(0, 40)) {
    const before = process.cpuUsage();
    await checkPhoto(file, { today: '2026-11-22' });
    const after = process.cpuUsage(before);
    perPhotoCpuMs.push((after.user + after.system) / 1000);
  }
  process.send?.({ wallMs, cpuMs: (used.user + used.system) / 1000, maxRssMb, summary: batch.summary, perPhotoCpuMs } satisfies ChildResult);
  process.exit(0);
}

/**
 * Distinct source photos, all 358×441 baseline JPEGs like the ones people upload: the synthetic
 * photo fixtures that differ only in content (background, clothes, tags), or for --face the
 * real-face fixtures.
 */
function sources(): Buffer[] {
  const dirs = values.originals ? [values.from ?? 'fixtures/face'] : values.face ? ['fixtures/face'] : ['fixtures/photo'];
  const buffers: Buffer[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(path.join(root, dir)).sort()) {
      if (!/\.(jpe?g|png|webp)$/i.test(name) || /^(readable|format|file-size|dimensions|color-mode)\./.test(name)) continue;
      buffers.push(readFileSync(path.resolve(root, dir, name)));
    }
  }
  return buffers;
}

/** Peak resident memory, sampled while the batch runs (includes worker threads). */
function trackMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
  };
}

async function measure<T>(run: () => Promise<T>) {
  const stopMemory = trackMemory();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000, peakMb: stopMemory() };
}

/**
 * A phone original made from a source photo: enlarged to 12–14 megapixels (as a phone camera
 * stores) and, every third one, stored sideways with EXIF Orientation 6, as phones store portraits.
 */
async function original(source: Buffer, i: number): Promise<Buffer> {
  const { width = 1, height = 1 } = await sharp(source).metadata();
  const k = Math.sqrt((12e6 + (i % 5) * 0.5e6) / (width * height));
  const enlarged = sharp(source).resize(Math.round(width * k), Math.round(height * k));
  if (i % 3 !== 0) return enlarged.jpeg({ quality: 88 }).toBuffer();
  return sharp(await enlarged.toBuffer()).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 88 }).toBuffer();
}

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const pool = sources();
const files: string[] = [];
for (let i = 0; i < count; i++) {
  const file = path.join(workDir, `photo-${String(i).padStart(6, '0')}.jpg`);
  writeFileSync(file, values.originals ? await original(pool[i % pool.length] as Buffer, i) : (pool[i % pool.length] as Buffer));
  files.push(file);
}
const kind = values.originals ? '12–14 MP phone originals' : values.face ? 'real-face JPEGs' : 'synthetic JPEGs';
if (values.originals) {
  const args = ['--measure-in-child', JSON.stringify(files), ...(values.concurrency ? ['--concurrency', values.concurrency] : [])];
  // With the environment bin/shebao.js gives check-photo on Linux (fewer malloc arenas, a fixed mmap threshold), unless set.
  const env = { MALLOC_MMAP_THRESHOLD_: '1048576', ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  const result = await new Promise<ChildResult>((resolve, reject) => {
    child.on('message', (message) => resolve(message as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) => code !== 0 && reject(new Error(`bench child exited with ${code}`)));
  });
  const threads = values.concurrency ?? 'default';
  const cpu = [...result.perPhotoCpuMs].sort((a, b) => a - b);
  const at = (q: number) => (cpu[Math.min(cpu.length - 1, Math.floor(q * cpu.length))] as number).toFixed(0);
  console.log(`${count} photos (${pool.length} distinct sources enlarged to ${kind}), concurrency ${threads}, ${availableParallelism()} cores, Node ${process.version}`);
  console.log(
    `shebao check-photo (all checks, face included): ${((count / result.wallMs) * 1000).toFixed(2)} photos/s, ${(result.cpuMs / count).toFixed(0)} ms CPU/photo, ` +
      `peak RSS ${result.maxRssMb.toFixed(0)} MB (${result.summary.passed} passed, ${result.summary.failed} failed)`,
  );
  console.log(`one photo at a time (${cpu.length} photos, models loaded): CPU ms per photo min ${at(0)}, median ${at(0.5)}, max ${at(1)}`);
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  process.exit(0);
}

console.log(`RSS before checking: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
console.log(`${count} photos (${pool.length} distinct ${kind}), ${concurrency} thread(s), ${availableParallelism()} cores, Node ${process.version}`);

/** The batch as a caller with many photos runs it: each report taken as it comes, none kept. */
async function checkBatch() {
  const rss: string[] = [];
  let nextMark = Math.ceil(count / 4);
  const result = await checkPhotos(files, {
    face: values.face,
    concurrency,
    today: '2026-11-22',
    keepResults: false,
    onReport: () => undefined,
    onProgress: (done) => {
      if (done < nextMark && done < count) return;
      rss.push(`${done}: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)}`);
      nextMark += Math.ceil(count / 4);
    },
  });
  return { result, rss };
}

/** The same files through a bare sharp decode, as many at once as libuv runs (its thread pool). */
async function decodeBatch() {
  let next = 0;
  const lane = async () => {
    while (next < files.length) await sharp(readFileSync(files[next++] as string)).raw().toBuffer();
  };
  await Promise.all(Array.from({ length: concurrency * 2 }, lane));
}

/**
 * The networks the face checks run, alone, in this thread: the detector's passes with the 68
 * landmarks, and the person segmentation's network, on pictures decoded beforehand. No decode,
 * no matte refinement, no eye model or pixel statistics, no checks: the floor the face checks
 * stand on. Up to 100 photos (each takes a few hundred milliseconds of CPU).
 */
const modelPhotos = Math.min(count, 100);
const models = values.face
  ? await (async () => {
      const dist = (module: string) => new URL(`../dist/${module}`, import.meta.url).href;
      const { decodeAnalysisPicture } = (await import(dist('photo/analyze.js'))) as typeof import('../src/photo/analyze.js');
      const { detectFaces } = (await import(dist('face/index.js'))) as typeof import('../src/face/index.js');
      const { loadSegmentModel, personProbability } = (await import(dist('segment/index.js'))) as typeof import('../src/segment/index.js');
      const pictures = await Promise.all(pool.map(async (bytes) => (await decodeAnalysisPicture(bytes)).image));
      const segment = await loadSegmentModel();
      const run = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const image = pictures[i % pictures.length] as (typeof pictures)[number];
          if ((await detectFaces(image)).length > 0) await personProbability(segment, image);
        }
      };
      await run(pictures.length); // warm-up: kernels compiled, WebAssembly memory grown
      return () => run(modelPhotos);
    })()
  : undefined;

const repeat = Math.max(1, Number(values.repeat));
const runs: Array<{ check: Awaited<ReturnType<typeof measure<Awaited<ReturnType<typeof checkBatch>>>>>; compare: Awaited<ReturnType<typeof measure<void>>> }> = [];
sharp.cache(false);
for (let run = 0; run < repeat; run++) {
  const check = await measure(checkBatch);
  const compare = await measure(models ?? decodeBatch);
  runs.push({ check, compare });
  console.log(`  run ${run + 1}: RSS MB after photos ${check.result.rss.join(', ')}`);
}
/** min / median / max of a figure over the runs. */
const spread = (values: number[], digits: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${(sorted[0] as number).toFixed(digits)} / ${(sorted[Math.floor(sorted.length / 2)] as number).toFixed(digits)} / ${(sorted[sorted.length - 1] as number).toFixed(digits)}`;
};
const last = (runs[runs.length - 1] as (typeof runs)[number]).check.result.result;
const comparedPhotos = models ? modelPhotos : count;
console.log(`${repeat} run(s), min / median / max:`);
console.log(
  `shebao check-photo ${values.face ? '(all checks, face included)' : '(every non-face check)'}: ` +
    `${spread(runs.map((r) => (count / r.check.wallMs) * 1000), 1)} photos/s, ` +
    `${spread(runs.map((r) => r.check.cpuMs / count), 2)} ms CPU/photo, peak RSS ${spread(runs.map((r) => r.check.peakMb), 0)} MB ` +
    `(${last.summary.passed} passed, ${last.summary.failed} failed)`,
);
console.log(
  `${models ? `the networks alone, one thread (${modelPhotos} photos)` : 'bare sharp(buf).raw().toBuffer()'}: ` +
    `${spread(runs.map((r) => (comparedPhotos / r.compare.wallMs) * 1000), 1)} photos/s, ${spread(runs.map((r) => r.compare.cpuMs / comparedPhotos), 2)} ms CPU/photo`,
);
console.log(
  models
    ? `ratio: check-photo takes ${spread(runs.map((r) => r.check.cpuMs / count / (r.compare.cpuMs / comparedPhotos)), 2)}× the CPU per photo of the networks alone`
    : `ratio: check-photo is ${spread(runs.map((r) => (count / r.check.wallMs) / (count / r.compare.wallMs)), 2)}× the speed of a bare sharp decode`,
);
if (!values.keep) rmSync(workDir, { recursive: true, force: true });
