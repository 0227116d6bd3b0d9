/**
 * The deadline rules, one unit per milestone with a stable id. The registry order is the order of
 * the timeline. `shebao rules` lists id, title, source and params; `build` turns a region's data
 * into a milestone (or null when the rule does not apply, e.g. no --applied date yet).
 */
import { addDays, daysBetween, weekday, type IsoDate } from '../core/dates.js';
import { tr, type Lang } from '../core/i18n.js';
import { addWorkingDays, onWorkingDay, type CalendarResult } from './periods.js';
import type { Region } from './regions.js';
import type { DeadlineRule, RuleContext } from './types.js';
import { coverStartIfPaidOn, describeCardPeriod, describePeriod, lateCoverRule, weekdayName, whereFor } from './wording.js';

/** 《民法典》 art. 201–203: how the newborn window is counted (DOMAIN.md §2.1). */
const civilCode = { zh: '《民法典》第二百零一条至第二百零三条', en: 'Civil Code art. 201–203' };

function withCivilCode(source: string, lang: Lang): string {
  return `${source}; ${tr(lang, civilCode)}`;
}

function movedNote(context: RuleContext): string {
  const { enrollment, lang } = context;
  if (enrollment.movedFrom === null) return '';
  const reason = enrollment.movedFor
    ? tr(lang, enrollment.movedFor)
    : weekdayName(weekday(enrollment.movedFrom), lang);
  return tr(
    lang,
    `期限最后一天 ${enrollment.movedFrom} 是休息日（${reason}），依法顺延到 ${enrollment.date}。`,
    `The last day, ${enrollment.movedFrom}, is a rest day (${reason}), so by law it moves to ${enrollment.date}. `,
  );
}

function cardPeriodEnd(applied: IsoDate, period: Region['card']['earliest'], context: RuleContext): CalendarResult {
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

const newbornEnrollment: DeadlineRule = {
  id: 'newborn-enrollment-deadline',
  title: { zh: '新生儿参保登记截止', en: 'Newborn enrolment deadline' },
  source: '医保办函〔2021〕11号 第十条; 《民法典》第二百零一条至第二百零三条; rules/regions/*.json newborn.window',
  params: { window: { unit: 'days', count: 90, countStartDay: false }, region: 'national' },
  build(context) {
    const { region, lang, enrollment, today, birthDate } = context;
    const { unit, count, countStartDay } = region.newborn.window;
    const window = describePeriod({ unit, count }, lang);
    const birthDayCounts = countStartDay ? tr(lang, '（出生当天算第 1 天）', ' (the birth day counts as day 1)') : '';
    const fromBirth = region.newborn.coverFromBirth
      ? tr(lang, `，医保从出生之日（${birthDate}）起报销`, `, and cover starts from the birth date (${birthDate})`)
      : '';
    let action = tr(
      lang,
      `出生后 ${window}${birthDayCounts}内为孩子办理居民医保参保登记并缴费${fromBirth}。带出生医学证明和监护人身份证（已落户的带户口簿）。${movedNote(context)}窗口办理以下班时间为准。`,
      `Within ${window} of birth${birthDayCounts}, enrol the child in residents' medical insurance and pay${fromBirth}. Bring the birth certificate (出生医学证明) and a guardian's ID card (and the 户口簿 once the hukou is registered). ${movedNote(context)}Service halls close before midnight.`,
    );
    const overdueBy = daysBetween(enrollment.date, today);
    if (!context.hasApplied && overdueBy > 0) {
      const coverFrom = coverStartIfPaidOn(region, today);
      const hotline = region.hotlines[0]?.number ?? '12333';
      action = tr(
        lang,
        `已过截止日 ${overdueBy} 天。这意味着：${region.lateEnrollment.summary.zh}今天就做：马上参保缴费，越晚保障越晚——今天缴费，大约从 ${coverFrom} 起有保障。再打 ${hotline} 或问当地医保经办机构，新生儿逾期参保还有没有补救办法。`,
        `${overdueBy} days past the deadline. What it means now: ${region.lateEnrollment.summary.en} What to do today: enrol and pay now, since every day later delays cover — paying today gives cover from about ${coverFrom}. Also call ${hotline} or the local medical insurance office and ask whether a late newborn enrolment can still be remedied.`,
      );
    }
    if (context.hasApplied) {
      action = tr(lang, `已完成：你已申领社保卡（${context.applied}），说明已参保缴费。`, `Done: you applied for the card on ${context.applied}, so the child is enrolled and paid.`);
    }
    return {
      id: this.id,
      kind: 'deadline',
      date: enrollment.date,
      start: null,
      end: null,
      estimate: enrollment.estimate,
      title: tr(lang, this.title),
      action,
      where: whereFor(region, 'enroll', lang),
      source: withCivilCode(region.newborn.source, lang),
      completed: context.hasApplied,
    };
  },
};

const newbornPayment: DeadlineRule = {
  id: 'newborn-payment-deadline',
  title: { zh: '新生儿当年医保费缴费截止', en: 'Newborn first-year contribution due' },
  source: '医保办函〔2021〕11号 第十条 (enrolled and paid within the window)',
  build(context) {
    const { region, lang, enrollment, today, hasApplied } = context;
    const vouchers = whereFor(region, 'e-voucher', lang);
    let action = tr(
      lang,
      `参保后同样在截止日前缴纳出生当年的居民医保费——只登记不缴费，医保不生效。缴费后在${vouchers}激活孩子的医保电子凭证，社保卡到手前看病就能用。`,
      `By the same deadline, pay the contribution for the birth year: enrolment without payment gives no cover. After paying, activate the child's medical insurance e-voucher (医保电子凭证) in ${vouchers}; it works at hospitals before the card arrives.`,
    );
    if (!hasApplied && enrollment.date < today) {
      action = tr(
        lang,
        `已过截止日：${lateCoverRule(region, lang)}。今天就缴，并在${vouchers}激活医保电子凭证。`,
        `The deadline has passed: ${lateCoverRule(region, lang)}. Pay today and activate the e-voucher in ${vouchers}.`,
      );
    }
    if (hasApplied) action = tr(lang, '已完成（已申领社保卡）。', 'Done (you applied for the card).');
    return {
      id: this.id,
      kind: 'deadline',
      date: enrollment.date,
      start: null,
      end: null,
      estimate: enrollment.estimate,
      title: tr(lang, this.title),
      action,
      where: whereFor(region, 'pay', lang),
      source: withCivilCode(region.newborn.source, lang),
      completed: hasApplied,
    };
  },
};

const cardApplication: DeadlineRule = {
  id: 'card-application',
  title: { zh: '申领社保卡', en: 'Apply for the social security card' },
  source: 'shebao DOMAIN.md §3.2 (published guides)',
  build(context) {
    const { region, lang, enrollment, today, applied, hasApplied } = context;
    if (applied !== null) {
      return {
        id: this.id,
        kind: 'target',
        date: applied,
        start: null,
        end: null,
        estimate: false,
        title: tr(lang, this.title),
        action: hasApplied
          ? tr(lang, `已于 ${applied} 申领。`, `Applied on ${applied}.`)
          : tr(lang, `计划在 ${applied} 申领：需要合格的电子证件照（可用 shebao check-photo 检查），申领时选好取卡的银行网点。`, `Planned for ${applied}: you need a compliant e-photo (check it with shebao check-photo); choose the bank branch for pick-up when applying.`),
        where: whereFor(region, hasApplied ? 'progress' : 'apply', lang),
        source: this.source,
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
      title: tr(lang, this.title),
      action: tr(
        lang,
        '这不是法定期限，但缴费后就该申领，最好和参保同一天办。需要合格的电子证件照（可用 shebao check-photo 检查），申领时选好取卡的银行网点。申领后加上 --applied <申领日期> 重新运行，可算出制卡完成的日期。',
        'Not a legal deadline, but apply right after paying, ideally on the day you enrol. You need a compliant e-photo (check it with shebao check-photo); choose the bank branch for pick-up when applying. After applying, run again with --applied <date> to see when the card will be ready.',
      ),
      where: whereFor(region, 'apply', lang),
      source: this.source,
      completed: false,
    };
  },
};

const cardReadyEarliest: DeadlineRule = {
  id: 'card-ready-earliest',
  title: { zh: '社保卡最早制成', en: 'Card ready at the earliest' },
  source: 'rules/regions/*.json card.earliest (national: 10 working days, shebao DOMAIN.md §2.4)',
  params: { unit: 'working-days', count: 10, region: 'national' },
  build(context) {
    if (context.applied === null) return null;
    const { region, lang } = context;
    const { earliest } = cardReady(context, context.applied);
    const instant = region.card.earliest.count === 0;
    return {
      id: this.id,
      kind: 'expected',
      date: earliest.date,
      start: null,
      end: null,
      estimate: earliest.estimate,
      title: tr(lang, this.title),
      action: instant
        ? tr(lang, '在合作银行网点申领可当场取卡；其他渠道从今天起查询制卡进度。', 'At a partner bank branch the card is issued on the spot; otherwise check progress from today.')
        : tr(lang, `申领后 ${describeCardPeriod(region.card.earliest, lang)}。从这天起可以查询制卡进度。`, `${describeCardPeriod(region.card.earliest, lang)} after applying. Check production progress from this day.`),
      where: whereFor(region, 'progress', lang),
      source: region.card.source,
      completed: false,
    };
  },
};

const cardReadyLatest: DeadlineRule = {
  id: 'card-ready-latest',
  title: { zh: '社保卡一般最晚制成', en: 'Card ready at the latest (usually)' },
  source: 'rules/regions/*.json card.latest (national: 30 calendar days, shebao DOMAIN.md §2.4)',
  params: { unit: 'calendar-days', count: 30, region: 'national' },
  build(context) {
    if (context.applied === null) return null;
    const { region, lang } = context;
    const { latest, raised } = cardReady(context, context.applied);
    const hotline = region.hotlines[0]?.number ?? '12333';
    const usually = raised
      ? tr(
          lang,
          `申领后一般 ${describeCardPeriod(region.card.latest, lang)}内制成，但这次赶上节假日，${describeCardPeriod(region.card.earliest, lang)}要到这一天。`,
          `Cards are usually ready within ${describeCardPeriod(region.card.latest, lang)}, but with the holidays in between, ${describeCardPeriod(region.card.earliest, lang)} run to this day. `,
        )
      : tr(lang, `申领后一般 ${describeCardPeriod(region.card.latest, lang)}内制成。`, `Cards are usually ready within ${describeCardPeriod(region.card.latest, lang)} of applying. `);
    return {
      id: this.id,
      kind: 'expected',
      date: latest.date,
      start: null,
      end: null,
      estimate: latest.estimate,
      title: tr(lang, this.title),
      action: usually + tr(lang, `过了这天还没收到通知，打 ${hotline} 或在申领用的 App 里查进度。`, `No notice by this day? Call ${hotline} or check the app you applied with.`),
      where: whereFor(region, 'progress', lang),
      source: region.card.source,
      completed: false,
    };
  },
};

const cardCollection: DeadlineRule = {
  id: 'card-collection',
  title: { zh: '领取社保卡', en: 'Collect the card' },
  source: 'shebao DOMAIN.md §3.4 (published guides)',
  build(context) {
    if (context.applied === null) return null;
    const { region, lang } = context;
    const { earliest, latest } = cardReady(context, context.applied);
    return {
      id: this.id,
      kind: 'expected',
      date: earliest.date,
      start: earliest.date,
      end: latest.date,
      estimate: earliest.estimate || latest.estimate,
      title: tr(lang, this.title),
      action: tr(
        lang,
        '收到制卡完成通知后去领卡：带监护人本人身份证（有的地方还要孩子的户口簿或出生医学证明复印件）；在柜台激活金融账户、设置密码；当场核对姓名、身份号码和照片。医保功能在定点医院首次使用时激活。',
        "When you are told the card is ready, collect it: bring the guardian's own ID card (some places also want the child's 户口簿 or a birth certificate copy); activate the bank account and set its password at the counter; check name, ID number and photo on the spot. The medical function activates on first use at a designated hospital.",
      ),
      where: tr(lang, region.offices.collect),
      source: this.source,
      completed: false,
    };
  },
};

const annualPayment: DeadlineRule = {
  id: 'annual-payment-window',
  title: { zh: '年度居民医保集中缴费期', en: 'Annual payment window' },
  source: 'rules/regions/*.json annualPayment (set by each province, shebao DOMAIN.md §2.2); 国办发〔2024〕38号',
  params: { start: '10-01', end: '12-20', region: 'national', typical: true },
  build(context) {
    const { region, lang, today, birthDate } = context;
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
    const coverYear = chosen.year + 1;
    const typical = window.typical
      ? tr(lang, '各省自定缴费期，这里是常见缴费期的共同部分，请以当地通知为准。', 'Each province sets its own window; shown is the part common to the usual ones, so check the local notice. ')
      : '';
    const moved =
      chosen.calendar?.movedFrom != null
        ? tr(lang, `（${chosen.calendar.movedFrom} 是休息日，顺延到 ${chosen.end}）`, ` (${chosen.calendar.movedFrom} is a rest day, so it moves to ${chosen.end})`)
        : '';
    return {
      id: this.id,
      kind: 'window',
      date: chosen.end,
      start: chosen.start,
      end: chosen.end,
      estimate: window.typical || (chosen.calendar?.estimate ?? false),
      title: tr(lang, `${coverYear} 年度居民医保集中缴费期`, `Annual payment window for ${coverYear} cover`),
      action: tr(
        lang,
        `在 ${chosen.start} 至 ${chosen.end}${moved} 之间缴纳孩子 ${coverYear} 年的居民医保费，每年都要缴。错过集中缴费期：${lateCoverRule(region, lang)}。${typical}`,
        `Between ${chosen.start} and ${chosen.end}${moved}, pay the child's contribution for ${coverYear}; it is due every year. Miss the window and ${lateCoverRule(region, lang)}. ${typical}`,
      ).trim(),
      where: whereFor(region, 'pay', lang),
      source: window.endMovesToWorkingDay ? withCivilCode(window.source, lang) : window.source,
      completed: false,
    };
  },
};

/** Every milestone rule, in timeline order. Ids are public API (JSON output, ICS UIDs). */
export const deadlineRules: readonly DeadlineRule[] = [
  newbornEnrollment,
  newbornPayment,
  cardApplication,
  cardReadyEarliest,
  cardReadyLatest,
  cardCollection,
  annualPayment,
];
