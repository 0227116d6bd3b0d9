/** Resident ID numbers: validation, decoding and masking (GB 11643-1999, DOMAIN.md §4). */
export { checkCharacterOf, maskIdNumber, maskIdNumbersIn, maskIdProblem, normalizeIdInput, parseIdNumber } from './resident-id.js';
export type { IdInfo, IdKind, IdProblem, IdProblemOf, IdReason, IdWarning, Sex } from './resident-id.js';
export { renderIdJson, renderIdText } from './render.js';
export type { IdJson } from './render.js';
