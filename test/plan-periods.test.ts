import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDateAt } from '../src/core/dates.js';
import { ShebaoError } from '../src/core/errors.js';
import { rulesPath } from '../src/core/rules-loader.js';
import { calendarWith, loadHolidayFile, makeWorkCalendar, officialCalendar, shippedHolidayYears, type HolidayYear } from '../src/plan/calendar.js';
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
  const name = (zh: string, en: string) => ({ zh, en });
  const year = (y: number, holidays: HolidayYear['holidays'], workdays: HolidayYear['workdays'] = []): HolidayYear => ({ year: y, source: 'test', verified: '2026-11-30', holidays, workdays });
  // A calendar that knows only 2024, so the test does not depend on which years rules/holidays has.
  const only2024 = makeWorkCalendar(
    [year(2024, [{ name: name('春节', 'Spring Festival'), from: '2024-02-10', to: '2024-02-10' }, { name: name('国庆节', 'National Day'), from: '2024-10-01', to: '2024-10-02' }], [{ name: name('国庆节', 'National Day'), date: '2024-10-12' }])],
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

  it("counts a notice's December days (元旦 of the next year) under the notice's year", () => {
    const straddling = makeWorkCalendar([year(2023, [{ name: name('元旦', "New Year's Day"), from: '2022-12-31', to: '2023-01-02' }])], 'test data');
    expect(straddling.coveredYears).toEqual([2023]);
    expect(straddling.dayInfo('2022-12-31')).toEqual({ working: false, holiday: name('元旦', "New Year's Day"), official: false });
  });
});

describe('rules/holidays: one file per State Council notice', () => {
  const calendar = officialCalendar();

  it('covers consecutive years from 2004 to 2026; 2027 stays an estimate until its notice is added', () => {
    const years = calendar.coveredYears;
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(years).toContain(2026);
    expect(calendar.name).toBe('rules/holidays');
    expect(deadlineOf('2026-11-15', days(90), calendar)).toMatchObject({ estimate: true, missingYears: [2027] });
  });

  it('every file cites its notice and the check date', () => {
    for (const file of shippedHolidayYears()) {
      expect(file.source).toContain(`关于${file.year}年部分节假日安排的通知`);
      expect(file.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each([
    // 国办发明电〔2025〕7号, the 2026 notice, item by item.
    ['2026-01-03', false, '元旦'],
    ['2026-01-04', true, '元旦'],
    ['2026-02-14', true, '春节'],
    ['2026-02-23', false, '春节'],
    ['2026-02-28', true, '春节'],
    ['2026-05-09', true, '劳动节'],
    ['2026-06-19', false, '端午'],
    ['2026-09-20', true, '国庆节'],
    ['2026-09-25', false, '中秋'],
    ['2026-10-07', false, '国庆节'],
    ['2026-10-10', true, '国庆节'],
  ] as const)('2026 notice: %s working=%s (%s)', (date, working, holiday) => {
    expect(calendar.dayInfo(date)).toEqual({ working, holiday: expect.objectContaining({ zh: holiday }), official: true });
  });
});

describe('--holidays FILE: a year of your own', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'shebao-holidays-'));
  const y2027 = path.join(folder, '2027.json');
  writeFileSync(
    y2027,
    JSON.stringify({
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
      verified: '2026-12-01',
      holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    }),
  );

  it('adds the year: its dates are no longer estimates, and the calendar names the file', () => {
    const calendar = calendarWith([y2027]);
    expect(calendar.coveredYears).toContain(2027);
    expect(calendar.name).toBe('rules/holidays + 2027.json');
    expect(deadlineOf('2026-10-04', days(90), calendar)).toMatchObject({ date: '2027-01-04', estimate: false, movedFrom: '2027-01-02' });
  });

  it('is validated like a rules file: the error names the file and the field', () => {
    const bad = path.join(folder, 'bad.json');
    writeFileSync(bad, JSON.stringify({ year: 2027, source: 'x', verified: '2026-12-01', holidays: [{ name: { zh: '元旦' }, from: '2027-01-01', to: '2027-01-03' }], workdays: [] }));
    try {
      loadHolidayFile(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ShebaoError);
      expect((error as ShebaoError).code).toBe('rules-invalid');
      expect(JSON.stringify((error as ShebaoError).details)).toContain('holidays.0.name.en');
    }
  });

  it('the shipped file is named after its notice year', () => {
    expect(JSON.parse(readFileSync(rulesPath('holidays', '2026.json'), 'utf8')).year).toBe(2026);
  });
});

describe("today's date in China", () => {
  it('is the date in Asia/Shanghai at that instant, whatever the machine zone: the day turns at 16:00 UTC', () => {
    expect(calendarDateAt(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(calendarDateAt(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(calendarDateAt(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(calendarDateAt(new Date('2024-02-28T16:30:00Z'))).toBe('2024-02-29');
  });

  it('agrees with the time-zone database at every hour for six years, and before 1991 when China had summer time', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2029, 0, 1); t += 3_600_000 * 7) {
      expect(calendarDateAt(new Date(t))).toBe(zone.format(new Date(t)));
    }
    // 1988-07-01 15:30 UTC was already the next day in Beijing's summer time (UTC+9).
    expect(calendarDateAt(new Date('1988-07-01T15:30:00Z'))).toBe('1988-07-02');
  });
});
