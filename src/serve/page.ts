/**
 * The page: web/index.html at `/`, and the files of web/ under `/assets/`. A handful of small
 * files, read when asked (no build step, nothing cached in the server), only from inside web/.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ShebaoError } from '../core/errors.js';
import { addRoute } from './routes.js';

/** The package's web/ folder (src/serve/ and dist/serve/ both sit two folders deep). */
export const defaultWebDir = fileURLToPath(new URL('../../web/', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page may load and call only this server: it works offline and nothing it shows (a child's
 * photo) can be sent elsewhere by an injected script. Pictures come as blob: and data: URLs.
 */
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function registerPage(app: FastifyInstance, webDir: string): void {
  const html = { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } } };
  addRoute(app, 'GET', '/', { operationId: 'page', summary: 'The page for parents and studios', responses: html }, async (request, reply) => sendFile(reply, webDir, 'index.html', request.url));
  addRoute<{ Params: { '*': string } }>(
    app,
    'GET',
    '/assets/*',
    {
      operationId: 'asset',
      summary: "The page's scripts, styles and pictures",
      pathParameters: { path: 'A file of the web/ folder.' },
      responses: { 200: { description: 'The file.', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } },
    },
    async (request, reply) => sendFile(reply, webDir, request.params['*'], request.url),
  );
}

async function sendFile(reply: FastifyReply, webDir: string, name: string, url: string): Promise<FastifyReply> {
  const file = path.resolve(webDir, name);
  const inside = path.relative(webDir, file);
  const type = types[path.extname(file).toLowerCase()];
  // Nothing outside web/, no hidden files, only the kinds of file a page is made of.
  const allowed = type !== undefined && inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside) && !inside.split(path.sep).some((part) => part.startsWith('.'));
  const found = allowed && (await stat(file).catch(() => undefined))?.isFile();
  if (!found) throw new ShebaoError('not-found', { method: 'GET', path: url.split('?')[0] ?? '' });
  return reply.type(type).header('content-security-policy', contentSecurityPolicy).header('cache-control', 'no-cache').send(await readFile(file));
}
