/**
 * Checks a batch of photos: in this thread for small batches, or spread over worker threads for
 * large ones (the checks are CPU-bound JavaScript, so threads are how a batch uses every core).
 * Results come back in input order whatever order the workers finish in.
 */
import { availableParallelism } from 'node:os';
import { ShebaoError } from '../core/errors.js';
import { activeChecks, checkPhoto, resolveCheckOptions, runChecks, type CheckOptions, type PhotoInput, type ResolvedCheckOptions } from './check-photo.js';
import { defaultFaceAnalyzer } from './face-analyzer.js';
import type { BatchReport, PhotoReport } from './types.js';
import type { WorkerReply, WorkerRequest } from './worker.js';
import { startWorker } from '../core/worker.js';

export interface BatchOptions extends CheckOptions {
  /**
   * Threads to use (this one and worker threads); 1 checks in this thread. Default: the number of
   * cores without the face checks, 1 with them (see defaultFaceThreads).
   */
  concurrency?: number;
  /** Called after each photo (or chunk of photos) with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * With the face checks each thread holds its own face, segmentation and eye models and their
 * WebAssembly memory, which is never given back: about 380 MB for the first thread and 250 MB for
 * each further one, measured on 200 phone originals of 12–14 MP. One thread keeps a batch within
 * 400 MB; `--concurrency 2` is faster on two free cores for 250 MB more (README, Speed).
 */
const defaultFaceThreads = 1;

/** Below this many photos a batch is checked in this thread: starting workers would cost more. */
const minPhotosPerWorker = 48;
/** Photos sent to a worker in one message; small enough to balance, large enough to amortise. */
const chunkSize = 16;
/** Photos read from disk at once in one thread, so reading overlaps with checking. */
const readAhead = 8;
/**
 * With the face checks a photo takes a few hundred milliseconds of this thread, so two in flight
 * already overlap decoding with checking, and fewer 12-megapixel originals are held at once (on 60
 * originals the peak was 410 MB with two, 418 MB with eight).
 */
const readAheadWithFace = 2;

/** Check many photos (paths, or bytes as Buffers or Uint8Arrays); reports come back in input order. */
export async function checkPhotos(photos: readonly PhotoInput[], options: BatchOptions): Promise<BatchReport> {
  if (!Array.isArray(photos)) throw new ShebaoError('invalid-argument', { name: 'photos', expected: 'an array of paths, Buffers or Uint8Arrays', received: typeof photos });
  const resolved = resolveCheckOptions(options);
  if (!photos.every((photo): photo is string => typeof photo === 'string')) {
    // Bytes cannot be shared with worker threads cheaply; an upload batch is checked here.
    const results: PhotoReport[] = [];
    for (const [index, photo] of photos.entries()) {
      results.push(await checkPhoto(photo, { ...options, spec: resolved.spec, name: typeof photo === 'string' ? undefined : `upload-${index + 1}` }));
      options.onProgress?.(index + 1, photos.length);
    }
    return summarise(resolved, results);
  }
  const files = photos;
  // A caller's own analyzer cannot cross into a worker thread; the default one is made in each.
  const ownAnalyzer = resolved.faceAnalyzer !== undefined && resolved.faceAnalyzer !== defaultFaceAnalyzer;
  const withFace = resolved.face && activeChecks(resolved.spec).some((check) => check.needs === 'face');
  const wanted = options.concurrency ?? (withFace ? defaultFaceThreads : availableParallelism());
  const threads = ownAnalyzer ? 1 : Math.max(1, Math.min(wanted, Math.floor(files.length / minPhotosPerWorker)));
  const results =
    threads <= 1 ? await checkInThread(files, resolved, options.onProgress) : await checkInWorkers(files, resolved, threads, options.onProgress);
  return summarise(resolved, results);
}

function summarise(options: ResolvedCheckOptions, results: PhotoReport[]): BatchReport {
  const passed = results.filter((report) => report.ok).length;
  return { spec: options.spec.id, summary: { total: results.length, passed, failed: results.length - passed }, results };
}

export async function checkInThread(
  files: readonly string[],
  options: ResolvedCheckOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<PhotoReport[]> {
  const results: PhotoReport[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await runChecks(files[index] as string, options);
      onProgress?.(++done, files.length);
    }
  };
  const withFace = options.face && options.faceAnalyzer !== undefined;
  await Promise.all(Array.from({ length: Math.min(withFace ? readAheadWithFace : readAhead, files.length) }, lane));
  return results;
}

/**
 * Reports cross from a worker as copies, so the same id, reason and limits would be held once per
 * photo. Sharing equal values keeps a large batch's heap small.
 */
function intern(report: PhotoReport, shared: Map<string, unknown>): PhotoReport {
  const share = <T>(key: string, value: T): T => {
    const known = shared.get(key);
    if (known !== undefined) return known as T;
    if (shared.size < 100_000) shared.set(key, value);
    return value;
  };
  for (const check of report.checks) {
    check.id = share(check.id, check.id);
    check.reason = share(check.reason, check.reason);
    if (check.limits !== undefined) check.limits = share(`${check.id}:${JSON.stringify(check.limits)}`, check.limits);
  }
  return report;
}

async function checkInWorkers(
  files: readonly string[],
  options: ResolvedCheckOptions,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<PhotoReport[]> {
  const results: PhotoReport[] = new Array(files.length);
  const interned = new Map<string, unknown>();
  let nextChunk = 0;
  let done = 0;
  const { faceAnalyzer: _madeInEachWorker, ...shared } = options;
  const init: WorkerRequest = { type: 'init', options: shared };
  // This thread is one of the lanes: it would only wait otherwise, and a worker holds its own copy
  // of the face model (about 250 MB with its WebAssembly memory), which is what a batch's peak
  // memory is made of.
  const runHere = async () => {
    while (nextChunk * chunkSize < files.length) {
      const start = nextChunk++ * chunkSize;
      const reports = await checkInThread(files.slice(start, start + chunkSize), options);
      reports.forEach((report, i) => (results[start + i] = report));
      done += reports.length;
      onProgress?.(done, files.length);
    }
  };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker(import.meta.url, 'worker');
      let inFlight = 0;
      const send = () => {
        // Keep two chunks queued per worker so it never waits for the next message.
        while (inFlight < 2 && nextChunk * chunkSize < files.length) {
          const start = nextChunk++ * chunkSize;
          const request: WorkerRequest = { type: 'check', start, files: files.slice(start, start + chunkSize) };
          worker.postMessage(request);
          inFlight++;
        }
        if (inFlight === 0) void worker.terminate().then(() => resolve());
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'error') {
          void worker.terminate();
          reject(new Error(reply.message));
          return;
        }
        reply.reports.forEach((report, i) => (results[reply.start + i] = intern(report, interned)));
        done += reply.reports.length;
        inFlight--;
        onProgress?.(done, files.length);
        send();
      });
      worker.on('error', reject);
      worker.postMessage(init);
      send();
    });
  await Promise.all([runHere(), ...Array.from({ length: threads - 1 }, runWorker)]);
  return results;
}
