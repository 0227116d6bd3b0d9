import { weekday, type IsoDate } from '../../core/dates.js';
import type { PlanErrorDetails } from '../../plan/errors.js';
import type { Moved } from '../../plan/types.js';
import type { PlanWording } from '../plan.js';
import type { ErrorTable } from '../table.js';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const list: PlanWording['list'] = (items) => items.join(', ');

/** Each region section's name (the region list and the fallback warning). */
const fieldNames: PlanWording['regionList']['fields'] = {
  newborn: 'newborn window',
  lateEnrollment: 'late enrolment',
  annualPayment: 'annual payment period',
  card: 'card production',
  premiums: 'premium',
  apps: 'where to apply',
  hotlines: 'hotlines',
  offices: 'offices',
  photo: 'photo rules',
  birthBundle: 'birth joint service',
};

const period: PlanWording['period'] = ({ unit, count, countStartDay }) =>
  (unit === 'days' ? `${count} days` : `${count} month${count === 1 ? '' : 's'}`) + (countStartDay ? ' (birth day included)' : '');

const cardPeriod: PlanWording['cardPeriod'] = ({ unit, count }) => {
  if (count === 0) return 'the same day';
  return unit === 'working-days' ? `${count} working days` : `${count} calendar days`;
};

const lateCover: PlanWording['lateCover'] = ({ coverStarts, wait }) => {
  if (coverStarts === 'day-after-payment') return 'paying later gives cover only from the day after payment';
  if (coverStarts === 'month-after-payment') return 'paying later gives cover only from the month after payment';
  return `paying later means waiting ${period(wait ?? { unit: 'months', count: 0 })} before cover starts`;
};

/** Why a last day moved: the holiday, or the weekday of an ordinary weekend. */
function movedNote(moved: Moved | null, to: IsoDate): string {
  if (moved === null) return '';
  const reason = moved.holiday?.en ?? weekdays[weekday(moved.from)];
  return `The last day, ${moved.from}, is a rest day (${reason}), so by law it moves to ${to}. `;
}

const photoAndBranch = 'you need a compliant e-photo; choose the bank branch for pick-up when applying.';

export const plan: PlanWording = {
  help: {
    summary: "deadlines for a newborn's insurance and card",
    description: "Compute the deadlines for a newborn's medical insurance enrolment, payment and social security card, by law and the official holiday calendar",
    options: {
      newborn: 'birth date or due date (YYYY-MM-DD)',
      region: 'region rules (see --list-regions)',
      today: 'treat this date as today (YYYY-MM-DD), for reproducible output',
      applied: 'the day you applied for the card, to estimate when it is ready',
      json: 'print JSON',
      ics: 'write an iCalendar file with reminders',
      force: 'overwrite an existing --ics file',
      'list-regions': 'list the regions',
      holidays: "your own year of public holidays (JSON, shaped like rules/holidays/2026.json); repeatable",
    },
    after: [
      '',
      'Examples:',
      '  shebao plan --newborn 2024-05-01                        timeline under national rules',
      '  shebao plan --newborn 2024-05-01 --region shanghai      Shanghai rules',
      '  shebao plan --newborn 2027-03-01                        plan ahead from a due date',
      '  shebao plan --newborn 2024-05-01 --applied 2024-06-03   add card production dates',
      '  shebao plan --newborn 2024-05-01 --ics deadlines.ics    import into a phone calendar',
      '  shebao plan --list-regions',
      '',
      'Exit codes: 0 plan printed, even with overdue items · 2 usage error',
    ].join('\n'),
  },
  rules: {
    'newborn-enrollment-deadline': {
      title: 'Newborn enrolment deadline',
      action: ({ date, facts }) => {
        if (facts.applied !== null) return `Done: you applied for the card on ${facts.applied}, so the child is enrolled and paid.`;
        if (facts.overdue !== null) {
          const { days, meaning, coverFromIfPaidToday, hotline } = facts.overdue;
          return `${days} days past the deadline. What it means now: ${meaning.en} What to do today: enrol and pay now, since every day later delays cover — paying today gives cover from about ${coverFromIfPaidToday}. Also call ${hotline} or the local medical insurance office and ask whether a late newborn enrolment can still be remedied.`;
        }
        const { unit, count, countStartDay } = facts.window;
        const birthDayCounts = countStartDay ? ' (the birth day counts as day 1)' : '';
        const fromBirth = facts.coverFromBirth === null ? '' : `, and cover starts from the birth date (${facts.coverFromBirth})`;
        const missed = facts.coverFromBirth === null ? '' : 'Miss this deadline and bills since the birth are no longer reimbursed (the wait for late payment is in the next item). ';
        return `Within ${period({ unit, count })} of birth${birthDayCounts}, enrol the child in residents' medical insurance and pay${fromBirth}. ${missed}Bring the Medical Certificate of Birth and a guardian's ID card (and the hukou booklet once the hukou is registered). ${movedNote(facts.moved, date)}Service halls close before midnight.`;
      },
    },
    'newborn-payment-deadline': {
      title: 'Newborn first-year contribution due',
      action: ({ status, facts }) => {
        if (status === 'done') return 'Done (you applied for the card).';
        const vouchers = list(facts.voucherApps.map((app) => app.en));
        if (status === 'overdue') return `The deadline has passed: ${lateCover(facts.lateCover)}. Pay today and activate the e-voucher in ${vouchers}.`;
        return `By the same deadline, pay the contribution for the birth year: enrolment without payment gives no cover. Miss it and ${lateCover(facts.lateCover)}. After paying, activate the child's medical insurance e-voucher in ${vouchers}; it works at hospitals before the card arrives.`;
      },
    },
    'card-application': {
      title: 'Apply for the social security card',
      action: ({ status, facts }) => {
        if (facts.applied === null) return 'Not a legal deadline, but apply right after paying, ideally on the day you enrol. You need a compliant e-photo; choose the bank branch for pick-up when applying.';
        return status === 'done' ? `Applied on ${facts.applied}.` : `Planned for ${facts.applied}: ${photoAndBranch}`;
      },
    },
    'card-ready-earliest': {
      title: 'Card ready at the earliest',
      action: ({ facts }) =>
        facts.earliest.count === 0
          ? 'At a partner bank branch the card is issued on the spot; otherwise check progress from today.'
          : `${cardPeriod(facts.earliest)} after applying. Check production progress from this day.`,
    },
    'card-ready-latest': {
      title: 'Card ready at the latest (usually)',
      action: ({ facts }) => {
        const usually = facts.raised
          ? `Cards are usually ready within ${cardPeriod(facts.latest)}, but with the holidays in between, ${cardPeriod(facts.earliest)} run to this day. `
          : `Cards are usually ready within ${cardPeriod(facts.latest)} of applying. `;
        return `${usually}No notice by this day? Call ${facts.hotline} or check the app you applied with.`;
      },
    },
    'card-collection': {
      title: 'Collect the card',
      action: () =>
        "When you are told the card is ready, collect it: bring the guardian's own ID card (some places also want the child's hukou booklet or a copy of the Medical Certificate of Birth); activate the bank account and set its password at the counter; check name, ID number and photo on the spot. The medical function activates on first use at a designated hospital.",
    },
    'annual-payment-window': {
      title: 'Annual payment window',
      titleFor: (coverYear) => `Annual payment window for ${coverYear} cover`,
      action: ({ start, date, facts }) => {
        const moved = facts.moved === null ? '' : ` (${facts.moved.from} is a rest day, so it moves to ${date})`;
        const typical = facts.typical ? 'Each province sets its own window; shown is the part common to the usual ones, so check the local notice.' : '';
        return `Between ${start} and ${date}${moved}, pay the child's contribution for ${facts.coverYear}; it is due every year. Miss the window and ${lateCover(facts.lateCover)}. ${typical}`.trim();
      },
    },
  },
  terminal: {
    milestones: {
      'card-application': ({ status, facts }) => {
        if (status === 'done') return undefined;
        return facts.applied === null
          ? 'Check the photo with shebao check-photo. After applying, run again with --applied <date> to see when the card will be ready.'
          : 'Check the photo with shebao check-photo.';
      },
    },
  },
  sentenceSeparator: ' ',
  warnings: {
    'region-fallback': ({ regionName, fields, hotlines }) => {
      const national = fields.filter((f) => f.from === 'national').map((f) => fieldNames[f.field]);
      const inherited = fields.filter((f) => f.from !== 'national').map((f) => `${fieldNames[f.field]} taken from ${f.fromName.en}`);
      const parts = [...(national.length > 0 ? [`${list(national)}: national rule (estimate)`] : []), ...inherited];
      return `No public source of ${regionName.en}'s own was found for: ${parts.join('; ')}. Confirm with ${hotlines.join(' / ')} before you go.`;
    },
    'provisional-region': ({ regionName, hotlines }) =>
      `The ${regionName.en} rules are provisional: they come from secondary sources, some of which conflict. Confirm with ${hotlines.join(' / ')} or the local medical insurance office before you go.`,
    'source-conflict': ({ regionName, summary, sources, alternatives }) => {
      const others = alternatives.map(({ window, deadline }) => `${period(window)} → ${deadline}`);
      const dates = others.length > 0 ? ` Other readings give: ${others.join('; ')}.` : '';
      return `${regionName.en}: ${summary.en}${dates} Sources: ${sources.map(citeInEnglish).join(' | ')}`;
    },
    'calendar-year-missing': ({ years, calendar, covered }) => {
      const shown = list(years.map(String));
      return `No official holiday schedule for ${shown} (${calendar} covers ${covered.from}–${covered.to}): dates in ${shown} assume Monday–Friday working days and are marked as estimates. The State Council usually publishes it between late October and early December of the year before; update shebao then and plan again.`;
    },
    'future-birth-date': ({ birthDate, today }) =>
      `The birth date ${birthDate} is after today (${today}): planning ahead from the due date. Once the baby is born, plan again with the real birth date; every deadline moves with it.`,
    'applied-in-future': ({ applied }) => `The application date ${applied} is after today: card dates assume you apply on that day.`,
    'year-end-birth': ({ birthYear, nextYear }) =>
      `Born late in the year, the enrolment window runs into ${nextYear}: the contributions for ${birthYear} and for ${nextYear} may have to be paid separately. Ask the local medical insurance office how and by when to pay for ${nextYear}.`,
  },
  where: (where) => {
    switch (where.step) {
      case 'enroll':
      case 'apply':
        return where.apps.length === 0 ? where.office.en : `online: ${list(where.apps.map((app) => app.en))}; in person: ${where.office.en}`;
      case 'pay':
      case 'collect':
        return where.office.en;
      case 'progress':
        return `the app you applied with: ${list(where.apps.map((app) => app.en))}, or call ${where.hotline}`;
    }
  },
  civilCode: 'Civil Code art. 201–203',
  cite: citeInEnglish,
  citationSeparator: '; ',
  period,
  cardPeriod,
  lateCover,
  list,
  weekdays,
  timeline: {
    heading: (regionName, provisional) => `Social security card and medical insurance timeline · ${regionName}${provisional ? ' (provisional rules)' : ''}`,
    born: (birthDate, planningAhead) => (planningAhead ? `due date ${birthDate} (not born yet, planning ahead)` : `born ${birthDate}`),
    applied: (date) => `card applied for on ${date}`,
    today: (date) => `today ${date}`,
    status: { overdue: 'OVERDUE', 'due-soon': 'due soon', upcoming: 'upcoming', done: 'done' },
    reached: 'reached',
    estimate: ' (estimate)',
    range: (from, to) => `${from} to ${to}`,
    daysLeft: (days) => {
      if (days === 0) return 'today';
      if (days === 1) return 'tomorrow';
      if (days === -1) return 'yesterday';
      return days > 0 ? `${days} days left` : `${-days} days ago`;
    },
    endsIn: (days) => (days === 0 ? 'ends today' : days === 1 ? 'ends tomorrow' : `ends in ${days} days`),
    startsIn: (days) => `starts in ${days} days`,
    now: 'now',
    what: 'What: ',
    where: 'Where: ',
    source: 'Source: ',
    note: 'Note: ',
    lastWord: (hotlines) => `Practice differs between places and changes: the local ${hotlines} or medical insurance office has the last word.`,
    premium: (p, sourceLabel) =>
      `Premium: the individual contribution for ${p.coverYear} is ${p.minimum ? 'at least ' : ''}¥${p.yuan} per person per year${p.minimum ? ' nationally (each province sets its own; check the local notice)' : ''}${p.coverYear < p.wantedYear ? `; no public notice for ${p.wantedYear} was found yet` : ''}${p.provisional ? ' (provisional)' : ''}.${sourceLabel === undefined ? '' : ` ${sourceLabel}${citeInEnglish(p.source)} (checked ${p.verified})`}`,
    icsHint: 'Add --ics deadlines.ics to put reminders in your phone calendar.',
  },
  ics: {
    calendarName: 'Social security card and medical insurance deadlines',
    description: (action, where, source) => `${action}\nWhere: ${where}\nSource: ${source}`,
    alarm: (title, date) => `${title}: ${date}`,
    wrote: (file, events) => `Wrote ${file} (${events} events).`,
  },
  regionList: {
    id: 'region id',
    name: 'name',
    fields: fieldNames,
    columns: { newborn: 'newborn', lateEnrollment: 'late', annualPayment: 'annual', card: 'card', premiums: 'premium', apps: 'apply', hotlines: 'phone', offices: 'office', photo: 'photo', birthBundle: 'bundle' },
    legend: '● local public source · ◎ local secondary source (provisional) · ◐ taken from the province · ○ national rule (estimate) · – not applicable',
    ids: 'Region ids are pinyin (e.g. henan); Chinese names work too (--region 河南). Hong Kong, Macau and Taiwan are out of scope. Sources: docs/regions.md.',
    usage: 'Usage: shebao plan --newborn 2024-05-01 --region shanghai',
  },

  warningPrefix: 'warning: ',
};

export const planErrors: ErrorTable<PlanErrorDetails> = {
  'unknown-region': ({ region, known }) => ({
    message: `unknown region "${region}"`,
    hint: `expected one of: ${known.join(', ')}; run shebao plan --list-regions for details`,
  }),
  'region-id-mismatch': ({ file, id, expected }) => ({
    message: `invalid rules file ${file}:\n  id: "${id}" does not match the file name "${expected}"`,
    hint: 'Make the id the same as the file name.',
  }),
  'applied-before-birth': ({ applied, birthDate }) => ({
    message: `the application date ${applied} is before the birth date ${birthDate}`,
    hint: 'The application date is the day you applied for the card: on or after the birth, as YYYY-MM-DD.',
  }),
  'missing-birth-date': ({ option }) => ({
    message: `missing ${option} <birth date>`,
    hint: `e.g. shebao plan ${option} 2024-05-01 (a due date works too)`,
  }),
};

/**
 * A Chinese citation reduced to what identifies it: document numbers (医保办函〔2021〕11号, the
 * document's own name) and addresses, then "(in Chinese)". A citation with neither is named as a
 * Chinese source without its text.
 */
function citeInEnglish(source: string): string {
  const numbers = source.match(/[\p{Script=Han}A-Za-z]+〔\d{4}〕\d+号/gu) ?? [];
  const addresses = source.match(/https?:\/\/[^\s；;，,）)（(]+/g) ?? [];
  const found = [...new Set([...numbers, ...addresses])];
  if (found.length === 0) return /\p{Script=Han}/u.test(source) ? 'a Chinese-language guide (see shebao plan --json for the citation)' : source;
  return /\p{Script=Han}/u.test(source.replace(/[\p{Script=Han}A-Za-z]+〔\d{4}〕\d+号/gu, '')) ? `${found.join(', ')} (in Chinese)` : source;
}
