/**
 * The page's calls to the server that served it. Each call names the page's language, so every
 * word in an answer is in that language; a failed call throws an ApiError with the API's code and
 * words, which the page shows as they are.
 */
import { page, say } from './words.js';

export class ApiError extends Error {
  constructor(code, message, hint) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

/** A full queue (429) is waited out this many times before the error is shown. */
const maxRetries = 3;

/** The URL of an API route with its parameters and the page's language. */
export function apiUrl(path, params = {}) {
  const all = { ...params, lang: page.lang };
  const query = new URLSearchParams(Object.entries(all).filter(([, value]) => value !== undefined && value !== null));
  return `${path}?${query}`;
}

/** The date the page was opened with (`?today=`: the browser tests pin it), else none: the server's clock decides. */
const pinnedToday = new URLSearchParams(location.search).get('today');

/** Parameters for a route that counts from today, with the pinned date when there is one. */
export function dated(params) {
  return pinnedToday ? { ...params, today: pinnedToday } : params;
}

/** Today as the server counts it (the calendar date in China), or the pinned date. */
export function pageToday() {
  return pinnedToday ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

async function failure(response) {
  const body = await response.json().catch(() => undefined);
  const error = body?.error;
  return typeof error?.message === 'string'
    ? new ApiError(error.code, error.message, error.hint)
    : new ApiError('unexpected', say().errors.unexpected(response.status));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * fetch() that waits out a full queue as the server's Retry-After asks (telling `onWait` so the
 * page can say so), and turns every failure into an ApiError.
 */
export async function call(url, init = {}, onWait = () => {}) {
  for (let attempt = 0; ; attempt += 1) {
    let response;
    try {
      response = await fetch(url, init);
    } catch {
      throw new ApiError('network', say().errors.network);
    }
    if (response.ok) return response;
    if (response.status !== 429 || attempt === maxRetries) throw await failure(response);
    const seconds = Number(response.headers.get('Retry-After')) || 1;
    onWait(say().errors.busy(seconds));
    await sleep(seconds * 1000);
  }
}

/** A photo as a raw body: the browser's type, or octet-stream when it has none (HEIC often has none). */
export function photoInit(file, accept = 'application/json') {
  return { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: accept } };
}

export async function getJson(path, params) {
  return (await call(apiUrl(path, params))).json();
}

export async function postJson(path, params, body) {
  const init = { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Accept: 'application/json' } };
  return (await call(apiUrl(path, params), init)).json();
}
