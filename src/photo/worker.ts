/** A worker thread of checkPhotos(): receives chunks of paths, returns their reports. */
import { parentPort } from 'node:worker_threads';
import { isShebaoError } from '../core/errors.js';
import type { ResolvedCheckOptions } from './check-photo.js';
import { checkInThread } from './check-photos.js';
import { defaultFaceAnalyzer } from './face-analyzer.js';
import type { PhotoReport } from './types.js';

export type WorkerRequest =
  | { type: 'init'; options: Omit<ResolvedCheckOptions, 'faceAnalyzer'> }
  | { type: 'check'; start: number; files: string[] };

/**
 * `error` is an error that is not about one photo (checkInThread turns those into reports): a
 * ShebaoError crosses as its code and details, so the main thread throws the same error.
 */
export type WorkerReply = { type: 'done'; start: number; reports: PhotoReport[] } | { type: 'error'; message: string; code?: string; details?: unknown };

let options: ResolvedCheckOptions | undefined;

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'init') {
    options = { ...request.options, faceAnalyzer: defaultFaceAnalyzer };
    return;
  }
  void (async () => {
    try {
      const reports = await checkInThread(request.files, options as ResolvedCheckOptions);
      parentPort?.postMessage({ type: 'done', start: request.start, reports } satisfies WorkerReply);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reply: WorkerReply = isShebaoError(error) ? { type: 'error', message, code: error.code, details: error.details } : { type: 'error', message };
      parentPort?.postMessage(reply);
    }
  })();
});
