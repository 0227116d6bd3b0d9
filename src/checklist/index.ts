/** The personal checklist: data from a profile, and its renderers (issue #5). */
export { buildChecklist, fixCommandFor, recheckCommandFor } from './build.js';
export type { CheckedPhoto, Checklist, ChecklistItem, ChecklistOptions, ChecklistStep, ChecklistTip, PhotoLine, Place } from './build.js';
export { conditionsSchema, factsOf, matches } from './conditions.js';
export type { Condition, Conditions, Facts } from './conditions.js';
export { describePhoto, describeProblem, renderChecklistJson, renderChecklistMarkdown, renderChecklistText } from './render.js';
export { loadChecklistRules, stepIds } from './rules.js';
export type { ChecklistRules, MaterialItem, StepId, StepRule, Tip } from './rules.js';
