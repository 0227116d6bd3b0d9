/**
 * The one error type the core throws. It carries the exit code the CLI should use and a hint
 * that tells the person what to do next. Only src/cli turns it into an exit.
 */
export const ExitCode = {
  ok: 0,
  /** A check found a problem (photo failed, ID invalid, a deadline is overdue is still 0). */
  failed: 1,
  /** Usage error, unreadable configuration, no input, internal failure. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class ShebaoError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShebaoError';
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.hint = options.hint;
  }
}

export function isShebaoError(error: unknown): error is ShebaoError {
  return error instanceof ShebaoError;
}
