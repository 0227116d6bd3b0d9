/** Usage errors found by the commands themselves (see src/core/errors.ts). */
export interface CliErrorDetails {
  /** Two options that cannot be given together. */
  'conflicting-options': { first: string; second: string };
  /** A path argument is the empty string (`fix-photo ""`): never taken to mean the current folder. */
  'empty-argument': { argument: string };
  /** An option's value is not a positive whole number. */
  'not-positive-integer': { option: string; value: string };
  /** Standard output cannot be written: `reason` is the system's code (EPIPE: the reader has gone; ENOSPC: disk full). */
  'stdout-failed': { reason: string };
}
