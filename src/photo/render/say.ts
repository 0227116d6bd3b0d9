/**
 * The one place a check result becomes words: its title, what was found, what the spec asks for,
 * what was measured and what to do. Every photo renderer (human, JSON `message`, JUnit, GitHub,
 * fix-photo's report) goes through here.
 */
import type { PhotoWording } from '../../i18n/photo.js';
import type { CheckId, SkipReason } from '../checks/index.js';
import type { CheckResult } from '../types.js';

export interface SaidCheck {
  title: string;
  message: string;
  expected?: string;
  actual?: string;
  hint?: string;
}

export interface SayOptions {
  /**
   * Whether "shebao fix-photo can repair this" may be suggested: true in check-photo, false when
   * showing fix-photo's own result (sending people back to fix-photo would be a circle).
   */
  suggestFix: boolean;
}

function isSkip(reason: string, words: PhotoWording): reason is SkipReason {
  return reason in words.skips;
}

/** A check's own words for a result, typed loosely: the result came back from JSON or a worker. */
type LooseWords = {
  title: string;
  message(outcome: CheckResult): string;
  expected(outcome: CheckResult): string | undefined;
  actual(outcome: CheckResult): string | undefined;
  hint(outcome: CheckResult, canFix: boolean): string | undefined;
};

export function sayCheck(result: CheckResult, words: PhotoWording, options: SayOptions): SaidCheck {
  // A result's reason always belongs to its check (the registry made it), so the check's table
  // accepts it; the table types each reason's numbers, which a result read back has lost.
  const check = words.checks[result.id as CheckId] as unknown as LooseWords | undefined;
  const title = check?.title ?? result.id;
  if (isSkip(result.reason, words)) return { title, message: words.skips[result.reason] };
  if (!check) return { title, message: result.reason };
  const problem = result.status === 'fail' || result.status === 'warn';
  const said: SaidCheck = { title, message: check.message(result) };
  const expected = check.expected(result);
  const actual = check.actual(result);
  const hint = problem ? check.hint(result, options.suggestFix && result.fixable === true) : undefined;
  if (expected !== undefined) said.expected = expected;
  if (actual !== undefined) said.actual = actual;
  if (hint !== undefined) said.hint = hint;
  return said;
}

/** A check result with its words, as `--json` prints it: the data first, then `message` and friends. */
export type WordedCheckResult = CheckResult & Omit<SaidCheck, 'title'>;

export function withWords(result: CheckResult, words: PhotoWording, options: SayOptions): WordedCheckResult {
  const { title: _title, ...said } = sayCheck(result, words, options);
  return { ...result, ...said };
}
