/** The words of id, one table per language (src/i18n/zh/id.ts, src/i18n/en/id.ts). */
import type { IdKind, IdProblem, IdProblemOf, IdReason, IdWarning, Sex } from '../id/index.js';
import type { CommandHelp } from './cli.js';

export interface IdWording {
  help: CommandHelp<'show' | 'json' | 'today', 'number'>;
  valid: string;
  invalid: string;
  /** Each row's label, colon included: "性别：" / "sex: ". */
  rows: Record<'upgraded' | 'document' | 'born' | 'sex' | 'province', string>;
  upgraded: string;
  /** After the province of a foreigner's permanent residence ID: it names where it was issued. */
  issuedIn: string;
  kinds: Record<IdKind, string>;
  sexes: Record<Sex, string>;
  /** What is wrong with a number, one sentence per reason. */
  problems: { [R in IdReason]: (problem: IdProblemOf<R>) => string };
  /** What is doubtful about a valid number, one sentence per reason. */
  warnings: { [R in IdWarning['reason']]: (warning: Extract<IdWarning, { reason: R }>) => string };
}

/** The sentence for one problem (TypeScript cannot pair a reason with its own sentence-maker unaided). */
export function sayIdProblem(words: IdWording, problem: IdProblem): string {
  const say = words.problems[problem.reason] as (problem: IdProblem) => string;
  return say(problem);
}
