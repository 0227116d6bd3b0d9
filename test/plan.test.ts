import { describe, expect, it } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { deadlineRules, officialCalendar, planDeadlines, type Plan, type PlanInput } from '../src/plan/index.js';

const today = '2026-11-22';

function milestone(plan: Plan, id: string) {
  const found = plan.milestones.find((m) => m.id === id);
  if (!found) throw new Error(`no milestone ${id} in ${plan.milestones.map((m) => m.id).join(', ')}`);
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

describe('planDeadlines: the JSON contract', () => {
  it('has the fields of the issue, in order, with calendar dates', () => {
    const plan = planDeadlines({ birthDate: '2024-05-01', today });
    expect(Object.keys(plan)).toEqual(['region', 'provisional', 'birthDate', 'today', 'applied', 'milestones', 'warnings']);
    expect(plan).toMatchObject({ region: 'national', provisional: false, birthDate: '2024-05-01', today, applied: null });
    for (const m of plan.milestones) {
      expect(Object.keys(m)).toEqual(['id', 'kind', 'date', 'start', 'end', 'daysLeft', 'status', 'estimate', 'title', 'action', 'where', 'source']);
      expect(m.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['upcoming', 'due-soon', 'overdue', 'done']).toContain(m.status);
    }
    expect(plan.milestones.map((m) => m.date)).toEqual([...plan.milestones.map((m) => m.date)].sort());
  });

  it('only uses ids from the deadlineRules registry, each with a bilingual title and a source', () => {
    const ids = deadlineRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of deadlineRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.title.zh && rule.title.en && rule.source).toBeTruthy();
    }
    const plan = planDeadlines({ birthDate: '2024-07-03', today, applied: '2024-09-27' });
    expect(plan.milestones.map((m) => m.id).sort()).toEqual([...ids].sort());
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
    ['shanghai', '2024-05-01', '2024-07-01'],
    ['hangzhou', '2024-11-30', '2025-02-28'],
    ['chengdu', '2024-05-01', '2024-10-28'],
    ['tianjin', '2024-05-01', '2024-09-02'],
  ])('%s: born %s → %s', (region, birthDate, deadline) => {
    expect(milestone(planDeadlines({ birthDate, region, today }), 'newborn-enrollment-deadline').date).toBe(deadline);
  });

  it('says why a deadline moved', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today: '2024-07-04' });
    expect(milestone(plan, 'newborn-enrollment-deadline').action).toContain('2024-10-01 是休息日（国庆节），依法顺延到 2024-10-08');
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

  it('an overdue deadline says what it now means and what to do today', () => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'newborn-enrollment-deadline');
    expect(m.status).toBe('overdue');
    expect(m.action).toContain('出生以来的医疗费不再报销');
    expect(m.action).toContain('等待 3 个月');
    expect(m.action).toContain('今天就做');
    expect(m.action).toContain('2027-02-22'); // paying today + the 3-month wait
    const en = milestone(planDeadlines({ birthDate: '2024-05-01', today, lang: 'en' }), 'newborn-enrollment-deadline');
    expect(en.action).toMatch(/bills since birth are not reimbursed.*What to do today/);
  });

  it('an application date marks enrolment and payment done (the card needs the payment proof)', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today, applied: '2024-09-27' });
    expect(milestone(plan, 'newborn-enrollment-deadline').status).toBe('done');
    expect(milestone(plan, 'newborn-payment-deadline').status).toBe('done');
    expect(milestone(plan, 'card-application')).toMatchObject({ date: '2024-09-27', status: 'done' });
  });

  it('without an application, the card application is due today once the enrolment deadline has passed', () => {
    expect(milestone(planDeadlines({ birthDate: '2024-05-01', today }), 'card-application')).toMatchObject({ date: today, daysLeft: 0, status: 'due-soon' });
  });
});

describe('card production (--applied)', () => {
  it('national: applied 2024-09-27 → ready 2024-10-16 (10 working days) to 2024-10-27 (30 days)', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today: '2024-09-28', applied: '2024-09-27' });
    expect(milestone(plan, 'card-ready-earliest')).toMatchObject({ date: '2024-10-16', estimate: false, status: 'upcoming' });
    expect(milestone(plan, 'card-ready-latest')).toMatchObject({ date: '2024-10-27', estimate: false });
    expect(milestone(plan, 'card-collection')).toMatchObject({ start: '2024-10-16', end: '2024-10-27' });
  });

  it('Shanghai: 20 working days over National Day outlast 30 calendar days, so the latest is never before the earliest', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', region: 'shanghai', today, applied: '2024-09-27' });
    expect(milestone(plan, 'card-ready-earliest').date).toBe('2024-10-30');
    expect(milestone(plan, 'card-ready-latest').date).toBe('2024-10-30');
    expect(milestone(plan, 'card-ready-latest').action).toContain('赶上节假日，20 个工作日要到这一天');
  });

  it('Wuhan: the same day at a partner bank, else 30 working days', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', region: 'wuhan', today, applied: '2024-09-27' });
    expect(milestone(plan, 'card-ready-earliest').date).toBe('2024-09-27');
    expect(milestone(plan, 'card-ready-latest').date).toBe('2024-11-13');
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
    expect(m.title).toContain('2027');
  });

  it.each([
    ['2025-11-01', '2025-10-01', '2025-12-22', false], // 2025-12-20 is a Saturday: Shanghai extends it
    ['2026-11-22', '2026-10-01', '2026-12-21', false], // 2026-12-20 is a Sunday
    ['2026-12-22', '2027-10-01', '2027-12-20', true], // the 2027 window: no official calendar yet
  ])('Shanghai, today %s → %s to %s (estimate %s)', (on, start, end, estimate) => {
    const covered = officialCalendar().coveredYears.includes(2027);
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', region: 'shanghai', today: on }), 'annual-payment-window');
    expect(m).toMatchObject({ start, end, estimate: estimate && !covered });
  });

  it('Guangzhou: 1 Sep to 31 Dec, not moved (the region does not say it is extended)', () => {
    const m = milestone(planDeadlines({ birthDate: '2024-05-01', region: 'guangzhou', today: '2024-08-01' }), 'annual-payment-window');
    expect(m).toMatchObject({ start: '2024-09-01', end: '2024-12-31', estimate: false, status: 'upcoming' });
  });
});

describe('warnings', () => {
  const ids = (plan: Plan) => plan.warnings.map((w) => w.id);

  it('none for an ordinary national plan', () => {
    expect(planDeadlines({ birthDate: '2024-05-01', today }).warnings).toEqual([]);
  });

  it('a provisional city, with its conflicting sources and the dates of the other readings', () => {
    const plan = planDeadlines({ birthDate: '2024-05-01', region: 'shanghai', today });
    expect(ids(plan)).toEqual(['provisional-region', 'source-conflict']);
    expect(plan.warnings[1]?.message).toContain('3 个月 → 2024-08-01');
    expect(plan.warnings[1]?.message).toContain('Shanghai guide');
  });

  it('a future birth date is allowed and labelled as planning ahead', () => {
    const plan = planDeadlines({ birthDate: '2027-03-01', today, lang: 'en' });
    expect(ids(plan)).toContain('future-birth-date');
    expect(plan.warnings.find((w) => w.id === 'future-birth-date')?.message).toContain('planning ahead');
    expect(milestone(plan, 'newborn-enrollment-deadline').status).toBe('upcoming');
    // The next annual window after the birth, not the one closing before it.
    expect(milestone(plan, 'annual-payment-window').start).toBe('2027-10-01');
  });

  it('a year the calendar does not cover: the date is an estimate and the warning names the year', () => {
    const covered = officialCalendar().coveredYears;
    const missing = covered[covered.length - 1]! + 1;
    const plan = planDeadlines({ birthDate: `${missing - 1}-12-01`, today: `${missing - 1}-12-02` });
    expect(milestone(plan, 'newborn-enrollment-deadline').estimate).toBe(true);
    const warning = plan.warnings.find((w) => w.id === 'calendar-year-missing');
    expect(warning?.message).toContain(`没有 ${missing} 年的官方放假安排`);
    expect(warning?.message).toContain('周一至周五');
  });

  it('a birth late in the year, whose window runs into the next year', () => {
    expect(ids(planDeadlines({ birthDate: '2024-11-15', today: '2024-11-20' }))).toContain('year-end-birth');
  });

  it('an application date still ahead is a plan, not a fact', () => {
    const plan = planDeadlines({ birthDate: '2024-07-03', today: '2024-09-20', applied: '2024-09-27' });
    expect(ids(plan)).toContain('applied-in-future');
    expect(milestone(plan, 'card-application').status).toBe('due-soon');
    expect(milestone(plan, 'newborn-enrollment-deadline').status).toBe('upcoming');
  });
});

describe('bad input: exit code 2, naming the value and the expected form', () => {
  it.each([
    [{ birthDate: '2024-02-30', today }, ['"2024-02-30"', '2024 年 2 月只有 29 天']],
    [{ birthDate: '05/01/2024', today }, ['"05/01/2024"', 'YYYY-MM-DD']],
    [{ birthDate: '2024/5/1', today, lang: 'en' }, ['"2024/5/1"', 'did you mean 2024-05-01?']],
    [{ birthDate: '2024-05-01', today, region: 'xian' }, ['"xian"']],
    [{ birthDate: '2024-05-01', today, applied: '2024-04-30' }, ['2024-04-30', '早于出生日期 2024-05-01']],
  ] as const)('%o', (input, fragments) => {
    const error = thrown(input as PlanInput);
    expect(error.exitCode).toBe(2);
    for (const fragment of fragments) expect(`${error.message} ${error.hint ?? ''}`).toContain(fragment);
  });
});
