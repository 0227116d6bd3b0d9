/**
 * The photo routes: check, annotate, fix. Each request takes a place in the work queue as it
 * arrives (429 when there is none), reads its photos into memory (never to disk), and runs in a
 * worker thread of the pool within the request's deadline (503 past it).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ShebaoError } from '../core/errors.js';
import { sayRefusal } from '../i18n/fix.js';
import { wording, type Lang } from '../i18n/index.js';
import { maskIdNumbersIn } from '../id/index.js';
import { fixResultJson } from '../fix/render.js';
import { builtinSpecIds, defaultSpecId } from '../photo/spec.js';
import { photoWithWords } from '../photo/render/machine.js';
import type { BatchReport } from '../photo/types.js';
import { attachment, errorBody, langOf, refusalStatus, sendJson } from './http.js';
import type { Job, JobResults, Upload } from './job.js';
import { ref, type Content, type RouteDoc } from './openapi.js';
import { maxFilesPerRequest } from './options.js';
import type { PhotoPool } from './pool.js';
import type { Ticket, WorkQueue } from './queue.js';
import { addRoute, errorResponses, langParameter, todayParameter, type RouteContext } from './routes.js';

/** What a raw photo body may be sent as; anything else is 415. */
export const photoTypes = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp', 'application/octet-stream'] as const;

export interface PhotoRouteContext extends RouteContext {
  queue: WorkQueue;
  pool: PhotoPool;
}

interface PhotoQuery {
  spec: string;
  face: boolean;
  name?: string;
  lang?: string;
  today?: string;
}

const binary = { type: 'string', format: 'binary' };
const rawPhoto: Content = Object.fromEntries(photoTypes.map((type) => [type, { schema: binary }]));

function photoQuery(extra: Record<string, Record<string, unknown>>) {
  return {
    type: 'object' as const,
    properties: {
      spec: { type: 'string', enum: builtinSpecIds(), default: defaultSpecId, description: 'The photo spec (a built-in id).' },
      ...extra,
      lang: langParameter,
      today: todayParameter,
    },
    additionalProperties: false as const,
  };
}

const nameParameter = { type: 'string', maxLength: 200, description: 'The name the photo is reported under (default `upload`).' };

export async function registerPhotoRoutes(app: FastifyInstance, context: PhotoRouteContext): Promise<void> {
  const { queue, pool, limits } = context;
  const tickets = new WeakMap<FastifyRequest, { ticket: Ticket; deadline: AbortSignal }>();
  /** The routes of one body kind, with their own parsers: what they do not list is 415. */
  const photoScope = async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...photoTypes], { parseAs: 'buffer', bodyLimit: limits.maxBodyBytes }, (_request, body, done) => done(null, body));
    // Before the body is read: a full server turns an upload away before receiving it.
    scope.addHook('onRequest', async (request) => {
      tickets.set(request, { ticket: queue.enter(), deadline: AbortSignal.timeout(limits.timeoutMs) });
    });
    // A request that ends before its work started (a refused body, a client gone) gives its place back.
    scope.addHook('onResponse', async (request) => tickets.get(request)?.ticket.leave());
    scope.addHook('onRequestAbort', async (request) => tickets.get(request)?.ticket.leave());
  };
  /** Run a job in the pool, in the request's place in the queue. */
  const run = <K extends Job['kind']>(request: FastifyRequest, job: Extract<Job, { kind: K }>): Promise<JobResults[K]> => {
    const { ticket, deadline } = tickets.get(request) as { ticket: Ticket; deadline: AbortSignal };
    return ticket.run(() => pool.run(job, deadline), deadline);
  };
  const jobBase = (request: FastifyRequest<{ Querystring: PhotoQuery }>) => ({
    spec: request.query.spec,
    today: context.today(request.query.today),
    maxPixels: limits.maxPixels ?? Number.POSITIVE_INFINITY,
  });

  await app.register(async (scope) => {
    await photoScope(scope);
    await scope.register(multipart, { limits: { fileSize: limits.maxBodyBytes, files: maxFilesPerRequest, fields: maxFilesPerRequest, parts: 2 * maxFilesPerRequest } });
    addRoute<{ Querystring: PhotoQuery }>(scope, 'POST', '/api/check', checkDoc(), async (request, reply) => {
      const lang = langOf(request);
      const photos = await readPhotos(request, limits.maxBodyBytes);
      const batch = await run(request, { kind: 'check', photos, face: request.query.face, ...jobBase(request) });
      return sendJson(reply, checkDocument(batch, lang));
    });
  });

  await app.register(async (scope) => {
    await photoScope(scope);
    addRoute<{ Querystring: PhotoQuery }>(scope, 'POST', '/api/annotate', annotateDoc(), async (request, reply) => {
      const [photo] = await readPhotos(request, limits.maxBodyBytes);
      const labels = wording(langOf(request)).photo.annotation;
      const png = await run(request, { kind: 'annotate', photo: photo as Upload, labels, ...jobBase(request) });
      return reply.type('image/png').send(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    });
    addRoute<{ Querystring: PhotoQuery }>(scope, 'POST', '/api/fix', fixDoc(), async (request, reply) => {
      const lang = langOf(request);
      const [photo] = await readPhotos(request, limits.maxBodyBytes);
      const result = await run(request, { kind: 'fix', photo: photo as Upload, ...jobBase(request) });
      const jpeg = result.jpeg ? Buffer.from(result.jpeg.buffer, result.jpeg.byteOffset, result.jpeg.byteLength) : undefined;
      if (wantsJpeg(request.headers.accept)) {
        if (result.refused) return sendJson(reply.code(refusalStatus[result.refused.id]), `${JSON.stringify(errorBody(result.refused.id, sayRefusal(wording(lang).fix, result.refused)), null, 2)}\n`);
        if (jpeg) {
          return reply
            .header('x-shebao-ok', String(result.ok))
            .header('content-disposition', attachment(`${result.input.replace(/\.[^.]*$/, '')}-fixed.jpg`))
            .type('image/jpeg')
            .send(jpeg);
        }
      }
      // The JSON of `fix-photo --json`, with the fixed JPEG in it (the CLI writes it to a file instead).
      const document = { ...fixResultJson(result, lang), ...(jpeg ? { jpeg: jpeg.toString('base64') } : {}) };
      return sendJson(reply, `${JSON.stringify(document, null, 2)}\n`);
    });
  });
}

/**
 * The document of `check-photo --json`, but a fixable problem's hint says how to mend it by hand
 * rather than "shebao fix-photo can": here POST /api/fix does that, and `fixable` says where.
 */
function checkDocument(batch: BatchReport, lang: Lang): string {
  const words = wording(lang).photo;
  const { results, ...head } = batch;
  return `${JSON.stringify({ ...head, lang, results: results.map((report) => photoWithWords(report, words, false)) }, null, 2)}\n`;
}

/**
 * The photos of a request: the body, or each file of a form (only /api/check takes forms), named
 * by its filename. Each is an exact copy of its bytes, handed over to the worker thread whole.
 * Names never carry an ID number out again.
 */
async function readPhotos(request: FastifyRequest<{ Querystring: PhotoQuery }>, maxBytes: number): Promise<Upload[]> {
  const photos: Upload[] = [];
  if (request.isMultipart?.()) {
    let total = 0;
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > maxBytes) throw new ShebaoError('body-too-large', { maxBytes });
      if (bytes.length > 0) photos.push({ name: maskIdNumbersIn(part.filename || `upload-${photos.length + 1}`), bytes: new Uint8Array(bytes) });
    }
  } else {
    const body = request.body as Buffer | undefined;
    if (body && body.length > 0) photos.push({ name: maskIdNumbersIn(request.query.name ?? 'upload'), bytes: new Uint8Array(body) });
  }
  if (photos.length === 0) throw new ShebaoError('no-photo', {});
  return photos;
}

/** `Accept: image/jpeg` (and not JSON as well): the fixed photo's bytes instead of the report. */
function wantsJpeg(accept: string | undefined): boolean {
  return accept !== undefined && /\bimage\/jpeg\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

function checkDoc(): RouteDoc {
  return {
    operationId: 'checkPhoto',
    summary: 'Check photos against a spec',
    description:
      'The body is one photo (its bytes, with the Content-Type of the photo or application/octet-stream), or a multipart/form-data form with one or more files. The answer is the document of `shebao check-photo --json`; `file` is `name` (default `upload`) or each file\'s filename. A photo that fails is a 200 with `ok: false`. A check that POST /api/fix can mend has `fixable: true`, and its `hint` says how to mend it by hand.',
    query: photoQuery({ face: { type: 'boolean', default: true, description: 'false skips the face checks (faster).' }, name: nameParameter }),
    requestBody: {
      description: 'A photo, or a form of photos.',
      required: true,
      content: { ...rawPhoto, 'multipart/form-data': { schema: { type: 'object', properties: { photo: { type: 'array', items: binary } } } } },
    },
    responses: { 200: { description: 'The report.', content: { 'application/json': { schema: ref('CheckPhoto') } } }, ...errorResponses(400, 413, 415, 422, 429, 503) },
  };
}

function annotateDoc(): RouteDoc {
  return {
    operationId: 'annotatePhoto',
    summary: "The photo with the spec's guides and the measurements drawn",
    description: 'What `shebao check-photo --annotate` writes: green where a check passes, red where it fails, labels in `lang`.',
    query: photoQuery({}),
    requestBody: { description: 'A photo.', required: true, content: rawPhoto },
    responses: { 200: { description: 'The annotated picture.', content: { 'image/png': { schema: binary } } }, ...errorResponses(400, 413, 415, 422, 429, 503) },
  };
}

function fixDoc(): RouteDoc {
  return {
    operationId: 'fixPhoto',
    summary: 'Turn a portrait into a photo that passes the spec',
    description:
      'The answer is the document of `shebao fix-photo --json` for the photo, with the fixed JPEG as base64 in `jpeg`. With `Accept: image/jpeg` the answer is the JPEG itself and `X-Shebao-Ok` says whether it passes; a photo that cannot be fixed is then a 422 whose code is the refusal (`no-face`, `several-faces`, `face-too-small`, `too-close-to-edge`, `head-cut-off`, `light-top`).',
    query: photoQuery({ name: nameParameter }),
    requestBody: { description: 'A photo.', required: true, content: rawPhoto },
    responses: {
      200: {
        description: 'The result, or the fixed JPEG.',
        content: { 'application/json': { schema: ref('FixPhoto') }, 'image/jpeg': { schema: binary } },
        headers: { 'X-Shebao-Ok': { description: 'With Accept: image/jpeg: whether the fixed photo passes the spec.', schema: { type: 'string', enum: ['true', 'false'] } } },
      },
      ...errorResponses(400, 413, 415, 422, 429, 503),
    },
  };
}
