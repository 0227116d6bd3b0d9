/**
 * The worker threads the photo routes run in. The checks, the face model and fixing are CPU-bound
 * JavaScript and WebAssembly: in the server's own thread they would stall every other request
 * (a health check, a 429) for the length of a photo. Each worker runs one job at a time; the work
 * queue (./queue.ts) lets at most `size` run at once, so the pool never needs more workers than
 * that. A worker is started on first use and kept, with the face models it has loaded. One that
 * runs past the request's deadline is terminated (that is the only way to stop a running check)
 * and another is started for the next job; one that dies takes only its own job with it.
 */
import type { Worker } from 'node:worker_threads';
import { ShebaoError } from '../core/errors.js';
import { startWorker } from '../core/worker.js';
import { photosOf, type Job, type JobResults } from './job.js';
import type { PoolReply, PoolRequest } from './worker.js';

/** Starts one worker thread (a parameter so tests can hand in another). */
export type StartPoolWorker = () => Worker;

const startServeWorker: StartPoolWorker = () => startWorker(import.meta.url, 'worker');

export class PhotoPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly start: StartPoolWorker = startServeWorker) {}

  /** Run a job in a free worker; an aborted signal terminates the worker and rejects with the signal's reason. */
  run<K extends Job['kind']>(job: Extract<Job, { kind: K }>, signal?: AbortSignal): Promise<JobResults[K]> {
    signal?.throwIfAborted();
    if (this.closed) return Promise.reject(new Error('photo pool closed'));
    const worker = this.idle.pop() ?? this.start();
    this.busy.add(worker);
    const id = this.nextId++;
    return new Promise<JobResults[K]>((resolve, reject) => {
      const finish = (keep: boolean) => {
        worker.off('message', onMessage).off('error', onExit).off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        this.busy.delete(worker);
        if (keep && !this.closed) this.idle.push(worker);
        else void worker.terminate();
      };
      const onMessage = (reply: PoolReply) => {
        if (reply.id !== id) return;
        finish(true);
        if ('value' in reply) resolve(reply.value as JobResults[K]);
        else reject(reply.error ? new ShebaoError(reply.error.code as never, reply.error.details as never) : new ShebaoError('internal-error', {}));
      };
      const onExit = () => {
        finish(false);
        reject(new ShebaoError('internal-error', {}));
      };
      const onAbort = () => {
        finish(false);
        reject(signal?.reason);
      };
      worker.on('message', onMessage).on('error', onExit).on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      // The photos' bytes are handed over, not copied: each is its own exact copy of the upload.
      worker.postMessage({ id, job } satisfies PoolRequest, photosOf(job).map(({ bytes }) => bytes.buffer as ArrayBuffer));
    });
  }

  /** Stop every worker; jobs still running are ended (the server has stopped taking requests by then). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.idle.splice(0), ...this.busy].map((worker) => worker.terminate()));
  }
}
