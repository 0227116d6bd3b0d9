/** Starting a worker thread from source (tsx, vitest) or from the built dist/. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start the worker module `name` (without extension) that sits beside `from` (the caller's
 * import.meta.url). Under tsx/vitest the sources are .ts; a worker then needs tsx registered
 * before it loads.
 */
export function startWorker(from: string, name: string): Worker {
  if (from.endsWith('.ts')) {
    // tsx's ESM API entry, found through its package.json (require.resolve would pick the CJS one).
    const tsxRoot = path.dirname(createRequire(from).resolve('tsx/package.json'));
    const tsx = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
    const worker = new URL(`./${name}.ts`, from).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); })`, { eval: true });
  }
  return new Worker(new URL(`./${name}.js`, from));
}
