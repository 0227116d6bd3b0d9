/**
 * The plan as data: dates, statuses and the facts each milestone's wording needs (rules-file
 * `Text` passed through unchanged). The renderers (./render.ts, ./ics.ts) turn it into sentences.
 */
import type { IsoDate } from '../core/dates.js';
import type { Text } from '../core/text.js';
import type { WorkCalendar } from './calendar.js';
import type { CalendarResult, DeadlineResult, Period } from './periods.js';
import type { Region, RegionField } from './regions.js';

export type MilestoneStatus = 'upcoming' | 'due-soon' | 'overdue' | 'done';

/**
 * - deadline: a legal or administrative last day (overdue once passed);
 * - window: a period with a start and an end (the end is the deadline);
 * - target: a recommended date, never overdue (moves to today when passed);
 * - expected: an estimate of when something happens (done once passed).
 */
export type MilestoneKind = 'deadline' | 'window' | 'target' | 'expected';

/** A card production time from the region's rules: 10 working days, 30 calendar days, 0 = on the spot. */
export type CardPeriod = Region['card']['earliest'];

/** When cover starts for someone who pays outside their period (the region's lateEnrollment rule). */
export type LateCover = Pick<Region['lateEnrollment'], 'coverStarts' | 'wait'>;

/** Where a step is done, as the region's rules file gives it. */
export type Where =
  /** Online through the apps, or in person at the office. */
  | { step: 'enroll' | 'apply'; office: Text; apps: Text[] }
  /** The office text already names every channel (pay), or there is only one place (collect). */
  | { step: 'pay' | 'collect'; office: Text }
  /** Card production progress: the app used to apply, or the hotline. */
  | { step: 'progress'; apps: Text[]; hotline: string };

/** A last day on a rest day, moved to the next working day (《民法典》 art. 203). */
export interface Moved {
  /** The last day before moving. */
  from: IsoDate;
  /** The holiday that day belongs to, from the calendar data; null for an ordinary weekend. */
  holiday: Text | null;
}

/** What every milestone's wording needs: where to go and the rule's source. */
export interface CommonFacts {
  where: Where;
  /** The citation from the rules: the region file's `source` for the figures, or the rule's own. */
  source: string;
  /** The date is counted by 《民法典》 art. 201–203, which the source then cites as well. */
  civilCode: boolean;
}

/** Each rule's facts, by rule id: everything the wording of its milestone needs. */
export interface MilestoneFacts {
  'newborn-enrollment-deadline': CommonFacts & {
    window: Period;
    /** The birth date, when enrolling and paying in the window gives cover from birth. */
    coverFromBirth: IsoDate | null;
    moved: Moved | null;
    /** Once the deadline has passed without an application: what it means and what paying today gives. */
    overdue: { days: number; meaning: Text; coverFromIfPaidToday: IsoDate; hotline: string } | null;
    /** The day the card was applied for, once it has been: enrolment and payment are then done. */
    applied: IsoDate | null;
  };
  'newborn-payment-deadline': CommonFacts & {
    /** The apps that activate the medical insurance e-voucher. */
    voucherApps: Text[];
    /** What paying after the deadline costs (shown once it has passed). */
    lateCover: LateCover;
  };
  'card-application': CommonFacts & {
    /** The application date given, past or planned; null when none was given. */
    applied: IsoDate | null;
  };
  'card-ready-earliest': CommonFacts & { earliest: CardPeriod };
  'card-ready-latest': CommonFacts & {
    earliest: CardPeriod;
    latest: CardPeriod;
    /** The earliest outlasted the usual latest (working days over a holiday), so the date is the earliest's. */
    raised: boolean;
    hotline: string;
  };
  'card-collection': CommonFacts;
  'annual-payment-window': CommonFacts & {
    /** The year the payment covers: the window's year + 1. */
    coverYear: number;
    /** The window's end moved off a rest day (only where the region says it is extended). */
    moved: Moved | null;
    /** No local figure: the window is the common national practice. */
    typical: boolean;
    lateCover: LateCover;
  };
}

/** Stable kebab-case milestone ids, one per deadline rule: public API (JSON output, ICS UIDs). */
export type RuleId = keyof MilestoneFacts;

export interface MilestoneOf<Id extends RuleId> {
  id: Id;
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
  facts: MilestoneFacts[Id];
}

export type Milestone = { [Id in RuleId]: MilestoneOf<Id> }[RuleId];

/** Each warning's data, by warning id. */
export interface WarningFacts {
  /** The region's facts come from secondary sources; confirm with its hotlines. */
  'provisional-region': { region: string; regionName: Text; hotlines: string[] };
  /** Sections with no public source for the region: the plan uses its province's or the national rule. */
  'region-fallback': { region: string; regionName: Text; fields: Array<{ field: RegionField; from: string; fromName: Text }>; hotlines: string[] };
  /** Sources disagree about one field of the region's rules (one warning per conflict in the file). */
  'source-conflict': {
    region: string;
    regionName: Text;
    /** The region field the sources disagree about: `newborn` is the enrolment window. */
    field: Region['conflicts'][number]['field'];
    /** The region file's account of the disagreement and the reading this plan uses. */
    summary: Text;
    sources: string[];
    /** Other readings of the newborn window, with the deadline each would give. */
    alternatives: Array<{ window: Period; deadline: IsoDate }>;
  };
  /** Dates in these years assumed Monday–Friday working days: the calendar data stops earlier. */
  'calendar-year-missing': { years: number[]; calendar: string; covered: { from: number; to: number } };
  'future-birth-date': { birthDate: IsoDate; today: IsoDate };
  'applied-in-future': { applied: IsoDate; today: IsoDate };
  /** The enrolment window runs into the next year, whose contribution may be due separately. */
  'year-end-birth': { birthYear: number; nextYear: number };
}

/** Stable warning ids: public API. */
export type WarningId = keyof WarningFacts;

export type PlanWarningOf<Id extends WarningId> = { id: Id } & WarningFacts[Id];

export type PlanWarning = { [Id in WarningId]: PlanWarningOf<Id> }[WarningId];

export interface Plan {
  region: string;
  provisional: boolean;
  birthDate: IsoDate;
  today: IsoDate;
  applied: IsoDate | null;
  milestones: Milestone[];
  warnings: PlanWarning[];
  /** What the next payment costs (rules `premiums`), or null when no figure is known. */
  premium: PlanPremium | null;
}

/**
 * The individual contribution (个人缴费) for the cover year the family pays next: the newborn's
 * birth year while its window is open, else the annual window's cover year.
 */
export interface PlanPremium {
  /** The cover year the family pays for next. */
  wantedYear: number;
  /** The year of the figure shown: wantedYear, or the latest earlier year with a published figure. */
  coverYear: number;
  yuan: number;
  /** A national floor ("不低于"); the local amount may be higher. */
  minimum: boolean;
  group: 'everyone' | 'minors';
  /** The region file whose figure it is: the region's own, its province's, or `national`. */
  from: string;
  source: string;
  verified: IsoDate;
  provisional: boolean;
}

export interface PlanInput {
  birthDate: IsoDate;
  region?: string;
  today: IsoDate;
  applied?: IsoDate;
  /** Paths of the user's own holiday year files (`--holidays`), added to rules/holidays/. */
  holidays?: readonly string[];
}

/** What every rule sees: the inputs, the region's rules, the calendar, and shared results. */
export interface RuleContext {
  region: Region;
  birthDate: IsoDate;
  today: IsoDate;
  applied: IsoDate | null;
  /** An application date on or before today: enrolment and payment are done (the card needs them). */
  hasApplied: boolean;
  calendar: WorkCalendar;
  /** The newborn enrolment deadline, which several rules build on. */
  enrollment: DeadlineResult;
  /** Record a calendar lookup so the plan can warn about years without official data. */
  consulted(result: CalendarResult): void;
}

/** A milestone before today is applied: the plan adds daysLeft and status. */
export type MilestoneDraft<Id extends RuleId> = Omit<MilestoneOf<Id>, 'daysLeft' | 'status'> & { completed: boolean };

/** A rule parameter as `shebao rules` lists it: a number, a flag, a month-day, or a period. */
export type RuleParam = number | boolean | string | Period | CardPeriod;

export interface DeadlineRule<Id extends RuleId> {
  id: Id;
  /** The law or guide behind the rule and the rules-file field holding its figures. */
  source: string;
  /** The rule's figures for a region, read from the region's rules file. */
  params(region: Region): Record<string, RuleParam>;
  build(context: RuleContext): MilestoneDraft<Id> | null;
}

/** Any rule of the registry, its id tied to the milestone it builds. */
export type AnyDeadlineRule = { [Id in RuleId]: DeadlineRule<Id> }[RuleId];
