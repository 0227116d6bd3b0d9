/**
 * The one error type the core throws. It carries a stable kebab-case `code`, the `details` a
 * renderer needs to say what went wrong (never file contents or an ID number), and the exit code
 * the CLI should use. Sentences come from the wording tables (src/i18n); only src/cli turns an
 * error into an exit.
 */
import type { ChecklistErrorDetails } from '../checklist/errors.js';
import type { CliErrorDetails } from '../cli/errors.js';
import type { FixErrorDetails } from '../fix/errors.js';
import type { FilesErrorDetails } from './files.js';
import type { SpecialFileType } from './input-file.js';
import type { SchemaProblem } from './rules-loader.js';
import type { IdErrorDetails } from '../id/errors.js';
import type { PhotoErrorDetails } from '../photo/errors.js';
import type { PlanErrorDetails } from '../plan/errors.js';
import type { ProfileErrorDetails } from '../profile/errors.js';
import type { ServeErrorDetails } from '../serve/errors.js';

export const ExitCode = {
  ok: 0,
  /** A check found a problem (photo failed, ID invalid; an overdue deadline is still 0). */
  failed: 1,
  /** Usage error, unreadable configuration, no input, internal failure. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Errors of the shared core: rules files, dates, arguments given to the library. */
export interface CoreErrorDetails {
  /** A rules or spec file does not match its schema: up to five fields and what each should be. */
  'rules-invalid': { file: string; problems: SchemaProblem[] };
  /**
   * A date is not a real `YYYY-MM-DD` day. `option` names where it came from (`--today`); `reason`
   * says whether the form is wrong or the month or day does not exist (then `daysInMonth` gives the
   * month's length); `suggestion` is the one reading of a year-first form such as "2024/5/1".
   */
  'invalid-date': {
    option: string;
    value: string;
    reason?: 'format' | 'no-such-month' | 'no-such-day' | 'out-of-range';
    daysInMonth?: number;
    /** With `out-of-range`: the years accepted (src/core/dates.ts). */
    minYear?: number;
    maxYear?: number;
    suggestion?: string;
  };
  /** A library function was called with an argument of the wrong kind. */
  'invalid-argument': { name: string; expected: string; received: string };
  /** A library function needs an option that was not given (e.g. `today`). */
  'missing-option': { name: string; expected: string };
  /** A file named as input (a spec) is a FIFO, device or socket: not opened for reading (src/core/input-file.ts). */
  'file-not-regular': { file: string; fileType: SpecialFileType };
  /** A file named as input is larger than the cap for its kind. */
  'file-too-large': { file: string; bytes: number; maxBytes: number };
}

export interface ErrorDetails
  extends CoreErrorDetails,
    FilesErrorDetails,
    PhotoErrorDetails,
    FixErrorDetails,
    PlanErrorDetails,
    ChecklistErrorDetails,
    ProfileErrorDetails,
    IdErrorDetails,
    CliErrorDetails,
    ServeErrorDetails {}

export type ErrorCode = keyof ErrorDetails;

export class ShebaoError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: ErrorDetails[C];
  readonly exitCode: ExitCode;

  constructor(code: C, details: ErrorDetails[C], options: { exitCode?: ExitCode; cause?: unknown } = {}) {
    // The message is the code and its details, in no human tongue: people read the wording tables.
    super(`${code} ${JSON.stringify(details)}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShebaoError';
    this.code = code;
    this.details = details;
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}

export function isShebaoError(error: unknown): error is ShebaoError {
  return error instanceof ShebaoError;
}

/**
 * A `catch` handler for an optional part (a model that may not be installed): the error with this
 * code means the part is absent (undefined); any other error is a failure and is thrown on.
 */
export function absentIf(code: ErrorCode): (error: unknown) => undefined {
  return (error) => {
    if (isShebaoError(error) && error.code === code) return undefined;
    throw error;
  };
}

/** The system's reason for a failed file operation: its errno code, or the message as a last resort. */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** What kind of value was given, for an `invalid-argument` error (never the value itself). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}
