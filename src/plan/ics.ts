/**
 * The plan as an iCalendar file (RFC 5545) for phone calendars: one all-day event per date still
 * ahead, with reminders at 09:00. Hand-written because the format is small and we need it
 * deterministic (DTSTAMP from the plan's `today`, stable UIDs) and free of Date/time-zone handling,
 * which the generator packages bring in.
 */
import { addDays, daysBetween, type IsoDate } from '../core/dates.js';
import { wording, type Lang } from '../i18n/index.js';
import { sayMilestone } from './render.js';
import type { Milestone, Plan } from './types.js';

/** RFC 5545 §3.3.11: escape backslash, semicolon, comma and newlines in TEXT values. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + one space. We count UTF-8
 * octets and never split a character (a Chinese character is 3 octets).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function compact(date: IsoDate): string {
  return date.replace(/-/g, '');
}

/** A relative trigger for 09:00 on `day`, for an all-day event that starts on `eventDay`. */
function triggerAt(day: IsoDate, eventDay: IsoDate): string {
  const before = daysBetween(day, eventDay);
  if (before === 0) return 'PT9H';
  // Midnight of the event day minus (before - 1) days and 15 hours is 09:00 on `day`.
  return before === 1 ? '-PT15H' : `-P${before - 1}DT15H`;
}

/** Reminder days for a milestone: a week and a day before a deadline, on the day for the rest. */
function reminderDays(milestone: Milestone, today: IsoDate): IsoDate[] {
  const days =
    milestone.kind === 'deadline' || milestone.kind === 'window'
      ? [addDays(milestone.date, -7), addDays(milestone.date, -1)]
      : [milestone.date];
  if (milestone.kind === 'window' && milestone.start !== null) days.unshift(milestone.start);
  // A reminder already in the past would fire the moment the file is imported.
  return [...new Set(days)].filter((day) => day >= today && day <= milestone.date);
}

function eventLines(plan: Plan, milestone: Milestone, lang: Lang): string[] {
  const words = wording(lang).plan;
  const said = sayMilestone(milestone, lang);
  const estimate = milestone.estimate ? words.timeline.estimate : '';
  const lines = [
    'BEGIN:VEVENT',
    `UID:${milestone.id}.${plan.birthDate}.${plan.region}@shebao`,
    `DTSTAMP:${compact(plan.today)}T000000Z`,
    `DTSTART;VALUE=DATE:${compact(milestone.date)}`,
    `DTEND;VALUE=DATE:${compact(addDays(milestone.date, 1))}`,
    `SUMMARY:${escapeText(said.title + estimate)}`,
    `DESCRIPTION:${escapeText(words.ics.description(said.action, said.where, said.source))}`,
    'TRANSP:TRANSPARENT',
  ];
  for (const day of reminderDays(milestone, plan.today)) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(words.ics.alarm(said.title, milestone.date))}`,
      `TRIGGER:${triggerAt(day, milestone.date)}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The milestones worth a calendar entry: those still ahead (nothing overdue or done). */
export function calendarMilestones(plan: Plan): Milestone[] {
  return plan.milestones.filter((m) => m.status !== 'done' && m.status !== 'overdue' && m.date >= plan.today);
}

export function renderIcs(plan: Plan, lang: Lang): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//shebao//shebao plan//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(wording(lang).plan.ics.calendarName)}`,
    ...calendarMilestones(plan).flatMap((milestone) => eventLines(plan, milestone, lang)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
