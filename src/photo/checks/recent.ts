import { addMonths, daysBetween } from '../../core/dates.js';
import { defineCheck, type Outcome } from './check.js';

type RecentOutcome =
  | Outcome<'no-capture-date', Record<string, never>, { maxAgeMonths: number; takenOnOrAfter: string }>
  | Outcome<'ok' | 'too-old' | 'in-future', { takenOn: string; ageDays: number }, { maxAgeMonths: number; takenOnOrAfter: string }>;

export const recentCheck = defineCheck({
  id: 'recent',
  severity: 'warning',
  needs: 'facts',
  params: (z) => z.object({ maxAgeMonths: z.number().int().positive() }),
  fixable: [],
  run({ facts, today }, params): RecentOutcome {
    const taken = facts.captureDate;
    const limits = { maxAgeMonths: params.maxAgeMonths, takenOnOrAfter: addMonths(today, -params.maxAgeMonths) };
    if (!taken) return { status: 'skip', reason: 'no-capture-date', measured: {}, limits };
    const measured = { takenOn: taken, ageDays: daysBetween(taken, today) };
    if (taken > today) return { status: 'warn', reason: 'in-future', measured, limits };
    if (taken < limits.takenOnOrAfter) return { status: 'warn', reason: 'too-old', measured, limits };
    return { status: 'pass', reason: 'ok', measured, limits };
  },
});
