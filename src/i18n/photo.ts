/** The words of check-photo: each check's title, parameters, outcomes and advice. */
import type { AnnotationLabels } from '../photo/annotate.js';
import type { CheckId, OutcomeOf, ParamsOf, SkipReason } from '../photo/checks/index.js';

/** How one check is said. Every function gets the outcome's reason code and numbers. */
export interface CheckWords<P, O> {
  title: string;
  /** The spec's parameters in a sentence, for `shebao rules`. */
  describe(params: P): string;
  /** What was found. */
  message(outcome: O): string;
  /** What the spec asks for (JSON `expected`, JUnit). */
  expected(outcome: O): string | undefined;
  /** What was measured (JSON `actual`, JUnit). */
  actual(outcome: O): string | undefined;
  /**
   * What to do about a failure or warning. `canFix` is true when shebao fix-photo repairs it and
   * the reader is not already looking at fix-photo's own result.
   */
  hint(outcome: O, canFix: boolean): string | undefined;
}

export interface PhotoWording {
  checks: { [Id in CheckId]: CheckWords<ParamsOf<Id>, OutcomeOf<Id>> };
  /** Why a check was not run; the same for every check. */
  skips: Record<SkipReason, string>;
  /** Joins names in a list, and a name to its message. */
  listSeparator: string;
  /** Between whole messages on one line (`-q`, CSV): "；" / "; ". */
  messageSeparator: string;
  colon: string;
  annotated: string;
  summary(total: number, passed: number, failed: number, specName: string, specId: string): string;
  /** After a batch with failures: how to repair them. */
  repairAdvice: string;
  /** JUnit's `expected:` and `actual:` lines, and GitHub's warning prefix. */
  expectedLabel: string;
  actualLabel: string;
  warningLabel: string;
  annotation: AnnotationLabels;
}
