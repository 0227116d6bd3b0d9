/**
 * The official working-day calendar as data: one file per year in rules/holidays/<year>.json, each
 * transcribing that year's State Council notice (《国务院办公厅关于<year>年部分节假日安排的通知》),
 * with the notice as its source. Adding next year is a data change (a new file, or `--holidays
 * FILE` for a user's own), validated on load like every rules file. A year without a file falls back
 * to Monday–Friday, and every date that depends on it is labelled an estimate.
 */
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import { addDays, weekday, type IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { readInputFileOrThrow } from '../core/input-file.js';
import { parseRules, rulesPath, sourced } from '../core/rules-loader.js';
import { lazySchema, type Zod } from '../core/schema.js';
import type { Text } from '../core/text.js';

/** One year's notice: the rest days (ranges, as the notice words them) and the make-up working days. */
function holidayYear(z: Zod) {
  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
  const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
  return z
    .object({
      /** The year in the notice's title; a range may start in December of the year before (元旦). */
      year: z.number().int().min(1999).max(2100),
      ...sourced(z),
      holidays: z.array(z.object({ name: text, from: isoDate, to: isoDate }).strict().refine((h) => h.from <= h.to, { message: 'from ≤ to', path: ['to'] })).min(1),
      /** Weekend days that are working days (调休上班日). */
      workdays: z.array(z.object({ name: text, date: isoDate }).strict()),
    })
    .strict();
}

export const holidayYearSchema = lazySchema('holiday-year', holidayYear);

export type HolidayYear = z.infer<ReturnType<typeof holidayYear>>;

export interface DayInfo {
  working: boolean;
  /** The holiday (or the holiday a make-up working day belongs to), when the day is in the data. */
  holiday: Text | null;
  /** False when the year is not in the calendar and the answer is a Monday–Friday guess. */
  official: boolean;
}

export interface WorkCalendar {
  /** Where the data comes from, for warnings: "rules/holidays" or "rules/holidays + 2027.json". */
  name: string;
  /** Years with a notice, ascending. */
  coveredYears: readonly number[];
  dayInfo(date: IsoDate): DayInfo;
}

/** A calendar from year files; a later file for the same year replaces the earlier one. */
export function makeWorkCalendar(years: readonly HolidayYear[], name: string): WorkCalendar {
  const byYear = new Map<number, HolidayYear>();
  for (const year of years) byYear.set(year.year, year);
  const holidays = new Map<IsoDate, Text>();
  const workdays = new Map<IsoDate, Text>();
  for (const year of [...byYear.values()].sort((a, b) => a.year - b.year)) {
    for (const holiday of year.holidays) {
      for (let date = holiday.from; date <= holiday.to; date = addDays(date, 1)) holidays.set(date, holiday.name);
    }
    for (const workday of year.workdays) workdays.set(workday.date, workday.name);
  }
  const coveredYears = [...byYear.keys()].sort((a, b) => a - b);
  const covered = new Set(coveredYears);
  return {
    name,
    coveredYears,
    dayInfo(date) {
      const official = covered.has(Number(date.slice(0, 4)));
      const makeUp = workdays.get(date);
      if (makeUp !== undefined) return { working: true, holiday: makeUp, official };
      const holiday = holidays.get(date);
      if (holiday !== undefined) return { working: false, holiday, official };
      const day = weekday(date);
      return { working: day !== 0 && day !== 6, holiday: null, official };
    },
  };
}

/** A holiday file larger than this is not read: the shipped ones are about 2 KB. */
const maxHolidayBytes = 256 * 1024;

/** Read and validate one year file (shipped or a user's `--holidays FILE`). */
export function loadHolidayFile(file: string): HolidayYear {
  const data = parseRules(readInputFileOrThrow(file, maxHolidayBytes).toString('utf8'), holidayYearSchema, file);
  const expected = /(\d{4})\.json$/.exec(file)?.[1];
  if (file.startsWith(rulesPath('holidays')) && expected !== undefined && Number(expected) !== data.year) {
    throw new ShebaoError('rules-invalid', { file, problems: [{ field: 'year', issue: { code: 'custom', message: `${expected}` } }] });
  }
  return data;
}

/** Every year file shipped in rules/holidays/, ascending. */
export function shippedHolidayYears(): HolidayYear[] {
  return readdirSync(rulesPath('holidays'))
    .filter((file) => /^\d{4}\.json$/.test(file))
    .sort()
    .map((file) => loadHolidayFile(rulesPath('holidays', file)));
}

let official: WorkCalendar | undefined;

/** The calendar of rules/holidays/ (loaded once, on first use). */
export function officialCalendar(): WorkCalendar {
  official ??= makeWorkCalendar(shippedHolidayYears(), 'rules/holidays');
  return official;
}

/** The shipped calendar with a user's own year files added (they replace a shipped year). */
export function calendarWith(files: readonly string[]): WorkCalendar {
  if (files.length === 0) return officialCalendar();
  const extra = files.map((file) => loadHolidayFile(file));
  const names = files.map((file) => file.split(/[\\/]/).pop() ?? file);
  return makeWorkCalendar([...shippedHolidayYears(), ...extra], `rules/holidays + ${names.join(', ')}`);
}
