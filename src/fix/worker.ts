/** A worker thread of fixPhotos(): fixes one photo at a time and sends back its result. */
import { parentPort } from 'node:worker_threads';
import type { ResolvedFixOptions } from './fix-photo.js';
import { fixJob, type FixWorkerReply, type FixWorkerRequest } from './fix-photos.js';

let options: ResolvedFixOptions | undefined;

parentPort?.on('message', (request: FixWorkerRequest) => {
  if (request.type === 'init') {
    options = request.options;
    return;
  }
  void (async () => {
    try {
      const result = await fixJob(request.job, options as ResolvedFixOptions);
      parentPort?.postMessage({ type: 'done', index: request.index, result } satisfies FixWorkerReply);
    } catch (error) {
      parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FixWorkerReply);
    }
  })();
});
