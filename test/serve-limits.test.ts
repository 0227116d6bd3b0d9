/**
 * Issue 13: the limits of `shebao serve` a busy portal runs into, each made to happen on purpose:
 * body size (413), pixel budget (422), a full queue (429 with Retry-After), the per-request
 * timeout (503), and a worker that fails (500 with nothing of the failure in the answer).
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type Server, type ServerOptions } from '../src/serve/server.js';

const pass = readFileSync(new URL('../fixtures/photo/pass.jpg', import.meta.url));
const now = () => new Date('2026-11-22T04:00:00Z');

const servers: Server[] = [];
async function serve(options: ServerOptions): Promise<Server> {
  const server = await buildServer({ now, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.app.close()));
});

const checkPass = (server: Server, url = '/api/check?face=false&lang=en') => server.app.inject({ method: 'POST', url, payload: pass, headers: { 'content-type': 'image/jpeg' } });

function errorOf(response: { statusCode: number; body: string }): { status: number; code: string; message: string } {
  const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
  return { status: response.statusCode, code: error.code, message: error.message };
}

function form(count: number, bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'limits-boundary';
  const parts = Array.from({ length: count }, (_, i) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), bytes, Buffer.from('\r\n')]).flat();
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A worker started from source code: `hang` never answers, `crash` throws on its first job. */
function fakeWorker(kind: 'hang' | 'crash'): () => Worker {
  const body = kind === 'hang' ? '() => {}' : "() => { throw new Error('boom in /secret/path/worker.ts:12'); }";
  return () => new Worker(`require('node:worker_threads').parentPort.on('message', ${body});`, { eval: true });
}

describe('body size', () => {
  it('answers 413 body-too-large for a body over the limit, and for a form whose files together are', async () => {
    const server = await serve({ maxBodyBytes: pass.length + 1000 });
    expect(errorOf(await server.app.inject({ method: 'POST', url: '/api/check', payload: Buffer.concat([pass, Buffer.alloc(2000)]), headers: { 'content-type': 'image/jpeg' } }))).toMatchObject({ status: 413, code: 'body-too-large' });
    expect(errorOf(await server.app.inject({ method: 'POST', url: '/api/check', ...form(2, pass) }))).toMatchObject({ status: 413, code: 'body-too-large' });
    expect(errorOf(await server.app.inject({ method: 'POST', url: '/api/fix', payload: Buffer.alloc(pass.length + 2000), headers: { 'content-type': 'image/jpeg' } }))).toMatchObject({ status: 413, code: 'body-too-large' });
    // Within the limit the same server answers.
    expect((await checkPass(server)).statusCode).toBe(200);
  });

  it('answers 413 too-many-files for a form of more photos than one request may carry', async () => {
    const server = await serve({});
    expect(errorOf(await server.app.inject({ method: 'POST', url: '/api/check?face=false', ...form(51, Buffer.from('x')) }))).toMatchObject({ status: 413, code: 'too-many-files' });
  });
});

describe('pixel budget', () => {
  it('answers 422 too-many-pixels, before any work, for a photo that declares more pixels than the budget', async () => {
    const server = await serve({ maxPixels: 358 * 441 - 1 });
    for (const route of ['/api/check', '/api/annotate', '/api/fix']) {
      const error = errorOf(await server.app.inject({ method: 'POST', url: `${route}?lang=en`, payload: pass, headers: { 'content-type': 'image/jpeg' } }));
      expect(error).toMatchObject({ status: 422, code: 'too-many-pixels' });
      expect(error.message).toContain('358×441');
    }
  });
});

describe('the work queue', () => {
  it('answers 429 with Retry-After when every slot is taken and the queue is full, and takes requests again once one is free', async () => {
    const server = await serve({ concurrency: 1, queueLength: 0 });
    const held = server.queue.enter();
    const refused = await checkPass(server);
    expect(errorOf(refused)).toMatchObject({ status: 429, code: 'queue-full' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Routes without photos do not queue.
    expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    held.leave();
    expect((await checkPass(server)).statusCode).toBe(200);
    expect(server.queue.load).toEqual({ admitted: 0, running: 0 });
  });

  it('gives a place back when the request is refused for its body', async () => {
    const server = await serve({ concurrency: 1, queueLength: 0 });
    expect((await server.app.inject({ method: 'POST', url: '/api/check', payload: 'x', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(415);
    expect((await server.app.inject({ method: 'POST', url: '/api/check', payload: Buffer.alloc(0), headers: { 'content-type': 'image/jpeg' } })).statusCode).toBe(400);
    expect(server.queue.load).toEqual({ admitted: 0, running: 0 });
  });
});

describe('the per-request timeout', () => {
  it('answers 503 timeout for a request still waiting for a slot at its deadline', async () => {
    const server = await serve({ concurrency: 1, queueLength: 1, timeoutMs: 300 });
    let release = () => {};
    const running = server.queue.enter().run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(errorOf(await checkPass(server))).toMatchObject({ status: 503, code: 'timeout' });
    release();
    await running;
    expect(server.queue.load).toEqual({ admitted: 0, running: 0 });
  });

  it('answers 503 timeout for a photo whose work runs past the deadline, stops that worker, and goes on with a new one', async () => {
    let started = 0;
    const hang = fakeWorker('hang');
    const server = await serve({ concurrency: 1, timeoutMs: 300, startWorker: () => (started++, hang()) });
    expect(errorOf(await checkPass(server))).toMatchObject({ status: 503, code: 'timeout' });
    expect(errorOf(await checkPass(server))).toMatchObject({ status: 503, code: 'timeout' });
    expect(started).toBe(2);
    expect(server.queue.load).toEqual({ admitted: 0, running: 0 });
  });
});

describe('failures inside the server', () => {
  it('answers 500 internal-error for a worker that dies, with no message, path or stack of the failure', async () => {
    const server = await serve({ concurrency: 1, startWorker: fakeWorker('crash') });
    const response = await checkPass(server);
    expect(errorOf(response)).toMatchObject({ status: 500, code: 'internal-error' });
    expect(response.body).not.toMatch(/boom|secret|worker\.ts|\n\s+at /);
  });
});
