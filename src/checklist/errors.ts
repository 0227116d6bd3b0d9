/** The errors of checklist, by code, with the details each carries (see src/core/errors.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChecklistErrorDetails {}
