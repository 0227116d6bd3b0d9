/**
 * `shebao serve`'s server: a fastify app with the page, the photo routes and the data routes. It
 * keeps no state between requests (photos live in memory for the length of their request), so
 * any number of copies can stand behind a load balancer. The factory builds it without listening:
 * the CLI listens (startServer), tests inject requests or listen on a free port.
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { version } from '../cli/version.js';
import { calendarDateAt, requireIsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { registerDataRoutes } from './data-routes.js';
import { asShebaoError, langOf, sendError, sendJson } from './http.js';
import { openApiDocument, type DocumentedRoute, type RouteDoc } from './openapi.js';
import { isAllowedHost, normalizeAllowedHost } from './hosts.js';
import { defaultLimits, type ServeLimits } from './options.js';
import { defaultWebDir, registerPage } from './page.js';
import { photoTypes, registerPhotoRoutes } from './photo-routes.js';
import { PhotoPool, type StartPoolWorker } from './pool.js';
import { WorkQueue } from './queue.js';
import { addRoute, type RouteContext } from './routes.js';

export interface ServerOptions extends Partial<ServeLimits> {
  /** The clock "today" is read from (tests pass a fixed one). */
  now?: () => Date;
  /** The page's folder (default: the package's web/). */
  webDir?: string;
  /** Starts a worker of the photo pool (tests may hand in their own). */
  startWorker?: StartPoolWorker;
  /**
   * Host names answered besides this machine's loopback names and the address a request arrived
   * at: a `--host` given as a name, and each `--allow-host` (a reverse proxy's public name).
   */
  allowedHosts?: readonly string[];
}

export interface Server {
  app: FastifyInstance;
  /** The photo routes' admission queue (tests hold a slot with `queue.enter()`). */
  queue: WorkQueue;
  limits: ServeLimits;
}

/** Longest request path quoted back in a 404. */
const maxQuotedPath = 200;
/** Longest Host header quoted back in a 403. */
const maxQuotedHost = 100;

/** The kinds of body a route takes, for the 415 that names them. */
function acceptedBodies(url: string | undefined): string[] {
  if (url === '/api/check') return [...photoTypes, 'multipart/form-data'];
  if (url === '/api/annotate' || url === '/api/fix') return [...photoTypes];
  return ['application/json'];
}

export async function buildServer(options: ServerOptions = {}): Promise<Server> {
  const { now = () => new Date(), webDir = defaultWebDir, startWorker, allowedHosts = [], ...given } = options;
  const hosts = allowedHosts.map(normalizeAllowedHost);
  const limits: ServeLimits = { ...defaultLimits(), ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  const queue = new WorkQueue(limits.concurrency, limits.queueLength);
  const pool = new PhotoPool(startWorker);
  const app = Fastify({
    logger: false,
    bodyLimit: limits.maxBodyBytes,
    // Uploads that trickle in hold a place in the queue: they get the same deadline as the work.
    requestTimeout: limits.timeoutMs,
    // Ctrl-C waits for requests in flight, not for idle keep-alive connections.
    forceCloseConnections: 'idle',
    // An unknown query parameter is an error naming it, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true } },
  });
  // First of all hooks: a request for another host name (DNS rebinding) is refused before anything is read or queued.
  app.addHook('onRequest', async (request) => {
    const bound = app.server.address();
    const arrival = { host: request.headers.host, boundAddress: typeof bound === 'object' && bound !== null ? bound.address : undefined, localPort: request.raw.socket.localPort };
    if (!isAllowedHost(arrival, hosts)) {
      throw new ShebaoError('host-not-allowed', { host: String(request.headers.host ?? '').slice(0, maxQuotedHost) });
    }
  });
  // JSON, the page and its scripts travel compressed when the client asks (/api/regions: 433 KB
  // plain, 13 KB with br, 20 KB with gzip); pictures are left as they are. Request bodies are not inflated:
  // a photo is compressed already, and an inflated body could outgrow --max-body's intent.
  await app.register(compress, { global: true, globalDecompression: false, encodings: ['br', 'gzip', 'deflate'] });
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const doc = (route.config as { doc?: RouteDoc } | undefined)?.doc;
    if (doc && route.method !== 'HEAD') routes.push({ method: String(route.method), url: route.url, doc });
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // Answers hold a child's photo or a family's dates: no cache along the way keeps them.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onClose', () => pool.close());
  app.setErrorHandler((error, request, reply) => {
    sendError(reply, asShebaoError(error, request, { ...limits, accepted: acceptedBodies(request.routeOptions.url) }), langOf(request));
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, new ShebaoError('not-found', { method: request.method, path: (request.url.split('?')[0] ?? '').slice(0, maxQuotedPath) }), langOf(request));
  });

  const context: RouteContext = {
    limits,
    today: (query) => (query === undefined ? calendarDateAt(now()) : requireIsoDate(query, 'today')),
  };
  registerPage(app, webDir);
  registerDataRoutes(app, context);
  await registerPhotoRoutes(app, { ...context, queue, pool });
  let document: string | undefined;
  addRoute(
    app,
    'GET',
    '/api/openapi.json',
    { operationId: 'openapi', summary: 'This document', responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } } },
    async (_request, reply) => {
      document ??= `${JSON.stringify(openApiDocument(routes, version), null, 2)}\n`;
      return sendJson(reply, document);
    },
  );
  await app.ready();
  return { app, queue, limits };
}
