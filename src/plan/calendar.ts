/**
 * The official working-day calendar (国务院办公厅 holiday notices) as data from the `chinese-days`
 * package, looked up by calendar date.
 *
 * We read the package's raw data instead of calling its isWorkday(): its date helper formats with
 * the machine's local time, so under TZ=America/Los_Angeles it answers for the wrong day (2,116 of
 * the 8,401 days 2004–2026 come out wrong). We also detect which years the data covers ourselves:
 * for any other year the package silently falls back to Monday–Friday.
 */
import { createRequire } from 'node:module';
import { weekday, type IsoDate } from '../core/dates.js';
import type { Text } from '../core/text.js';

/** The shape of chinese-days/dist/chinese-days.json: date → "English name,中文名,length". */
export interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface DayInfo {
  working: boolean;
  /** The holiday (or the holiday a make-up working day belongs to), when the day is in the data. */
  holiday: Text | null;
  /** False when the year is not in the calendar and the answer is a Monday–Friday guess. */
  official: boolean;
}

export interface WorkCalendar {
  /** Where the data comes from, for warnings: "chinese-days 1.5.7". */
  name: string;
  /** Years with a complete official schedule, ascending. */
  coveredYears: readonly number[];
  dayInfo(date: IsoDate): DayInfo;
}

/**
 * Every annual notice schedules both 春节 (January/February) and 国庆节 (October), so a year holding
 * both is fully covered. Counting any entry would not do: a notice sometimes includes a day of the
 * neighbouring year (e.g. the New Year holiday 2022-12-31…2023-01-02).
 */
function coveredYearsOf(data: HolidayData): number[] {
  const spring = new Set<number>();
  const national = new Set<number>();
  for (const [date, label] of Object.entries(data.holidays)) {
    const year = Number(date.slice(0, 4));
    if (label.startsWith('Spring Festival,')) spring.add(year);
    if (label.startsWith('National Day,')) national.add(year);
  }
  return [...spring].filter((year) => national.has(year)).sort((a, b) => a - b);
}

function holidayName(label: string): Text {
  const [en = label, zh = en] = label.split(',');
  return { zh, en };
}

export function makeWorkCalendar(data: HolidayData, name: string): WorkCalendar {
  const coveredYears = coveredYearsOf(data);
  const covered = new Set(coveredYears);
  return {
    name,
    coveredYears,
    dayInfo(date) {
      const official = covered.has(Number(date.slice(0, 4)));
      const makeUp = data.workdays[date];
      if (makeUp !== undefined) return { working: true, holiday: holidayName(makeUp), official };
      const holiday = data.holidays[date];
      if (holiday !== undefined) return { working: false, holiday: holidayName(holiday), official };
      const day = weekday(date);
      return { working: day !== 0 && day !== 6, holiday: null, official };
    },
  };
}

let official: WorkCalendar | undefined;

/** The calendar shipped in the installed chinese-days package (loaded once, on first use). */
export function officialCalendar(): WorkCalendar {
  if (official === undefined) {
    const require = createRequire(import.meta.url);
    const data = require('chinese-days/dist/chinese-days.json') as HolidayData;
    const { version } = require('chinese-days/package.json') as { version: string };
    official = makeWorkCalendar(data, `chinese-days ${version}`);
  }
  return official;
}
