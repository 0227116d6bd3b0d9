/** Sentences the plan builds from a region's structured rules, in the plan's language. */
import { addDays, addMonths, type IsoDate } from '../core/dates.js';
import { tr, type Lang } from '../core/i18n.js';
import type { Region, RegionPeriod, Step } from './regions.js';

/** "10 个工作日" / "30 calendar days"; 0 working days is an instant issue ("当天"). */
export function describeCardPeriod(period: Region['card']['earliest'], lang: Lang): string {
  if (period.count === 0) return tr(lang, '当天', 'the same day');
  return period.unit === 'working-days'
    ? tr(lang, `${period.count} 个工作日`, `${period.count} working days`)
    : tr(lang, `${period.count} 天`, `${period.count} calendar days`);
}

export function describePeriod(period: Pick<RegionPeriod, 'unit' | 'count'> & { countStartDay?: boolean }, lang: Lang): string {
  const base =
    period.unit === 'days'
      ? tr(lang, `${period.count} 天`, `${period.count} days`)
      : tr(lang, `${period.count} 个月`, `${period.count} month${period.count === 1 ? '' : 's'}`);
  return period.countStartDay ? base + tr(lang, '（含出生当天）', ' (birth day included)') : base;
}

const weekdaysZh = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekdaysEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function weekdayName(day: number, lang: Lang): string {
  return (lang === 'en' ? weekdaysEn : weekdaysZh)[day] ?? '';
}

/** Offices and apps for a step: "线上：随申办、银行 App；线下：合作银行网点…". */
export function whereFor(region: Region, step: Step, lang: Lang): string {
  const office = tr(lang, step === 'progress' ? region.offices.apply : region.offices[step === 'e-voucher' ? 'pay' : step]);
  const apps = region.apps.filter((app) => app.steps.includes(step)).map((app) => tr(lang, app.name));
  if (step === 'progress') {
    const hotline = region.hotlines[0];
    const phone = hotline ? tr(lang, `，或拨打 ${hotline.number}`, `, or call ${hotline.number}`) : '';
    return tr(lang, `申领时用的 App：${apps.join('、')}${phone}`, `the app you applied with: ${apps.join(', ')}${phone}`);
  }
  if (step === 'e-voucher') return apps.join(tr(lang, '、', ', '));
  if (apps.length === 0 || step === 'pay') return office;
  return tr(lang, `线上：${apps.join('、')}；线下：${office}`, `online: ${apps.join(', ')}; in person: ${office}`);
}

/** The first day of cover for someone outside the newborn window who pays on `payDay` (approximate). */
export function coverStartIfPaidOn(region: Region, payDay: IsoDate): IsoDate {
  const late = region.lateEnrollment;
  if (late.coverStarts === 'day-after-payment') return addDays(payDay, 1);
  if (late.coverStarts === 'month-after-payment') return `${addMonths(payDay, 1).slice(0, 7)}-01`;
  const wait = late.wait ?? { unit: 'months', count: 0 };
  return wait.unit === 'days' ? addDays(payDay, wait.count) : addMonths(payDay, wait.count);
}

/** What missing a payment period costs, from the region's structured late-enrolment rule. */
export function lateCoverRule(region: Region, lang: Lang): string {
  const late = region.lateEnrollment;
  if (late.coverStarts === 'day-after-payment') return tr(lang, '之后缴费，从缴费次日起才有保障', 'paying later gives cover only from the day after payment');
  if (late.coverStarts === 'month-after-payment') return tr(lang, '之后缴费，从缴费次月起才有保障', 'paying later gives cover only from the month after payment');
  const wait = describePeriod(late.wait ?? { unit: 'months', count: 0 }, lang);
  return tr(lang, `之后缴费，要等待 ${wait}才有保障`, `paying later means waiting ${wait} before cover starts`);
}
