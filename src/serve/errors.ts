/** The errors of `shebao serve` and its HTTP API, by code, with the details each carries (see src/core/errors.ts). */
import type { SchemaProblem } from '../core/rules-loader.js';

export interface ServeErrorDetails {
  /** `--host` is not a loopback address and `--allow-remote` was not given. */
  'remote-host-refused': { host: string };
  /** A serve option's number is not a whole number between `min` and `max`. */
  'option-out-of-range': { option: string; value: string; min: number; max: number };
  /** The server could not listen there: `reason` is the system's code (EADDRINUSE, EACCES, EADDRNOTAVAIL…). */
  'listen-failed': { host: string; port: number; reason: string };
  /** The request's body (or the sum of its files) is larger than the limit. */
  'body-too-large': { maxBytes: number };
  /** A form holds more files than one request may carry. */
  'too-many-files': { maxFiles: number };
  /** A photo declares more pixels than the server's budget (the photo checker's `too-many-pixels`, with the server's limit). */
  'too-many-pixels': { width: number; height: number; maxPixels: number };
  /** The route does not take this kind of body. */
  'unsupported-media-type': { contentType: string; accepted: string[] };
  /** Every photo slot is busy and the queue is full: try again after `retryAfter` seconds. */
  'queue-full': { retryAfter: number };
  /** The request took longer than the server's limit. */
  'timeout': { seconds: number };
  /** The request's Host header is not a name this server answers to (a DNS rebinding attempt, or a proxy not named with --allow-host). */
  'host-not-allowed': { host: string };
  /** No such route. */
  'not-found': { method: string; path: string };
  /** A query parameter is missing or its value is not accepted: `allowed` lists the values, `format` the form. */
  'bad-query': { parameter: string; allowed?: string[]; format?: string };
  /** The body is not valid JSON. */
  'invalid-json': Record<string, never>;
  /** The JSON body does not match the profile's schema: up to five fields and what each should be. */
  'bad-body': { problems: SchemaProblem[] };
  /** A photo route got no photo: an empty body, or a form without a file. */
  'no-photo': Record<string, never>;
  /** The request could not be read as HTTP, JSON or a form (a malformed form, a client that left mid-upload). */
  'bad-request': Record<string, never>;
  /** An unexpected failure inside the server (a bug); nothing about it is sent. */
  'internal-error': Record<string, never>;
}
