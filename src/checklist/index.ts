/** The personal checklist: data from a profile, and its renderers (issue #5). */
export { buildChecklist, fixCommandFor } from './build.js';
export type { Checklist, ChecklistDate, ChecklistItem, ChecklistOptions, ChecklistStep, ChecklistTip, PhotoInput, PhotoLine } from './build.js';
export { conditionsSchema, factsOf, matches } from './conditions.js';
export type { Condition, Conditions, Facts } from './conditions.js';
export { renderChecklistMarkdown, renderChecklistText, describePhoto } from './render.js';
export { loadChecklistRules, stepIds } from './rules.js';
export type { ChecklistRules, MaterialItem, StepId, StepRule, Tip } from './rules.js';
