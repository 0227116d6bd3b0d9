/**
 * planDeadlines(): the pure core of `shebao plan`. Inputs in, a Plan out: dates, statuses and the
 * facts the wording needs; no clock, no printing, no words. Bad input throws ShebaoError (exit 2).
 */
import { daysBetween, requireIsoDate, type IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { calendarWith, type WorkCalendar } from './calendar.js';
import { premiumOf } from './premium.js';
import { deadlineOf, type CalendarResult } from './periods.js';
import { fallbacksOf, loadRegion, loadRegionFile, resolveRegionId } from './regions.js';
import { deadlineRules } from './rules.js';
import type { Milestone, MilestoneDraft, MilestoneStatus, Plan, PlanInput, PlanWarning, RuleContext, RuleId } from './types.js';

/** A deadline this close is "due-soon": two weeks leaves time to gather papers and book a visit. */
export const dueSoonDays = 14;

function statusOf(draft: MilestoneDraft<RuleId>, today: IsoDate): MilestoneStatus {
  if (draft.completed) return 'done';
  const daysLeft = daysBetween(today, draft.date);
  const start = draft.start ?? draft.date;
  const end = draft.end ?? draft.date;
  switch (draft.kind) {
    case 'deadline':
      return daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays ? 'due-soon' : 'upcoming';
    case 'window':
      // An open window is actionable now, however far its end.
      if (today > end) return 'overdue';
      return today >= start || daysLeft <= dueSoonDays ? 'due-soon' : 'upcoming';
    case 'target':
      return daysLeft <= dueSoonDays ? 'due-soon' : 'upcoming';
    case 'expected':
      if (today > end) return 'done';
      return today >= start ? 'due-soon' : 'upcoming';
  }
}

/** A draft as seen on `today`, its fields in the order of the JSON contract. */
function milestoneOf(draft: MilestoneDraft<RuleId>, today: IsoDate): Milestone {
  const { id, kind, date, start, end, estimate, facts } = draft;
  // The draft came from the rule with this id, so its facts are that rule's.
  return { id, kind, date, start, end, daysLeft: daysBetween(today, date), status: statusOf(draft, today), estimate, facts } as Milestone;
}

function calendarWarning(years: number[], calendar: WorkCalendar): PlanWarning {
  const from = calendar.coveredYears[0] ?? 0;
  const to = calendar.coveredYears[calendar.coveredYears.length - 1] ?? 0;
  return { id: 'calendar-year-missing', years, calendar: calendar.name, covered: { from, to } };
}

function conflictWarnings(context: RuleContext): PlanWarning[] {
  const { region, birthDate, calendar } = context;
  return region.conflicts.map((conflict) => ({
    id: 'source-conflict',
    region: region.id,
    regionName: region.name,
    field: conflict.field,
    summary: conflict.message,
    sources: conflict.sources,
    alternatives: conflict.alternatives.map((window) => {
      const deadline = deadlineOf(birthDate, window, calendar);
      context.consulted(deadline);
      return { window, deadline: deadline.date };
    }),
  }));
}

function inputWarnings(context: RuleContext): PlanWarning[] {
  const { region, birthDate, today, applied, enrollment } = context;
  const warnings: PlanWarning[] = [];
  if (region.provisional) {
    warnings.push({ id: 'provisional-region', region: region.id, regionName: region.name, hotlines: region.hotlines.map((h) => h.number) });
  }
  const fallbacks = fallbacksOf(region, ['newborn', 'lateEnrollment', 'annualPayment', 'card']);
  if (fallbacks.length > 0) {
    const fields = fallbacks.map(({ field, origin }) => ({ field, from: origin.from ?? 'national', fromName: loadRegionFile(origin.from ?? 'national').name }));
    warnings.push({ id: 'region-fallback', region: region.id, regionName: region.name, fields, hotlines: region.hotlines.map((h) => h.number) });
  }
  if (birthDate > today) warnings.push({ id: 'future-birth-date', birthDate, today });
  if (applied !== null && applied > today) warnings.push({ id: 'applied-in-future', applied, today });
  if (enrollment.date.slice(0, 4) > birthDate.slice(0, 4)) {
    const birthYear = Number(birthDate.slice(0, 4));
    warnings.push({ id: 'year-end-birth', birthYear, nextYear: birthYear + 1 });
  }
  return warnings;
}

/** A date the library was given: required, and a real `YYYY-MM-DD` day. */
function requiredDate(value: string | undefined, name: string): IsoDate {
  if (value === undefined) throw new ShebaoError('missing-option', { name, expected: 'YYYY-MM-DD' });
  return requireIsoDate(value, name);
}

/** Compute the timeline for a child born (or due) on `birthDate`, as seen on `today`. */
export function planDeadlines(input: PlanInput): Plan {
  const birthDate = requiredDate(input.birthDate, 'birthDate');
  const today = requiredDate(input.today, 'today');
  const applied = input.applied === undefined ? null : requireIsoDate(input.applied, 'applied');
  if (applied !== null && applied < birthDate) throw new ShebaoError('applied-before-birth', { applied, birthDate });
  const region = loadRegion(resolveRegionId(input.region ?? 'national'));
  const calendar = calendarWith(input.holidays ?? []);

  const missingYears = new Set<number>();
  const consulted = (result: CalendarResult) => result.missingYears.forEach((year) => missingYears.add(year));
  const enrollment = deadlineOf(birthDate, { ...region.newborn.window }, calendar);
  consulted(enrollment);
  const hasApplied = applied !== null && applied <= today;
  const context: RuleContext = { region, birthDate, today, applied, hasApplied, calendar, enrollment, consulted };

  const milestones = deadlineRules
    .map((rule): MilestoneDraft<RuleId> | null => rule.build(context))
    .filter((draft): draft is MilestoneDraft<RuleId> => draft !== null)
    .map((draft) => milestoneOf(draft, today))
    // Chronological; Array.prototype.sort is stable, so same-day milestones keep the registry order.
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const warnings = [...inputWarnings(context), ...conflictWarnings(context)];
  if (missingYears.size > 0) warnings.push(calendarWarning([...missingYears].sort((a, b) => a - b), calendar));

  return { region: region.id, provisional: region.provisional, birthDate, today, applied, milestones, warnings, premium: premiumOf(region.id, milestones, birthDate, today, hasApplied) };
}
