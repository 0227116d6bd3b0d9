import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { loadJsonFile, rulesPath } from '../src/core/rules-loader.js';
import { sayError } from '../src/i18n/index.js';
import { listRegions, loadRegion, regionIds, regionSchema, resolveRegionId } from '../src/plan/index.js';

const files = readdirSync(rulesPath('regions')).filter((file) => file.endsWith('.json'));

describe('rules/regions/*.json', () => {
  it.each(files)('%s passes the schema and its id matches the file name', (file) => {
    const region = loadJsonFile(rulesPath('regions', file), regionSchema);
    expect(region.id).toBe(file.replace(/\.json$/, ''));
    expect(loadRegion(region.id)).toEqual(region);
  });

  it('holds national plus every city of DOMAIN.md §2.3, cities marked provisional', () => {
    expect(regionIds()).toEqual(['national', 'beijing', 'chengdu', 'guangzhou', 'hangzhou', 'shanghai', 'shenzhen', 'tianjin', 'wuhan']);
    for (const region of listRegions()) expect(region.provisional).toBe(region.id !== 'national');
  });

  it.each([
    ['national', 'days', 90, false],
    ['shanghai', 'months', 2, false],
    ['beijing', 'days', 90, false],
    ['guangzhou', 'days', 90, false],
    ['shenzhen', 'months', 2, false],
    ['hangzhou', 'months', 3, false],
    ['wuhan', 'days', 90, true],
    ['chengdu', 'days', 180, false],
    ['tianjin', 'months', 4, false],
  ] as const)('%s: newborn window %s %i (birth day counted: %s)', (id, unit, count, countStartDay) => {
    expect(loadRegion(id).newborn.window).toEqual({ unit, count, countStartDay });
  });

  it('keeps the conflicts of DOMAIN.md §2.3 as data, to be shown as warnings', () => {
    const conflicted = listRegions()
      .filter((region) => region.conflicts.length > 0)
      .map((region) => region.id);
    expect(conflicted).toEqual(['beijing', 'guangzhou', 'shanghai', 'shenzhen']);
    expect(loadRegion('shanghai').conflicts[0]?.alternatives).toEqual([{ unit: 'months', count: 3, countStartDay: false }]);
  });

  it('gives every region what a checklist needs: apps for applying, hotlines, offices', () => {
    for (const region of listRegions()) {
      expect(region.apps.some((app) => app.steps.includes('apply'))).toBe(true);
      expect(region.hotlines.map((h) => h.number)).toContain('12333');
      expect(region.offices.collect.zh.length).toBeGreaterThan(0);
    }
    expect(loadRegion('shanghai').hotlines.map((h) => h.number)).toContain('962222');
  });
});

describe('loading a broken region file', () => {
  it('names the file and the field', () => {
    const national = JSON.parse(JSON.stringify(loadRegion('national'))) as Record<string, unknown> & { newborn: { window: { count: number } } };
    national.newborn.window.count = -90;
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-regions-'));
    const file = path.join(dir, 'national.json');
    writeFileSync(file, JSON.stringify(national));
    expect(() => loadJsonFile(file, regionSchema)).toThrow(/national\.json[\s\S]*newborn\.window\.count/);
  });

  it('rejects a waiting period that contradicts coverStarts, and a 02-30 payment day', () => {
    const bad = JSON.parse(JSON.stringify(loadRegion('hangzhou'))) as Record<string, Record<string, unknown>>;
    bad.lateEnrollment!.wait = { unit: 'months', count: 3 };
    bad.annualPayment!.end = '02-30';
    const result = regionSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['lateEnrollment.wait', 'annualPayment.end']));
  });
});

describe('resolveRegionId', () => {
  it.each([
    ['shanghai', 'shanghai'],
    ['Shanghai', 'shanghai'],
    [' SHANGHAI ', 'shanghai'],
    ['上海', 'shanghai'],
    ['Wuhan', 'wuhan'],
  ])('%j → %s', (input, id) => {
    expect(resolveRegionId(input)).toBe(id);
  });

  it('rejects an unknown region with exit code 2, naming the value and the known ids', () => {
    let error: unknown;
    try {
      resolveRegionId('xian');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShebaoError);
    expect(error).toMatchObject({ exitCode: 2, code: 'unknown-region', details: { region: 'xian', known: regionIds() } });
    expect(sayError(error as ShebaoError, 'zh')).toEqual({
      message: '未知地区 "xian"',
      hint: '可选：national, beijing, chengdu, guangzhou, hangzhou, shanghai, shenzhen, tianjin, wuhan；运行 shebao plan --list-regions 查看详情',
    });
    expect(sayError(error as ShebaoError, 'en').message).toBe('unknown region "xian"');
    expect(() => loadRegion('../package')).toThrow(ShebaoError);
  });
});
