/**
 * Benchmark of `check-photo` on a generated batch, next to a bare sharp decode of the same files
 * measured in the same run.
 *
 *   npm run bench                      2,000 photos, every non-face check, all cores
 *   npm run bench -- --photos 10000    memory stays flat as the batch grows
 *   npm run bench -- --face            face checks too, on the real-face fixtures
 *   npm run bench -- --concurrency 1   one thread
 *   npm run bench -- --originals       phone originals: 200 photos of 12–14 megapixels (every
 *                                      third stored sideways with EXIF Orientation 6), all checks;
 *                                      add --from <dir> to enlarge your own photos instead of the
 *                                      face fixtures
 *
 * Prints photos/s, CPU ms per photo, and peak RSS; with --originals the batch runs at the default
 * concurrency in a fresh process (its peak RSS is the check's own), then each photo's CPU time
 * (min/median/max) checked one by one. Speed is measured here, never in a test.
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
    'measure-in-child': { type: 'string' },
  },
});
const count = Number(values.originals && values.photos === '2000' ? '200' : values.photos);
const concurrency = values.concurrency ? Number(values.concurrency) : availableParallelism();
const root = fileURLToPath(new URL('..', import.meta.url));
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
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

const checked = await measure(() => checkPhotos(files, { face: values.face, concurrency, today: '2026-11-22' }));
const perSecond = (count / checked.wallMs) * 1000;
console.log(
  `shebao check-photo ${values.face ? '(all checks, face included)' : '(every non-face check)'}: ${perSecond.toFixed(0)} photos/s, ` +
    `${(checked.cpuMs / count).toFixed(2)} ms CPU/photo, peak RSS ${checked.peakMb.toFixed(0)} MB ` +
    `(${checked.result.summary.passed} passed, ${checked.result.summary.failed} failed)`,
);


// The same files through a bare sharp decode, as many at once as libuv runs (its thread pool).
sharp.cache(false);
const decoded = await measure(async () => {
  let next = 0;
  const lane = async () => {
    while (next < files.length) await sharp(readFileSync(files[next++] as string)).raw().toBuffer();
  };
  await Promise.all(Array.from({ length: concurrency * 2 }, lane));
});
const decodePerSecond = (count / decoded.wallMs) * 1000;
console.log(`bare sharp(buf).raw().toBuffer(): ${decodePerSecond.toFixed(0)} photos/s, ${(decoded.cpuMs / count).toFixed(2)} ms CPU/photo`);
console.log(`ratio: check-photo is ${(perSecond / decodePerSecond).toFixed(2)}× the speed of a bare sharp decode`);
if (!values.keep) rmSync(workDir, { recursive: true, force: true });
