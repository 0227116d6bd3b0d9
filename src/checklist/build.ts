/**
 * buildChecklist(): a family's profile in, the steps out, each with what to bring, where to go,
 * the dates from the planner and tips. Which items and tips apply is data (rules/materials.json,
 * rules/checklist-steps.json) judged by one matcher; this module only assembles. Texts stay the
 * rules files' `Text`; the renderers (./render.ts) pick the language and make the sentences.
 */
import { ShebaoError } from '../core/errors.js';
import type { IsoDate } from '../core/dates.js';
import type { Text } from '../core/text.js';
import type { PhotoReport } from '../photo/types.js';
import { deadlineRules, loadRegion, planDeadlines, type CardPeriod, type Milestone, type PlanPremium, type PlanWarning, type Region, type Step } from '../plan/index.js';
import { ageInMonths, type Profile, type Stage } from '../profile/index.js';
import { factsOf, matches, type Facts } from './conditions.js';
import { loadChecklistRules, type StepId } from './rules.js';

export interface ChecklistItem {
  /** Stable id from rules/materials.json. */
  id: string;
  text: Text;
  original: boolean;
  copy: boolean;
  pages: Text | null;
  note: Text | null;
  source: string;
}

/** The placeholder a tip's text may hold for the region's card replacement fee. */
export const replacementFeePlaceholder = '{replacementFee}';

export type ChecklistTip =
  /** A tip from rules/checklist-steps.json; `replacementFeeYuan` (null: not known locally) fills its placeholder. */
  | { kind: 'rule'; id: string; text: Text; source: string; replacementFeeYuan?: number | null }
  /** How long the region takes to make the card, from its rules file. */
  | { kind: 'card-duration'; id: 'card-duration'; earliest: CardPeriod; latest: CardPeriod; source: string };

/** One line of "where": an office, some apps or phone numbers, from the region's rules. */
export type Place =
  | { via: 'enroll' | 'pay' | 'in-person' | 'collect'; office: Text }
  | { via: 'online' | 'progress' | 'e-voucher'; apps: Text[] }
  | { via: 'phone'; numbers: string[] };

export interface ChecklistStep {
  id: StepId;
  title: Text;
  /** Already behind the family (e.g. enrolled and paid this year). */
  done: boolean;
  where: Place[];
  /** The planner's milestones for this step. */
  dates: Milestone[];
  items: ChecklistItem[];
  tips: ChecklistTip[];
}

/** The photo as the checker saw it; the CLI runs the checker (it loads sharp) and passes this in. */
export type CheckedPhoto = { file: string; report: Pick<PhotoReport, 'ok' | 'checks'> } | { file: string; error: unknown };

export interface PhotoLine {
  /** pass / fail: the checker's verdict; unreadable: it could not check; not-given: no photo in the profile. */
  status: 'pass' | 'fail' | 'unreadable' | 'not-given';
  file: string | null;
  /** The checks that failed, and those that warn. */
  failed: PhotoReport['checks'];
  warnings: PhotoReport['checks'];
  /** Why the checker could not check the photo (a ShebaoError has a code). */
  error: Error | null;
  /** The command that fixes the photo, when it failed. */
  fixCommand: string | null;
  /**
   * The region takes only a studio's photo receipt for this child (Shanghai from 4): a photo of
   * one's own, even one that passes, does not replace it, and the checklist says so.
   */
  receiptRequired: boolean;
}

export interface Checklist {
  today: IsoDate;
  region: { id: string; name: Text; provisional: boolean };
  /** age in whole years, months in whole months (for babies). */
  child: { birthDate: IsoDate; age: number; months: number; stage: Stage };
  steps: ChecklistStep[];
  photo: PhotoLine;
  hotlines: Array<{ number: string; name: Text }>;
  /** The planner's warnings that concern this child. */
  warnings: PlanWarning[];
  /** What the next payment costs, as the planner finds it (null when no figure is known). */
  premium: PlanPremium | null;
}

export interface ChecklistOptions {
  today: IsoDate;
  /** The day the card was applied for, so production and collection get dates. */
  applied?: IsoDate;
  photo?: CheckedPhoto;
  /** Paths of the user's own holiday year files, as for planDeadlines. */
  holidays?: readonly string[];
}

export function buildChecklist(profile: Profile, options: ChecklistOptions): Checklist {
  const today = options?.today;
  if (typeof today !== 'string') throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  const rules = loadChecklistRules(deadlineRules.map((rule) => rule.id));
  const region = loadRegion(profile.region);
  const facts = factsOf(profile, today, region.photo?.notNeededUnderAge);
  const plan = planDeadlines({
    birthDate: profile.child.birthDate,
    region: region.id,
    today,
    ...(options.applied === undefined ? {} : { applied: options.applied }),
    ...(options.holidays === undefined ? {} : { holidays: options.holidays }),
  });

  const steps = rules.steps.map((step): ChecklistStep => ({
    id: step.id,
    title: step.title,
    done: step.doneWhen !== undefined && matches(step.doneWhen, facts),
    where: placesFor(step.id, region, profile),
    // In the order they fall due: a newborn's annual window closing next week comes with the
    // newborn deadlines, before the card (weeks away), not after it.
    dates: step.milestones
      .filter((wanted) => matches(wanted.conditions, facts))
      .flatMap((wanted) => plan.milestones.filter((m) => m.id === wanted.id))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    items: rules.items
      .filter((item) => item.steps.includes(step.id) && matches(item.conditions, facts))
      .map((item) => ({
        id: item.id,
        text: item.text,
        original: item.original,
        copy: item.copy,
        pages: item.pages ?? null,
        note: item.note ?? null,
        source: item.source,
      })),
    tips: [
      ...step.tips
        .filter((tip) => matches(tip.conditions, facts))
        .map((tip): ChecklistTip => ({
          kind: 'rule',
          id: tip.id,
          text: tip.text,
          source: tip.source,
          ...(Object.values(tip.text).some((text) => text.includes(replacementFeePlaceholder)) ? { replacementFeeYuan: region.card.replacementFeeYuan } : {}),
        })),
      ...regionTips(step.id, region, facts),
      ...(step.id === 'production'
        ? [{ kind: 'card-duration', id: 'card-duration', earliest: region.card.earliest, latest: region.card.latest, source: region.card.source } as const]
        : []),
    ],
  }));

  return {
    today,
    region: { id: region.id, name: region.name, provisional: region.provisional },
    child: { birthDate: profile.child.birthDate, age: facts.age, months: ageInMonths(profile.child.birthDate, today), stage: profile.stage },
    steps,
    photo: withReceipt(photoLine(options.photo), steps.some((step) => step.items.some((item) => isPhotoReceipt(item.id)))),
    hotlines: region.hotlines.map((h) => ({ number: h.number, name: h.name })),
    warnings: plan.warnings.filter((warning) => concernsChild(warning, profile.stage)),
    premium: plan.premium,
  };
}

/**
 * The region file's own tips: 出生一件事 for a newborn (first step), and the photo that young
 * children may skip (card application).
 */
function regionTips(step: StepId, region: Region, facts: Facts): ChecklistTip[] {
  const { birthBundle, photo } = region;
  if (step === 'enroll' && birthBundle && facts.stage === 'newborn') return [{ kind: 'rule', id: 'birth-bundle', text: birthBundle.tip, source: birthBundle.source }];
  if (step === 'apply' && photo?.note && facts.photoOptional) return [{ kind: 'rule', id: 'photo-not-needed', text: photo.note, source: photo.source }];
  return [];
}

/** Past the newborn window, the warnings about that window no longer matter. */
function concernsChild(warning: PlanWarning, stage: Stage): boolean {
  if (stage === 'newborn') return true;
  if (warning.id === 'year-end-birth') return false;
  return !(warning.id === 'source-conflict' && warning.field === 'newborn');
}

function appsFor(region: Region, step: Step): Text[] {
  return region.apps.filter((app) => app.steps.includes(step)).map((app) => app.name);
}

/** Where each step happens, from the region's offices and apps; the preferred channel first. */
function placesFor(step: StepId, region: Region, profile: Profile): Place[] {
  const apps = (via: 'online' | 'progress' | 'e-voucher', from: Step): Place[] => {
    const names = appsFor(region, from);
    return names.length === 0 ? [] : [{ via, apps: names }];
  };
  switch (step) {
    case 'enroll':
      return [
        { via: 'enroll', office: region.offices.enroll },
        { via: 'pay', office: region.offices.pay },
      ];
    case 'apply': {
      const online = apps('online', 'apply');
      const offline: Place[] = [{ via: 'in-person', office: region.offices.apply }];
      return profile.channel === 'online' ? [...online, ...offline] : [...offline, ...online];
    }
    case 'production':
      return [...apps('progress', 'progress'), { via: 'phone', numbers: region.hotlines.map((h) => h.number) }];
    case 'collect':
      return [{ via: 'collect', office: region.offices.collect }];
    case 'after':
      return apps('e-voucher', 'e-voucher');
  }
}

/** Where only a studio's receipt counts, fixing one's own photo is no use: no fix command. */
function withReceipt(line: Omit<PhotoLine, 'receiptRequired'>, receiptRequired: boolean): PhotoLine {
  return receiptRequired ? { ...line, fixCommand: null, receiptRequired } : { ...line, receiptRequired };
}

/** Items named `…-photo-receipt` (rules/materials.json) are a studio's receipt that stands for the photo. */
export function isPhotoReceipt(itemId: string): boolean {
  return itemId.endsWith('-photo-receipt');
}

function photoLine(photo: CheckedPhoto | undefined): Omit<PhotoLine, 'receiptRequired'> {
  if (photo === undefined) return { status: 'not-given', file: null, failed: [], warnings: [], error: null, fixCommand: null };
  if ('error' in photo) {
    const error = photo.error instanceof Error ? photo.error : new Error(String(photo.error));
    return { status: 'unreadable', file: photo.file, failed: [], warnings: [], error, fixCommand: null };
  }
  const withStatus = (status: string) => photo.report.checks.filter((c) => c.status === status);
  return {
    status: photo.report.ok ? 'pass' : 'fail',
    file: photo.file,
    failed: withStatus('fail'),
    warnings: withStatus('warn'),
    error: null,
    // Only where fix-photo repairs what failed: for a missing file or a blue wall, only a new photo helps.
    fixCommand: photo.report.checks.some((check) => check.status === 'fail' && check.fixable) ? fixCommandFor(photo.file) : null,
  };
}

/** Where fixCommandFor writes the fixed photo: `photo.jpg` → `photo-fixed.jpg`. */
function fixedPhotoName(file: string): string {
  return `${file.replace(/\.(jpe?g|png|webp|heic|heif|bmp|gif|tiff?)$/i, '')}-fixed.jpg`;
}

/** `shebao fix-photo photo.jpg -o photo-fixed.jpg`, quoted for a POSIX shell when needed. */
export function fixCommandFor(file: string): string {
  return `shebao fix-photo ${shellQuote(file)} -o ${shellQuote(fixedPhotoName(file))}`;
}

/** After fixCommandFor: the checklist again, checking the fixed photo instead of the profile's. */
export function recheckCommandFor(file: string): string {
  return `shebao checklist --photo ${shellQuote(fixedPhotoName(file))}`;
}

function shellQuote(value: string): string {
  return /^[\w./@%+=:,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
