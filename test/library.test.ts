/**
 * shebao as a portal backend uses it: bytes in, data out, and the host process left as it was.
 * These run the built package (dist/, made by `npm run build`, which `npm test` runs first) in a fresh Node process,
 * as an ES module and as CommonJS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPhoto } from '../src/photo/check-photo.js';
import { ShebaoError } from '../src/core/errors.js';

const root = new URL('..', import.meta.url).pathname;
const photo = path.join(root, 'fixtures/photo/pass.jpg');
const dir = mkdtempSync(path.join(tmpdir(), 'shebao-library-'));

/** A host server: its own rejection handler, one upload checked, then an unrelated rejected promise. */
const host = (load: string) => `
${load}
const { readFileSync } = require('node:fs');
let handled = 0;
process.on('unhandledRejection', () => { handled++; });
const upload = readFileSync(${JSON.stringify(photo)});
shebao.checkPhoto(upload, { today: '2026-11-30' }).then(async (report) => {
  Promise.reject(new Error('the host\\'s own failure'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const faces = report.checks.find((check) => check.id === 'face-count');
  process.stdout.write(JSON.stringify({ ok: report.ok, file: report.file, faces: faces.measured.faces, handled, alive: true }));
});
`;

function runHost(file: string, source: string) {
  const script = path.join(dir, file);
  writeFileSync(script, source);
  return spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
}

describe('the library in a host process', () => {
  it('checks an uploaded Buffer and leaves the host its own unhandledRejection handler (ES module)', () => {
    const result = runHost('host.mjs', host(`import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const shebao = await import(${JSON.stringify(path.join(root, 'dist/index.js'))});`));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, file: 'upload', faces: 1, handled: 1, alive: true });
  }, 60_000);

  it('works the same from CommonJS', () => {
    const result = runHost('host.cjs', host(`const shebao = require(${JSON.stringify(path.join(root, 'dist/index.js'))});`));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, file: 'upload', faces: 1, handled: 1, alive: true });
  }, 60_000);

  it('takes a Uint8Array too, and says what is wrong with a wrong argument', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(photo));
    const report = await checkPhoto(bytes, { today: '2026-11-30', face: false, name: 'a.jpg' });
    expect(report).toMatchObject({ file: 'a.jpg', ok: true });
    await expect(checkPhoto(42 as never, { today: '2026-11-30' })).rejects.toMatchObject({ code: 'invalid-argument', details: { name: 'photo', received: 'number' } });
    await expect(checkPhoto(photo, {} as never)).rejects.toBeInstanceOf(ShebaoError);
    await expect(checkPhoto(photo, undefined as never)).rejects.toMatchObject({ code: 'missing-option', details: { name: 'today' } });
  });
});
