import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from '../src/core/dates.js';
import { makeWorkCalendar, officialCalendar, type HolidayData } from '../src/plan/calendar.js';
import { addWorkingDays, deadlineOf, periodEnd, type Period } from '../src/plan/periods.js';

const days = (count: number, countStartDay = false): Period => ({ unit: 'days', count, countStartDay });
const months = (count: number): Period => ({ unit: 'months', count, countStartDay: false });

describe('period arithmetic (民法典 art. 200–204, DOMAIN.md §2.1)', () => {
  const calendar = officialCalendar();

  it.each([
    // [birth, period, last day of the period, deadline after the rest-day rule, why]
    ['2024-05-01', days(90), '2024-07-30', '2024-07-30', 'DOMAIN §2.1: the birth day is not counted'],
    ['2024-07-03', days(90), '2024-10-01', '2024-10-08', 'DOMAIN §2.1: National Day → next working day'],
    ['2024-07-14', days(90), '2024-10-12', '2024-10-12', 'DOMAIN §2.1: make-up Saturday is a working day'],
    ['2024-03-10', days(90), '2024-06-08', '2024-06-11', 'DOMAIN §2.1: Saturday, then 端午 Monday'],
    ['2024-11-30', months(3), '2025-02-28', '2025-02-28', 'DOMAIN §2.1: no 30 Feb → last day of the month'],
    ['2023-11-30', months(3), '2024-02-29', '2024-02-29', 'leap year: 29 Feb exists'],
    ['2023-01-31', months(1), '2023-02-28', '2023-02-28', 'common year month end'],
    ['2024-01-31', months(1), '2024-02-29', '2024-02-29', 'leap year month end'],
    ['2024-02-29', days(90), '2024-05-29', '2024-05-29', 'born on a leap day'],
    ['2024-08-31', months(2), '2024-10-31', '2024-10-31', 'same day-of-month exists'],
    ['2024-10-31', days(90), '2025-01-29', '2025-02-05', 'Spring Festival 2025 (01-28…02-04)'],
    ['2024-11-10', days(90), '2025-02-08', '2025-02-08', 'Spring Festival make-up Saturday 2025-02-08'],
    ['2025-11-17', days(90), '2026-02-15', '2026-02-24', 'Spring Festival 2026 (02-15…02-23)'],
    ['2024-05-01', days(90, true), '2024-07-29', '2024-07-29', 'Wuhan: the birth day counts as day 1'],
    ['2024-05-01', days(180), '2024-10-28', '2024-10-28', 'Chengdu: 180 days'],
    ['2024-05-01', months(4), '2024-09-01', '2024-09-02', 'Tianjin: 4 months, a Sunday'],
  ] as const)('born %s + %o → last day %s, deadline %s (%s)', (birth, period, lastDay, deadline, _why) => {
    expect(periodEnd(birth, period)).toBe(lastDay);
    const result = deadlineOf(birth, period, calendar);
    expect(result.date).toBe(deadline);
    expect(result.estimate).toBe(false);
    expect(result.movedFrom).toBe(lastDay === deadline ? null : lastDay);
  });

  it('names the holiday a deadline was moved for', () => {
    expect(deadlineOf('2024-07-03', days(90), calendar).movedFor).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(deadlineOf('2024-03-10', days(90), calendar).movedFor).toBeNull(); // an ordinary Saturday
  });

  it.each([
    ['2024-09-27', 10, '2024-10-16', 'the issue: 10 working days over National Day and a make-up Saturday'],
    ['2024-09-27', 0, '2024-09-27', 'instant issue (Wuhan partner banks)'],
    ['2025-01-24', 5, '2025-02-07', 'make-up Sunday 01-26, then the Spring Festival week'],
    ['2024-05-06', 20, '2024-05-31', 'after Labour Day, with make-up Saturday 05-11'],
  ] as const)('%s + %i working days → %s (%s)', (applied, count, ready, _why) => {
    const result = addWorkingDays(applied, count, calendar);
    expect(result).toEqual({ date: ready, estimate: false, missingYears: [] });
  });

  it('card-ready-latest is calendar days: 2024-09-27 + 30 → 2024-10-27', () => {
    expect(addDays('2024-09-27', 30)).toBe('2024-10-27');
  });
});

describe('a year without official calendar data', () => {
  // A calendar that knows only 2024, so the test does not depend on which years the package has.
  const only2024 = makeWorkCalendar(
    {
      holidays: { '2024-02-10': 'Spring Festival,春节,4', '2024-10-01': 'National Day,国庆节,3', '2024-10-02': 'National Day,国庆节,3' },
      workdays: { '2024-10-12': 'National Day,国庆节,3' },
    },
    'test data',
  );

  it('falls back to Monday–Friday and says which year it guessed', () => {
    expect(only2024.coveredYears).toEqual([2024]);
    expect(deadlineOf('2024-10-08', days(90), only2024)).toMatchObject({ date: '2025-01-06', estimate: true, missingYears: [2025] });
    expect(deadlineOf('2024-07-03', days(90), only2024)).toMatchObject({ date: '2024-10-03', estimate: false, missingYears: [] });
  });

  it('counts working days across the boundary as an estimate', () => {
    expect(addWorkingDays('2024-12-24', 10, only2024)).toEqual({ date: '2025-01-07', estimate: true, missingYears: [2025] });
  });

  it('does not count a year as covered because a neighbouring notice mentions one of its days', () => {
    const straddling = makeWorkCalendar(
      { holidays: { '2022-12-31': "New Year's Day,元旦,3", '2023-01-22': 'Spring Festival,春节,7', '2023-10-01': 'National Day,国庆节,8' }, workdays: {} },
      'test data',
    );
    expect(straddling.coveredYears).toEqual([2023]);
  });
});

describe('the chinese-days data', () => {
  const calendar = officialCalendar();
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('covers consecutive years from 2004, and 2027 only if the package has its schedule', () => {
    const years = calendar.coveredYears;
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(calendar.name).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
  });

  it("agrees with the package's own isWorkday on every covered day (in a zone where that function works)", () => {
    process.env.TZ = 'Asia/Shanghai';
    const { isWorkday } = createRequire(import.meta.url)('chinese-days') as { isWorkday(date: string): boolean };
    const first = calendar.coveredYears[0]!;
    const last = calendar.coveredYears[calendar.coveredYears.length - 1]!;
    const disagreements: string[] = [];
    for (let day = toDayNumber(`${first}-01-01`); day <= toDayNumber(`${last}-12-31`); day += 1) {
      const date = fromDayNumber(day);
      if (calendar.dayInfo(date).working !== isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });
});
