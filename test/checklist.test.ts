import { describe, expect, it } from 'vitest';
import {
  buildChecklist,
  conditionsSchema,
  factsOf,
  fixCommandFor,
  matches,
  renderChecklistMarkdown,
  renderChecklistText,
  type Checklist,
  type Facts,
} from '../src/checklist/index.js';
import type { Profile } from '../src/profile/index.js';

const today = '2026-11-22';

function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    version: 1,
    createdOn: today,
    region: 'national',
    child: { birthDate: '2026-10-10' },
    hukou: 'local',
    stage: 'newborn',
    paid: false,
    applicant: 'guardian',
    special: [],
    channel: 'online',
    ...overrides,
  };
}

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
    expect(matches(conditionsSchema.parse(conditions ?? {}), facts)).toBe(expected);
  });

  it('rejects unknown facts so a typo in a rules file fails on load', () => {
    const result = conditionsSchema.safeParse({ hukuo: 'non-local' });
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
    const list = buildChecklist(profile(), { today, lang: 'zh' });
    expect(list.steps.map((s) => s.id)).toEqual(['enroll', 'apply', 'production', 'collect', 'after']);
    expect(list.steps.map((s) => s.title)).toEqual(['参保登记与缴费', '申领社保卡', '等待制卡', '领卡与激活', '领卡以后']);
  });

  it('local newborn: birth certificate, newborn deadlines from the planner, no non-local or agent papers', () => {
    const list = buildChecklist(profile({ region: 'beijing' }), { today, lang: 'zh' });
    expect(itemIds(list, 'enroll')).toEqual(['hukou-book-newborn', 'guardian-id', 'birth-certificate', 'guardian-bank-card']);
    expect(dateIds(list, 'enroll')).toEqual(['newborn-enrollment-deadline', 'newborn-payment-deadline']);
    // Beijing: 90 days from 2026-10-10 is 2027-01-08 (DOMAIN.md §2.1 counting).
    expect(list.steps[0]?.dates[0]).toMatchObject({ date: '2027-01-08', status: 'upcoming' });
    expect(itemIds(list, 'apply')).toEqual(['guardian-id', 'e-photo', 'hukou-book-apply', 'birth-certificate-apply', 'payment-proof']);
    expect(dateIds(list, 'apply')).toEqual(['card-application']);
    expect(dateIds(list, 'after')).toEqual(['annual-payment-window']);
    expect(list.child).toMatchObject({ age: 0, months: 1, stage: 'newborn' });
    const all = list.steps.flatMap((s) => s.items.map((i) => i.id));
    expect(all).not.toContain('residence-permit');
    expect(all).not.toContain('power-of-attorney');
    expect(list.steps.every((s) => !s.done)).toBe(true);
  });

  it('non-local kindergarten child in Shanghai: 120-point permit, photo receipt from 4, the annual window as the date', () => {
    const list = buildChecklist(
      profile({ region: 'shanghai', hukou: 'non-local', residencePermit: true, shanghai120Points: true, child: { birthDate: '2022-03-15' }, stage: 'kindergarten' }),
      { today, lang: 'zh' },
    );
    const enroll = itemIds(list, 'enroll');
    expect(enroll).toContain('shanghai-residence-permit');
    expect(enroll).not.toContain('residence-permit');
    expect(enroll).toContain('hukou-book');
    expect(enroll).not.toContain('birth-certificate');
    expect(itemIds(list, 'apply')).toContain('shanghai-photo-receipt');
    expect(itemIds(list, 'apply')).not.toContain('e-photo');
    expect(tipIds(list, 'enroll')).toEqual(['shanghai-a4-copies']);
    // Past the newborn window the dates that matter are this year's payment window, not an overdue newborn deadline.
    expect(dateIds(list, 'enroll')).toEqual(['annual-payment-window']);
    expect(list.steps[0]?.dates[0]).toMatchObject({ start: '2026-10-01', end: '2026-12-21', status: 'due-soon' });
    expect(dateIds(list, 'after')).toEqual([]);
    expect(list.warnings.map((w) => w.id)).toEqual(['provisional-region']);
    expect(list.hotlines.map((h) => h.number)).toEqual(['962222', '12333', '12345']);
  });

  it('Shanghai under 4: the birth certificate number instead of a photo receipt', () => {
    const list = buildChecklist(profile({ region: 'shanghai', child: { birthDate: '2023-11-23' }, stage: 'preschool' }), { today, lang: 'zh' });
    expect(itemIds(list, 'apply')).toEqual(expect.arrayContaining(['e-photo', 'shanghai-birth-certificate-number']));
    expect(itemIds(list, 'apply')).not.toContain('shanghai-photo-receipt');
  });

  it('non-local without a permit elsewhere: permit or rental contract, and a tip to call first', () => {
    const list = buildChecklist(profile({ region: 'wuhan', hukou: 'non-local', residencePermit: false }), { today, lang: 'en' });
    expect(itemIds(list, 'enroll')).toContain('residence-permit');
    expect(list.steps[0]?.items.find((i) => i.id === 'residence-permit')?.text).toContain('rental contract');
    expect(tipIds(list, 'enroll')).toContain('non-local-without-permit');
  });

  it('Shanghai permit short of 120 points: warns to ask before going', () => {
    const list = buildChecklist(profile({ region: 'shanghai', hukou: 'non-local', residencePermit: true, shanghai120Points: false }), { today, lang: 'zh' });
    expect(tipIds(list, 'enroll')).toContain('shanghai-points');
  });

  it('agent applying: power of attorney and the agent’s ID when applying and collecting', () => {
    const list = buildChecklist(profile({ applicant: 'agent' }), { today, lang: 'zh' });
    for (const step of ['apply', 'collect']) {
      expect(itemIds(list, step)).toEqual(expect.arrayContaining(['power-of-attorney', 'agent-id']));
    }
    expect(itemIds(list, 'enroll')).not.toContain('power-of-attorney');
    expect(list.steps[1]?.items.find((i) => i.id === 'power-of-attorney')).toMatchObject({ text: '委托书（监护人签字）', original: true, copy: false });
  });

  it('low-income family: proof for the exemption and the exemption tip', () => {
    const list = buildChecklist(profile({ special: ['low-income'], stage: 'school', child: { birthDate: '2018-09-01' } }), { today, lang: 'zh' });
    expect(itemIds(list, 'enroll')).toContain('low-income-proof');
    expect(itemIds(list, 'enroll')).not.toContain('extreme-poverty-proof');
    expect(tipIds(list, 'enroll')).toEqual(['school-enrolment', 'premium-exemption']);
  });

  it('disability and 特困 each bring their own proof', () => {
    const list = buildChecklist(profile({ special: ['extreme-poverty', 'disability'] }), { today, lang: 'zh' });
    expect(itemIds(list, 'enroll')).toEqual(expect.arrayContaining(['extreme-poverty-proof', 'disability-certificate']));
    expect(itemIds(list, 'enroll')).not.toContain('low-income-proof');
  });

  it('already paid: the first step is done and the annual window moves to "afterwards"', () => {
    const list = buildChecklist(profile({ paid: true, stage: 'school', child: { birthDate: '2016-01-01' } }), { today, lang: 'zh' });
    expect(list.steps[0]).toMatchObject({ id: 'enroll', done: true, dates: [] });
    expect(tipIds(list, 'enroll')).toEqual(['already-paid']);
    expect(dateIds(list, 'after')).toEqual(['annual-payment-window']);
    const md = renderChecklistMarkdown(list);
    expect(md).toContain('## 1. 参保登记与缴费（已完成）\n\n- 你已参保并缴了今年的费用');
    expect(md).not.toContain('- [ ] 户口簿 — 原件 + 复印件（首页、孩子本人页、监护人页）');
  });

  it('with an application date, production and collection get dates from the planner', () => {
    const list = buildChecklist(profile({ region: 'shanghai' }), { today, lang: 'zh', applied: '2026-11-20' });
    expect(dateIds(list, 'production')).toEqual(['card-ready-earliest', 'card-ready-latest']);
    expect(dateIds(list, 'collect')).toEqual(['card-collection']);
  });

  it('fills the region’s replacement fee and card times into the tips', () => {
    const shanghai = buildChecklist(profile({ region: 'shanghai' }), { today, lang: 'zh' });
    expect(shanghai.steps[4]?.tips.find((t) => t.id === 'loss')?.text).toContain('补卡费用：25 元');
    expect(shanghai.steps[2]?.tips.find((t) => t.id === 'card-duration')?.text).toContain('20 个工作日到 30 天');
    const wuhan = buildChecklist(profile({ region: 'wuhan' }), { today, lang: 'en' });
    expect(wuhan.steps[4]?.tips.find((t) => t.id === 'loss')?.text).toContain('set locally');
  });

  it('lists the region’s apps for the preferred channel first', () => {
    const online = buildChecklist(profile({ region: 'shanghai' }), { today, lang: 'zh' });
    expect(online.steps[1]?.where[0]).toBe('线上：随申办、银行 App、当地人社网站');
    const bank = buildChecklist(profile({ region: 'shanghai', channel: 'bank' }), { today, lang: 'zh' });
    expect(bank.steps[1]?.where[0]).toMatch(/^线下：合作银行网点/);
    expect(tipIds(bank, 'apply')).toEqual(['choose-branch', 'bring-originals']);
  });
});

describe('the photo line', () => {
  it('says whether the photo passed and, if not, the command that fixes it', () => {
    const failed = buildChecklist(profile(), {
      today,
      lang: 'zh',
      photo: { file: 'photo.jpg', report: { ok: false, checks: [{ id: 'background', status: 'fail', message: '背景偏蓝' }, { id: 'format', status: 'pass', message: 'JPEG' }] } },
    });
    expect(failed.photo).toEqual({
      status: 'fail',
      file: 'photo.jpg',
      failed: [{ id: 'background', message: '背景偏蓝' }],
      warnings: [],
      error: null,
      fixCommand: 'shebao fix-photo photo.jpg -o photo-fixed.jpg',
    });
    const text = renderChecklistText(failed);
    expect(text).toContain('照片 photo.jpg 未通过：背景偏蓝');
    expect(text).toContain('修复：shebao fix-photo photo.jpg -o photo-fixed.jpg');
    const passed = buildChecklist(profile(), { today, lang: 'zh', photo: { file: 'ok.jpg', report: { ok: true, checks: [] } } });
    expect(renderChecklistMarkdown(passed)).toContain('- [x] 孩子的电子证件照');
    expect(renderChecklistText(buildChecklist(profile(), { today, lang: 'zh' }))).toContain('还没检查照片：运行 shebao check-photo');
  });

  it('quotes file names for the shell', () => {
    expect(fixCommandFor('宝宝 照片.JPG')).toBe("shebao fix-photo '宝宝 照片.JPG' -o '宝宝 照片-fixed.jpg'");
    expect(fixCommandFor("it's.png")).toBe("shebao fix-photo 'it'\\''s.png' -o 'it'\\''s-fixed.jpg'");
  });
});

describe('renderers', () => {
  const list = buildChecklist(profile({ region: 'shanghai', applicant: 'agent' }), { today, lang: 'zh' });

  it('markdown: headings per step and - [ ] boxes for every item', () => {
    const md = renderChecklistMarkdown(list);
    expect(md).toMatch(/^# 社保卡与少儿医保办理清单 · 上海（暂定规则）\n/);
    expect(md).toContain('## 1. 参保登记与缴费');
    expect(md).toContain('## 5. 领卡以后');
    expect(md).toContain('- [ ] 委托书（监护人签字） — 原件；非监护人代办时需要');
    expect(md).toContain('- [ ] 户口簿 — 原件 + 复印件（首页、孩子本人页）');
    const boxes = md.split('\n').filter((line) => line.startsWith('- [ ] ')).length;
    expect(boxes).toBe(list.steps.reduce((n, s) => n + s.items.length, 0));
  });

  it('text: dates with status, where, what to bring and tips, without colour by default', () => {
    const text = renderChecklistText(list);
    expect(text).toContain('[待办] 新生儿参保登记截止：2026-12-10（还有 18 天）');
    expect(text).toContain('要带：');
    expect(text).toContain('☐ 出生医学证明 — 原件 + 复印件；新生儿参保最关键的材料');
    expect(text).toContain('有的地方社保密码初始为 123456');
    expect(text).toContain('出发前打 962222 / 12333 / 12345');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('English with lang en', () => {
    const en = buildChecklist(profile({ region: 'shanghai' }), { today, lang: 'en' });
    const md = renderChecklistMarkdown(en);
    expect(md).toContain('## 1. Enrol and pay');
    expect(md).toContain("- [ ] the guardian's resident ID card — original + copy (both sides)");
    expect(md).toContain('child born 2026-10-10 (1 month old)');
  });
});
