/** The errors of plan, by code, with the details each carries (see src/core/errors.ts). */
export interface PlanErrorDetails {
  /** `--region` names no region file, by id or by name. */
  'unknown-region': { region: string; known: string[] };
  /** A region file's `id` differs from its file name, so `--region` could not find it by id. */
  'region-id-mismatch': { file: string; id: string; expected: string };
  /** The card application date is before the birth date. */
  'applied-before-birth': { applied: string; birthDate: string };
  /** `shebao plan` without `--newborn` (and without `--list-regions`). */
  'missing-birth-date': { option: string };
}
