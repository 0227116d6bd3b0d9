/**
 * Checks a batch of photos: in this thread for small batches, or spread over worker threads for
 * large ones (the checks are CPU-bound JavaScript, so threads are how a batch uses every core).
 * Results come back in input order whatever order the workers finish in.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ShebaoError } from '../core/errors.js';
import { activeChecks, checkPhoto, failedReport, photoProblem, resolveCheckOptions, runChecks, type CheckOptions, type PhotoInput, type ResolvedCheckOptions } from './check-photo.js';
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
  /**
   * Called with each photo's report in input order, as soon as it and every photo before it are
   * checked: a caller can print or write reports while the batch goes on.
   */
  onReport?: (report: PhotoReport, index: number) => void;
  /**
   * false: the batch's `results` stay empty (the summary still counts every photo), so memory
   * stays flat however many photos there are; take the reports from onReport. Each report kept
   * costs about 2.5 KB of heap (measured on 20,000 photos), 125 MB for 50,000. Default true.
   */
  keepResults?: boolean;
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
    const sink = new ReportSink(photos.length, options);
    for (const [index, photo] of photos.entries()) {
      sink.put(index, await checkPhoto(photo, { ...options, spec: resolved.spec, name: typeof photo === 'string' ? undefined : `upload-${index + 1}` }));
      options.onProgress?.(index + 1, photos.length);
    }
    return sink.batch(resolved);
  }
  const files = photos;
  // A caller's own analyzer cannot cross into a worker thread; the default one is made in each.
  const ownAnalyzer = resolved.faceAnalyzer !== undefined && resolved.faceAnalyzer !== defaultFaceAnalyzer;
  const withFace = resolved.face && activeChecks(resolved.spec).some((check) => check.needs === 'face');
  const wanted = options.concurrency ?? (withFace ? defaultFaceThreads : availableParallelism());
  const threads = ownAnalyzer ? 1 : Math.max(1, Math.min(wanted, Math.floor(files.length / minPhotosPerWorker)));
  const sink = new ReportSink(files.length, options);
  if (threads <= 1) await checkFilesInThread(files, resolved, sink, options.onProgress);
  else await checkFilesInWorkers(files, resolved, threads, sink, options.onProgress, startCheckWorker);
  return sink.batch(resolved);
}

/**
 * Where a batch's reports go as they are made: counted, handed to onReport in input order (those
 * that finish early wait here for the ones before them, at most the photos in flight), and kept
 * unless keepResults is false.
 */
class ReportSink {
  readonly results: PhotoReport[];
  private readonly keep: boolean;
  private readonly seen: Uint8Array;
  private readonly waiting = new Map<number, PhotoReport>();
  private next = 0;
  private passed = 0;

  constructor(
    readonly total: number,
    private readonly options: Pick<BatchOptions, 'onReport' | 'keepResults'> = {},
  ) {
    this.keep = options.keepResults ?? true;
    this.results = this.keep ? new Array<PhotoReport>(total) : [];
    this.seen = new Uint8Array(total);
  }

  has(index: number): boolean {
    return this.seen[index] === 1;
  }

  put(index: number, report: PhotoReport): void {
    if (this.seen[index] === 1) return;
    this.seen[index] = 1;
    if (report.ok) this.passed++;
    if (this.keep) this.results[index] = report;
    const onReport = this.options.onReport;
    if (!onReport) return;
    this.waiting.set(index, report);
    for (let ready = this.waiting.get(this.next); ready !== undefined; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      onReport(ready, this.next++);
    }
  }

  batch(options: ResolvedCheckOptions): BatchReport {
    return { spec: options.spec.id, summary: { total: this.total, passed: this.passed, failed: this.total - this.passed }, results: this.results };
  }
}

/** Check files in this thread; the reports come back in input order. */
export async function checkInThread(
  files: readonly string[],
  options: ResolvedCheckOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<PhotoReport[]> {
  const sink = new ReportSink(files.length);
  await checkFilesInThread(files, options, sink, onProgress);
  return sink.results;
}

async function checkFilesInThread(
  files: readonly string[],
  options: ResolvedCheckOptions,
  sink: ReportSink,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] as string;
      // runChecks turns what goes wrong with a photo into its report; this is the last guard, so
      // that a failure it did not foresee still costs one photo, not the batch.
      const report = await runChecks(file, options).catch((error: unknown) => {
        photoProblem(error, 'check'); // rethrows the errors that are not about this photo
        return failedReport(file, options, 'check');
      });
      sink.put(index, report);
      onProgress?.(++done, files.length);
    }
  };
  const withFace = options.face && options.faceAnalyzer !== undefined;
  await Promise.all(Array.from({ length: Math.min(withFace ? readAheadWithFace : readAhead, files.length) }, lane));
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

/** Starts one worker thread of checkInWorkers (a parameter so tests can hand in a failing one). */
export type StartWorker = () => Pick<Worker, 'postMessage' | 'terminate' | 'on'>;

const startCheckWorker: StartWorker = () => startWorker(import.meta.url, 'worker');

/** A slice of the batch sent to a worker in one message. */
interface Chunk {
  start: number;
  count: number;
}

/** Check files in this thread and `threads − 1` worker threads; the reports come back in input order. */
export async function checkInWorkers(
  files: readonly string[],
  options: ResolvedCheckOptions,
  threads: number,
  onProgress?: (done: number, total: number) => void,
  start: StartWorker = startCheckWorker,
): Promise<PhotoReport[]> {
  const sink = new ReportSink(files.length);
  await checkFilesInWorkers(files, options, threads, sink, onProgress, start);
  return sink.results;
}

async function checkFilesInWorkers(
  files: readonly string[],
  options: ResolvedCheckOptions,
  threads: number,
  sink: ReportSink,
  onProgress: ((done: number, total: number) => void) | undefined,
  start: StartWorker,
): Promise<void> {
  const interned = new Map<string, unknown>();
  // Chunks not yet sent; a dead worker's chunks come back here one photo each (see runWorker).
  const queue: Chunk[] = [];
  for (let at = 0; at < files.length; at += chunkSize) queue.push({ start: at, count: Math.min(chunkSize, files.length - at) });
  let done = 0;
  let failed: unknown;
  const { faceAnalyzer: _madeInEachWorker, ...shared } = options;
  const init: WorkerRequest = { type: 'init', options: shared };
  const finish = (chunk: Chunk, reports: PhotoReport[]) => {
    reports.forEach((report, i) => sink.put(chunk.start + i, intern(report, interned)));
    done += reports.length;
    onProgress?.(done, files.length);
  };
  // This thread is one of the lanes: it would only wait otherwise, and a worker holds its own copy
  // of the face model (about 250 MB with its WebAssembly memory), which is what a batch's peak
  // memory is made of.
  const runHere = async () => {
    try {
      for (let chunk = queue.shift(); chunk && failed === undefined; chunk = queue.shift()) {
        finish(chunk, await checkInThread(files.slice(chunk.start, chunk.start + chunk.count), options));
      }
    } catch (error) {
      failed ??= error; // the workers stop taking chunks
      throw error;
    }
  };
  /**
   * One worker until the queue is empty. A worker that dies (an uncaught error, a crash in native
   * code that spares the process, running out of memory) takes its chunks in flight with it: they
   * go back to the queue one photo each, for a new worker; a single photo whose worker dies is
   * reported as `readable: analysis-failed`, so a photo that kills workers cannot loop.
   */
  const runWorker = () =>
    new Promise<'done' | 'died'>((resolve, reject) => {
      const worker = start();
      const inFlight = new Map<number, Chunk>();
      let over = false;
      const send = () => {
        // Keep two chunks queued per worker so it never waits for the next message.
        while (inFlight.size < 2 && queue.length > 0 && failed === undefined) {
          const chunk = queue.shift() as Chunk;
          inFlight.set(chunk.start, chunk);
          worker.postMessage({ type: 'check', start: chunk.start, files: files.slice(chunk.start, chunk.start + chunk.count) } satisfies WorkerRequest);
        }
        if (inFlight.size === 0 && !over) {
          over = true;
          void worker.terminate().then(() => resolve('done'));
        }
      };
      const died = async () => {
        if (over) return;
        over = true;
        void worker.terminate();
        for (const chunk of inFlight.values()) {
          if (chunk.count > 1) {
            for (let i = chunk.count - 1; i >= 0; i--) queue.unshift({ start: chunk.start + i, count: 1 });
          } else {
            finish(chunk, [await failedReport(files[chunk.start] as string, options, 'worker')]);
          }
        }
        resolve('died');
      };
      worker.on('message', (reply: WorkerReply) => {
        if (over) return;
        if (reply.type === 'error') {
          // An error that is not about one photo (the face model is missing): the batch's error.
          over = true;
          failed = reply.code ? new ShebaoError(reply.code as never, reply.details as never) : new Error(reply.message);
          void worker.terminate();
          reject(failed);
          return;
        }
        const chunk = inFlight.get(reply.start) as Chunk;
        inFlight.delete(reply.start);
        finish(chunk, reply.reports);
        send();
      });
      worker.on('error', () => void died());
      worker.on('exit', () => void died());
      worker.postMessage(init);
      send();
    });
  const workerLane = async () => {
    while (queue.length > 0 && failed === undefined) await runWorker();
  };
  await Promise.all([runHere(), ...Array.from({ length: threads - 1 }, workerLane)]);
  // Every file gets exactly one report, whatever happened above.
  for (const [index, file] of files.entries()) if (!sink.has(index)) sink.put(index, await failedReport(file, options, 'worker'));
}
