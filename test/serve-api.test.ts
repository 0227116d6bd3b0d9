/**
 * Issue 13: `shebao serve`'s HTTP API, as a portal backend uses it. Every route's answers and the
 * errors such a team would meet, each JSON body checked against its published schema (the same
 * files as the CLI's --json), the OpenAPI document validated and checked against the routes.
 * Requests are injected (fastify.inject): no port, but the real routing, parsing and workers.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus, refusalStatus } from '../src/serve/http.js';
import { errorSchema } from '../src/serve/openapi.js';
import { buildServer, type Server } from '../src/serve/server.js';
import { cjk } from './helpers/language.js';
import { sampleProfile } from './helpers/profile.js';
import { schemaErrors } from './helpers/schema.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const pass = fixture('photo/pass.jpg');
const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const validError = new Ajv2020({ strict: true }).compile(errorSchema);

/** An error answer: its status, its body valid, and its code. */
function expectError(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string): { code: string; message: string; hint?: string } {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(response.body) as { error: { code: string; message: string; hint?: string } };
  expect(validError(body), JSON.stringify(validError.errors)).toBe(true);
  expect(body.error.code).toBe(code);
  // Never a stack trace in an answer.
  expect(response.body).not.toMatch(/\n\s+at \S+ \(|node_modules|\.ts:\d+/);
  return body.error;
}

/** A multipart/form-data body of files, as a browser or `curl -F` sends it. */
function form(files: Array<{ name: string; bytes: Buffer; type?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----shebao-test-boundary';
  const parts = files.flatMap(({ name, bytes, type = 'image/jpeg' }) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let server: Server;
beforeAll(async () => {
  server = await buildServer({ now: () => new Date('2026-11-22T04:00:00Z'), concurrency: 1 });
});
afterAll(() => server.app.close());
const inject: Server['app']['inject'] = ((options: never) => server.app.inject(options)) as never;

describe('health and the OpenAPI document', () => {
  it('answers /healthz with the package version', async () => {
    const response = await inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok', version: packageVersion });
  });

  it('publishes an OpenAPI 3.1 document that validates and lists every route, and every route it lists is served', async () => {
    const response = await inject({ url: '/api/openapi.json' });
    const document = JSON.parse(response.body) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const result = await validateOpenApi(structuredClone(document) as never);
    expect(result, JSON.stringify(result)).toMatchObject({ valid: true });
    const operations = Object.entries(document.paths).flatMap(([url, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${url}`));
    expect(operations.sort()).toEqual(
      [
        'GET /',
        'GET /assets/{path}',
        'GET /healthz',
        'GET /api/openapi.json',
        'GET /api/plan',
        'GET /api/regions',
        'GET /api/rules',
        'POST /api/check',
        'POST /api/annotate',
        'POST /api/fix',
        'POST /api/checklist',
      ].sort(),
    );
    for (const operation of operations) {
      const [method, url] = operation.split(' ') as ['GET' | 'POST', string];
      const answer = await inject({ method, url: url.replace('{path}', 'app.js'), ...(method === 'POST' ? { payload: Buffer.alloc(0), headers: { 'content-type': 'image/jpeg' } } : {}) });
      expect(answer.body.includes('"not-found"') && url !== '/assets/{path}', operation).toBe(false);
    }
  });
});

describe('POST /api/check', () => {
  it('checks one photo sent as the body: the document of check-photo --json', async () => {
    const response = await inject({ method: 'POST', url: '/api/check?face=false', payload: pass, headers: { 'content-type': 'image/jpeg' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const document = JSON.parse(response.body);
    expect(schemaErrors('check-photo', document)).toEqual([]);
    expect(document).toMatchObject({ spec: 'shebao-card', lang: 'zh', summary: { total: 1, passed: 1, failed: 0 }, results: [{ file: 'upload', ok: true }] });
    expect(document.results[0].checks.find((check: { id: string }) => check.id === 'face-count')).toMatchObject({ status: 'skip', reason: 'skipped-face-off' });
  });

  it('runs the face checks by default, and reports a failing photo as a 200 with ok: false', async () => {
    const response = await inject({ method: 'POST', url: '/api/check?name=big.jpg', payload: fixture('face/face-width.fail-big.jpg'), headers: { 'content-type': 'application/octet-stream' } });
    const document = JSON.parse(response.body);
    expect(schemaErrors('check-photo', document)).toEqual([]);
    expect(document.results[0]).toMatchObject({ file: 'big.jpg', ok: false });
    expect(document.results[0].checks.find((check: { id: string }) => check.id === 'face-width')).toMatchObject({ status: 'fail', reason: 'too-large' });
  });

  it('checks every file of a multipart form, each named by its filename', async () => {
    const response = await inject({ method: 'POST', url: '/api/check?face=false&lang=en', ...form([{ name: '第一个孩子.jpg', bytes: pass }, { name: 'blue.jpg', bytes: fixture('photo/background.fail-blue.jpg') }]) });
    const document = JSON.parse(response.body);
    expect(schemaErrors('check-photo', document)).toEqual([]);
    expect(document.summary).toEqual({ total: 2, passed: 1, failed: 1 });
    expect(document.results.map((report: { file: string; ok: boolean }) => [report.file, report.ok])).toEqual([
      ['第一个孩子.jpg', true],
      ['blue.jpg', false],
    ]);
  });

  it('reports bytes that are not a photo as the readable check failing, and never echoes an ID number in a name', async () => {
    const response = await inject({ method: 'POST', url: '/api/check?name=110101199003074514.jpg', payload: Buffer.from('not a photo at all'), headers: { 'content-type': 'image/jpeg' } });
    const document = JSON.parse(response.body);
    expect(schemaErrors('check-photo', document)).toEqual([]);
    expect(document.results[0].checks[0]).toMatchObject({ id: 'readable', status: 'fail', reason: 'not-an-image' });
    expect(response.body).not.toContain('110101199003074514');
  });

  it('speaks the language of ?lang=, else of Accept-Language, never both', async () => {
    const english = await inject({ method: 'POST', url: '/api/check?face=false', payload: fixture('photo/background.fail-blue.jpg'), headers: { 'content-type': 'image/jpeg', 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' } });
    expect(JSON.parse(english.body).lang).toBe('en');
    expect(english.body).not.toMatch(cjk);
    const chinese = await inject({ method: 'POST', url: '/api/check?face=false', payload: fixture('photo/background.fail-blue.jpg'), headers: { 'content-type': 'image/jpeg', 'accept-language': 'fr-FR,en;q=0.5' } });
    expect(JSON.parse(chinese.body).lang).toBe('zh');
    const asked = await inject({ method: 'POST', url: '/api/check?face=false&lang=zh', payload: pass, headers: { 'content-type': 'image/jpeg', 'accept-language': 'en' } });
    expect(JSON.parse(asked.body).lang).toBe('zh');
  });

  it('refuses what is not a photo body: 415 for other types, 400 for an empty body or a form without files', async () => {
    expectError(await inject({ method: 'POST', url: '/api/check', payload: '{}', headers: { 'content-type': 'application/json' } }), 415, 'unsupported-media-type');
    expectError(await inject({ method: 'POST', url: '/api/check', payload: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    expectError(await inject({ method: 'POST', url: '/api/check', payload: Buffer.alloc(0), headers: { 'content-type': 'image/jpeg' } }), 400, 'no-photo');
    const empty = form([]);
    expectError(await inject({ method: 'POST', url: '/api/check', ...empty }), 400, 'no-photo');
  });

  it('names a bad query parameter and what it takes', async () => {
    const spec = expectError(await inject({ method: 'POST', url: '/api/check?spec=../../etc/passwd&lang=en', payload: pass, headers: { 'content-type': 'image/jpeg' } }), 400, 'bad-query');
    expect(spec.message).toContain('spec');
    expect(spec.hint).toContain('shebao-card');
    const face = expectError(await inject({ method: 'POST', url: '/api/check?face=maybe&lang=en', payload: pass, headers: { 'content-type': 'image/jpeg' } }), 400, 'bad-query');
    expect(face.message).toContain('face');
    const unknown = expectError(await inject({ method: 'POST', url: '/api/check?specs=ga461&lang=en', payload: pass, headers: { 'content-type': 'image/jpeg' } }), 400, 'bad-query');
    expect(unknown.message).toContain('specs');
  });
});

describe('POST /api/annotate', () => {
  it('answers the annotated picture as a PNG of the photo’s size', async () => {
    const response = await inject({ method: 'POST', url: '/api/annotate?lang=en', payload: fixture('face/face-width.fail-big.jpg'), headers: { 'content-type': 'image/jpeg' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(await sharp(response.rawPayload).metadata()).toMatchObject({ format: 'png', width: 358, height: 441 });
  });

  it('is a 422 for bytes that are not a photo, and a 415 for a form', async () => {
    expectError(await inject({ method: 'POST', url: '/api/annotate', payload: Buffer.from('nope'), headers: { 'content-type': 'image/png' } }), 422, 'unreadable-photo');
    expectError(await inject({ method: 'POST', url: '/api/annotate', ...form([{ name: 'a.jpg', bytes: pass }]) }), 415, 'unsupported-media-type');
  });
});

describe('POST /api/fix', () => {
  it('answers the document of fix-photo --json with the fixed JPEG in base64', async () => {
    const response = await inject({ method: 'POST', url: '/api/fix?name=phone.jpg', payload: fixture('fix/phone-rotated-gps.jpg'), headers: { 'content-type': 'image/jpeg' } });
    expect(response.statusCode).toBe(200);
    const document = JSON.parse(response.body);
    expect(schemaErrors('fix-photo', document)).toEqual([]);
    expect(document).toMatchObject({ input: 'phone.jpg', output: null, ok: true });
    expect(await sharp(Buffer.from(document.jpeg, 'base64')).metadata()).toMatchObject({ format: 'jpeg', width: 358, height: 441 });
  });

  it('answers the JPEG itself for Accept: image/jpeg, with the verdict in X-Shebao-Ok', async () => {
    const response = await inject({ method: 'POST', url: '/api/fix', payload: fixture('fix/background-blue.jpg'), headers: { 'content-type': 'image/jpeg', accept: 'image/jpeg' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['x-shebao-ok']).toBe('true');
    expect(response.headers['content-disposition']).toContain('upload-fixed.jpg');
    expect(await sharp(response.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 358, height: 441, isProgressive: false });
  });

  it('says why a photo cannot be fixed: in the document, or as a 422 with the refusal code for Accept: image/jpeg', async () => {
    const json = await inject({ method: 'POST', url: '/api/fix', payload: fixture('fix/no-face.jpg'), headers: { 'content-type': 'image/jpeg' } });
    const document = JSON.parse(json.body);
    expect(schemaErrors('fix-photo', document)).toEqual([]);
    expect(document).toMatchObject({ ok: false, refused: { id: 'no-face' } });
    expect(document.jpeg).toBeUndefined();
    const refused = expectError(await inject({ method: 'POST', url: '/api/fix?lang=en', payload: fixture('fix/no-face.jpg'), headers: { 'content-type': 'image/jpeg', accept: 'image/jpeg' } }), 422, 'no-face');
    expect(refused.message).not.toMatch(cjk);
  });

  it('is a 422 unreadable-photo for bytes that are not a photo', async () => {
    expectError(await inject({ method: 'POST', url: '/api/fix', payload: Buffer.from('nope'), headers: { 'content-type': 'image/jpeg' } }), 422, 'unreadable-photo');
  });
});

describe('GET /api/plan and /api/regions', () => {
  it('answers the document of plan --json, counted from ?today=', async () => {
    const response = await inject({ url: '/api/plan?newborn=2026-10-01&region=shanghai&today=2026-10-20&lang=en' });
    const document = JSON.parse(response.body);
    expect(schemaErrors('plan', document)).toEqual([]);
    expect(document).toMatchObject({ region: 'shanghai', birthDate: '2026-10-01', today: '2026-10-20', lang: 'en' });
    // Sources quote Chinese regulations as they are; what is said to the reader is English.
    for (const warning of document.warnings) expect(warning.message).not.toMatch(cjk);
  });

  it('takes "today" from the server clock in China when no ?today= is given', async () => {
    expect(JSON.parse((await inject({ url: '/api/plan?newborn=2026-10-01' })).body).today).toBe('2026-11-22');
  });

  it('answers the .ics calendar as an attachment for format=ics', async () => {
    const response = await inject({ url: '/api/plan?newborn=2026-10-01&format=ics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('filename="shebao-2026-10-01.ics"');
    expect(response.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it('says what is wrong with a missing or impossible date, or an unknown region', async () => {
    expect(expectError(await inject({ url: '/api/plan?lang=en' }), 400, 'bad-query').message).toContain('newborn');
    expect(expectError(await inject({ url: '/api/plan?newborn=2026-02-30&lang=en' }), 400, 'invalid-date').message).toContain('newborn');
    expectError(await inject({ url: '/api/plan?newborn=2026-10-01&region=atlantis' }), 400, 'unknown-region');
    expectError(await inject({ url: '/api/plan?newborn=2026-10-01&format=pdf' }), 400, 'bad-query');
  });

  it('lists the regions as plan --list-regions --json does', async () => {
    const document = JSON.parse((await inject({ url: '/api/regions' })).body);
    expect(schemaErrors('plan', document)).toEqual([]);
    expect(document.map((region: { id: string }) => region.id)).toContain('shanghai');
  });
});

describe('POST /api/checklist', () => {
  it('answers the document of checklist --json for a saved profile, or its Markdown', async () => {
    const profile = sampleProfile({ region: 'beijing' });
    const response = await inject({ method: 'POST', url: '/api/checklist?lang=en', payload: profile });
    const document = JSON.parse(response.body);
    expect(schemaErrors('checklist', document)).toEqual([]);
    expect(document.lang).toBe('en');
    const markdown = await inject({ method: 'POST', url: '/api/checklist?format=markdown', payload: profile });
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(markdown.body).toMatch(/^# /);
  });

  it('never reads the photo path a profile names, and never echoes its ID number', async () => {
    const profile = sampleProfile({ photo: '/etc/passwd', child: { birthDate: '1990-03-07', idNumber: '110101199003074514' }, stage: 'school' });
    const response = await inject({ method: 'POST', url: '/api/checklist', payload: profile });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain('/etc/passwd');
    expect(response.body).not.toContain('110101199003074514');
  });

  it('names the fields of a profile that does not match, and refuses JSON that does not parse', async () => {
    const wrong = expectError(await inject({ method: 'POST', url: '/api/checklist?lang=en', payload: { ...sampleProfile(), hukou: 'martian' } }), 400, 'bad-body');
    expect(wrong.message).toContain('hukou');
    expectError(await inject({ method: 'POST', url: '/api/checklist', payload: '{"version":', headers: { 'content-type': 'application/json' } }), 400, 'invalid-json');
    expectError(await inject({ method: 'POST', url: '/api/checklist', payload: pass, headers: { 'content-type': 'image/jpeg' } }), 415, 'unsupported-media-type');
  });
});

describe('GET /api/rules', () => {
  it('answers the document of rules --json', async () => {
    const document = JSON.parse((await inject({ url: '/api/rules?spec=ga461&region=shanghai&lang=en' })).body);
    expect(schemaErrors('rules', document)).toEqual([]);
    expect(document).toMatchObject({ spec: 'ga461', region: 'shanghai', lang: 'en' });
  });
});

describe('the page and unknown routes', () => {
  it('serves the page with a policy that keeps it to this server, and only files inside web/', async () => {
    const page = await inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await inject({ url: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const url of ['/assets/../package.json', '/assets/%2e%2e/package.json', '/assets/..%2fpackage.json', '/assets/.hidden']) expectError(await inject({ url }), 404, 'not-found');
  });

  it('answers an unknown route with a JSON 404 that masks an ID number in the path', async () => {
    const error = expectError(await inject({ url: '/api/people/110101199003074514', headers: { 'accept-language': 'en' } }), 404, 'not-found');
    expect(error.message).not.toContain('110101199003074514');
  });
});

describe('the error codes in docs/machine-output.md', () => {
  it('lists every code the server answers with, at its status, and no other', () => {
    const docs = readFileSync(new URL('../docs/machine-output.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## `shebao serve`: the HTTP API'));
    const documented = Object.fromEntries([...section.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]));
    expect(documented).toEqual({ ...errorStatus, ...refusalStatus, 'internal-error': 500 });
  });
});

describe('compression', () => {
  it('sends JSON and the page compressed when asked (br, else gzip), the same bytes once inflated, and plain otherwise', async () => {
    const plain = await inject({ url: '/api/regions' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await inject({ url: '/api/regions', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    // The regions list is the page's biggest answer: 433 KB plain.
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 10);
    const page = await inject({ url: '/assets/words.js', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-security-policy']).toBeDefined();
    expect(gunzipSync(page.rawPayload).toString('utf8')).toContain('export');
  });

  it('leaves a picture as it is', async () => {
    const response = await inject({ method: 'POST', url: '/api/annotate', payload: pass, headers: { 'content-type': 'image/jpeg', 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
  });
});
