import { describe, expect, it } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { sayError, wording } from '../src/i18n/index.js';
import {
  deadlineRules,
  listRegions,
  loadRegion,
  officialCalendar,
  planDeadlines,
  sayMilestone,
  sayWarning,
  type Milestone,
  type MilestoneOf,
  type Plan,
  type PlanInput,
  type PlanWarning,
  type RuleId,
  type WarningId,
} from '../src/plan/index.js';

const today = '2026-11-22';

function milestone<Id extends RuleId>(plan: Plan, id: Id): MilestoneOf<Id> {
  const found = plan.milestones.find((m): m is Milestone & MilestoneOf<Id> => m.id === id);
  if (!found) throw new Error(`no milestone ${id} in ${plan.milestones.map((m) => m.id).join(', ')}`);
  return found;
}

function warning<Id extends WarningId>(plan: Plan, id: Id): Extract<PlanWarning, { id: Id }> {
  const found = plan.warnings.find((w): w is Extract<PlanWarning, { id: Id }> => w.id === id);
  if (!found) throw new Error(`no warning ${id} in ${plan.warnings.map((w) => w.id).join(', ')}`);
  return found;
}

function thrown(input: PlanInput): ShebaoError {
  try {
    planDeadlines(input);
  } catch (error) {
    if (error instanceof ShebaoError) return error;
    throw error;
  }
  throw new Error('expected planDeadlines to throw');
}

describe('planDeadlines: the data', () => {
  it('has the fields of the contract, in order, with calendar dates and no words', () => {
    const plan = planDeadlines({ birthDate: '2024-05-01', today });
    expect(Object.keys(plan)).toEqual(['region', 'provisional', 'birthDate', 'today', 'applied', 'milestones', 'warnings', 'premium']);
    expect(plan).toMatchObject({ region: 'national', provisional: false, birthDate: '2024-05-01', today, applied: null });
    for (const m of plan.milestones) {
      expect(Object.keys(m)).toEqual(['id', 'kind', 'date', 'start', 'end', 'daysLeft', 'status', 'estimate', 'facts']);
      expect(m.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['upcoming', 'due-soon', 'overdue', 'done']).toContain(m.status);
    }
    expect(plan.milestones.map((m) => m.date)).toEqual([...plan.milestones.map((m) => m.date)].sort());
  });

  it('only uses ids from the deadlineRules registry, each with a source and a title in every language', () => {
    const ids = deadlineRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of deadlineRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.source).toBeTruthy();
      expect(wording('zh').plan.rules[rule.id].title).toBeTruthy();
      expect(wording('en').plan.rules[rule.id].title).toBeTruthy();
    }
    const plan = planDeadlines({ birthDate: '2024-07-03', today, applied: '2024-09-27' });
    expect(plan.milestones.map((m) => m.id).sort()).toEqual([...ids].sort());
  });

  it("gives each rule's parameters from the region's rules file", () => {
    const params = (region: string) => Object.fromEntries(deadlineRules.map((rule) => [rule.id, rule.params(loadRegion(region))]));
    expect(params('national')).toEqual({
      'newborn-enrollment-deadline': { window: { unit: 'days', count: 90, countStartDay: false }, coverFromBirth: true },
      'newborn-payment-deadline': { window: { unit: 'days', count: 90, countStartDay: false } },
      'card-application': { window: { unit: 'days', count: 90, countStartDay: false } },
      'card-ready-earliest': { earliest: { unit: 'working-days', count: 10 } },
      'card-ready-latest': { latest: { unit: 'calendar-days', count: 30 } },
      'card-collection': { earliest: { unit: 'working-days', count: 10 }, latest: { unit: 'calendar-days', count: 30 } },
      'annual-payment-window': { start: '10-01', end: '12-20', typical: true, endMovesToWorkingDay: false },
    });
    expect(params('shanghai')).toMatchObject({
      'newborn-enrollment-deadline': { window: { unit: 'months', count: 3 } },
      'card-ready-earliest': { earliest: { unit: 'working-days', count: 3 } },
      'annual-payment-window': { typical: false, endMovesToWorkingDay: true },
    });
    for (const region of listRegions()) {
      expect(params(region.id)['card-ready-latest']).toEqual({ latest: region.card.latest });
    }
  });
});

describe('newborn-enrollment-deadline (national: 90 days, DOMAIN.md §2.1 and the issue)', () => {
  it.each([
    ['2024-05-01', '2024-07-30'],
    ['2024-07-03', '2024-10-08'],
    ['2024-03-10', '2024-06-11'],
    ['2024-07-14', '2024-10-12'],
    ['2024-10-31', '2025-02-05'],
  ])('born %s → %s', (birthDate, deadline) => {
    const plan = planDeadlines({ birthDate, today });
    expect(milestone(plan, 'newborn-enrollment-deadline')).toMatchObject({ date: deadline, estimate: false, kind: 'deadline' });
    expect(milestone(plan, 'newborn-payment-deadline').date).toBe(deadline);
  });

  it.each([
    ['wuhan', '2024-05-01', '2024-07-29'],
    ['shanghai', '2024-05-01', '2024-08-01'],
    ['hangzhou', '2024-11-30', '2025-02-28'],
    ['chengdu', '2024-05-01', '2024-10-28'],
    ['tianjin', '2024-05-01', '2024-09-02'],
  ])('%s: born %s → %s', (region, birthDate, deadline) => {
    expect(milestone(planDeadlines({ birthDate, region, today }), 'newborn-enrollment-deadline').date).toBe(deadline);
  });

  it('says why a deadline moved: the last day and its holiday, or null for an ordinary weekend', () => {
    const national = milestone(planDeadlines({ birthDate: '2024-07-03', today: '2024-07-04' }), 'newborn-enrollment-deadline');
    expect(national.facts.moved).toEqual({ from: '2024-10-01', holiday: { zh: '国庆节', en: 'National Day' } });
    expect(sayMilestone(national, 'zh').action).toContain('2024-10-01 是休息日（国庆节），依法顺延到 2024-10-08');
    const weekend = milestone(planDeadlines({ birthDate: '2025-10-17', region: 'shanghai', today: '2025-10-18' }), 'newborn-enrollment-deadline');
    expect(weekend.facts.moved).toEqual({ from: '2026-01-17', holiday: null });
    expect(sayMilestone(weekend, 'en').action).toContain('2026-01-17, is a rest day (Sat)');
    expect(milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'newborn-enrollment-deadline').facts.moved).toBeNull();
  });

  it('carries the window, cover from birth, where to go and the source', () => {
    const { facts } = milestone(planDeadlines({ birthDate: '2024-05-01', region: 'wuhan', today: '2024-05-02' }), 'newborn-enrollment-deadline');
    const wuhan = loadRegion('wuhan');
    expect(facts).toMatchObject({
      window: { unit: 'days', count: 90, countStartDay: true },
      coverFromBirth: '2024-05-01',
      overdue: null,
      applied: null,
      where: { step: 'enroll', office: wuhan.offices.enroll },
      source: wuhan.newborn.source,
      civilCode: true,
    });
  });
});

describe('status and days left', () => {
  it.each([
    ['2024-05-02', 89, 'upcoming'],
    ['2024-07-16', 14, 'due-soon'],
    ['2024-07-30', 0, 'due-soon'],
    ['2024-07-31', -1, 'overdue'],
  ] as const)('on %s: %i days left, %s', (on, daysLeft, status) => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', today: on }), 'newborn-enrollment-deadline');
    expect(m).toMatchObject({ daysLeft, status });
  });

  it('an overdue deadline carries what it now means and what paying today gives', () => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'newborn-enrollment-deadline');
    expect(m.status).toBe('overdue');
    expect(m.facts.overdue).toEqual({
      days: 845,
      meaning: loadRegion('national').lateEnrollment.summary,
      coverFromIfPaidToday: '2027-02-22', // paying today + the 3-month wait
      hotline: '12333',
    });
    const zh = sayMilestone(m, 'zh').action;
    expect(zh).toContain('出生以来的医疗费不再报销');
    expect(zh).toContain('今天就做');
    expect(sayMilestone(m, 'en').action).toMatch(/bills since birth are not reimbursed.*What to do today/);
  });

  it('an overdue payment carries what paying late costs', () => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'newborn-payment-deadline');
    expect(m.status).toBe('overdue');
    expect(m.facts.lateCover).toEqual({ coverStarts: 'after-wait', wait: { unit: 'months', count: 3 } });
    expect(m.facts.voucherApps.map((app) => app.en)).toEqual(['National Healthcare Security Service Platform app', 'Alipay', 'WeChat']);
  });

  it('an application date marks enrolment and payment done (the card needs the payment proof)', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today, applied: '2024-09-27' });
    expect(milestone(plan, 'newborn-enrollment-deadline')).toMatchObject({ status: 'done', facts: { applied: '2024-09-27', overdue: null } });
    expect(milestone(plan, 'newborn-payment-deadline').status).toBe('done');
    expect(milestone(plan, 'card-application')).toMatchObject({ date: '2024-09-27', status: 'done', facts: { applied: '2024-09-27', where: { step: 'progress' } } });
  });

  it('without an application, the card application is due today once the enrolment deadline has passed', () => {
    expect(milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'card-application')).toMatchObject({
      date: today,
      daysLeft: 0,
      status: 'due-soon',
      facts: { applied: null, where: { step: 'apply' } },
    });
  });
});

describe('card production (--applied)', () => {
  it('national: applied 2024-09-27 → ready 2024-10-16 (10 working days) to 2024-10-27 (30 days)', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today: '2024-09-28', applied: '2024-09-27' });
    expect(milestone(plan, 'card-ready-earliest')).toMatchObject({ date: '2024-10-16', estimate: false, status: 'upcoming' });
    expect(milestone(plan, 'card-ready-latest')).toMatchObject({ date: '2024-10-27', estimate: false, facts: { raised: false, hotline: '12333' } });
    expect(milestone(plan, 'card-collection')).toMatchObject({ start: '2024-10-16', end: '2024-10-27', facts: { where: { step: 'collect' } } });
  });

  it('20 working days over National Day outlast 30 calendar days, so the latest is never before the earliest', () => {
    // No region file has such figures now (Shanghai's 20 working days had no source): patch the loaded region for this test.
    const shanghai = loadRegion('shanghai');
    const card = shanghai.card;
    shanghai.card = { ...card, earliest: { unit: 'working-days', count: 20 }, latest: { unit: 'calendar-days', count: 30 } };
    try {
      const plan = planDeadlines({ birthDate: '2024-07-03', region: 'shanghai', today, applied: '2024-09-27' });
      expect(milestone(plan, 'card-ready-earliest').date).toBe('2024-10-30');
      const latest = milestone(plan, 'card-ready-latest');
      expect(latest).toMatchObject({
        date: '2024-10-30',
        facts: { raised: true, earliest: { unit: 'working-days', count: 20 }, latest: { unit: 'calendar-days', count: 30 }, hotline: '12333' },
      });
      expect(sayMilestone(latest, 'zh').action).toContain('赶上节假日，20 个工作日要到这一天');
    } finally {
      shanghai.card = card;
    }
  });

  it('Beijing: 15 working days, 30 working days for the financial card', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', region: 'beijing', today, applied: '2024-09-27' });
    expect(milestone(plan, 'card-ready-earliest')).toMatchObject({ date: '2024-10-23', facts: { earliest: { unit: 'working-days', count: 15 } } });
    expect(milestone(plan, 'card-ready-latest')).toMatchObject({ date: '2024-11-13', facts: { raised: false } });
  });

  it('has no production dates without --applied', () => {
    const ids = planDeadlines({ birthDate: '2024-05-01', today }).milestones.map((m) => m.id);
    expect(ids).not.toContain('card-ready-earliest');
    expect(ids).not.toContain('card-ready-latest');
  });
});

describe('annual-payment-window', () => {
  it('national: the next window not yet closed, flagged as the typical window', () => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'annual-payment-window');
    expect(m).toMatchObject({ kind: 'window', start: '2026-10-01', end: '2026-12-20', date: '2026-12-20', daysLeft: 28, status: 'due-soon', estimate: true });
    expect(m.facts).toMatchObject({ coverYear: 2027, typical: true, moved: null, civilCode: false });
    expect(sayMilestone(m, 'zh').title).toBe('2027 年度居民医保集中缴费期');
    expect(sayMilestone(m, 'en').title).toBe('Annual payment window for 2027 cover');
  });

  it.each([
    ['2025-11-01', '2025-10-01', '2025-12-22', '2025-12-20', false], // 2025-12-20 is a Saturday: Shanghai extends it
    ['2026-11-22', '2026-10-01', '2026-12-21', '2026-12-20', false], // 2026-12-20 is a Sunday
    ['2026-12-22', '2027-10-01', '2027-12-20', null, true], // the 2027 window: no official calendar yet
  ])('Shanghai, today %s → %s to %s (moved from %s, estimate %s)', (on, start, end, movedFrom, estimate) => {
    const covered = officialCalendar().coveredYears.includes(2027);
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', region: 'shanghai', today: on }), 'annual-payment-window');
    expect(m).toMatchObject({ start, end, estimate: estimate && !covered });
    expect(m.facts.moved?.from ?? null).toBe(movedFrom);
    expect(m.facts.civilCode).toBe(true);
  });

  it('Chengdu: 1 Sep to 25 Dec, not moved (the region does not say it is extended)', () => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', region: 'chengdu', today: '2024-08-01' }), 'annual-payment-window');
    expect(m).toMatchObject({ start: '2024-09-01', end: '2024-12-25', estimate: false, status: 'upcoming', facts: { moved: null } });
  });
});

describe('warnings', () => {
  const ids = (plan: Plan) => plan.warnings.map((w) => w.id);

  it('none for an ordinary national plan', () => {
    expect(planDeadlines({ birthDate: '2024-05-01', today }).warnings).toEqual([]);
  });

  it('a provisional city, with its conflicting sources and the dates of the other readings', () => {
    const plan = planDeadlines({ birthDate: '2024-05-01', region: 'guangzhou', today });
    const guangzhou = loadRegion('guangzhou');
    expect(ids(plan)).toEqual(['provisional-region', 'region-fallback', 'source-conflict']);
    expect(warning(plan, 'provisional-region')).toEqual({ id: 'provisional-region', region: 'guangzhou', regionName: guangzhou.name, hotlines: ['12333', '12345'] });
    expect(warning(plan, 'source-conflict')).toEqual({
      id: 'source-conflict',
      region: 'guangzhou',
      regionName: guangzhou.name,
      field: 'newborn',
      summary: guangzhou.conflicts[0]!.message,
      sources: guangzhou.conflicts[0]!.sources,
      alternatives: [{ window: { unit: 'days', count: 180, countStartDay: false }, deadline: '2024-10-28' }],
    });
    expect(sayWarning(warning(plan, 'source-conflict'), 'zh')).toContain('180 天 → 2024-10-28');
  });

  it('one source-conflict warning per conflict in the region file, each naming its field', () => {
    for (const region of listRegions()) {
      const plan = planDeadlines({ birthDate: '2024-05-01', region: region.id, today });
      const conflicts = plan.warnings.filter((w) => w.id === 'source-conflict');
      expect(conflicts.map((w) => w.field)).toEqual(region.conflicts.map((c) => c.field));
    }
  });

  it('a future birth date is allowed and labelled as planning ahead', () => {
    const plan = planDeadlines({ birthDate: '2027-03-01', today });
    expect(warning(plan, 'future-birth-date')).toEqual({ id: 'future-birth-date', birthDate: '2027-03-01', today });
    expect(sayWarning(warning(plan, 'future-birth-date'), 'en')).toContain('planning ahead');
    expect(milestone(plan, 'newborn-enrollment-deadline').status).toBe('upcoming');
    // The next annual window after the birth, not the one closing before it.
    expect(milestone(plan, 'annual-payment-window').start).toBe('2027-10-01');
  });

  it('a year the calendar does not cover: the date is an estimate and the warning names the year', () => {
    const covered = officialCalendar().coveredYears;
    const missing = covered[covered.length - 1]! + 1;
    const plan = planDeadlines({ birthDate: `${missing - 1}-12-01`, today: `${missing - 1}-12-02` });
    expect(milestone(plan, 'newborn-enrollment-deadline').estimate).toBe(true);
    const found = warning(plan, 'calendar-year-missing');
    expect(found).toEqual({ id: 'calendar-year-missing', years: [missing], calendar: officialCalendar().name, covered: { from: 2004, to: missing - 1 } });
    expect(sayWarning(found, 'zh')).toContain(`没有 ${missing} 年的官方放假安排`);
  });

  it('a birth late in the year, whose window runs into the next year', () => {
    expect(warning(planDeadlines({ birthDate: '2024-11-15', today: '2024-11-20' }), 'year-end-birth')).toEqual({ id: 'year-end-birth', birthYear: 2024, nextYear: 2025 });
  });

  it('an application date still ahead is a plan, not a fact', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today: '2024-09-20', applied: '2024-09-27' });
    expect(warning(plan, 'applied-in-future')).toEqual({ id: 'applied-in-future', applied: '2024-09-27', today: '2024-09-20' });
    expect(milestone(plan, 'card-application')).toMatchObject({ status: 'due-soon', facts: { applied: '2024-09-27', where: { step: 'apply' } } });
    expect(milestone(plan, 'newborn-enrollment-deadline')).toMatchObject({ status: 'upcoming', facts: { applied: null } });
  });
});

describe('bad input: exit code 2, a code and the details to name the value', () => {
  it.each([
    [{ birthDate: '2024-02-30', today }, 'invalid-date', { option: 'birthDate', value: '2024-02-30', reason: 'no-such-day', daysInMonth: 29 }],
    [{ birthDate: '2024-13-01', today }, 'invalid-date', { option: 'birthDate', value: '2024-13-01', reason: 'no-such-month' }],
    [{ birthDate: '05/01/2024', today }, 'invalid-date', { option: 'birthDate', value: '05/01/2024', reason: 'format' }],
    [{ birthDate: '2024/2/30', today }, 'invalid-date', { option: 'birthDate', value: '2024/2/30', reason: 'no-such-day', daysInMonth: 29 }],
    [{ birthDate: '2024-05-01', today: 'tomorrow' }, 'invalid-date', { option: 'today', value: 'tomorrow', reason: 'format' }],
    [{ birthDate: '2024-05-01' }, 'missing-option', { name: 'today', expected: 'YYYY-MM-DD' }],
    [{ birthDate: '2024-05-01', today, region: 'xian' }, 'unknown-region', { region: 'xian', known: expect.arrayContaining(['national', 'shanghai']) }],
    [{ birthDate: '2024-05-01', today, applied: '2024-04-30' }, 'applied-before-birth', { applied: '2024-04-30', birthDate: '2024-05-01' }],
  ] as const)('%o → %s', (input, code, details) => {
    const error = thrown(input as PlanInput);
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
  });

  it('says the plan errors in both languages', () => {
    const error = thrown({ birthDate: '2024-05-01', today, applied: '2024-04-30' });
    expect(sayError(error, 'zh').message).toBe('申领日期 2024-04-30 早于出生日期 2024-05-01');
    expect(sayError(error, 'en').message).toBe('the application date 2024-04-30 is before the birth date 2024-05-01');
  });
});
