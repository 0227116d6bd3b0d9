/** Usage errors found by the commands themselves (see src/core/errors.ts). */
export interface CliErrorDetails {
  /** Two options that cannot be given together. */
  'conflicting-options': { first: string; second: string };
  /** An option's value is not a positive whole number. */
  'not-positive-integer': { option: string; value: string };
}
