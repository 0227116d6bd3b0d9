/**
 * shebao as a library: the same report objects as `shebao check-photo --json`, the deadline
 * planner behind `shebao plan`, and the checklist and ID-number helpers.
 *
 *   import { checkPhoto, checkPhotos, loadSpec } from 'shebao';
 *   const report = await checkPhoto('photo.jpg', { spec: 'ga461', lang: 'en' });
 */
export { checkPhoto, type CheckOptions, type FaceAnalyzer } from './photo/check-photo.js';
export { checkPhotos, type BatchOptions } from './photo/check-photos.js';
export { collectPhotos } from './photo/inputs.js';
export { fixPhoto, fixPhotos, type FixOptions, type BatchFixOptions } from './fix/index.js';
export type { FixBatch, FixResult } from './fix/index.js';
export { builtinSpecIds, defaultSpecId, loadSpec, type PhotoSpec } from './photo/spec.js';
export { photoChecks } from './photo/checks/index.js';
export type { FaceAnalysis, FaceMeasure } from './photo/checks/index.js';
export type { BatchReport, CheckResult, CheckStatus, PhotoReport } from './photo/types.js';
export { deadlineRules, listRegions, loadRegion, planDeadlines } from './plan/index.js';
export type { Milestone, Plan, PlanInput, PlanWarning } from './plan/index.js';
export { ShebaoError, ExitCode } from './core/errors.js';
export type { Lang } from './core/i18n.js';
export { buildChecklist, renderChecklistMarkdown, renderChecklistText } from './checklist/index.js';
export type { Checklist, ChecklistItem, ChecklistStep } from './checklist/index.js';
export { maskIdNumber, parseIdNumber } from './id/index.js';
export type { IdInfo } from './id/index.js';
