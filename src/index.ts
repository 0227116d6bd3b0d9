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
 */
export { checkPhoto, type CheckOptions, type FaceAnalyzer, type PhotoInput } from './photo/check-photo.js';
export { checkPhotos, type BatchOptions } from './photo/check-photos.js';
export { collectPhotos } from './photo/inputs.js';
export type { AnnotateOptions, AnnotationLabels } from './photo/annotate.js';
export { fixPhoto, fixPhotos, type FixOptions, type BatchFixOptions } from './fix/index.js';
export type { Change, ChangeId, FixBatch, FixError, FixResult, Refusal, RefusalId, RgbTriple } from './fix/index.js';
export { sayChange as describeChange, sayRefusal as describeRefusal, type FixWording } from './i18n/fix.js';
export { builtinSpecIds, defaultSpecId, loadSpec, type PhotoSpec } from './photo/spec.js';
export { photoChecks } from './photo/checks/index.js';
export type { CheckId, FaceAnalysis, FaceMeasure, Outcome, OutcomeOf, ParamsOf, SkipReason } from './photo/checks/index.js';
export type { BatchReport, CheckResult, CheckStatus, PhotoReport } from './photo/types.js';
export { sayCheck as describeCheck, type SaidCheck } from './photo/render/say.js';
export { deadlineRules, listRegions, loadRegion, planDeadlines, renderIcs, renderPlanJson, renderPlanText, sayMilestone, sayWarning } from './plan/index.js';
export type { Milestone, Plan, PlanInput, PlanWarning } from './plan/index.js';
export { ShebaoError, ExitCode, type ErrorCode, type ErrorDetails } from './core/errors.js';
export { sayError, wording, type Lang, type Wording } from './i18n/index.js';
export { buildChecklist, renderChecklistJson, renderChecklistMarkdown, renderChecklistText } from './checklist/index.js';
export type { CheckedPhoto, Checklist, ChecklistItem, ChecklistOptions, ChecklistStep, ChecklistTip, PhotoLine, Place } from './checklist/index.js';
export { maskIdNumber, parseIdNumber, renderIdJson, renderIdText } from './id/index.js';
export type { IdInfo, IdJson, IdKind, IdProblem, IdReason, Sex } from './id/index.js';
