import type { IsoDate } from '../core/dates.js';
import type { Lang, Text } from '../core/i18n.js';
import type { WorkCalendar } from './calendar.js';
import type { CalendarResult, DeadlineResult } from './periods.js';
import type { Region } from './regions.js';

export type MilestoneStatus = 'upcoming' | 'due-soon' | 'overdue' | 'done';

/**
 * - deadline: a legal or administrative last day (overdue once passed);
 * - window: a period with a start and an end (the end is the deadline);
 * - target: a recommended date, never overdue (moves to today when passed);
 * - expected: an estimate of when something happens (done once passed).
 */
export type MilestoneKind = 'deadline' | 'window' | 'target' | 'expected';

export interface Milestone {
  /** Stable kebab-case id, one of deadlineRules' ids. */
  id: string;
  kind: MilestoneKind;
  /** The day that matters: the deadline, a window's end, the expected day. */
  date: IsoDate;
  /** A window's or range's first day, else null. */
  start: IsoDate | null;
  /** A window's or range's last day, else null. */
  end: IsoDate | null;
  /** Days from today to `date`: negative once passed. */
  daysLeft: number;
  status: MilestoneStatus;
  /** True when the date is not certain: a year without official calendar data, or a typical window. */
  estimate: boolean;
  title: string;
  /** What to do, in the plan's language; for an overdue deadline what it now means and what to do today. */
  action: string;
  /** Where to do it: offices and apps. */
  where: string;
  /** The rule's source: document numbers or the guide it comes from. */
  source: string;
}

export interface PlanWarning {
  /** Stable id: provisional-region, source-conflict, calendar-year-missing, future-birth-date, applied-in-future, year-end-birth. */
  id: string;
  message: string;
}

export interface Plan {
  region: string;
  provisional: boolean;
  birthDate: IsoDate;
  today: IsoDate;
  applied: IsoDate | null;
  milestones: Milestone[];
  warnings: PlanWarning[];
}

export interface PlanInput {
  birthDate: IsoDate;
  region?: string;
  today: IsoDate;
  applied?: IsoDate;
  lang?: Lang;
}

/** What every rule sees: the inputs, the region's rules, the calendar, and shared results. */
export interface RuleContext {
  region: Region;
  birthDate: IsoDate;
  today: IsoDate;
  applied: IsoDate | null;
  /** An application date on or before today: enrolment and payment are done (the card needs them). */
  hasApplied: boolean;
  lang: Lang;
  calendar: WorkCalendar;
  /** The newborn enrolment deadline, which several rules build on. */
  enrollment: DeadlineResult;
  /** Record a calendar lookup so the plan can warn about years without official data. */
  consulted(result: CalendarResult): void;
}

/** A milestone before today is applied: the plan adds daysLeft and status. */
export type MilestoneDraft = Omit<Milestone, 'daysLeft' | 'status'> & { completed: boolean };

export interface DeadlineRule {
  id: string;
  title: Text;
  source: string;
  params?: Record<string, unknown>;
  build(context: RuleContext): MilestoneDraft | null;
}
