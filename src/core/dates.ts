/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on UTC day numbers so the machine's
 * time zone never shifts a date; "today" is the date in China (Asia/Shanghai) unless given.
 */
import { kindOf, ShebaoError } from './errors.js';

export type IsoDate = string;

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date may fall in. Nobody applying for a social security card was born before 1900
 * or plans past 2100; outside them a date is a typo (0024 for 2024, 9999-12-31 as "never"), and
 * the arithmetic below never has to meet years 0–99, which Date.UTC reads as 1900–1999.
 */
export const minYear = 1900;
export const maxYear = 2100;

/**
 * Parse and validate `YYYY-MM-DD` in minYear–maxYear; undefined for anything else, including
 * 2024-02-30. `years` widens the range for dates that are data rather than input: an ID number
 * issued in 1999 may encode a birth in the 1880s.
 */
export function parseIsoDate(value: string, years: { min: number; max: number } = { min: minYear, max: maxYear }): IsoDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = isoPattern.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < years.min || year > years.max) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** Year first, as people write dates: 2024-5-1, 2024/05/01, 2024.5.1, 2024年5月1日 (full-width digits too). */
const yearFirstPattern = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;

/**
 * The one date parser for everything a person types (options, answers files, the interview): a
 * year-first date in any of the forms above, written back as `YYYY-MM-DD`; undefined for anything
 * else. "05/01/2024" has two readings, so it is refused rather than guessed.
 */
export function parseDateInput(value: string): IsoDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = yearFirstPattern.exec(value.normalize('NFKC').trim());
  if (!match) return undefined;
  return parseIsoDate(`${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`);
}

/**
 * Like parseDateInput, but throws `invalid-date` naming the option and what is wrong: the form, or
 * a month or day that does not exist (2024-02-30, 2024/2/30), or a year out of range.
 */
export function requireIsoDate(value: string, option: string): IsoDate {
  if (typeof value !== 'string') throw new ShebaoError('invalid-argument', { name: option, expected: 'a YYYY-MM-DD string', received: kindOf(value) });
  const date = parseDateInput(value);
  if (date !== undefined) return date;
  const parts = yearFirstPattern.exec(value.normalize('NFKC').trim());
  if (parts) {
    const [year, month] = [Number(parts[1]), Number(parts[2])];
    if (year < minYear || year > maxYear) throw new ShebaoError('invalid-date', { option, value, reason: 'out-of-range', minYear, maxYear });
    const problem = month >= 1 && month <= 12 ? { reason: 'no-such-day' as const, daysInMonth: daysInMonth(year, month) } : { reason: 'no-such-month' as const };
    throw new ShebaoError('invalid-date', { option, value, ...problem });
  }
  throw new ShebaoError('invalid-date', { option, value, reason: 'format' });
}

/** Milliseconds at UTC midnight of a day; setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are. */
function utcMidnight(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMidnight(year, month, 0)).getUTCDate();
}

export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(utcMidnight(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (toDayNumber(date) + 4) % 7;
}

/** Add calendar months; a missing day-of-month falls back to the month's last day (民法典 art. 202). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * China has kept UTC+8 all year since its last summer time ended on 1991-09-15 (tzdata
 * Asia/Shanghai), so from then on its calendar date is the UTC date 8 hours later. That is also
 * 14 ms quicker at start-up than a first Intl.DateTimeFormat, which loads the time-zone data.
 */
const chinaWithoutSummerTime = Date.UTC(1991, 8, 15);
const chinaOffsetMs = 8 * 60 * 60 * 1000;

/** The calendar date at `now` in a time zone (default China), whatever the machine's zone. */
export function calendarDateAt(now: Date, timeZone = 'Asia/Shanghai'): IsoDate {
  if (timeZone === 'Asia/Shanghai' && now.getTime() >= chinaWithoutSummerTime) return new Date(now.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
