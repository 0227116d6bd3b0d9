/**
 * planDeadlines(): the pure core of `shebao plan`. Inputs in, a Plan out (the JSON contract);
 * no clock, no printing. Bad input throws ShebaoError with exit code 2.
 */
import { daysBetween, daysInMonth, parseIsoDate, type IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { tr, type Lang } from '../core/i18n.js';
import { officialCalendar, type WorkCalendar } from './calendar.js';
import { deadlineOf, type CalendarResult } from './periods.js';
import { loadRegion, resolveRegionId, type Region } from './regions.js';
import { deadlineRules } from './rules.js';
import type { Milestone, MilestoneDraft, MilestoneStatus, Plan, PlanInput, PlanWarning, RuleContext } from './types.js';
import { describePeriod } from './wording.js';

/** A deadline this close is "due-soon": two weeks leaves time to gather papers and book a visit. */
export const dueSoonDays = 14;

/**
 * Validate a date the person typed. The message names the value and the expected form, and says
 * which of the two went wrong ("05/01/2024" vs a day that does not exist, like 2024-02-30).
 */
export function requireDate(value: string, label: string, lang: Lang = 'zh'): IsoDate {
  const date = parseIsoDate(value);
  if (date !== undefined) return date;
  const shown = JSON.stringify(value);
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (parts) {
    const [year, month] = [Number(parts[1]), Number(parts[2])];
    const detail =
      month >= 1 && month <= 12
        ? tr(lang, `${year} 年 ${month} 月只有 ${daysInMonth(year, month)} 天`, `${year}-${parts[2]} has ${daysInMonth(year, month)} days`)
        : tr(lang, '月份应为 01–12', 'the month must be 01–12');
    throw new ShebaoError(tr(lang, `${label} ${shown} 这一天不存在（${detail}）`, `${label} ${shown} is not a real day (${detail})`), {
      hint: tr(lang, '请检查日期，格式为 YYYY-MM-DD，例如 2024-05-01。', 'Check the date; the form is YYYY-MM-DD, e.g. 2024-05-01.'),
    });
  }
  // "2024/5/1" and "2024.05.01" have one reading, so we can offer it; "05/01/2024" has two.
  const yearFirst = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/.exec(value.trim());
  const suggestion = yearFirst ? `${yearFirst[1]}-${yearFirst[2]!.padStart(2, '0')}-${yearFirst[3]!.padStart(2, '0')}` : undefined;
  const meant = suggestion !== undefined && parseIsoDate(suggestion) ? tr(lang, `（是不是 ${suggestion}？）`, ` (did you mean ${suggestion}?)`) : '';
  throw new ShebaoError(
    tr(lang, `${label} ${shown} 不是 YYYY-MM-DD 格式的日期${meant}`, `${label} ${shown} is not a date in the form YYYY-MM-DD${meant}`),
    { hint: tr(lang, '请写成 YYYY-MM-DD（年-月-日），例如 2024-05-01。', 'Write it as YYYY-MM-DD (year-month-day), e.g. 2024-05-01.') },
  );
}

function statusOf(draft: MilestoneDraft, today: IsoDate): MilestoneStatus {
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

function calendarWarning(years: number[], calendar: WorkCalendar, lang: Lang): PlanWarning {
  const first = calendar.coveredYears[0];
  const last = calendar.coveredYears[calendar.coveredYears.length - 1];
  const list = years.join(tr(lang, '、', ', '));
  return {
    id: 'calendar-year-missing',
    message: tr(
      lang,
      `没有 ${list} 年的官方放假安排（${calendar.name} 收录 ${first}–${last} 年）：${list} 年的日期按周一至周五为工作日推算，标为估算。国务院一般在上一年 10 月下旬至 12 月初公布，公布后请更新 shebao 再算一次。`,
      `No official holiday schedule for ${list} (${calendar.name} covers ${first}–${last}): dates in ${list} assume Monday–Friday working days and are marked as estimates. The State Council usually publishes it between late October and early December of the year before; update shebao then and run this again.`,
    ),
  };
}

function conflictWarnings(context: RuleContext): PlanWarning[] {
  const { region, lang, birthDate, calendar } = context;
  return region.conflicts.map((conflict) => {
    const others = conflict.alternatives.map((period) => {
      const alternative = deadlineOf(birthDate, period, calendar);
      context.consulted(alternative);
      return `${describePeriod(period, lang)} → ${alternative.date}`;
    });
    const dates = others.length > 0 ? tr(lang, `其他说法对应的截止日：${others.join('；')}。`, ` Other readings give: ${others.join('; ')}.`) : '';
    const sources = conflict.sources.join(' | ');
    return {
      id: 'source-conflict',
      message: tr(lang, `${tr(lang, region.name)}资料有冲突：${conflict.message.zh}${dates}来源：${sources}`, `${region.name.en}: ${conflict.message.en}${dates} Sources: ${sources}`),
    };
  });
}

function inputWarnings(context: RuleContext, region: Region): PlanWarning[] {
  const { lang, birthDate, today, applied, enrollment } = context;
  const warnings: PlanWarning[] = [];
  if (birthDate > today) {
    warnings.push({
      id: 'future-birth-date',
      message: tr(
        lang,
        `出生日期 ${birthDate} 在今天（${today}）之后：按预产期提前规划。孩子出生后请用实际出生日期重新计算，所有期限都会随之变化。`,
        `The birth date ${birthDate} is after today (${today}): planning ahead from the due date. Once the baby is born, run this again with the real birth date; every deadline moves with it.`,
      ),
    });
  }
  if (applied !== null && applied > today) {
    warnings.push({
      id: 'applied-in-future',
      message: tr(lang, `申领日期 ${applied} 在今天之后：按计划的申领日期估算制卡时间。`, `The application date ${applied} is after today: card dates assume you apply on that day.`),
    });
  }
  if (enrollment.date.slice(0, 4) > birthDate.slice(0, 4)) {
    const birthYear = birthDate.slice(0, 4);
    const nextYear = Number(birthYear) + 1;
    warnings.push({
      id: 'year-end-birth',
      message: tr(
        lang,
        `孩子出生在年末，参保期限跨到 ${nextYear} 年：出生当年（${birthYear}）和 ${nextYear} 年的医保费可能要分别缴纳。请向当地医保经办机构确认 ${nextYear} 年的费用怎么缴、何时截止。`,
        `Born late in the year, the enrolment window runs into ${nextYear}: the contributions for ${birthYear} and for ${nextYear} may have to be paid separately. Ask the local medical insurance office how and by when to pay for ${nextYear}.`,
      ),
    });
  }
  if (region.provisional) {
    warnings.unshift({
      id: 'provisional-region',
      message: tr(
        lang,
        `${region.name.zh}的规则是暂定的：来自二手资料，部分互相矛盾。办理前请打 ${region.hotlines.map((h) => h.number).join(' / ')} 或问当地医保经办机构确认。`,
        `The ${region.name.en} rules are provisional: they come from secondary sources, some of which conflict. Confirm with ${region.hotlines.map((h) => h.number).join(' / ')} or the local medical insurance office before you go.`,
      ),
    });
  }
  return warnings;
}

/** Compute the timeline for a child born (or due) on `birthDate`, as seen on `today`. */
export function planDeadlines(input: PlanInput): Plan {
  const lang = input.lang ?? 'zh';
  const birthDate = requireDate(input.birthDate, tr(lang, '出生日期', 'birth date'), lang);
  const today = requireDate(input.today, tr(lang, '今天的日期', "today's date"), lang);
  const applied = input.applied === undefined ? null : requireDate(input.applied, tr(lang, '申领日期', 'application date'), lang);
  if (applied !== null && applied < birthDate) {
    throw new ShebaoError(
      tr(lang, `申领日期 ${applied} 早于出生日期 ${birthDate}`, `the application date ${applied} is before the birth date ${birthDate}`),
      { hint: tr(lang, '申领日期是提交社保卡申领的那一天，应在出生之后，格式 YYYY-MM-DD。', 'The application date is the day you applied for the card: on or after the birth, as YYYY-MM-DD.') },
    );
  }
  const region = loadRegion(resolveRegionId(input.region ?? 'national', lang));
  const calendar = officialCalendar();

  const missingYears = new Set<number>();
  const consulted = (result: CalendarResult) => result.missingYears.forEach((year) => missingYears.add(year));
  const enrollment = deadlineOf(birthDate, { ...region.newborn.window }, calendar);
  consulted(enrollment);
  const hasApplied = applied !== null && applied <= today;
  const context: RuleContext = { region, birthDate, today, applied, hasApplied, lang, calendar, enrollment, consulted };

  const milestones: Milestone[] = deadlineRules
    .map((rule) => rule.build(context))
    .filter((draft): draft is MilestoneDraft => draft !== null)
    .map(({ completed, ...draft }) => ({
      ...draft,
      daysLeft: daysBetween(today, draft.date),
      status: statusOf({ ...draft, completed }, today),
    }))
    // Chronological; Array.prototype.sort is stable, so same-day milestones keep the registry order.
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(({ id, kind, date, start, end, daysLeft, status, estimate, title, action, where, source }) => ({
      id, kind, date, start, end, daysLeft, status, estimate, title, action, where, source,
    }));

  const warnings = [...inputWarnings(context, region), ...conflictWarnings(context)];
  if (missingYears.size > 0) warnings.push(calendarWarning([...missingYears].sort((a, b) => a - b), calendar, lang));

  return { region: region.id, provisional: region.provisional, birthDate, today, applied, milestones, warnings };
}
