/** A worker thread of checkPhotos(): receives chunks of paths, returns their reports. */
import { parentPort } from 'node:worker_threads';
import type { ResolvedCheckOptions } from './check-photo.js';
import { checkInThread } from './check-photos.js';
import { defaultFaceAnalyzer } from './face-analyzer.js';
import type { PhotoReport } from './types.js';

export type WorkerRequest =
  | { type: 'init'; options: Omit<ResolvedCheckOptions, 'faceAnalyzer'> }
  | { type: 'check'; start: number; files: string[] };

export type WorkerReply = { type: 'done'; start: number; reports: PhotoReport[] } | { type: 'error'; message: string };

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
      parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    }
  })();
});
