/** What the route modules share: registering a documented route, and the parameters and error answers many routes have. */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { IsoDate } from '../core/dates.js';
import { langs } from '../i18n/index.js';
import { ref, type RouteDoc } from './openapi.js';
import type { ServeLimits } from './options.js';

export interface RouteContext {
  limits: ServeLimits;
  /** `?today=` checked, or today's date in China from the server's clock (as the CLI's todayOf). */
  today(query: string | undefined): IsoDate;
}

/** A route with its description: fastify validates its query with the description's schema, and the OpenAPI document lists it. */
export function addRoute<Generic extends RouteGenericInterface>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  doc: RouteDoc,
  handler: (request: FastifyRequest<Generic>, reply: FastifyReply) => Promise<unknown>,
): void {
  app.route<Generic>({ method, url, ...(doc.query ? { schema: { querystring: doc.query } } : {}), config: { doc } as never, handler: handler as never });
}

export const langParameter = { type: 'string', enum: [...langs], description: 'The language of every word in the answer (default: from Accept-Language, en* → en, otherwise zh).' };

export const todayParameter = { type: 'string', description: "The date counted from, YYYY-MM-DD (default: today in China, from the server's clock)." };

const errorMeaning: Record<number, string> = {
  400: 'A query parameter or the body is not accepted (`bad-query`, `invalid-date`, `bad-body`, `no-photo`…).',
  403: 'The Host header is not a name this server answers to (`host-not-allowed`): see `--allow-host`.',
  404: 'No such route.',
  413: 'The body is larger than the server accepts (`body-too-large`).',
  415: 'The body is of a kind the route does not take (`unsupported-media-type`).',
  422: 'The photo cannot be read or is larger than the pixel budget (`unreadable-photo`, `too-many-pixels`), or (fix, Accept: image/jpeg) cannot be fixed.',
  429: 'Every photo slot is busy and the queue is full (`queue-full`); `Retry-After` says when to try again.',
  503: 'The request took longer than the server allows (`timeout`).',
};

/** The error answers of a route, all with the error body; any route may answer 403 for a Host it does not serve. */
export function errorResponses(...statuses: number[]): RouteDoc['responses'] {
  return Object.fromEntries(
    [403, ...statuses].map((status) => [
      status,
      {
        description: errorMeaning[status] ?? 'Error.',
        content: { 'application/json': { schema: ref('Error') } },
        ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } } } } : {}),
      },
    ]),
  );
}
