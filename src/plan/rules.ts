/**
 * The deadline rules, one unit per milestone with a stable id. The registry order is the order of
 * the timeline. `shebao rules` lists each id, source and `params(region)`; `build` turns a region's
 * data into a milestone's dates and facts (or null when the rule does not apply, e.g. no --applied
 * date yet). Titles and sentences live in the wording tables (src/i18n/{zh,en}/plan.ts), keyed by id.
 */
import { addDays, addMonths, daysBetween, type IsoDate } from '../core/dates.js';
import type { Text } from '../core/text.js';
import { addWorkingDays, onWorkingDay, type CalendarResult, type DeadlineResult } from './periods.js';
import type { Region, Step } from './regions.js';
import type { AnyDeadlineRule, CardPeriod, DeadlineRule, LateCover, Moved, RuleContext, Where } from './types.js';

/** The hotline to name when a plan says "call": the region's first, its most specific. */
function hotlineOf(region: Region): string {
  return region.hotlines[0]?.number ?? '12333';
}

function appsFor(region: Region, step: Step): Text[] {
  return region.apps.filter((app) => app.steps.includes(step)).map((app) => app.name);
}

/** Where to do a step, from the region's offices and the apps that list the step. */
function whereFor(region: Region, step: Where['step']): Where {
  switch (step) {
    case 'enroll':
    case 'apply':
      return { step, office: region.offices[step], apps: appsFor(region, step) };
    case 'pay':
    case 'collect':
      return { step, office: region.offices[step] };
    case 'progress':
      return { step, apps: appsFor(region, step), hotline: hotlineOf(region) };
  }
}

function lateCoverOf(region: Region): LateCover {
  return { coverStarts: region.lateEnrollment.coverStarts, wait: region.lateEnrollment.wait };
}

function movedOf(result: DeadlineResult): Moved | null {
  return result.movedFrom === null ? null : { from: result.movedFrom, holiday: result.movedFor };
}

/** The first day of cover for someone outside the newborn window who pays on `payDay` (approximate). */
function coverStartIfPaidOn(region: Region, payDay: IsoDate): IsoDate {
  const late = region.lateEnrollment;
  if (late.coverStarts === 'day-after-payment') return addDays(payDay, 1);
  if (late.coverStarts === 'month-after-payment') return `${addMonths(payDay, 1).slice(0, 7)}-01`;
  const wait = late.wait ?? { unit: 'months', count: 0 };
  return wait.unit === 'days' ? addDays(payDay, wait.count) : addMonths(payDay, wait.count);
}

function cardPeriodEnd(applied: IsoDate, period: CardPeriod, context: RuleContext): CalendarResult {
  if (period.unit === 'calendar-days') return { date: addDays(applied, period.count), estimate: false, missingYears: [] };
  const result = addWorkingDays(applied, period.count, context.calendar);
  context.consulted(result);
  return result;
}

/** Both card estimates, the latest never before the earliest (e.g. 20 working days over National Day). */
function cardReady(context: RuleContext, applied: IsoDate): { earliest: CalendarResult; latest: CalendarResult; raised: boolean } {
  const earliest = cardPeriodEnd(applied, context.region.card.earliest, context);
  const latest = cardPeriodEnd(applied, context.region.card.latest, context);
  const raised = latest.date < earliest.date;
  return { earliest, latest: raised ? earliest : latest, raised };
}

const newbornEnrollment: DeadlineRule<'newborn-enrollment-deadline'> = {
  id: 'newborn-enrollment-deadline',
  source: '医保办函〔2021〕11号《基本医疗保险参保管理经办规程》第十条；《民法典》第二百零一条至第二百零三条；rules/regions/*.json newborn.window',
  params: (region) => ({ window: region.newborn.window, coverFromBirth: region.newborn.coverFromBirth }),
  build(context) {
    const { region, enrollment, today, birthDate, hasApplied } = context;
    const overdueDays = daysBetween(enrollment.date, today);
    return {
      id: this.id,
      kind: 'deadline',
      date: enrollment.date,
      start: null,
      end: null,
      estimate: enrollment.estimate,
      facts: {
        window: region.newborn.window,
        coverFromBirth: region.newborn.coverFromBirth ? birthDate : null,
        moved: movedOf(enrollment),
        overdue:
          !hasApplied && overdueDays > 0
            ? { days: overdueDays, meaning: region.lateEnrollment.summary, coverFromIfPaidToday: coverStartIfPaidOn(region, today), hotline: hotlineOf(region) }
            : null,
        applied: hasApplied ? context.applied : null,
        where: whereFor(region, 'enroll'),
        source: region.newborn.source,
        civilCode: true,
      },
      completed: hasApplied,
    };
  },
};

const newbornPayment: DeadlineRule<'newborn-payment-deadline'> = {
  id: 'newborn-payment-deadline',
  source: '医保办函〔2021〕11号《基本医疗保险参保管理经办规程》第十条（窗口期内参保并缴费）；rules/regions/*.json newborn.window',
  params: (region) => ({ window: region.newborn.window }),
  build(context) {
    const { region, enrollment, hasApplied } = context;
    return {
      id: this.id,
      kind: 'deadline',
      date: enrollment.date,
      start: null,
      end: null,
      estimate: enrollment.estimate,
      facts: {
        voucherApps: appsFor(region, 'e-voucher'),
        lateCover: lateCoverOf(region),
        where: whereFor(region, 'pay'),
        source: region.newborn.source,
        civilCode: true,
      },
      completed: hasApplied,
    };
  },
};

const cardApplication: DeadlineRule<'card-application'> = {
  id: 'card-application',
  source: '各地社保卡申领指南（二手资料）：未成年人由监护人代办 http://m.shqbk.com/specialties/614e7ab8fd5fe422494a679f3102e78a.html ；建议在参保截止日前申领',
  // The advice is to apply by the enrolment deadline.
  params: (region) => ({ window: region.newborn.window }),
  build(context) {
    const { region, enrollment, today, applied, hasApplied } = context;
    if (applied !== null) {
      return {
        id: this.id,
        kind: 'target',
        date: applied,
        start: null,
        end: null,
        estimate: false,
        facts: { applied, where: whereFor(region, hasApplied ? 'progress' : 'apply'), source: this.source, civilCode: false },
        completed: hasApplied,
      };
    }
    return {
      id: this.id,
      kind: 'target',
      // Not a legal deadline: once the enrolment deadline has passed, the advice is "today".
      date: enrollment.date < today ? today : enrollment.date,
      start: null,
      end: null,
      estimate: enrollment.estimate && enrollment.date >= today,
      facts: { applied: null, where: whereFor(region, 'apply'), source: this.source, civilCode: false },
      completed: false,
    };
  },
};

const cardReadyEarliest: DeadlineRule<'card-ready-earliest'> = {
  id: 'card-ready-earliest',
  source: 'rules/regions/*.json card.earliest（各地社保卡申领指南的制卡时间）',
  params: (region) => ({ earliest: region.card.earliest }),
  build(context) {
    if (context.applied === null) return null;
    const { region } = context;
    const { earliest } = cardReady(context, context.applied);
    return {
      id: this.id,
      kind: 'expected',
      date: earliest.date,
      start: null,
      end: null,
      estimate: earliest.estimate,
      facts: { earliest: region.card.earliest, where: whereFor(region, 'progress'), source: region.card.source, civilCode: false },
      completed: false,
    };
  },
};

const cardReadyLatest: DeadlineRule<'card-ready-latest'> = {
  id: 'card-ready-latest',
  source: 'rules/regions/*.json card.latest（各地社保卡申领指南的制卡时间）',
  params: (region) => ({ latest: region.card.latest }),
  build(context) {
    if (context.applied === null) return null;
    const { region } = context;
    const { latest, raised } = cardReady(context, context.applied);
    return {
      id: this.id,
      kind: 'expected',
      date: latest.date,
      start: null,
      end: null,
      estimate: latest.estimate,
      facts: {
        earliest: region.card.earliest,
        latest: region.card.latest,
        raised,
        hotline: hotlineOf(region),
        where: whereFor(region, 'progress'),
        source: region.card.source,
        civilCode: false,
      },
      completed: false,
    };
  },
};

const cardCollection: DeadlineRule<'card-collection'> = {
  id: 'card-collection',
  source: '社保卡银行账户须持卡人凭有效身份证件到合作银行网点激活（二手资料）http://m.nftape.cn/SheBaoZhengCe/917312.html ；rules/regions/*.json card',
  params: (region) => ({ earliest: region.card.earliest, latest: region.card.latest }),
  build(context) {
    if (context.applied === null) return null;
    const { earliest, latest } = cardReady(context, context.applied);
    return {
      id: this.id,
      kind: 'expected',
      date: earliest.date,
      start: earliest.date,
      end: latest.date,
      estimate: earliest.estimate || latest.estimate,
      facts: { where: whereFor(context.region, 'collect'), source: this.source, civilCode: false },
      completed: false,
    };
  },
};

const annualPayment: DeadlineRule<'annual-payment-window'> = {
  id: 'annual-payment-window',
  source: '国办发〔2024〕38号《国务院办公厅关于健全基本医疗保险参保长效机制的指导意见》（集中参保期，由各省规定）；rules/regions/*.json annualPayment',
  params: ({ annualPayment: window }) => ({
    start: window.start,
    end: window.end,
    typical: window.typical,
    endMovesToWorkingDay: window.endMovesToWorkingDay,
  }),
  build(context) {
    const { region, today, birthDate } = context;
    const window = region.annualPayment;
    // The next window that has not closed, counted from today or, before the birth, from the birth.
    const from = birthDate > today ? birthDate : today;
    const windowIn = (year: number) => {
      const lastDay = `${year}-${window.end}`;
      const end = window.endMovesToWorkingDay ? onWorkingDay(lastDay, context.calendar) : null;
      return { year, start: `${year}-${window.start}`, end: end?.date ?? lastDay, calendar: end };
    };
    const thisYear = windowIn(Number(from.slice(0, 4)));
    const chosen = thisYear.end >= from ? thisYear : windowIn(thisYear.year + 1);
    if (chosen.calendar) context.consulted(chosen.calendar);
    return {
      id: this.id,
      kind: 'window',
      date: chosen.end,
      start: chosen.start,
      end: chosen.end,
      estimate: window.typical || (chosen.calendar?.estimate ?? false),
      facts: {
        coverYear: chosen.year + 1,
        moved: chosen.calendar ? movedOf(chosen.calendar) : null,
        typical: window.typical,
        lateCover: lateCoverOf(region),
        where: whereFor(region, 'pay'),
        source: window.source,
        civilCode: window.endMovesToWorkingDay,
      },
      completed: false,
    };
  },
};

/** Every milestone rule, in timeline order. Ids are public API (JSON output, ICS UIDs). */
export const deadlineRules: readonly AnyDeadlineRule[] = [
  newbornEnrollment,
  newbornPayment,
  cardApplication,
  cardReadyEarliest,
  cardReadyLatest,
  cardCollection,
  annualPayment,
];
