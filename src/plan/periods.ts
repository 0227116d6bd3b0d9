/**
 * Period arithmetic of 《民法典》 art. 200–204, on calendar dates:
 * - art. 201: the day the period starts is not counted;
 * - art. 202: a period in months ends on the same day-of-month, or the month's last day;
 * - art. 203: a last day that is a rest day moves to the next working day (make-up working days
 *   调休上班日 are working days).
 * Every function reports whether it had to guess the calendar for a year the data does not cover.
 */
import { addDays, addMonths, type IsoDate } from '../core/dates.js';
import type { Text } from '../core/text.js';
import type { WorkCalendar } from './calendar.js';

export interface Period {
  unit: 'days' | 'months';
  count: number;
  /**
   * Some cities count the start day itself ("within 90 days, birth day included": Wuhan,
   * rules/regions/wuhan.json); the Civil Code default is false.
   */
  countStartDay: boolean;
}

/** The last day of a period, before the rest-day rule. */
export function periodEnd(start: IsoDate, period: Period): IsoDate {
  const shift = period.countStartDay ? -1 : 0;
  if (period.unit === 'days') return addDays(start, period.count + shift);
  return addDays(addMonths(start, period.count), shift);
}

/** A date found by consulting the working-day calendar. */
export interface CalendarResult {
  date: IsoDate;
  /** True when a year outside the official calendar was consulted (Monday–Friday assumed). */
  estimate: boolean;
  /** The years that were assumed Monday–Friday, ascending. */
  missingYears: number[];
}

export interface DeadlineResult extends CalendarResult {
  /** The unmoved last day, when the rest-day rule moved it. */
  movedFrom: IsoDate | null;
  /** Why it moved: the holiday's name, or null for an ordinary weekend. */
  movedFor: Text | null;
}

class Consulted {
  private readonly missing = new Set<number>();
  constructor(private readonly calendar: WorkCalendar) {}

  working(date: IsoDate): boolean {
    const info = this.calendar.dayInfo(date);
    if (!info.official) this.missing.add(Number(date.slice(0, 4)));
    return info.working;
  }

  result(date: IsoDate): CalendarResult {
    const missingYears = [...this.missing].sort((a, b) => a - b);
    return { date, estimate: missingYears.length > 0, missingYears };
  }
}

/** 《民法典》 art. 203: a last day that is not a working day moves to the next working day. */
export function onWorkingDay(lastDay: IsoDate, calendar: WorkCalendar): DeadlineResult {
  const consulted = new Consulted(calendar);
  let date = lastDay;
  while (!consulted.working(date)) date = addDays(date, 1);
  const moved = date !== lastDay;
  return {
    ...consulted.result(date),
    movedFrom: moved ? lastDay : null,
    movedFor: moved ? calendar.dayInfo(lastDay).holiday : null,
  };
}

/** The deadline of a period that starts on `start`: its last day, moved off rest days. */
export function deadlineOf(start: IsoDate, period: Period, calendar: WorkCalendar): DeadlineResult {
  return onWorkingDay(periodEnd(start, period), calendar);
}

/** `count` working days after `start`, the start day not counted; 0 is the start day itself. */
export function addWorkingDays(start: IsoDate, count: number, calendar: WorkCalendar): CalendarResult {
  const consulted = new Consulted(calendar);
  let date = start;
  for (let left = count; left > 0; ) {
    date = addDays(date, 1);
    if (consulted.working(date)) left -= 1;
  }
  return consulted.result(date);
}
