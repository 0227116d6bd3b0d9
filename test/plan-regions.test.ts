import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { loadJsonFile, rulesPath } from '../src/core/rules-loader.js';
import { sayError } from '../src/i18n/index.js';
import { buildChecklist, factsOf } from '../src/checklist/index.js';
import { runCli } from '../src/cli/main.js';
import { builtinSpecIds, loadSpec } from '../src/photo/spec.js';
import { fallbacksOf, listRegions, loadRegion, loadRegionFile, planDeadlines, regionIds, regionSchema, resolveRegionId, sayWarning } from '../src/plan/index.js';
import type { Profile } from '../src/profile/index.js';
import { fakeContext } from './helpers/context.js';
import { sampleProfile } from './helpers/profile.js';

const files = readdirSync(rulesPath('regions')).filter((file) => file.endsWith('.json'));

/** The 31 province-level regions (22 provinces, 5 autonomous regions, 4 municipalities). */
const provinces = [
  'anhui', 'beijing', 'chongqing', 'fujian', 'gansu', 'guangdong', 'guangxi', 'guizhou', 'hainan', 'hebei', 'heilongjiang',
  'henan', 'hubei', 'hunan', 'jiangsu', 'jiangxi', 'jilin', 'liaoning', 'neimenggu', 'ningxia', 'qinghai', 'shaanxi',
  'shandong', 'shanghai', 'shanxi', 'sichuan', 'tianjin', 'xinjiang', 'xizang', 'yunnan', 'zhejiang',
];
const cities = ['changsha', 'chengdu', 'guangzhou', 'hangzhou', 'shenzhen', 'wuhan'];

describe('rules/regions/*.json', () => {
  it.each(files)('%s passes the schema, its id matches the file name, and it plans', (file) => {
    const region = loadJsonFile(rulesPath('regions', file), regionSchema);
    expect(region.id).toBe(file.replace(/\.json$/, ''));
    expect(loadRegionFile(region.id)).toEqual(region);
    const plan = planDeadlines({ birthDate: '2026-10-15', region: region.id, today: '2026-11-30' });
    expect(plan.region).toBe(region.id);
    expect(plan.milestones.map((m) => m.id)).toContain('newborn-enrollment-deadline');
  });

  it('holds national, every province-level region, and the cities with their own rules', () => {
    expect(provinces).toHaveLength(31);
    expect(regionIds()).toEqual(['national', ...[...provinces, ...cities].sort()]);
    for (const id of provinces) expect(loadRegion(id).level).toBe('province');
    for (const id of cities) expect(loadRegion(id)).toMatchObject({ level: 'city', parent: expect.stringMatching(/^[a-z]+$/) });
  });

  it('never cites our own notes: every source is a public page or a document number', () => {
    const text = files.map((file) => readFileSync(rulesPath('regions', file), 'utf8')).join('\n');
    expect(text).not.toMatch(/DOMAIN\.md/);
  });

  it.each([
    ['national', 'days', 90, false],
    ['shanghai', 'months', 3, false],
    ['beijing', 'days', 90, false],
    ['guangzhou', 'days', 90, false],
    ['shenzhen', 'months', 3, false],
    ['hangzhou', 'months', 3, false],
    ['wuhan', 'days', 90, true],
    ['chengdu', 'days', 180, false],
    ['tianjin', 'months', 4, false],
    ['fujian', 'days', 90, false],
    ['henan', 'days', 90, false],
  ] as const)('%s: newborn window %s %i (birth day counted: %s)', (id, unit, count, countStartDay) => {
    expect(loadRegion(id).newborn.window).toEqual({ unit, count, countStartDay });
  });

  it('takes a missing section from the province, then from the national rule, and says where from', () => {
    const henan = loadRegion('henan');
    expect(henan.origins.newborn).toEqual({ kind: 'national', from: 'national', provisional: false });
    expect(henan.newborn).toEqual(loadRegion('national').newborn);
    expect(henan.origins.photo).toMatchObject({ kind: 'own', from: 'henan', provisional: true });
    const shenzhen = loadRegion('shenzhen');
    expect(shenzhen.origins.birthBundle).toEqual({ kind: 'province', from: 'guangdong', provisional: false });
    expect(shenzhen.birthBundle).toEqual(loadRegion('guangdong').birthBundle);
    expect(shenzhen.origins.card.kind).toBe('national');
    expect(loadRegion('fujian').origins.annualPayment).toEqual({ kind: 'own', from: 'fujian', provisional: false });
    expect(fallbacksOf(loadRegion('national'))).toEqual([]);
  });

  it("lists a region's own apps and hotlines first, then the national ones, each once", () => {
    const shanghai = loadRegion('shanghai');
    expect(shanghai.hotlines.map((h) => h.number)).toEqual(['12333', '12345']);
    expect(shanghai.apps[0]?.name.zh).toBe('随申办');
    expect(shanghai.origins.hotlines).toMatchObject({ kind: 'national' });
    const names = loadRegion('shenzhen').apps.map((app) => app.name.zh);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('国家医保服务平台 App');
  });

  it('keeps the conflicts as data, to be shown as warnings', () => {
    const conflicted = listRegions()
      .filter((region) => region.conflicts.length > 0)
      .map((region) => region.id);
    expect(conflicted).toEqual(['beijing', 'chengdu', 'guangzhou']);
    expect(loadRegion('guangzhou').conflicts[0]?.alternatives).toEqual([{ unit: 'days', count: 180, countStartDay: false }]);
  });

  it('gives every region what a checklist needs: apps for applying, hotlines, offices', () => {
    for (const region of listRegions()) {
      expect(region.apps.some((app) => app.steps.includes('apply'))).toBe(true);
      expect(region.hotlines.map((h) => h.number)).toContain('12333');
      expect(region.offices.collect.zh.length).toBeGreaterThan(0);
    }
  });

  it('names a photo spec that exists, and a no-photo age only with its note', () => {
    for (const region of listRegions()) if (region.photo?.spec) expect(builtinSpecIds()).toContain(region.photo.spec);
    expect(loadRegion('hainan').photo).toMatchObject({ notNeededUnderAge: 7 });
    expect(loadRegion('shenzhen').photo?.spec).toBe('shenzhen');
    expect(loadRegion('changsha').photo?.spec).toBe('changsha');
    expect(loadRegion('guangzhou').photo?.spec).toBe('guangzhou');
  });
});

describe('regional photo specs', () => {
  it.each([
    ['shenzhen', 9216, 20480],
    ['changsha', 9216, 20480],
    ['guangzhou', 20480, 204800],
  ])('%s extends shebao-card with its own file size %i–%i bytes', (id, minBytes, maxBytes) => {
    const spec = loadSpec(id);
    const base = loadSpec('shebao-card');
    expect(spec.checks['file-size']).toMatchObject({ minBytes, maxBytes });
    expect(spec.checks.dimensions).toEqual(base.checks.dimensions);
    expect(Object.keys(spec.checks).sort()).toEqual(Object.keys(base.checks).sort());
  });
});

describe('a plan for a region without its own sources', () => {
  it('says which values use the national rule, in the warning and its data', () => {
    const plan = planDeadlines({ birthDate: '2026-10-15', region: '河南', today: '2026-11-30' });
    const warning = plan.warnings.find((w) => w.id === 'region-fallback');
    expect(warning).toMatchObject({ region: 'henan', fields: [{ field: 'newborn', from: 'national' }, { field: 'lateEnrollment' }, { field: 'annualPayment' }, { field: 'card' }] });
    expect(sayWarning(warning!, 'zh')).toContain('按全国规则估计');
    expect(sayWarning(warning!, 'en')).toContain('national rule (estimate)');
    const fujian = planDeadlines({ birthDate: '2026-10-15', region: 'fujian', today: '2026-11-30' });
    const fields = fujian.warnings.find((w) => w.id === 'region-fallback');
    expect(fields).toMatchObject({ fields: [{ field: 'lateEnrollment' }, { field: 'card' }] });
    expect(planDeadlines({ birthDate: '2026-10-15', region: 'national', today: '2026-11-30' }).warnings.map((w) => w.id)).not.toContain('region-fallback');
  });
});

describe('shebao plan --list-regions', () => {
  it('shows for each region which values are sourced and which fall back (zh and en)', async () => {
    const zh = fakeContext();
    await runCli(['plan', '--list-regions'], zh);
    const lines = zh.out().split('\n');
    expect(lines[0]).toMatch(/^地区 id\s+名称\s+新生儿/);
    expect(lines.find((line) => line.startsWith('henan '))).toMatch(/河南\s+○\s+○\s+○\s+○/);
    expect(lines.find((line) => line.startsWith('fujian '))).toMatch(/福建\s+◎\s+○\s+●/);
    expect(zh.out()).toContain('○ 按全国规则估计');
    expect(zh.out()).toContain('港澳台不在范围内');
    const en = fakeContext();
    await runCli(['plan', '--list-regions', '--lang', 'en'], en);
    expect(en.out()).toContain('○ national rule (estimate)');
    expect(en.out().split('\n').find((line) => line.startsWith('henan '))).toMatch(/Henan/);
  });

  it('--json gives every region with the origin of each value', async () => {
    const ctx = fakeContext();
    await runCli(['plan', '--list-regions', '--json'], ctx);
    const regions = JSON.parse(ctx.out()) as Array<{ id: string; origins: Record<string, { kind: string }> }>;
    expect(regions).toHaveLength(files.length);
    expect(regions.find((r) => r.id === 'henan')?.origins.newborn?.kind).toBe('national');
    expect(regions.find((r) => r.id === 'guangdong')?.origins.birthBundle?.kind).toBe('own');
  });

  it.each(provinces)('plan --region %s works', async (id) => {
    const ctx = fakeContext();
    await runCli(['plan', '--newborn', '2026-10-15', '--today', '2026-11-30', '--region', id, '--json'], ctx);
    expect(JSON.parse(ctx.out())).toMatchObject({ region: id });
  });
});

describe('loading a broken region file', () => {
  it('names the file and the field', () => {
    const national = JSON.parse(JSON.stringify(loadRegionFile('national'))) as Record<string, unknown> & { newborn: { window: { count: number } } };
    national.newborn.window.count = -90;
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-regions-'));
    const file = path.join(dir, 'national.json');
    writeFileSync(file, JSON.stringify(national));
    expect(() => loadJsonFile(file, regionSchema)).toThrow(/national\.json[\s\S]*newborn\.window\.count/);
  });

  it('rejects a waiting period that contradicts coverStarts, and a 02-30 payment day', () => {
    const bad = JSON.parse(JSON.stringify(loadRegionFile('chengdu'))) as Record<string, Record<string, unknown>>;
    bad.lateEnrollment!.wait = null;
    bad.annualPayment!.end = '02-30';
    const result = regionSchema.zod().safeParse(bad);
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
    ['河南', 'henan'],
    ['河南省', 'henan'],
    ['广西壮族自治区', 'guangxi'],
    ['内蒙古自治区', 'neimenggu'],
    ['Inner Mongolia', 'neimenggu'],
    ['重庆市', 'chongqing'],
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
      hint: `可选：${regionIds().join(', ')}；运行 shebao plan --list-regions 查看详情`,
    });
    expect(sayError(error as ShebaoError, 'en').message).toBe('unknown region "xian"');
    expect(() => loadRegion('../package')).toThrow(ShebaoError);
  });
});

describe('the checklist and a region file', () => {
  const base = sampleProfile({ child: { birthDate: '2026-10-15' } }, '2026-11-30');
  const tipIds = (profile: Profile) => buildChecklist(profile, { today: '2026-11-30' }).steps.flatMap((step) => step.tips.map((tip) => `${step.id}:${tip.id}`));

  it('offers 出生一件事 to a newborn where the region (or its province) has it', () => {
    expect(tipIds({ ...base, region: 'guangdong' })).toContain('enroll:birth-bundle');
    expect(tipIds({ ...base, region: 'shenzhen' })).toContain('enroll:birth-bundle');
    expect(tipIds({ ...base, region: 'henan' })).not.toContain('enroll:birth-bundle');
    expect(tipIds({ ...base, region: 'guangdong', stage: 'preschool', child: { birthDate: '2022-01-01' } })).not.toContain('enroll:birth-bundle');
  });

  it('says the photo can be skipped where a child this young needs none (Hainan: under 7)', () => {
    const young = { ...base, region: 'hainan', stage: 'preschool' as const, child: { birthDate: '2021-01-01' } };
    expect(tipIds(young)).toContain('apply:photo-not-needed');
    expect(tipIds({ ...young, child: { birthDate: '2018-01-01' } })).not.toContain('apply:photo-not-needed');
    expect(tipIds({ ...young, region: 'henan' })).not.toContain('apply:photo-not-needed');
    expect(factsOf(young, '2026-11-30', 7).photoOptional).toBe(true);
  });
});
