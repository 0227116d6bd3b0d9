/**
 * buildChecklist(): a family's profile in, the steps out, each with what to bring, where to go,
 * the dates from the planner and tips. Which items and tips apply is data (rules/materials.json,
 * rules/checklist-steps.json) judged by one matcher; this module only assembles.
 */
import type { IsoDate } from '../core/dates.js';
import { tr, type Lang } from '../core/i18n.js';
import { deadlineRules, loadRegion, planDeadlines, type Milestone, type Region, type Step } from '../plan/index.js';
import { ageInMonths, stageNames, type Profile, type Stage } from '../profile/index.js';
import { factsOf, matches, type Facts } from './conditions.js';
import { loadChecklistRules, type StepId } from './rules.js';

export interface ChecklistItem {
  /** Stable id from rules/materials.json. */
  id: string;
  text: string;
  original: boolean;
  copy: boolean;
  pages: string | null;
  note: string | null;
  source: string;
}

export interface ChecklistDate {
  /** The planner's milestone id. */
  id: string;
  title: string;
  date: IsoDate;
  start: IsoDate | null;
  end: IsoDate | null;
  daysLeft: number;
  status: Milestone['status'];
  estimate: boolean;
  action: string;
}

export interface ChecklistTip {
  id: string;
  text: string;
  source: string;
}

export interface ChecklistStep {
  id: StepId;
  title: string;
  /** Already behind the family (e.g. enrolled and paid this year). */
  done: boolean;
  where: string[];
  dates: ChecklistDate[];
  items: ChecklistItem[];
  tips: ChecklistTip[];
}

/** The photo as the checker saw it; the CLI runs the checker (it loads sharp) and passes this in. */
export type PhotoInput =
  | { file: string; report: { ok: boolean; checks: Array<{ id: string; status: string; message: string }> } }
  | { file: string; error: string };

export interface PhotoLine {
  /** pass / fail: the checker's verdict; unreadable: it could not check; not-given: no photo in the profile. */
  status: 'pass' | 'fail' | 'unreadable' | 'not-given';
  file: string | null;
  /** Failed checks (status fail), by check id. */
  failed: Array<{ id: string; message: string }>;
  warnings: Array<{ id: string; message: string }>;
  error: string | null;
  /** The command that fixes the photo, when it failed. */
  fixCommand: string | null;
}

export interface Checklist {
  today: IsoDate;
  lang: Lang;
  region: { id: string; name: string; provisional: boolean };
  /** age in whole years, months in whole months (for babies). */
  child: { birthDate: IsoDate; age: number; months: number; stage: Stage; stageName: string };
  steps: ChecklistStep[];
  photo: PhotoLine;
  hotlines: Array<{ number: string; name: string }>;
  warnings: Array<{ id: string; message: string }>;
}

export interface ChecklistOptions {
  today: IsoDate;
  lang: Lang;
  /** The day the card was applied for, so production and collection get dates. */
  applied?: IsoDate;
  photo?: PhotoInput;
}

/** Plan warnings that only concern the newborn window; a toddler's checklist leaves them out. */
const newbornOnlyWarnings = new Set(['source-conflict', 'year-end-birth']);

export function buildChecklist(profile: Profile, options: ChecklistOptions): Checklist {
  const { today, lang } = options;
  const rules = loadChecklistRules(deadlineRules.map((rule) => rule.id));
  const region = loadRegion(profile.region);
  const facts = factsOf(profile, today);
  const plan = planDeadlines({
    birthDate: profile.child.birthDate,
    region: region.id,
    today,
    lang,
    ...(options.applied === undefined ? {} : { applied: options.applied }),
  });

  const steps = rules.steps.map((step): ChecklistStep => ({
    id: step.id,
    title: tr(lang, step.title),
    done: step.doneWhen !== undefined && matches(step.doneWhen, facts),
    where: whereFor(step.id, region, profile, lang),
    dates: step.milestones
      .filter((wanted) => matches(wanted.conditions, facts))
      .flatMap((wanted) => plan.milestones.filter((m) => m.id === wanted.id))
      .map(toDate),
    items: rules.items
      .filter((item) => item.steps.includes(step.id) && matches(item.conditions, facts))
      .map((item) => ({
        id: item.id,
        text: tr(lang, item.text),
        original: item.original,
        copy: item.copy,
        pages: item.pages ? tr(lang, item.pages) : null,
        note: item.note ? tr(lang, item.note) : null,
        source: item.source,
      })),
    tips: [
      ...step.tips
        .filter((tip) => matches(tip.conditions, facts))
        .map((tip) => ({ id: tip.id, text: tr(lang, tip.text).replace('{replacementFee}', replacementFee(region, lang)), source: tip.source })),
      ...(step.id === 'production' ? [cardDurationTip(region, lang)] : []),
    ],
  }));

  return {
    today,
    lang,
    region: { id: region.id, name: tr(lang, region.name), provisional: region.provisional },
    child: { birthDate: profile.child.birthDate, age: facts.age, months: ageInMonths(profile.child.birthDate, today), stage: profile.stage, stageName: tr(lang, stageNames[profile.stage]) },
    steps,
    photo: photoLine(options.photo),
    hotlines: region.hotlines.map((h) => ({ number: h.number, name: tr(lang, h.name) })),
    warnings: warningsFor(plan.warnings, region, facts, lang),
  };
}

function toDate(m: Milestone): ChecklistDate {
  return { id: m.id, title: m.title, date: m.date, start: m.start, end: m.end, daysLeft: m.daysLeft, status: m.status, estimate: m.estimate, action: m.action };
}

function appsFor(region: Region, step: Step, lang: Lang): string {
  return region.apps
    .filter((app) => app.steps.includes(step))
    .map((app) => tr(lang, app.name))
    .join(tr(lang, '、', ', '));
}

/** Where each step happens, from the region's offices and apps; the preferred channel first. */
function whereFor(step: StepId, region: Region, profile: Profile, lang: Lang): string[] {
  const label = (zh: string, en: string, value: string) => (value === '' ? [] : [tr(lang, `${zh}：${value}`, `${en}: ${value}`)]);
  switch (step) {
    case 'enroll':
      return [...label('参保登记', 'enrol', tr(lang, region.offices.enroll)), ...label('缴费', 'pay', tr(lang, region.offices.pay))];
    case 'apply': {
      const online = label('线上', 'online', appsFor(region, 'apply', lang));
      const offline = label('线下', 'in person', tr(lang, region.offices.apply));
      return profile.channel === 'online' ? [...online, ...offline] : [...offline, ...online];
    }
    case 'production':
      return [
        ...label('查进度', 'progress', appsFor(region, 'progress', lang)),
        ...label('电话', 'phone', region.hotlines.map((h) => h.number).join(' / ')),
      ];
    case 'collect':
      return label('领卡', 'collect at', tr(lang, region.offices.collect));
    case 'after':
      return label('医保电子凭证', 'e-voucher', appsFor(region, 'e-voucher', lang));
  }
}

function replacementFee(region: Region, lang: Lang): string {
  const fee = region.card.replacementFeeYuan;
  return fee === null ? tr(lang, '按当地标准（常见 20 元）', 'set locally (commonly ¥20)') : tr(lang, `${fee} 元`, `¥${fee}`);
}

function cardDurationTip(region: Region, lang: Lang): ChecklistTip {
  const describe = (period: Region['card']['earliest']) =>
    period.unit === 'working-days' ? tr(lang, `${period.count} 个工作日`, `${period.count} working days`) : tr(lang, `${period.count} 天`, `${period.count} days`);
  const { earliest, latest } = region.card;
  const text =
    earliest.count === 0
      ? tr(lang, `${tr(lang, region.name)}：合作银行网点可当场制卡；其他渠道一般 ${describe(latest)}内制成。`, `${region.name.en}: partner bank branches issue the card on the spot; otherwise it usually takes up to ${describe(latest)}.`)
      : tr(lang, `${tr(lang, region.name)}：申领后一般 ${describe(earliest)}到 ${describe(latest)}制成。加 --applied <申领日期> 可算出具体日期。`, `${region.name.en}: the card is usually ready ${describe(earliest)} to ${describe(latest)} after applying. Add --applied <date> for the dates.`);
  return { id: 'card-duration', text, source: region.card.source };
}

function photoLine(photo: PhotoInput | undefined): PhotoLine {
  if (photo === undefined) return { status: 'not-given', file: null, failed: [], warnings: [], error: null, fixCommand: null };
  if ('error' in photo) return { status: 'unreadable', file: photo.file, failed: [], warnings: [], error: photo.error, fixCommand: null };
  const pick = (status: string) => photo.report.checks.filter((c) => c.status === status).map((c) => ({ id: c.id, message: c.message }));
  return {
    status: photo.report.ok ? 'pass' : 'fail',
    file: photo.file,
    failed: pick('fail'),
    warnings: pick('warn'),
    error: null,
    fixCommand: photo.report.ok ? null : fixCommandFor(photo.file),
  };
}

/** `shebao fix-photo photo.jpg -o photo-fixed.jpg`, quoted for a POSIX shell when needed. */
export function fixCommandFor(file: string): string {
  const fixed = `${file.replace(/\.(jpe?g|png|webp|heic|heif|bmp|gif|tiff?)$/i, '')}-fixed.jpg`;
  return `shebao fix-photo ${shellQuote(file)} -o ${shellQuote(fixed)}`;
}

function shellQuote(value: string): string {
  return /^[\w./@%+=:,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function warningsFor(planWarnings: Array<{ id: string; message: string }>, region: Region, facts: Facts, lang: Lang): Checklist['warnings'] {
  if (facts.stage === 'newborn') return planWarnings;
  // Past the newborn window only the region's other conflicts still matter.
  const conflicts = region.conflicts
    .filter((conflict) => conflict.field !== 'newborn')
    .map((conflict) => ({
      id: 'source-conflict',
      message: tr(lang, `${region.name.zh}资料有冲突：${conflict.message.zh}来源：${conflict.sources.join(' | ')}`, `${region.name.en}: ${conflict.message.en} Sources: ${conflict.sources.join(' | ')}`),
    }));
  return [...planWarnings.filter((w) => !newbornOnlyWarnings.has(w.id)), ...conflicts];
}

