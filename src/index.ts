/**
 * shebao as a library. The core returns data: reason codes and numbers, never sentences; the
 * wording tables turn them into Chinese or English when you want words.
 *
 *   import { checkPhoto, describeCheck, wording } from 'shebao';
 *   const report = await checkPhoto(uploadBuffer, { today: '2026-11-30', spec: 'ga461' });
 *   for (const check of report.checks) console.log(check.id, check.status, check.reason, check.measured);
 *   const words = wording('en').photo;
 *   console.log(report.checks.map((check) => describeCheck(check, words, { suggestFix: true }).message));
 *
 * Errors are `ShebaoError`s with a stable `code` and `details`; `sayError(error, 'zh')` words them.
 * Arguments of the wrong kind (from JavaScript, or through `any`) are `invalid-argument` errors
 * naming the argument, checked here at the library's edge before any work starts.
 */
import type { ChalkInstance } from 'chalk';
import { expectArgument, expectCount, expectField, expectOptions, isBoolean, isBytes, isFunction, isObject, isString } from './core/arguments.js';
import { requireIsoDate } from './core/dates.js';
import { kindOf, ShebaoError } from './core/errors.js';
import { isLang, sayError as sayErrorUnchecked, wording as wordingUnchecked, type Lang, type Said, type Wording } from './i18n/index.js';
import * as checklist from './checklist/index.js';
import type { Checklist, ChecklistOptions } from './checklist/index.js';
import * as plans from './plan/index.js';
import type { Milestone, Plan, PlanInput, PlanWarning, Region } from './plan/index.js';
import { checkPhoto as checkPhotoUnchecked, type CheckOptions, type PhotoInput } from './photo/check-photo.js';
import { checkPhotos as checkPhotosUnchecked, type BatchOptions } from './photo/check-photos.js';
import { collectPhotos as collectPhotosUnchecked } from './photo/inputs.js';
import { loadSpec as loadSpecUnchecked, type PhotoSpec } from './photo/spec.js';
import type { BatchReport, CheckResult, PhotoReport } from './photo/types.js';
import { sayCheck, type SaidCheck, type SayOptions } from './photo/render/say.js';
import { sayChange, sayRefusal, type FixWording } from './i18n/fix.js';
import type { Change, Refusal } from './fix/index.js';
import type { PhotoWording } from './i18n/photo.js';
import { profileSchema, type Profile } from './profile/profile.js';

export type { CheckOptions, FaceAnalyzer, PhotoInput } from './photo/check-photo.js';
export type { BatchOptions } from './photo/check-photos.js';
export type { AnnotateOptions, AnnotationLabels } from './photo/annotate.js';
export { fixPhoto, fixPhotos, type FixOptions, type BatchFixOptions } from './fix/index.js';
export type { Change, ChangeId, FixBatch, FixError, FixResult, Refusal, RefusalId, RgbTriple } from './fix/index.js';
export type { FixWording } from './i18n/fix.js';
export { builtinSpecIds, defaultSpecId, type PhotoSpec } from './photo/spec.js';
export { photoChecks } from './photo/checks/index.js';
export type { CheckId, FaceAnalysis, FaceMeasure, Outcome, OutcomeOf, ParamsOf, SkipReason } from './photo/checks/index.js';
export type { BatchReport, CheckResult, CheckStatus, PhotoReport } from './photo/types.js';
export type { SaidCheck } from './photo/render/say.js';
export { deadlineRules, listRegions } from './plan/index.js';
export type { Milestone, Plan, PlanInput, PlanWarning } from './plan/index.js';
export { ShebaoError, ExitCode, type ErrorCode, type ErrorDetails } from './core/errors.js';
export type { Lang, Wording } from './i18n/index.js';
export type { CheckedPhoto, Checklist, ChecklistItem, ChecklistOptions, ChecklistStep, ChecklistTip, PhotoLine, Place } from './checklist/index.js';
export { maskIdNumber, parseIdNumber, renderIdJson, renderIdText } from './id/index.js';
export type { IdInfo, IdJson, IdKind, IdProblem, IdReason, Sex } from './id/index.js';

/** More threads than any machine has cores is a typo (or 1e9 from a units mix-up), not a wish. */
const maxConcurrency = 1024;

function expectLang(lang: unknown): void {
  expectArgument('lang', lang, "'zh' or 'en'", isLang(lang));
}

/** What checkPhoto and checkPhotos share. `today` is required: the library never reads the clock. */
function expectCheckOptions(options: unknown, name: string): void {
  if (options === undefined) throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  expectOptions(name, options, true);
  if (options.today === undefined) throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  requireIsoDate(options.today as string, 'today');
  expectField(options, name, 'spec', 'a spec id, a spec file path or a spec from loadSpec()', (spec) => isString(spec) || (isObject(spec) && isObject((spec as PhotoSpec).checks)));
  expectField(options, name, 'face', 'true or false', isBoolean);
  expectField(options, name, 'faceAnalyzer', 'a function', isFunction);
  expectField(options, name, 'cwd', 'a folder path (string)', isString);
  expectField(options, name, 'name', 'a string', isString);
  expectField(options, name, 'annotate', 'an object { dir, labels, force? }', isObject);
  const annotate = options.annotate as Record<string, unknown> | undefined;
  if (annotate !== undefined) {
    expectArgument(`${name}.annotate.dir`, annotate.dir, 'a folder path (string)', isString(annotate.dir));
    expectArgument(`${name}.annotate.labels`, annotate.labels, 'an object of label texts', isObject(annotate.labels));
    expectField(annotate, `${name}.annotate`, 'force', 'true or false', isBoolean);
  }
}

/** Check one photo, given as a path (read from `cwd`) or as its bytes (a Buffer or Uint8Array, e.g. an upload). */
export async function checkPhoto(photo: PhotoInput, options: CheckOptions): Promise<PhotoReport> {
  expectArgument('photo', photo, 'a path (string), Buffer or Uint8Array', isString(photo) || isBytes(photo));
  expectCheckOptions(options, 'options');
  return checkPhotoUnchecked(photo, options);
}

/**
 * Check many photos (paths, or bytes as Buffers or Uint8Arrays); reports come back in input
 * order. `photos` is always a list: one path is `checkPhotos(['a.jpg'])` (or checkPhoto), and a
 * folder is searched with collectPhotos first. A lone string is refused rather than guessed at:
 * it could be a photo or a folder, and iterating it would check each of its characters.
 */
export async function checkPhotos(photos: readonly PhotoInput[], options: BatchOptions): Promise<BatchReport> {
  expectArgument('photos', photos, isString(photos) ? "an array of photos: checkPhotos(['a.jpg']), or collectPhotos() for a folder" : 'an array of paths, Buffers or Uint8Arrays', Array.isArray(photos));
  photos.forEach((photo, i) => expectArgument(`photos[${i}]`, photo, 'a path (string), Buffer or Uint8Array', isString(photo) || isBytes(photo)));
  expectCheckOptions(options, 'options');
  expectCount('options.concurrency', options.concurrency, maxConcurrency);
  expectField(options as unknown as Record<string, unknown>, 'options', 'onProgress', 'a function (done, total) => void', isFunction);
  return checkPhotosUnchecked(photos, options);
}

/** Photo paths from files, folders (searched recursively) and quoted globs, sorted, relative to `cwd`. */
export async function collectPhotos(inputs: readonly string[], cwd: string): Promise<string[]> {
  expectArgument('inputs', inputs, 'an array of paths', Array.isArray(inputs));
  inputs.forEach((input, i) => expectArgument(`inputs[${i}]`, input, 'a path (string)', isString(input)));
  expectArgument('cwd', cwd, 'a folder path (string)', isString(cwd));
  return collectPhotosUnchecked(inputs, cwd);
}

/** Load a built-in spec by id or a spec file by path (relative to `options.cwd`). */
export function loadSpec(nameOrPath?: string, options?: { cwd?: string }): PhotoSpec {
  if (nameOrPath !== undefined) expectArgument('nameOrPath', nameOrPath, 'a spec id or a spec file path (string)', isString(nameOrPath));
  expectOptions('options', options, false);
  expectField(options, 'options', 'cwd', 'a folder path (string)', isString);
  return loadSpecUnchecked(nameOrPath, options);
}

/** The timeline for a child born (or due) on `birthDate`, as seen on `today`. */
export function planDeadlines(input: PlanInput): Plan {
  expectOptions('input', input, true);
  expectField(input as unknown as Record<string, unknown>, 'input', 'region', 'a region id or name (string)', isString);
  return plans.planDeadlines(input);
}

/** A region's rules by id or name (`beijing`, `北京`, `Beijing`). */
export function loadRegion(idOrName: string): Region {
  expectArgument('idOrName', idOrName, 'a region id or name (string)', isString(idOrName));
  return plans.loadRegion(idOrName);
}

export function renderPlanText(plan: Plan, region: Region, lang: Lang, color: ChalkInstance): string {
  expectArgument('plan', plan, 'a plan from planDeadlines()', isObject(plan));
  expectArgument('region', region, 'a region from loadRegion()', isObject(region));
  expectLang(lang);
  expectArgument('color', color, 'a chalk instance', isFunction(color));
  return plans.renderPlanText(plan, region, lang, color);
}

export function renderPlanJson(plan: Plan, lang: Lang): string {
  expectArgument('plan', plan, 'a plan from planDeadlines()', isObject(plan));
  expectLang(lang);
  return plans.renderPlanJson(plan, lang);
}

export function renderIcs(plan: Plan, lang: Lang): string {
  expectArgument('plan', plan, 'a plan from planDeadlines()', isObject(plan));
  expectLang(lang);
  return plans.renderIcs(plan, lang);
}

export function sayMilestone(milestone: Milestone, lang: Lang): ReturnType<typeof plans.sayMilestone> {
  expectArgument('milestone', milestone, "a milestone from a plan's milestones", isObject(milestone));
  expectLang(lang);
  return plans.sayMilestone(milestone, lang);
}

export function sayWarning(warning: PlanWarning, lang: Lang): string {
  expectArgument('warning', warning, "a warning from a plan's warnings", isObject(warning));
  expectLang(lang);
  return plans.sayWarning(warning, lang);
}

/** The personal checklist for a profile (as `shebao profile` writes it), as data. */
export function buildChecklist(profile: Profile, options: ChecklistOptions): Checklist {
  expectArgument('profile', profile, 'a profile as shebao profile writes it', isObject(profile));
  const problem = profileSchema.zod().safeParse(profile).error?.issues[0];
  if (problem) {
    const found = problem.path.reduce<unknown>((value, key) => (isObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined), profile);
    throw new ShebaoError('invalid-argument', { name: ['profile', ...problem.path.map(String)].join('.'), expected: 'a profile as shebao profile writes it', received: kindOf(found) });
  }
  if (options === undefined) throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  expectOptions('options', options, true);
  requireIsoDate(options.today, 'today');
  if (options.applied !== undefined) requireIsoDate(options.applied, 'applied');
  expectField(options as unknown as Record<string, unknown>, 'options', 'photo', 'a checked photo', isObject);
  return checklist.buildChecklist(profile, options);
}

export function renderChecklistText(list: Checklist, lang: Lang, color?: ChalkInstance): string {
  expectArgument('checklist', list, 'a checklist from buildChecklist()', isObject(list));
  expectLang(lang);
  if (color !== undefined) expectArgument('color', color, 'a chalk instance', isFunction(color));
  return checklist.renderChecklistText(list, lang, color);
}

export function renderChecklistMarkdown(list: Checklist, lang: Lang): string {
  expectArgument('checklist', list, 'a checklist from buildChecklist()', isObject(list));
  expectLang(lang);
  return checklist.renderChecklistMarkdown(list, lang);
}

export function renderChecklistJson(list: Checklist, lang: Lang): string {
  expectArgument('checklist', list, 'a checklist from buildChecklist()', isObject(list));
  expectLang(lang);
  return checklist.renderChecklistJson(list, lang);
}

/** The wording tables of a language ('zh' or 'en'). */
export function wording(lang: Lang): Wording {
  expectLang(lang);
  return wordingUnchecked(lang);
}

/** What a person reads about a ShebaoError (or `{ code, details }` kept as data), in `lang`. */
export function sayError(error: Pick<ShebaoError, 'code' | 'details'>, lang: Lang): Said {
  expectArgument('error', error, 'a ShebaoError or { code, details }', isObject(error) && isString(error.code) && isObject(error.details));
  expectLang(lang);
  const known = (wordingUnchecked(lang).errors as Record<string, unknown>)[error.code] !== undefined;
  expectArgument('error.code', error.code, 'a code of ErrorCode', known);
  return sayErrorUnchecked(error, lang);
}

/** A check result's words: title, message, expected, actual and hint. */
export function describeCheck(result: CheckResult, words: PhotoWording, options: SayOptions): SaidCheck {
  expectArgument('result', result, 'a check result from a PhotoReport', isObject(result) && isString(result.id) && isString(result.reason));
  expectArgument('words', words, "wording(lang).photo", isObject(words) && isObject(words.checks));
  expectOptions('options', options, true);
  return sayCheck(result, words, options);
}

/** A fix-photo change in words. */
export function describeChange(words: FixWording, change: Change): string {
  expectArgument('words', words, 'wording(lang).fix', isObject(words) && isObject(words.changes));
  expectArgument('change', change, "a change from a FixResult's changes", isObject(change) && isString(change.id) && change.id in words.changes);
  return sayChange(words, change);
}

/** Why fix-photo refused a photo, in words. */
export function describeRefusal(words: FixWording, refusal: Refusal): Said {
  expectArgument('words', words, 'wording(lang).fix', isObject(words) && isObject(words.refusals));
  expectArgument('refusal', refusal, "a FixResult's refused", isObject(refusal) && isString(refusal.id) && refusal.id in words.refusals);
  return sayRefusal(words, refusal);
}
