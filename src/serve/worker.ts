/** A worker thread of the server's photo pool (./pool.ts): runs one job at a time and sends back its result. */
import { parentPort } from 'node:worker_threads';
import { isShebaoError } from '../core/errors.js';
import type { Job, JobResults } from './job.js';
import { runJob } from './run-job.js';

export type PoolRequest = { id: number; job: Job };

/**
 * `error` is a ShebaoError as its code and details (the main thread answers with it), or, for
 * anything else, only that it failed: its message stays here.
 */
export type PoolReply = { id: number; value: JobResults[Job['kind']] } | { id: number; error: { code: string; details: unknown } | null };

parentPort?.on('message', ({ id, job }: PoolRequest) => {
  runJob(job).then(
    (value) => {
      // The bytes of a picture or a fixed JPEG are handed over, not copied.
      const bytes = value instanceof Uint8Array ? value : 'jpeg' in value ? value.jpeg : undefined;
      parentPort?.postMessage({ id, value } satisfies PoolReply, bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : []);
    },
    (error: unknown) => {
      parentPort?.postMessage({ id, error: isShebaoError(error) ? { code: error.code, details: error.details } : null } satisfies PoolReply);
      // Not sent, but not lost: the server's owner sees what failed (SHEBAO_DEBUG adds the stack).
      if (!isShebaoError(error)) process.stderr.write(`shebao serve: ${error instanceof Error ? (process.env.SHEBAO_DEBUG ? error.stack : error.message) : String(error)}\n`);
    },
  );
});
