/** The words of fix-photo, one table per language (src/i18n/zh/fix.ts, src/i18n/en/fix.ts). */
import type { FixErrorDetails } from '../fix/errors.js';
import type { Change, ChangeId, ChangeOf, KeptBackground, Refusal, RefusalId, RefusalOf } from '../fix/types.js';
import { maxInputPixels } from '../photo/analyze.js';
import type { OutcomeOf } from '../photo/checks/index.js';
import type { CommandHelp } from './cli.js';
import type { Said } from './table.js';

export interface FixWording {
  help: CommandHelp<'output' | 'spec' | 'force' | 'json' | 'concurrency' | 'today' | 'skip-existing', 'input'>;
  /** The progress bar's label while a folder is fixed. */
  progress: string;
  /** What was changed, one sentence per change id, from the change's numbers. */
  changes: { [Id in ChangeId]: (change: ChangeOf<Id>) => string };
  /** Why a photo cannot be framed, and what to do instead. */
  refusals: { [Id in RefusalId]: (refusal: RefusalOf<Id>) => Said };
  /** A refusal with what else stops the photo (its `also`): one message and one hint. */
  withAlso(first: Said, also: readonly Said[]): Said;
  /** The first line of a fixed photo's report (the names come styled). */
  fixed(input: string, output: string): string;
  /** The first line of a photo that could not be fixed. */
  cannotFix(input: string): string;
  /** The verdict on the fixed photo. */
  passes(specName: string): string;
  /** The photo passed already and was written unchanged (change `already-compliant`). */
  alreadyPasses(specName: string): string;
  stillFails(failed: number, specName: string): string;
  /** The notes after a photo's line in a folder run. */
  notes: {
    /** Another photo of the batch would have been written to `plain` as well: this one was given another name. */
    renamed(plain: string): string;
    encoded(quality: number, bytes: number): string;
    replaced: string;
    extended: string;
    whitened: string;
    kept: Record<KeptBackground, string>;
  };
  /** A folder run's last line; `passed` and `failed` are passedCount and failedCount, styled. */
  passedCount(count: number): string;
  failedCount(count: number): string;
  summary(total: number, passed: string, failed: string, specName: string, specId: string, output: string): string;
  /** The subfolder of a folder run's output where fixed photos that still fail go (a name, not a path). */
  failedFolder: string;
  /** After the summary, when some fixed photos still fail: where they are. */
  failedApart(folder: string): string;
  /** After the summary with --skip-existing: how many photos already had an output. */
  skipped(count: number): string;
}

/** The sentence for one change (TypeScript cannot pair an id with its own sentence-maker unaided). */
export function sayChange(words: FixWording, change: Change): string {
  const say = words.changes[change.id] as (change: Change) => string;
  return say(change);
}

/** What a person reads about a refusal: what is wrong and what to do. */
export function sayRefusal(words: FixWording, refusal: Refusal): Said {
  const { also = [], ...own } = refusal;
  const say = words.refusals[own.id] as (refusal: Refusal) => Said;
  const said = say(own);
  return also.length === 0 ? said : words.withAlso(said, also.map((other) => sayRefusal(words, other)));
}

/** An `unreadable-photo` error as the `readable` check's outcome, so check-photo's words say it. */
export function readableOutcome({ reason, detail }: FixErrorDetails['unreadable-photo']): OutcomeOf<'readable'> {
  return { status: 'fail', reason, measured: { ...detail }, limits: { maxPixels: maxInputPixels } };
}
