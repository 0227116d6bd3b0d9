import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildChecklist,
  conditionsSchema,
  factsOf,
  fixCommandFor,
  matches,
  renderChecklistJson,
  renderChecklistMarkdown,
  renderChecklistText,
  type Checklist,
  type Facts,
} from '../src/checklist/index.js';
import { loadChecklistRules, type MaterialItem } from '../src/checklist/rules.js';
import { runCli } from '../src/cli/main.js';
import { loadRegion } from '../src/plan/regions.js';
import { deadlineRules } from '../src/plan/rules.js';
import { rulesPath } from '../src/core/rules-loader.js';
import type { CheckResult } from '../src/photo/types.js';
import type { Profile } from '../src/profile/index.js';
import { fakeContext } from './helpers/context.js';
import { cjk, englishSentence } from './helpers/language.js';
import { sampleProfile } from './helpers/profile.js';

const today = '2026-11-22';

const profile = (overrides: Partial<Profile> = {}): Profile => sampleProfile(overrides, today);

const itemIds = (list: Checklist, step: string) => list.steps.find((s) => s.id === step)?.items.map((i) => i.id) ?? [];
const tipIds = (list: Checklist, step: string) => list.steps.find((s) => s.id === step)?.tips.map((t) => t.id) ?? [];
const dateIds = (list: Checklist, step: string) => list.steps.find((s) => s.id === step)?.dates.map((d) => d.id) ?? [];

describe('the condition matcher', () => {
  const facts: Facts = factsOf(profile({ region: 'shanghai', hukou: 'non-local', residencePermit: true, child: { birthDate: '2022-03-15' }, stage: 'kindergarten', special: ['low-income'] }), today);
  const table: Array<[string, unknown, boolean]> = [
    ['no conditions', undefined, true],
    ['equal value', { region: 'shanghai' }, true],
    ['other value', { region: 'beijing' }, false],
    ['all entries of an object', { region: 'shanghai', hukou: 'non-local' }, true],
    ['one entry of an object fails', { region: 'shanghai', hukou: 'local' }, false],
    ['any object of a list', [{ region: 'beijing' }, { lowIncome: true }], true],
    ['no object of a list', [{ region: 'beijing' }, { disability: true }], false],
    ['a list of allowed values', { stage: ['kindergarten', 'school'] }, true],
    ['not', { region: { not: 'shanghai' } }, false],
    ['not, other value', { stage: { not: 'newborn' } }, true],
    ['minAge holds at 4', { minAge: 4 }, true],
    ['minAge fails', { minAge: 5 }, false],
    ['maxAge fails at 4', { maxAge: 3 }, false],
    ['a fact the profile does not have', { shanghai120Points: false }, false],
    ['booleans', { agent: false, paid: false, lowIncome: true }, true],
  ];
  it.each(table)('%s', (_why, conditions, expected) => {
    expect(matches(conditionsSchema(z).parse(conditions ?? {}), facts)).toBe(expected);
  });

  it('rejects unknown facts so a typo in a rules file fails on load', () => {
    const result = conditionsSchema(z).safeParse({ hukuo: 'non-local' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('hukuo');
  });

  it('counts age in whole years on the checklist date', () => {
    expect(factsOf(profile({ child: { birthDate: '2022-11-22' } }), today).age).toBe(4);
    expect(factsOf(profile({ child: { birthDate: '2022-11-23' } }), today).age).toBe(3);
  });
});

describe('buildChecklist', () => {
  it('orders the five steps from enrolment to afterwards', () => {
    const list = buildChecklist(profile(), { today });
    expect(list.steps.map((s) => s.id)).toEqual(['enroll', 'apply', 'production', 'collect', 'after']);
    expect(list.steps.map((s) => s.title.zh)).toEqual(['参保登记与缴费', '申领社保卡', '等待制卡', '领卡与激活', '领卡以后']);
  });

  it('local newborn: birth certificate, newborn deadlines from the planner, no non-local or agent papers', () => {
    const list = buildChecklist(profile({ region: 'beijing' }), { today });
    expect(itemIds(list, 'enroll')).toEqual(['hukou-book-newborn', 'guardian-id', 'birth-certificate', 'guardian-bank-card']);
    // The 2027 window closes in December, before the 90-day newborn deadline: it comes first.
    expect(dateIds(list, 'enroll')).toEqual(['annual-payment-window', 'newborn-enrollment-deadline', 'newborn-payment-deadline']);
    // Beijing: 90 days from 2026-10-10 is 2027-01-08 (DOMAIN.md §2.1 counting).
    expect(list.steps[0]?.dates.find((d) => d.id === 'newborn-enrollment-deadline')).toMatchObject({ date: '2027-01-08', status: 'upcoming' });
    expect(itemIds(list, 'apply')).toEqual(['guardian-id', 'e-photo', 'hukou-book-apply', 'birth-certificate-apply', 'payment-proof']);
    expect(dateIds(list, 'apply')).toEqual(['card-application']);
    expect(dateIds(list, 'after')).toEqual([]);
    expect(list.child).toMatchObject({ age: 0, months: 1, stage: 'newborn' });
    const all = list.steps.flatMap((s) => s.items.map((i) => i.id));
    expect(all).not.toContain('residence-permit');
    expect(all).not.toContain('power-of-attorney');
    expect(list.steps.every((s) => !s.done)).toBe(true);
  });

  it('non-local kindergarten child in Shanghai: 120-point permit, the e-photo, the annual window as the date', () => {
    const list = buildChecklist(
      profile({ region: 'shanghai', hukou: 'non-local', residencePermit: true, shanghai120Points: true, child: { birthDate: '2022-03-15' }, stage: 'kindergarten' }),
      { today },
    );
    const enroll = itemIds(list, 'enroll');
    expect(enroll).toContain('shanghai-residence-permit');
    expect(enroll).not.toContain('residence-permit');
    expect(enroll).toContain('hukou-book');
    expect(enroll).not.toContain('birth-certificate');
    // No Shanghai studio-receipt rule: none had a public source (see withReceiptItem below).
    expect(itemIds(list, 'apply')).toContain('e-photo');
    expect(tipIds(list, 'enroll')).toEqual([]);
    // Past the newborn window the dates that matter are this year's payment window, not an overdue newborn deadline.
    expect(dateIds(list, 'enroll')).toEqual(['annual-payment-window']);
    expect(list.steps[0]?.dates[0]).toMatchObject({ start: '2026-10-01', end: '2026-12-21', status: 'due-soon' });
    expect(dateIds(list, 'after')).toEqual([]);
    expect(list.warnings.map((w) => w.id)).toEqual(['provisional-region', 'region-fallback']);
    expect(list.hotlines.map((h) => h.number)).toEqual(['12333', '12345']);
  });

  it('Shanghai under 4: the e-photo, and no studio receipt', () => {
    const list = buildChecklist(profile({ region: 'shanghai', child: { birthDate: '2023-11-23' }, stage: 'preschool' }), { today });
    expect(itemIds(list, 'apply')).toContain('e-photo');
    expect(itemIds(list, 'apply').filter((id) => id.endsWith('-photo-receipt'))).toEqual([]);
    expect(list.photo.receiptRequired).toBe(false);
  });

  it('non-local without a permit elsewhere: permit or rental contract, and a tip to call first', () => {
    const list = buildChecklist(profile({ region: 'wuhan', hukou: 'non-local', residencePermit: false }), { today });
    expect(itemIds(list, 'enroll')).toContain('residence-permit');
    expect(list.steps[0]?.items.find((i) => i.id === 'residence-permit')?.text.en).toContain('rental contract');
    expect(tipIds(list, 'enroll')).toContain('non-local-without-permit');
  });

  it('Shanghai permit short of 120 points: warns to ask before going', () => {
    const list = buildChecklist(profile({ region: 'shanghai', hukou: 'non-local', residencePermit: true, shanghai120Points: false }), { today });
    expect(tipIds(list, 'enroll')).toContain('shanghai-points');
  });

  it('agent applying: power of attorney and the agent’s ID when applying and collecting', () => {
    const list = buildChecklist(profile({ applicant: 'agent' }), { today });
    for (const step of ['apply', 'collect']) {
      expect(itemIds(list, step)).toEqual(expect.arrayContaining(['power-of-attorney', 'agent-id']));
    }
    expect(itemIds(list, 'enroll')).not.toContain('power-of-attorney');
    expect(list.steps[1]?.items.find((i) => i.id === 'power-of-attorney')).toMatchObject({ text: { zh: '委托书（监护人签字）' }, original: true, copy: false });
  });

  it('low-income family: proof for the exemption and the exemption tip', () => {
    const list = buildChecklist(profile({ special: ['low-income'], stage: 'school', child: { birthDate: '2018-09-01' } }), { today });
    expect(itemIds(list, 'enroll')).toContain('low-income-proof');
    expect(itemIds(list, 'enroll')).not.toContain('extreme-poverty-proof');
    expect(tipIds(list, 'enroll')).toEqual(['school-enrolment', 'premium-exemption']);
  });

  it('disability and 特困 each bring their own proof', () => {
    const list = buildChecklist(profile({ special: ['extreme-poverty', 'disability'] }), { today });
    expect(itemIds(list, 'enroll')).toEqual(expect.arrayContaining(['extreme-poverty-proof', 'disability-certificate']));
    expect(itemIds(list, 'enroll')).not.toContain('low-income-proof');
  });

  it('already paid: the first step is done and the annual window moves to "afterwards"', () => {
    const list = buildChecklist(profile({ paid: true, stage: 'school', child: { birthDate: '2016-01-01' } }), { today });
    expect(list.steps[0]).toMatchObject({ id: 'enroll', done: true, dates: [] });
    expect(tipIds(list, 'enroll')).toEqual(['already-paid']);
    expect(dateIds(list, 'after')).toEqual(['annual-payment-window']);
    const md = renderChecklistMarkdown(list, 'zh');
    expect(md).toContain('## 1. 参保登记与缴费（已完成）\n\n- 你已参保并缴了今年的费用');
    expect(md).not.toContain('- [ ] 户口簿 — 原件 + 复印件（首页、孩子本人页、监护人页）');
  });

  it('with an application date, production and collection get dates from the planner', () => {
    const list = buildChecklist(profile({ region: 'shanghai' }), { today, applied: '2026-11-20' });
    expect(dateIds(list, 'production')).toEqual(['card-ready-earliest', 'card-ready-latest']);
    expect(dateIds(list, 'collect')).toEqual(['card-collection']);
  });

  it('gives the region’s replacement fee and card times to the tips, which the renderers fill in', () => {
    const shanghai = buildChecklist(profile({ region: 'shanghai' }), { today });
    expect(shanghai.steps[4]?.tips.find((t) => t.id === 'loss')).toMatchObject({ kind: 'rule', replacementFeeYuan: 25 });
    expect(shanghai.steps[4]?.tips.find((t) => t.id === 'e-voucher')).not.toHaveProperty('replacementFeeYuan');
    expect(shanghai.steps[2]?.tips.find((t) => t.id === 'card-duration')).toMatchObject({
      kind: 'card-duration',
      earliest: { unit: 'working-days', count: 3 },
      latest: { unit: 'calendar-days', count: 30 },
    });
    const text = renderChecklistText(shanghai, 'zh');
    expect(text).toContain('补卡费用：25 元');
    expect(text).toContain('上海：申领后一般 3 个工作日到 30 天制成。');
    // No region file leaves the fee unknown now: patch the loaded region for the null case.
    const wuhanRegion = loadRegion('wuhan');
    const card = wuhanRegion.card;
    wuhanRegion.card = { ...card, replacementFeeYuan: null };
    try {
      const wuhan = buildChecklist(profile({ region: 'wuhan' }), { today });
      expect(wuhan.steps[4]?.tips.find((t) => t.id === 'loss')).toMatchObject({ replacementFeeYuan: null });
      expect(renderChecklistText(wuhan, 'en')).toContain('set locally (commonly ¥20)');
    } finally {
      wuhanRegion.card = card;
    }
  });

  it('lists the region’s apps for the preferred channel first', () => {
    const online = buildChecklist(profile({ region: 'shanghai' }), { today });
    expect(online.steps[1]?.where.map((place) => place.via)).toEqual(['online', 'in-person']);
    expect(renderChecklistText(online, 'zh')).toContain('线上：随申办、银行 App、当地人社网站');
    const bank = buildChecklist(profile({ region: 'shanghai', channel: 'bank' }), { today });
    expect(bank.steps[1]?.where.map((place) => place.via)).toEqual(['in-person', 'online']);
    expect(renderChecklistMarkdown(bank, 'zh')).toMatch(/\*\*在哪里\*\*\n\n- 线下：合作银行网点/);
    expect(tipIds(bank, 'apply')).toEqual(['choose-branch', 'bring-originals']);
  });

  it('keeps the planner’s warnings that concern the child: no newborn-window conflict past the first year', () => {
    const newborn = buildChecklist(profile({ region: 'beijing' }), { today });
    const conflicts = (list: Checklist) => list.warnings.flatMap((w) => (w.id === 'source-conflict' ? [w.field] : []));
    expect(conflicts(newborn)).toEqual(['newborn']);
    const toddler = buildChecklist(profile({ region: 'chengdu', child: { birthDate: '2024-05-01' }, stage: 'preschool' }), { today });
    expect(conflicts(toddler)).toEqual(['annualPayment']);
    expect(renderChecklistText(toddler, 'zh')).toContain('注意：成都资料有冲突：');
    expect(conflicts(buildChecklist(profile({ region: 'beijing', child: { birthDate: '2024-05-01' }, stage: 'preschool' }), { today }))).toEqual([]);
    const yearEnd = buildChecklist(profile({ child: { birthDate: '2025-12-20' }, stage: 'preschool' }), { today });
    expect(yearEnd.warnings.map((w) => w.id)).not.toContain('year-end-birth');
  });
});

describe('the photo line', () => {
  const tooLarge: CheckResult = { id: 'file-size', status: 'fail', reason: 'too-large', measured: { bytes: 51_200 }, limits: { minBytes: 14_336, maxBytes: 40_960 }, fixable: true };
  const format: CheckResult = { id: 'format', status: 'pass', reason: 'ok', measured: { format: 'jpeg' } };

  it('says whether the photo passed and, if not, the command that fixes it', () => {
    const failed = buildChecklist(profile(), { today, photo: { file: 'photo.jpg', report: { ok: false, checks: [tooLarge, format] } } });
    expect(failed.photo).toEqual({
      status: 'fail',
      file: 'photo.jpg',
      failed: [tooLarge],
      warnings: [],
      error: null,
      fixCommand: 'shebao fix-photo photo.jpg -o photo-fixed.jpg',
      receiptRequired: false,
    });
    const text = renderChecklistText(failed, 'zh');
    expect(text).toContain('照片 photo.jpg 未通过：文件太大');
    expect(text).toContain('修复：shebao fix-photo photo.jpg -o photo-fixed.jpg');
    expect(renderChecklistText(failed, 'en')).toContain('the photo photo.jpg failed: the file is too large');
    const passed = buildChecklist(profile(), { today, photo: { file: 'ok.jpg', report: { ok: true, checks: [] } } });
    expect(renderChecklistMarkdown(passed, 'zh')).toContain('- [x] 孩子的电子证件照');
    expect(renderChecklistText(buildChecklist(profile(), { today }), 'zh')).toContain('还没检查照片：运行 shebao check-photo');
    expect(renderChecklistMarkdown(buildChecklist(profile(), { today }), 'zh')).not.toContain('shebao check-photo');
  });

  it('reports a photo that could not be checked with the error’s code', () => {
    const list = buildChecklist(profile(), { today, photo: { file: 'gone.jpg', error: new Error('EACCES') } });
    expect(list.photo).toMatchObject({ status: 'unreadable', file: 'gone.jpg', fixCommand: null });
    expect(renderChecklistText(list, 'zh')).toContain('照片 gone.jpg 无法检查：EACCES');
    const json = JSON.parse(renderChecklistJson(list, 'en'));
    expect(json.photo).toMatchObject({ status: 'unreadable', error: 'EACCES', errorCode: null });
  });

  it('quotes file names for the shell', () => {
    expect(fixCommandFor('宝宝 照片.JPG')).toBe("shebao fix-photo '宝宝 照片.JPG' -o '宝宝 照片-fixed.jpg'");
    expect(fixCommandFor("it's.png")).toBe("shebao fix-photo 'it'\\''s.png' -o 'it'\\''s-fixed.jpg'");
  });
});

describe('renderers', () => {
  const list = buildChecklist(profile({ region: 'shanghai', applicant: 'agent' }), { today });

  it('markdown: headings per step and - [ ] boxes for every item', () => {
    const md = renderChecklistMarkdown(list, 'zh');
    expect(md).toMatch(/^# 社保卡与少儿医保办理清单 · 上海（暂定规则）\n/);
    expect(md).toContain('## 1. 参保登记与缴费');
    expect(md).toContain('## 5. 领卡以后');
    expect(md).toContain('- [ ] 委托书（监护人签字） — 原件；非监护人代办时需要');
    expect(md).toContain('- [ ] 户口簿 — 原件 + 复印件（首页、孩子本人页）');
    const boxes = md.split('\n').filter((line) => line.startsWith('- [ ] ')).length;
    expect(boxes).toBe(list.steps.reduce((n, s) => n + s.items.length, 0));
  });

  it('text: dates with status, where, what to bring and tips, without colour by default', () => {
    const text = renderChecklistText(list, 'zh');
    expect(text).toContain('[待办] 新生儿参保登记截止：2027-01-11（还有 50 天，估算）');
    expect(text).toContain('要带：');
    expect(text).toContain('☐ 出生医学证明 — 原件 + 复印件；新生儿参保最关键的材料');
    expect(text).toContain('有的地方社保密码初始为 123456');
    expect(text).toContain('出发前打 12333 / 12345');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('only the text names commands to type: after the card application, the card-duration tip and the e-photo note', () => {
    const command = /(^|[\s(（])--[a-z]|shebao (check-photo|fix-photo|plan|checklist|profile)\b/;
    const text = renderChecklistText(list, 'zh');
    expect(text).toContain('可用 shebao check-photo 检查照片。申领后加上 --applied <申领日期> 重新运行，可算出制卡完成的日期。');
    expect(text).toContain('申领后一般 3 个工作日到 30 天制成。加 --applied <申领日期> 可算出具体日期。');
    expect(text).toContain('☐ 孩子的电子证件照；358×441 像素、白底、14–40 KB 的 JPEG；用 shebao check-photo 检查');
    expect(renderChecklistText(list, 'en')).toContain('a 14–40 KB JPEG; check it with shebao check-photo');
    for (const lang of ['zh', 'en'] as const) {
      expect(renderChecklistMarkdown(list, lang)).not.toMatch(command);
      expect(renderChecklistJson(list, lang)).not.toMatch(command);
    }
    // A planned application: the card has dates, so the tip asks for none; the photo is still worth a check.
    const applied = renderChecklistText(buildChecklist(profile({ region: 'shanghai' }), { today, applied: '2026-11-25' }), 'en');
    expect(applied).not.toContain('--applied');
    expect(applied).toContain('Planned for 2026-11-25: you need a compliant e-photo; choose the bank branch for pick-up when applying. Check the photo with shebao check-photo.');
  });

  it('JSON takes what another surface adds in place of the commands', () => {
    const hints = {
      milestones: { 'card-application': () => 'give the date' },
      cardDuration: () => 'give it here',
      items: { 'e-photo': 'check it here' },
    };
    const json = JSON.parse(renderChecklistJson(list, 'en', hints)) as { steps: Array<{ dates: Array<{ id: string; action: string }>; tips: Array<{ id: string; text: string }>; items: Array<{ id: string; note: string | null }> }> };
    const all = <T,>(key: 'dates' | 'tips' | 'items') => json.steps.flatMap((step) => step[key] as T[]);
    expect(all<{ id: string; action: string }>('dates').find((date) => date.id === 'card-application')?.action).toMatch(/when applying\. give the date$/);
    expect(all<{ id: string; text: string }>('tips').find((tip) => tip.id === 'card-duration')?.text).toMatch(/after applying\. give it here$/);
    expect(all<{ id: string; note: string | null }>('items').find((item) => item.id === 'e-photo')?.note).toBe('358×441 px, white background, a 14–40 KB JPEG; check it here');
  });

  it('English with lang en', () => {
    const en = buildChecklist(profile({ region: 'shanghai' }), { today });
    const md = renderChecklistMarkdown(en, 'en');
    expect(md).toContain('## 1. Enrol and pay');
    expect(md).toContain("- [ ] the guardian's resident ID card — original + copy (both sides)");
    expect(md).toContain('child born 2026-10-10 (1 month old)');
    expect(renderChecklistText(en, 'en')).toContain('[upcoming] Newborn enrolment deadline: 2027-01-11 (50 days left, estimate)');
  });

  it('JSON: every field the document had, its strings in one language, and the data beside them', () => {
    const json = JSON.parse(renderChecklistJson(list, 'en'));
    expect(Object.keys(json)).toEqual(['today', 'lang', 'region', 'child', 'steps', 'photo', 'hotlines', 'warnings', 'premium']);
    expect(json).toMatchObject({
      today,
      lang: 'en',
      region: { id: 'shanghai', name: 'Shanghai', provisional: true },
      child: { birthDate: '2026-10-10', age: 0, months: 1, stage: 'newborn', stageName: 'newborn (under 1 year)' },
      hotlines: [{ number: '12333' }, { number: '12345' }],
    });
    const [enroll, apply] = json.steps;
    expect(enroll).toMatchObject({ id: 'enroll', title: 'Enrol and pay', done: false });
    expect(enroll.dates.find((d: { id: string }) => d.id === 'newborn-enrollment-deadline')).toEqual({
      id: 'newborn-enrollment-deadline',
      title: 'Newborn enrolment deadline',
      date: '2027-01-11',
      start: null,
      end: null,
      daysLeft: 50,
      status: 'upcoming',
      estimate: true,
      action: expect.any(String),
      kind: 'deadline',
    });
    expect(apply.where[0]).toBe("online: Suishenban (Shanghai government app), your bank's app, the local human resources and social security website");
    expect(apply.places[0]).toEqual({ via: 'online', apps: ['Suishenban (Shanghai government app)', "your bank's app", 'the local human resources and social security website'] });
    expect(apply.items.find((i: { id: string }) => i.id === 'power-of-attorney')).toEqual({
      id: 'power-of-attorney',
      text: 'a power of attorney (委托书) signed by the guardian',
      original: true,
      copy: false,
      pages: null,
      note: 'needed when someone other than the guardian goes',
      source: expect.any(String),
    });
    const production = json.steps[2];
    expect(production.tips.find((t: { id: string }) => t.id === 'card-duration')).toMatchObject({
      kind: 'card-duration',
      text: 'Shanghai: the card is usually ready 3 working days to 30 calendar days after applying.',
      earliest: { unit: 'working-days', count: 3 },
    });
    expect(json.warnings[0]).toMatchObject({ id: 'provisional-region', message: expect.stringContaining('The Shanghai rules are provisional'), regionName: 'Shanghai' });
    expect(JSON.parse(renderChecklistJson(list, 'zh')).warnings[0].message).toContain('上海的规则是暂定的');
  });
});

/** Every run of Chinese characters in a text. */
const cjkRuns = new RegExp(cjk.source + '+', 'g');

/**
 * Chinese names the rules files give inside their English texts on purpose ("household register
 * (户口簿)"): the words a parent will see on the documents and at the counter.
 */
const chineseNames: string[] = (() => {
  const files = [rulesPath('materials.json'), rulesPath('checklist-steps.json'), ...readdirSync(rulesPath('regions')).filter((f) => f.endsWith('.json')).map((f) => rulesPath('regions', f))];
  const names = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      const { en } = value as { en?: unknown };
      if (typeof en === 'string') for (const name of en.match(cjkRuns) ?? []) names.add(name);
      Object.values(value).forEach(collect);
    }
  };
  for (const file of files) collect(JSON.parse(readFileSync(file, 'utf8')));
  return [...names].sort((a, b) => b.length - a.length);
})();

function withoutChineseNames(text: string): string {
  return chineseNames.reduce((rest, name) => rest.split(name).join(''), text);
}

/**
 * The output without its citations: rules' `source` and a conflict's `sources` cite documents as
 * the rules files give them (English notes, Chinese document numbers), in every language.
 */
function withoutCitations(out: string, format: string): string {
  const shown = format === 'json' ? JSON.stringify(JSON.parse(out), (key, value: unknown) => (key === 'source' || key === 'sources' ? undefined : value), 2) : out;
  return shown.replace(/(来源：|Sources: )[^"\n]*/g, '');
}

describe('one language per output (shebao checklist)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shebao-checklist-'));
  const profiles: Record<string, Profile> = {
    shanghai: profile({ region: 'shanghai', applicant: 'agent', hukou: 'non-local', residencePermit: true, shanghai120Points: false, special: ['low-income', 'disability'] }),
    beijing: profile({ region: 'beijing', child: { birthDate: '2024-05-01' }, stage: 'preschool', channel: 'bank' }),
    paid: profile({ region: 'wuhan', paid: true, stage: 'school', child: { birthDate: '2016-01-01' } }),
  };
  for (const [name, data] of Object.entries(profiles)) writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(data));

  async function run(args: string[]) {
    const ctx = fakeContext({ cwd: dir });
    const code = await runCli(args, ctx);
    return { code, out: ctx.out(), err: ctx.err() };
  }

  const cases = Object.keys(profiles).flatMap((name) => [['human'], ['markdown'], ['json']].map(([format]) => [name, format] as const));

  it.each(cases)('--lang en: %s as %s has no Chinese but the documents’ own names', async (name, format) => {
    const { code, out } = await run(['--lang', 'en', 'checklist', '--profile', `${name}.json`, '--format', format!, '--today', today, '--applied', '2026-11-20']);
    expect(code).toBe(0);
    expect(withoutChineseNames(withoutCitations(out, format!))).not.toMatch(cjk);
  });

  it.each(cases)('Chinese by default: %s as %s has no English sentence', async (name, format) => {
    const { code, out } = await run(['checklist', '--profile', `${name}.json`, '--format', format!, '--today', today, '--applied', '2026-11-20']);
    expect(code).toBe(0);
    expect(englishSentence(withoutCitations(out, format!))).toBeUndefined();
  });

  it('help follows --lang', async () => {
    const en = await run(['--lang', 'en', 'checklist', '--help']);
    expect(en.out).toContain('the day you applied for the card');
    expect(en.out).not.toMatch(cjk);
    const zh = await run(['checklist', '--help']);
    expect(zh.out).toContain('已申领社保卡的日期，用来推算制卡和领卡日期');
  });

  it('a missing profile says how to make one', async () => {
    const { code, err } = await run(['checklist', '--profile', 'none.json']);
    expect(code).toBe(2);
    expect(err).toContain('先运行 shebao profile');
  });
});

/**
 * Runs `check` with a studio photo-receipt item for Shanghai from age 4 (and the e-photo only under
 * 4) added to the loaded materials: no rules file has such an item now (Shanghai's had no public
 * source), but the checklist still handles one (src/checklist/build.ts isPhotoReceipt).
 */
function withReceiptItem(check: () => void): void {
  const rules = loadChecklistRules(deadlineRules.map((rule) => rule.id));
  const items = rules.items;
  const receipt: MaterialItem = {
    id: 'test-photo-receipt',
    steps: ['apply'],
    text: { zh: '数码照片回执（测试用）', en: 'a digital photo receipt (test)' },
    original: true,
    copy: false,
    conditions: { region: 'shanghai', minAge: 4 },
    source: 'test',
    verified: '2026-11-30',
  };
  rules.items = [
    ...items.map((item) => (item.id === 'e-photo' ? { ...item, conditions: [{ region: { not: 'shanghai' } }, { region: 'shanghai', maxAge: 3 }] } : item)),
    receipt,
  ];
  try {
    check();
  } finally {
    rules.items = items;
  }
}

describe('issue 12: what a parent met', () => {
  // The parent of the issue: Shanghai, born 2026-10-15, the checklist run on 2026-11-22.
  const shanghaiBaby = profile({ region: 'shanghai', child: { birthDate: '2026-10-15' } });

  it('a step done is [已办] / [done]; "over" words only for a missed deadline', () => {
    const list = buildChecklist(shanghaiBaby, { today: '2027-01-20', applied: '2026-11-20' });
    const zh = renderChecklistText(list, 'zh');
    expect(zh).toContain('[已办] 申领社保卡：2026-11-20（61 天前）');
    expect(zh).toContain('[已办] 新生儿参保登记截止：2027-01-15（5 天前，估算）');
    expect(zh).toContain('[已到] 社保卡最早制成');
    expect(zh).not.toContain('已过');
    expect(renderChecklistText(list, 'en')).toContain('[done] Apply for the social security card');
    const missed = renderChecklistText(buildChecklist(shanghaiBaby, { today: '2027-01-20' }), 'zh');
    expect(missed).toContain('[已逾期] 新生儿参保登记截止：2027-01-15（已过期 5 天，估算）');
  });

  it('a newborn’s annual window closing in weeks is in step 1 with the newborn deadlines, in date order, not under "afterwards"', () => {
    const list = buildChecklist(shanghaiBaby, { today });
    expect(dateIds(list, 'enroll')).toEqual(['annual-payment-window', 'newborn-enrollment-deadline', 'newborn-payment-deadline']);
    expect(dateIds(list, 'after')).toEqual([]);
    const text = renderChecklistText(list, 'zh');
    expect(text.indexOf('2027 年度居民医保集中缴费期')).toBeLessThan(text.indexOf('2. 申领社保卡'));
    expect(text).toContain('2026-10-01 至 2026-12-21（进行中，还有 29 天结束）');
  });

  it('the newborn deadline says what missing it costs before it is missed', () => {
    const list = buildChecklist(shanghaiBaby, { today });
    const text = renderChecklistText(list, 'zh');
    expect(list.steps[0]?.dates.find((d) => d.id === 'newborn-enrollment-deadline')?.status).toBe('upcoming');
    expect(text).toContain('错过这个期限，出生以来的医疗费就不能报销了');
    expect(text).toContain('错过截止日：之后缴费，要等待 3 个月才有保障');
    expect(renderChecklistText(list, 'en')).toContain('Miss it and paying later means waiting 3 months before cover starts');
  });

  it('where a studio receipt is what counts (a `…-photo-receipt` item), a home-made photo that passes is not enough', () => {
    withReceiptItem(() => {
      const older = profile({ region: 'shanghai', child: { birthDate: '2022-03-15' }, stage: 'kindergarten' });
      const list = buildChecklist(older, { today, photo: { file: 'home.jpg', report: { ok: true, checks: [] } } });
      expect(itemIds(list, 'apply')).toContain('test-photo-receipt');
      expect(itemIds(list, 'apply')).not.toContain('e-photo');
      expect(list.photo).toMatchObject({ status: 'pass', receiptRequired: true, fixCommand: null });
      const text = renderChecklistText(list, 'zh');
      expect(text).toContain('自己的照片不能代替回执');
      expect(text.indexOf('自己的照片不能代替回执')).toBeLessThan(text.indexOf('照片 home.jpg 已通过检查'));
      expect(renderChecklistMarkdown(list, 'zh')).not.toContain('- [x]');
      expect(JSON.parse(renderChecklistJson(list, 'en')).photo).toMatchObject({ status: 'pass', receiptRequired: true });
      // Under 4 the e-photo is what is uploaded: no such note.
      const baby = buildChecklist(shanghaiBaby, { today, photo: { file: 'home.jpg', report: { ok: true, checks: [] } } });
      expect(baby.photo.receiptRequired).toBe(false);
      expect(renderChecklistText(baby, 'zh')).not.toContain('不能代替回执');
    });
  });

  it('a non-local parent without a residence permit is not told to bring the 120-point permit', () => {
    const without = buildChecklist(profile({ region: 'shanghai', hukou: 'non-local', residencePermit: false }), { today });
    expect(itemIds(without, 'enroll')).not.toContain('shanghai-residence-permit');
    expect(renderChecklistText(without, 'en')).not.toContain("a parent's Shanghai residence permit with 120 points");
    expect(tipIds(without, 'enroll')).toContain('shanghai-points');
    const withPermit = buildChecklist(profile({ region: 'shanghai', hukou: 'non-local', residencePermit: true, shanghai120Points: true }), { today });
    expect(itemIds(withPermit, 'enroll')).toContain('shanghai-residence-permit');
  });
});
