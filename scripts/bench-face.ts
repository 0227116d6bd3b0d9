/**
 * Face benchmark: how long face detection + landmarks + hair top take per 358×441 photo, on the
 * fixtures in fixtures/face/ (decoded once, outside the timing: decoding is the photo checker's cost).
 *
 *   npx tsx scripts/bench-face.ts [--photos 200] [--jobs 1] [--input-sizes 192,288] [--json]
 *
 * --jobs N runs N processes side by side (each loads its own model), to show the throughput of a
 * machine's cores. Prints ms/photo (wall and CPU), photos/s, model load time and peak RSS.
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { defaultDetectOptions, describeFaceModel, detectFaces, findHairTop } from '../src/face/index.js';
import type { FaceModelInfo, RgbImage } from '../src/face/index.js';

interface Result {
  photos: number;
  wallMs: number;
  cpuMs: number;
  loadMs: number;
  peakRssMb: number;
  model: FaceModelInfo;
  inputSizes: number[];
}

const fixturesDir = fileURLToPath(new URL('../fixtures/face/', import.meta.url));

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '200' },
    jobs: { type: 'string', default: '1' },
    'input-sizes': { type: 'string', default: defaultDetectOptions.inputSizes.join(',') },
    json: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
  },
});
const photos = Number(values.photos);
const jobs = Number(values.jobs);
const inputSizes = values['input-sizes'].split(',').map(Number);

async function decodeFixtures(): Promise<RgbImage[]> {
  const files = readdirSync(fixturesDir).filter((name) => name.endsWith('.jpg')).sort();
  return Promise.all(
    files.map(async (name) => {
      const { data, info } = await sharp(path.join(fixturesDir, name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, channels: 3 as const };
    }),
  );
}

async function runOnce(): Promise<Result> {
  const images = await decodeFixtures();
  const loadStart = performance.now();
  const model = await describeFaceModel();
  const loadMs = performance.now() - loadStart;
  // Warm-up: the first calls compile kernels and grow the WASM heap.
  for (const image of images) await checkFaces(image);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let i = 0; i < photos; i++) await checkFaces(images[i % images.length]!);
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return {
    photos,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loadMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    model,
    inputSizes,
  };
}

async function checkFaces(image: RgbImage): Promise<void> {
  const faces = await detectFaces(image, { inputSizes });
  for (const face of faces) findHairTop(image, face);
}

function runJobs(): Promise<Result[]> {
  const script = fileURLToPath(import.meta.url);
  const args = ['--child', '--photos', String(photos), '--input-sizes', inputSizes.join(',')];
  return Promise.all(
    Array.from(
      { length: jobs },
      () =>
        new Promise<Result>((resolve, reject) => {
          const child = fork(script, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
          child.on('message', (message) => resolve(message as Result));
          child.on('error', reject);
          child.on('exit', (code) => {
            if (code !== 0) reject(new Error(`bench job exited with ${code}`));
          });
        }),
    ),
  );
}

function report(results: Result[]): void {
  const first = results[0]!;
  const wallMs = Math.max(...results.map((r) => r.wallMs));
  const total = results.reduce((sum, r) => sum + r.photos, 0);
  const summary = {
    backend: first.model.backend,
    simd: first.model.simd,
    threads: first.model.threads,
    inputSizes: first.inputSizes,
    jobs: results.length,
    photos: total,
    msPerPhotoWall: results.reduce((sum, r) => sum + r.wallMs / r.photos, 0) / results.length,
    msPerPhotoCpu: results.reduce((sum, r) => sum + r.cpuMs / r.photos, 0) / results.length,
    photosPerSecond: total / (wallMs / 1000),
    modelLoadMs: Math.max(...results.map((r) => r.loadMs)),
    peakRssMbPerProcess: Math.max(...results.map((r) => r.peakRssMb)),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const simd = summary.simd ? 'SIMD' : 'no SIMD';
  const threads = summary.threads ? 'threads' : 'one thread';
  process.stdout.write(
    [
      `face: ${summary.backend} (${simd}, ${threads}), tiny face detector at ${summary.inputSizes.join(' + ')} px + 68 landmarks + hair top`,
      `  ${summary.photos} photos in ${summary.jobs} process(es): ${summary.photosPerSecond.toFixed(1)} photos/s`,
      `  per photo: ${summary.msPerPhotoWall.toFixed(1)} ms wall, ${summary.msPerPhotoCpu.toFixed(1)} ms CPU`,
      `  model load: ${summary.modelLoadMs.toFixed(0)} ms; peak RSS ${summary.peakRssMbPerProcess.toFixed(0)} MB per process`,
      '',
    ].join('\n'),
  );
}

if (values.child) {
  const result = await runOnce();
  process.send!(result);
} else {
  report(jobs > 1 ? await runJobs() : [await runOnce()]);
}
