/**
 * A folder at a time (a photo studio's day of work): every image in it, recursively, fixed into a
 * mirrored tree under the output folder. A photo that cannot be read, framed or written is
 * reported and the batch goes on. A batch of more than a few photos is spread over worker threads
 * (fixing is CPU-bound JavaScript and WebAssembly; each thread loads the models once), one photo
 * per thread at a time, so memory stays that of one photo per core.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isShebaoError, kindOf, ShebaoError, systemReason } from '../core/errors.js';
import { collectPhotos } from '../photo/inputs.js';
import { fixPhoto, resolveFixOptions, type FixOptions, type ResolvedFixOptions } from './fix-photo.js';
import type { FixBatch, FixError, FixResult } from './types.js';
import { startWorker } from '../core/worker.js';

export interface BatchFixOptions extends Omit<FixOptions, 'output' | 'name'> {
  /** Where the fixed photos go; default `<folder>-fixed` beside the folder. */
  outputDir?: string;
  /** Worker threads to use; default: the number of cores. 1 fixes in this thread. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A thread is started for every this many photos: loading the face and segmentation models in a
 * new thread costs about as much as fixing one photo, so two photos per thread already gain.
 */
const minPhotosPerWorker = 2;

/** One photo of a batch: where it is read from and written to. */
export interface FixJob {
  input: string;
  output: string;
}

export function defaultOutputDir(dir: string): string {
  const trimmed = dir.replace(/[\\/]+$/, '') || '.';
  return `${path.resolve(trimmed) === path.resolve('/') ? 'photos' : trimmed}-fixed`;
}

/** Fix every photo in a folder, recursively; a photo that cannot be read or written is reported in its result. */
export async function fixPhotos(dir: string, options: BatchFixOptions): Promise<FixBatch> {
  if (typeof dir !== 'string') throw new ShebaoError('invalid-argument', { name: 'dir', expected: 'string', received: kindOf(dir) });
  // Wrong options fail the batch before the first photo, not each photo in turn.
  const resolved = resolveFixOptions(options);
  const { concurrency } = options;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new ShebaoError('invalid-argument', { name: 'concurrency', expected: 'a whole number ≥ 1', received: kindOf(concurrency) });
  }
  const { spec, cwd } = resolved;
  const outputDir = options.outputDir ?? defaultOutputDir(dir);
  const dirPath = path.resolve(cwd, dir);
  const outPath = path.resolve(cwd, outputDir);
  // The output folder may sit inside the input folder: what is in it is not input.
  const inputs = (await collectPhotos([dir], cwd)).filter((file) => !isInside(path.resolve(cwd, file), outPath));
  const outputs = mirroredOutputs(inputs.map((file) => path.relative(dirPath, path.resolve(cwd, file))), outputDir);
  const jobs = inputs.map((input, i) => ({ input, output: outputs[i] as string }));
  // An output that exists already (and no --force) is reported here, without a thread started for it.
  const taken = jobs.filter((job) => !resolved.force && existsSync(path.resolve(cwd, job.output)));
  const todo = jobs.filter((job) => !taken.includes(job));
  let done = taken.length;
  const onProgress = options.onProgress && (() => options.onProgress?.(++done, jobs.length));
  const threads = Math.max(1, Math.min(concurrency ?? availableParallelism(), Math.floor(todo.length / minPhotosPerWorker)));
  const fixed = threads <= 1 ? await fixInThread(todo, resolved, onProgress) : await fixInWorkers(todo, resolved, threads, onProgress);
  const byInput = new Map([...taken.map(outputTaken), ...fixed].map((result) => [result.input, result]));
  const results = jobs.map((job) => byInput.get(job.input) as FixResult);
  const passed = results.filter((result) => result.ok).length;
  return { spec: spec.id, input: dir, output: outputDir, summary: { total: results.length, passed, failed: results.length - passed }, results };
}

/** The result of a photo whose output exists already: nothing is overwritten without --force. */
function outputTaken(job: FixJob): FixResult {
  return { input: job.input, output: null, ok: false, changes: [], error: { code: 'output-exists', details: { file: job.output } } };
}

/** Fix one photo of a batch; whatever goes wrong is its result, not the batch's. */
export async function fixJob(job: FixJob, options: ResolvedFixOptions): Promise<FixResult> {
  try {
    await makeFolder(path.dirname(path.resolve(options.cwd, job.output)), path.dirname(job.output));
    return await fixPhoto(job.input, { ...options, output: job.output });
  } catch (error) {
    // One bad photo (or a bug it triggers) must not cost the rest of the day's work.
    return { input: job.input, output: null, ok: false, changes: [], error: asData(error) };
  }
}

async function fixInThread(jobs: readonly FixJob[], options: ResolvedFixOptions, onProgress?: () => void): Promise<FixResult[]> {
  const results: FixResult[] = [];
  for (const job of jobs) {
    results.push(await fixJob(job, options));
    onProgress?.();
  }
  return results;
}

/** Messages between fixPhotos and its worker threads (./worker.ts). */
export type FixWorkerRequest = { type: 'init'; options: ResolvedFixOptions } | { type: 'fix'; index: number; job: FixJob };
export type FixWorkerReply = { type: 'done'; index: number; result: FixResult } | { type: 'error'; message: string };

async function fixInWorkers(jobs: readonly FixJob[], options: ResolvedFixOptions, threads: number, onProgress?: () => void): Promise<FixResult[]> {
  const results: FixResult[] = new Array(jobs.length);
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker(import.meta.url, 'worker');
      const send = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const index = next++;
        worker.postMessage({ type: 'fix', index, job: jobs[index] as FixJob } satisfies FixWorkerRequest);
      };
      worker.on('message', (reply: FixWorkerReply) => {
        if (reply.type === 'error') {
          void worker.terminate();
          reject(new Error(reply.message));
          return;
        }
        results[reply.index] = reply.result;
        onProgress?.();
        send();
      });
      worker.on('error', reject);
      worker.postMessage({ type: 'init', options } satisfies FixWorkerRequest);
      send();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return results;
}

async function makeFolder(folder: string, shown: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  }
}

function asData(error: unknown): FixError {
  if (isShebaoError(error)) return { code: error.code, details: error.details } as FixError;
  return { code: 'fix-internal-error', details: { message: error instanceof Error ? error.message : String(error) } };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * `a/b.png` → `<out>/a/b.jpg`. When two inputs would land on the same name (`b.png` and `b.jpg`),
 * each keeps its extension in the name (`b-png.jpg`, `b-jpg.jpg`).
 */
function mirroredOutputs(relatives: readonly string[], outputDir: string): string[] {
  const plain = relatives.map((file) => {
    const parsed = path.parse(file);
    return path.join(parsed.dir, `${parsed.name}.jpg`);
  });
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  return relatives.map((file, i) => {
    const name = plain[i] as string;
    if ((counts.get(name.toLowerCase()) ?? 0) === 1) return path.join(outputDir, name);
    const parsed = path.parse(file);
    return path.join(outputDir, parsed.dir, `${parsed.name}-${parsed.ext.slice(1).toLowerCase()}.jpg`);
  });
}
