import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { planDeadlines, renderIcs, sayMilestone } from '../src/plan/index.js';
import { foldLine } from '../src/plan/ics.js';

// Born 2026-09-01, seen on 2026-09-10: enrolment, payment and card application due 2026-11-30
// (a Monday), and the annual window 2026-10-01 to 2026-12-20. Parsed with ical.js, an
// independent RFC 5545 parser, the way a calendar app would read it.
const plan = planDeadlines({ birthDate: '2026-09-01', today: '2026-09-10' });
const text = renderIcs(plan, 'zh');
const calendar = new ICAL.Component(ICAL.parse(text));
const events = calendar.getAllSubcomponents('vevent');

function event(id: string) {
  const found = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith(`${id}.`));
  if (!found) throw new Error(`no event ${id}`);
  return found;
}

function alarmsOf(id: string): number[] {
  return event(id)
    .getAllSubcomponents('valarm')
    .map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds());
}

const hours = 3600;
const days = 24 * hours;

describe('renderIcs', () => {
  it('parses back: one all-day event per milestone still ahead', () => {
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events.map((e) => String(e.getFirstPropertyValue('uid')))).toEqual([
      'newborn-enrollment-deadline.2026-09-01.national@shebao',
      'newborn-payment-deadline.2026-09-01.national@shebao',
      'card-application.2026-09-01.national@shebao',
      'annual-payment-window.2026-09-01.national@shebao',
    ]);
    const enrolment = event('newborn-enrollment-deadline');
    const start = enrolment.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2026-11-30');
    expect((enrolment.getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe('2026-12-01');
  });

  it('keeps the Chinese text intact through escaping and line folding', () => {
    const enrolment = event('newborn-enrollment-deadline');
    const said = sayMilestone(plan.milestones.find((m) => m.id === 'newborn-enrollment-deadline')!, 'zh');
    expect(enrolment.getFirstPropertyValue('summary')).toBe('新生儿参保登记截止');
    expect(enrolment.getFirstPropertyValue('description')).toBe(`${said.action}\n在哪里：${said.where}\n依据：${said.source}`);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('社保卡与少儿医保办理期限');
  });

  it('speaks English with lang en, marking estimates', () => {
    const english = new ICAL.Component(ICAL.parse(renderIcs(plan, 'en')));
    const summaries = english.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('summary')));
    expect(summaries).toEqual([
      'Newborn enrolment deadline',
      'Newborn first-year contribution due',
      'Apply for the social security card',
      'Annual payment window for 2027 cover (estimate)',
    ]);
    expect(english.getFirstPropertyValue('x-wr-calname')).toBe('Social security card and medical insurance deadlines');
  });

  it('reminds at 09:00 a week and a day before each deadline, and when a window opens', () => {
    expect(alarmsOf('newborn-enrollment-deadline')).toEqual([-(6 * days + 15 * hours), -15 * hours]);
    // Window 2026-10-01 → 2026-12-20: 09:00 on the opening day is 79 days 15 hours before the end.
    expect(alarmsOf('annual-payment-window')).toEqual([-(79 * days + 15 * hours), -(6 * days + 15 * hours), -15 * hours]);
  });

  it('leaves out reminders already past, which would fire on import', () => {
    const soon = planDeadlines({ birthDate: '2026-09-01', today: '2026-11-27' });
    const parsed = new ICAL.Component(ICAL.parse(renderIcs(soon, 'zh')));
    const enrolment = parsed.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).startsWith('newborn-enrollment'))!;
    expect(enrolment.getAllSubcomponents('valarm').map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds())).toEqual([-15 * hours]);
  });

  it('has no overdue or done milestones', () => {
    const late = planDeadlines({ birthDate: '2024-05-01', today: '2026-11-22', applied: '2024-06-01' });
    const uids = new ICAL.Component(ICAL.parse(renderIcs(late, 'en'))).getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
    expect(uids).toEqual(['annual-payment-window.2024-05-01.national@shebao']);
  });

  it('follows RFC 5545 framing: CRLF everywhere, lines of at most 75 octets, deterministic DTSTAMP', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTAMP:20260910T000000Z');
    expect(renderIcs(planDeadlines({ birthDate: '2026-09-01', today: '2026-09-10' }), 'zh')).toBe(text);
  });

  it('folds without splitting a multi-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'新生儿参保'.repeat(20)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join('')).toBe(`DESCRIPTION:${'新生儿参保'.repeat(20)}`);
  });
});
