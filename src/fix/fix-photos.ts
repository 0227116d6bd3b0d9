/**
 * A folder at a time (a photo studio's day of work): every image in it, recursively, fixed into a
 * mirrored tree under the output folder. A fixed photo that still fails the spec goes to a
 * subfolder of its own (`failed/`, or the name the caller gives: the CLI's is `未通过/` in Chinese),
 * so what sits in the output folder itself can be uploaded as it is. A photo that cannot be read,
 * framed or written is reported and the batch goes on. A batch of more than a few photos is spread over worker threads
 * (fixing is CPU-bound JavaScript and WebAssembly; each thread loads the models once), one photo
 * per thread at a time, so memory stays that of one photo per core.
 */
import { realpathSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isShebaoError, kindOf, ShebaoError } from '../core/errors.js';
import { nameTaken, prepareOutputFolder } from '../core/files.js';
import { sortPathsNaturally } from '../core/text.js';
import { collectPhotos } from '../photo/inputs.js';
import { fixPhoto, resolveFixOptions, type FixOptions, type ResolvedFixOptions } from './fix-photo.js';
import type { FixBatch, FixError, FixResult } from './types.js';
import { startWorker } from '../core/worker.js';

export interface BatchFixOptions extends Omit<FixOptions, 'output' | 'name'> {
  /** Where the fixed photos go; default `<folder>-fixed` beside the folder. */
  outputDir?: string;
  /** Worker threads to use; default: the number of cores. 1 fixes in this thread. */
  concurrency?: number;
  /**
   * The subfolder of the output folder for fixed photos that still fail, mirrored the same way
   * (default `failed`). Numbered (`failed-2`) if the input tree has a folder of that name.
   */
  failedDir?: string;
  /** Leave out photos whose output exists already, passing or failing (a re-run after an interruption). */
  skipExisting?: boolean;
  /** Other names an earlier run may have given the failing subfolder (the CLI's in another language), looked in too. */
  earlierFailedDirs?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/** A batch and the photos it left out because their output existed (`skipExisting`). */
export interface FixFolderBatch extends FixBatch {
  /** The failing photos' subfolder, as its path under the output folder is shown. */
  failedOutput: string;
  /** Photos left out, and the output each already had. */
  skipped: Array<{ input: string; output: string }>;
}

/** The default name of the failing photos' subfolder. */
export const defaultFailedDir = 'failed';

/**
 * A thread is started for every this many photos: loading the face and segmentation models in a
 * new thread costs about as much as fixing one photo, so two photos per thread already gain.
 */
const minPhotosPerWorker = 2;

/** One photo of a batch: where it is read from and written to. */
export interface FixJob {
  input: string;
  output: string;
  /** The batch's output folder, as given: nothing is written through a symbolic link below it. */
  outputDir: string;
  /** The name the photo would have had, when another input would have had it too (see mirroredOutputs). */
  nameClash?: string;
  /** Where the fixed photo goes instead when it still fails the spec. */
  failedOutput: string;
}

export function defaultOutputDir(dir: string): string {
  const trimmed = dir.replace(/[\\/]+$/, '') || '.';
  return `${path.resolve(trimmed) === path.resolve('/') ? 'photos' : trimmed}-fixed`;
}

/** Fix every photo in a folder, recursively; a photo that cannot be read or written is reported in its result. */
export async function fixPhotos(dir: string, options: BatchFixOptions): Promise<FixFolderBatch> {
  if (typeof dir !== 'string') throw new ShebaoError('invalid-argument', { name: 'dir', expected: 'string', received: kindOf(dir) });
  // Wrong options fail the batch before the first photo, not each photo in turn.
  const resolved = resolveFixOptions(options);
  const { concurrency } = options;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new ShebaoError('invalid-argument', { name: 'concurrency', expected: 'a whole number ≥ 1', received: kindOf(concurrency) });
  }
  const { spec, cwd } = resolved;
  if (dir === '') throw new ShebaoError('empty-argument', { argument: 'dir' });
  const outputDir = options.outputDir ?? defaultOutputDir(dir);
  if (outputDir === '') throw new ShebaoError('empty-argument', { argument: 'outputDir' });
  const dirPath = path.resolve(cwd, dir);
  const outPath = path.resolve(cwd, outputDir);
  // Compared where they really are, so a link to the input folder is the input folder.
  const dirReal = realLocation(dirPath);
  const outReal = realLocation(outPath);
  if (outReal === dirReal) throw new ShebaoError('output-folder-is-input', { folder: outputDir });
  if (options.skipExisting && resolved.force) throw new ShebaoError('conflicting-options', { first: 'skipExisting', second: 'force' });
  const found = sortPathsNaturally(await collectPhotos([dir], cwd)).map((input) => ({ input, relative: path.relative(dirPath, path.resolve(cwd, input)) }));
  // The output folder may sit inside the input folder: what is in it is not input.
  const outInside = isInside(outReal, dirReal);
  const inputs = outInside ? found.filter(({ relative }) => !isInside(path.join(dirReal, relative), outReal)) : found;
  prepareOutputFolder(outPath, outputDir);
  const outputs = mirroredOutputs(inputs.map(({ input, relative }) => relative || path.basename(input)));
  const failedDir = failedFolderName(options.failedDir ?? defaultFailedDir, outputs.map((output) => output.name));
  const inputPlaces = new Set(inputs.map(({ relative }) => path.join(dirReal, relative)));
  const allJobs: FixJob[] = inputs.map(({ input }, i) => {
    const { name, clash } = outputs[i] as MirroredName;
    const nameClash = clash === undefined ? {} : { nameClash: path.join(outputDir, clash) };
    return { input, output: path.join(outputDir, name), outputDir, ...nameClash, failedOutput: path.join(outputDir, failedDir, name) };
  });
  // An output from an earlier run, in either place (under any name the failing subfolder has had).
  const earlier = (job: FixJob) => (options.earlierFailedDirs ?? []).map((name) => path.join(outputDir, name, path.relative(path.join(outputDir, failedDir), job.failedOutput)));
  const existing = (job: FixJob) => [job.output, job.failedOutput, ...earlier(job)].find((file) => nameTaken(path.resolve(cwd, file)));
  const skipped = options.skipExisting ? allJobs.flatMap((job) => ((output) => (output === undefined ? [] : [{ job, output }]))(existing(job))) : [];
  const skippedJobs = new Set(skipped.map(({ job }) => job));
  const jobs = allJobs.filter((job) => !skippedJobs.has(job));
  // The output folder holds the input folder: a mirrored name can be another photo's input, never replaced.
  const onInput = new Set(jobs.filter((job) => inputPlaces.has(path.join(outReal, path.relative(outputDir, job.output)))));
  const taken = new Set(jobs.filter((job) => !onInput.has(job) && !resolved.force && existing(job) !== undefined));
  const todo = jobs.filter((job) => !taken.has(job) && !onInput.has(job));
  let done = taken.size + onInput.size;
  const onProgress = options.onProgress && (() => options.onProgress?.(++done, jobs.length));
  const threads = Math.max(1, Math.min(concurrency ?? availableParallelism(), Math.floor(todo.length / minPhotosPerWorker)));
  const fixed = threads <= 1 ? await fixInThread(todo, resolved, onProgress) : await fixInWorkers(todo, resolved, threads, onProgress);
  const byInput = new Map([...[...onInput].map(outputIsInput), ...[...taken].map((job) => outputTaken(job, existing(job) as string)), ...fixed].map((result) => [result.input, result]));
  const results = jobs.map((job) => {
    const result = byInput.get(job.input) as FixResult;
    return job.nameClash === undefined ? result : { ...result, nameClash: job.nameClash };
  });
  const passed = results.filter((result) => result.ok).length;
  return {
    spec: spec.id,
    input: dir,
    output: outputDir,
    failedOutput: path.join(outputDir, failedDir),
    summary: { total: results.length, passed, failed: results.length - passed },
    results,
    skipped: skipped.map(({ job, output }) => ({ input: job.input, output })),
  };
}

/** `name`, or `name-2`, `name-3`… when the mirrored tree has a folder of that name already. */
function failedFolderName(name: string, outputs: readonly string[]): string {
  const folders = new Set(outputs.map((output) => nameKey(output.split(/[\\/]/)[0] as string)));
  let chosen = name;
  for (let n = 2; folders.has(nameKey(chosen)); n++) chosen = `${name}-${n}`;
  return chosen;
}

/** The result of a photo whose output (`file`, passing or failing) exists already: nothing is overwritten without --force. */
function outputTaken(job: FixJob, file: string): FixResult {
  return { input: job.input, output: null, ok: false, changes: [], error: { code: 'output-exists', details: { file } } };
}

/** The result of a photo whose output name is another photo of the batch: an input is never replaced, even with --force. */
function outputIsInput(job: FixJob): FixResult {
  return { input: job.input, output: null, ok: false, changes: [], error: { code: 'output-is-input', details: { file: job.output } } };
}

/** Fix one photo of a batch; whatever goes wrong is its result, not the batch's. */
export async function fixJob(job: FixJob, options: ResolvedFixOptions): Promise<FixResult> {
  try {
    // Its folder in the mirrored tree, made without following a link out of the output folder.
    const within = { folder: path.resolve(options.cwd, job.outputDir), shown: job.outputDir };
    prepareOutputFolder(path.dirname(path.resolve(options.cwd, job.output)), path.dirname(job.output), within);
    const result = await fixPhoto(job.input, { ...options, output: job.output });
    const [wrote, stale] = result.ok || result.output === null ? [job.output, job.failedOutput] : [job.failedOutput, job.output];
    if (wrote === job.failedOutput) {
      // Still failing: moved apart, so the output folder itself holds only photos that pass.
      prepareOutputFolder(path.dirname(path.resolve(options.cwd, wrote)), path.dirname(wrote), within);
      renameSync(path.resolve(options.cwd, job.output), path.resolve(options.cwd, wrote));
    }
    // With --force, an earlier run's copy in the other place is replaced too, not left to contradict this one.
    if (options.force && result.output !== null) rmSync(path.resolve(options.cwd, stale), { force: true });
    return wrote === job.output ? result : { ...result, output: wrote };
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

/**
 * The jobs spread over `threads` workers, one photo at a time each. A worker that dies (a crash in
 * native code that spares the process, running out of memory) or throws outside a photo takes only
 * its photo in flight with it: that photo's result is `fix-internal-error`, and a new worker goes on
 * with the rest. Every job gets exactly one result.
 */
async function fixInWorkers(jobs: readonly FixJob[], options: ResolvedFixOptions, threads: number, onProgress?: () => void): Promise<FixResult[]> {
  const results: FixResult[] = new Array(jobs.length);
  let next = 0;
  const lost = (index: number, message: string) => {
    const job = jobs[index] as FixJob;
    results[index] = { input: job.input, output: null, ok: false, changes: [], error: { code: 'fix-internal-error', details: { message } } };
    onProgress?.();
  };
  /** One worker until the jobs run out or it dies. */
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = startWorker(import.meta.url, 'worker');
      let current: number | undefined;
      let over = false;
      const end = (message?: string) => {
        if (over) return;
        over = true;
        if (current !== undefined && message !== undefined) lost(current, message);
        void worker.terminate().then(() => resolve());
      };
      const send = () => {
        if (next >= jobs.length) return end();
        current = next++;
        worker.postMessage({ type: 'fix', index: current, job: jobs[current] as FixJob } satisfies FixWorkerRequest);
      };
      worker.on('message', (reply: FixWorkerReply) => {
        if (over) return;
        if (reply.type === 'error') return end(reply.message);
        results[reply.index] = reply.result;
        current = undefined;
        onProgress?.();
        send();
      });
      worker.on('error', (error) => end(error.message));
      worker.on('exit', () => end('the worker thread stopped'));
      worker.postMessage({ type: 'init', options } satisfies FixWorkerRequest);
      send();
    });
  const lane = async () => {
    while (next < jobs.length) await runWorker();
  };
  await Promise.all(Array.from({ length: threads }, lane));
  return results;
}

function asData(error: unknown): FixError {
  if (isShebaoError(error)) return { code: error.code, details: error.details } as FixError;
  return { code: 'fix-internal-error', details: { message: error instanceof Error ? error.message : String(error) } };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Where a path really is: its nearest existing folder resolved through links, plus the rest. */
function realLocation(file: string): string {
  const rest: string[] = [];
  for (let at = file; ; at = path.dirname(at)) {
    try {
      return path.join(realpathSync(at), ...rest.reverse());
    } catch {
      if (path.dirname(at) === at) return file;
      rest.push(path.basename(at));
    }
  }
}


/** A photo's name in the output tree; `clash` is the plain name it would have shared. */
interface MirroredName {
  name: string;
  clash?: string;
}

/** Names compared as a case-insensitive file system (macOS, Windows) would. */
const nameKey = (name: string): string => name.normalize('NFC').toLowerCase();

/**
 * `a/b.png` → `a/b.jpg`, mirrored under the output folder, and never two photos on one name. A
 * plain name that two inputs (or an input and a folder of the tree) would share is given to none of
 * them: each keeps its extension in the name (`b-png.jpg`, `b-jpg.jpg`), followed by a number
 * (`b-png-2.jpg`) if that is taken too. Inputs come sorted, so the names are the same every run.
 */
export function mirroredOutputs(relatives: readonly string[]): MirroredName[] {
  const plain = relatives.map((file) => {
    const parsed = path.parse(file);
    return path.join(parsed.dir, `${parsed.name}.jpg`);
  });
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(nameKey(name), (counts.get(nameKey(name)) ?? 0) + 1);
  // The folders of the mirrored tree: a file cannot take one's name.
  const taken = new Set<string>();
  for (const file of relatives) for (let dir = path.dirname(file); dir !== '.' && dir !== path.dirname(dir); dir = path.dirname(dir)) taken.add(nameKey(dir));
  const names: (MirroredName | undefined)[] = plain.map((name) => (counts.get(nameKey(name)) === 1 && !taken.has(nameKey(name)) ? { name } : undefined));
  for (const named of names) if (named) taken.add(nameKey(named.name));
  return relatives.map((file, i) => {
    const named = names[i];
    if (named) return named;
    const parsed = path.parse(file);
    const stem = path.join(parsed.dir, parsed.ext ? `${parsed.name}-${parsed.ext.slice(1).toLowerCase()}` : parsed.name);
    let name = `${stem}.jpg`;
    for (let n = 2; taken.has(nameKey(name)); n++) name = `${stem}-${n}.jpg`;
    taken.add(nameKey(name));
    return { name, clash: plain[i] as string };
  });
}
