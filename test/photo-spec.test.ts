import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { checkPhoto } from '../src/photo/check-photo.js';
import { builtinSpecIds, loadSpec } from '../src/photo/spec.js';

const dir = mkdtempSync(path.join(tmpdir(), 'shebao-spec-'));
const writeSpec = (name: string, data: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};
const passPhoto = new URL('../fixtures/photo/pass.jpg', import.meta.url).pathname;

function loadError(file: string): ShebaoError {
  try {
    loadSpec(file);
  } catch (error) {
    if (error instanceof ShebaoError) return error;
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

describe('photo specs', () => {
  it('ships shebao-card and ga461 with every number of DOMAIN §1', () => {
    expect(builtinSpecIds()).toEqual(expect.arrayContaining(['shebao-card', 'ga461']));
    const card = loadSpec('shebao-card');
    expect(card.checks.dimensions).toMatchObject({ width: 358, height: 441 });
    expect(card.checks['file-size']).toMatchObject({ minBytes: 14_336, maxBytes: 40_960 });
    expect(card.checks['face-width']).toMatchObject({ min: 179, max: 255 });
    expect(card.checks['face-centered']).toMatchObject({ min: 162, max: 196 });
    expect(card.checks['head-top']).toMatchObject({ min: 7, max: 21 });
    expect(card.checks['eye-height']).toMatchObject({ minFromBottom: 207 });
    expect(card.checks.resolution).toMatchObject({ dpi: 350 });
    for (const section of Object.values(card.checks)) expect(section.source.length).toBeGreaterThan(0);
  });

  it('ga461 extends shebao-card and narrows the face width to 207±14 px', () => {
    const ga = loadSpec('ga461');
    expect(ga.checks['face-width']).toMatchObject({ min: 193, max: 221 });
    expect(ga.checks['file-size']).toMatchObject({ minBytes: 14_336, maxBytes: 40_960 });
  });

  it('lets a city write its own KB range and switch a check off', async () => {
    const file = writeSpec('city.json', {
      id: 'city-9-20',
      extends: 'shebao-card',
      name: { zh: '某市 9–20 KB', en: 'A city, 9–20 KB' },
      source: 'city guide',
      verified: '2026-11-01',
      checks: { 'file-size': { minBytes: 9216, maxBytes: 20480, source: 'city guide', verified: '2026-11-01' }, resolution: false },
    });
    const report = await checkPhoto(passPhoto, { spec: file, face: false, today: '2026-11-22' });
    expect(report.checks.find((c) => c.id === 'file-size')?.status).toBe('fail');
    expect(report.checks.find((c) => c.id === 'resolution')).toBeUndefined();
  });

  it('rejects a broken spec with exit 2, naming the file and the field', () => {
    const file = writeSpec('broken.json', {
      id: 'broken',
      name: { zh: '坏', en: 'broken' },
      source: 's',
      verified: '2026-11-01',
      checks: { 'file-size': { minBytes: 'fourteen', maxBytes: 40960, source: 's', verified: '2026-11-01' } },
    });
    const error = loadError(file);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(file);
    expect(error.message).toContain('checks.file-size.minBytes');
  });

  it('rejects unknown check ids, invalid JSON, missing files and unknown names', () => {
    const typo = writeSpec('typo.json', { id: 'typo', name: { zh: 'a', en: 'a' }, source: 's', verified: '2026-11-01', checks: { 'face-wdth': false } });
    expect(loadError(typo)).toMatchObject({ code: 'rules-invalid' });
    expect(loadError(typo).message).toMatch(/face-wdth/);
    expect(loadError(writeSpec('bad.json', '{ "id": '))).toMatchObject({ code: 'file-not-json', details: { line: 1 } });
    expect(loadError(path.join(dir, 'missing.json'))).toMatchObject({ code: 'file-not-found', details: { file: path.join(dir, 'missing.json') } });
    expect(loadError('no-such-spec')).toMatchObject({ code: 'unknown-spec', details: { spec: 'no-such-spec', builtin: ['changsha', 'ga461', 'guangzhou', 'shebao-card', 'shenzhen'] } });
  });

  it('requires a source and a verified date on every rule', () => {
    const file = writeSpec('unsourced.json', {
      id: 'unsourced',
      name: { zh: 'a', en: 'a' },
      source: 's',
      verified: '2026-11-01',
      checks: { dimensions: { width: 358, height: 441 } },
    });
    expect(loadError(file).message).toMatch(/checks\.dimensions\.source/);
  });
});
