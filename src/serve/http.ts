/**
 * What every answer of the HTTP API shares: its language, chosen per request like the CLI's
 * --lang, and its errors, always `{ "error": { code, message, hint? } }` in that language, with
 * the status the code calls for. No stack trace and no ID number ever reaches a response.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isShebaoError, ShebaoError, type ErrorCode } from '../core/errors.js';
import { mapStringsDeep } from '../core/names.js';
import type { RefusalId } from '../fix/types.js';
import { maskIdNumbersIn } from '../id/index.js';
import { isLang, sayError, type Lang } from '../i18n/index.js';
import { maxFilesPerRequest } from './options.js';
import { QueueFullError } from './queue.js';

/** `?lang=` when it is a language, else the request's Accept-Language: English for en*, otherwise Chinese. */
export function langOf(request: FastifyRequest): Lang {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  if (isLang(asked)) return asked;
  return /^en\b/i.test(preferredLanguage(request.headers['accept-language'] ?? '')) ? 'en' : 'zh';
}

/** The tag with the highest weight in an Accept-Language header (the first of equals), or ''. */
function preferredLanguage(header: string): string {
  let best = { tag: '', q: 0 };
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean) ?? 1);
    if (tag !== '' && q > best.q) best = { tag, q };
  }
  return best.tag;
}

export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** A Content-Disposition that survives any name: an ASCII fallback and the name itself (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Statuses of the codes that are not the server's fault; any other ShebaoError is a 500 under its
 * own code, anything else `internal-error`. docs/machine-output.md lists each (test/serve-api.test.ts
 * holds it to that).
 */
export const errorStatus: Partial<Record<ErrorCode, number>> = {
  'bad-query': 400,
  'invalid-json': 400,
  'bad-body': 400,
  'no-photo': 400,
  'bad-request': 400,
  'invalid-date': 400,
  'unknown-region': 400,
  'applied-before-birth': 400,
  'missing-birth-date': 400,
  'host-not-allowed': 403,
  'not-found': 404,
  'body-too-large': 413,
  'too-many-files': 413,
  'unsupported-media-type': 415,
  'unreadable-photo': 422,
  'heic-no-decoder': 422,
  'too-many-pixels': 422,
  'queue-full': 429,
  timeout: 503,
};

/** /api/fix with `Accept: image/jpeg` answers a photo it cannot frame with a 422 whose code is the refusal. */
export const refusalStatus: Record<RefusalId, 422> = {
  'no-face': 422,
  'several-faces': 422,
  'face-too-small': 422,
  'too-close-to-edge': 422,
  'head-cut-off': 422,
  'light-top': 422,
};

/** An error body in `lang`: the code, and the wording table's message and hint. */
export function errorBody(code: string, said: { message: string; hint?: string }): { error: { code: string; message: string; hint?: string } } {
  return { error: { code, message: said.message, ...(said.hint ? { hint: said.hint } : {}) } };
}

/** Answer with a ShebaoError: its status, and its words with every ID number in its details masked. */
export function sendError(reply: FastifyReply, error: ShebaoError, lang: Lang): FastifyReply {
  const details = mapStringsDeep(error.details, maskIdNumbersIn);
  if (error.code === 'queue-full') reply.header('retry-after', String((error.details as { retryAfter: number }).retryAfter));
  return sendJson(reply.code(errorStatus[error.code] ?? 500), `${JSON.stringify(errorBody(error.code, sayError({ code: error.code, details }, lang)), null, 2)}\n`);
}

/** Fastify's own errors (parsing, limits, validation) and the server's, as ShebaoErrors. */
export function asShebaoError(error: unknown, request: FastifyRequest, limits: { maxBodyBytes: number; timeoutMs: number; accepted: readonly string[] }): ShebaoError {
  if (isShebaoError(error)) return error;
  if (error instanceof QueueFullError) return new ShebaoError('queue-full', { retryAfter: error.retryAfter });
  if (error instanceof DOMException && error.name === 'TimeoutError') return new ShebaoError('timeout', { seconds: Math.round(limits.timeoutMs / 1000) });
  const fastifyError = error as { code?: string; statusCode?: number; validation?: ValidationIssue[]; validationContext?: string };
  if (fastifyError.validation) return new ShebaoError('bad-query', queryProblem(fastifyError.validation[0]));
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ShebaoError('body-too-large', { maxBytes: limits.maxBodyBytes });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ShebaoError('unsupported-media-type', { contentType: String(request.headers['content-type'] ?? '').slice(0, 100), accepted: [...limits.accepted] });
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ShebaoError('too-many-files', { maxFiles: maxFilesPerRequest });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ShebaoError('invalid-json', {});
    default:
      // JSON.parse's own SyntaxError, passed on by fastify's JSON parser with a 400.
      if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new ShebaoError('invalid-json', {});
      // Any other complaint of the framework about the request itself (a malformed form).
      if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) return new ShebaoError('bad-request', {});
      return new ShebaoError('internal-error', {});
  }
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[]; type?: string };
}

/** The parameter a query validation failure is about, and what it takes. */
function queryProblem(issue: ValidationIssue | undefined): { parameter: string; allowed?: string[]; format?: string } {
  const parameter = issue?.params.missingProperty ?? issue?.params.additionalProperty ?? issue?.instancePath.replace(/^\//, '') ?? '';
  if (issue?.params.allowedValues) return { parameter, allowed: issue.params.allowedValues.map(String) };
  if (issue?.params.type === 'boolean') return { parameter, allowed: ['true', 'false'] };
  if (issue?.params.type === 'integer') return { parameter, format: '0, 1, 2…' };
  return { parameter };
}
