/**
 * The server's limits, each a `shebao serve` option. Kept free of heavy imports: the CLI shows the
 * defaults in its help without loading the server.
 */
import { availableParallelism } from 'node:os';

export interface ServeLimits {
  /** The largest request body, in bytes; for a form, the sum of its files. */
  maxBodyBytes: number;
  /**
   * The most pixels a photo may declare; undefined: the photo checker's own limit (100 MP, see
   * src/photo/analyze.ts maxInputPixels), which also bounds any larger value.
   */
  maxPixels?: number;
  /** Photos worked on at once, each in its own worker thread (the photo routes share them). */
  concurrency: number;
  /** Photo requests that may wait for a free slot; one more gets 429. */
  queueLength: number;
  /** How long a request may take, from its arrival to its answer, in milliseconds. */
  timeoutMs: number;
}

/**
 * 20 MB holds a phone's 12–48 MP original (3–25 MB at the usual quality, 10–15 MB typical).
 * Concurrency: one thread per core, as check-photo without face checks uses; each thread that has
 * run a face check holds the face models (about 250–380 MB, src/photo/check-photos.ts), so a small
 * container is better served by `--concurrency 1` and more copies. 16 waiting requests at about a
 * second each keep a queued request within the 60 s timeout on two cores.
 */
export function defaultLimits(): ServeLimits {
  return { maxBodyBytes: 20 * 1024 * 1024, concurrency: availableParallelism(), queueLength: 16, timeoutMs: 60_000 };
}

/** Files in one form: each is a photo checked in turn, within the one request's deadline. */
export const maxFilesPerRequest = 50;

/** Loopback names and addresses: a server bound to one of these is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(bare);
}
