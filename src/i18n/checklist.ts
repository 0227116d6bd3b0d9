/** The words of checklist, one table per language (src/i18n/zh/checklist.ts, src/i18n/en/checklist.ts). */
import type { Place } from '../checklist/index.js';
import type { IsoDate } from '../core/dates.js';
import type { CardPeriod, MilestoneStatus } from '../plan/index.js';
import type { CommandHelp } from './cli.js';
import type { MilestoneHints } from './plan.js';

/**
 * How far a date is from today: `left` days to go, `open` a range under way that ends in `days`,
 * `ago` a date that has passed without being missed (done, or an expected date), `overdue` a
 * deadline missed by `days`.
 */
export type Relative = { kind: 'today' } | { kind: 'left' | 'open' | 'ago' | 'overdue'; days: number };

/**
 * What one surface adds to the checklist's shared words, which never name a command or an option
 * (see MilestoneHints): after the dates' actions, after the card-duration tip while the card has
 * no dates, and after an item's note, by item id (rules/materials.json).
 */
export interface ChecklistHints {
  milestones: MilestoneHints;
  cardDuration(earliest: CardPeriod, latest: CardPeriod): string | undefined;
  items: Readonly<Record<string, string>>;
}

export interface ChecklistWording {
  help: CommandHelp<'profile' | 'format' | 'json' | 'today' | 'applied' | 'photo' | 'holidays'>;
  title(regionName: string, provisional: boolean): string;
  /** The line under the title; a child under 1 is `months` old, else `years`. */
  child(birthDate: IsoDate, age: { years: number; months: number }, stageName: string, today: IsoDate): string;
  /** After a step's title when it is behind the family. */
  done: string;
  /** A date's label: `done` is a step the family has done; "over" words are kept for `overdue`, a missed deadline. */
  status: Record<MilestoneStatus, string>;
  /** The label of an expected date (the card being ready) once it has come. */
  reached: string;
  /** A date: its day or range, how far away (see Relative), whether it is an estimate. */
  when(span: string, relative: Relative, estimate: boolean): string;
  range(start: IsoDate, end: IsoDate): string;
  /** What to bring of an item: original and/or copy, which pages, a note. */
  bring: { original: string; copy: string; pages(pages: string): string; note(note: string): string };
  /** The label of a "where" line, colon included. */
  where: Record<Place['via'], string>;
  replacementFee(yuan: number | null): string;
  cardDuration(regionName: string, earliest: CardPeriod, latest: CardPeriod): string;
  /** What only the terminal's checklist adds (text output and the interview): commands and options to type. */
  terminal: ChecklistHints & {
    /** After `photo.notGiven`: how to check the photo. */
    checkPhoto: string;
  };
  photo: {
    notGiven: string;
    unreadable(file: string, error: string): string;
    passed(file: string, notes: string[]): string;
    failed(file: string, problems: string[]): string;
    /** Before the photo's verdict where a studio's photo receipt is required: the photo does not replace it. */
    receiptOnly: string;
    /** The Markdown item for a photo checked without an e-photo item in the list. */
    check: string;
    fix: string;
    /** Before the command that checks the fixed photo (`shebao checklist --photo …`). */
    recheck: string;
  };
  /** Between a label and its text: "：" / ": ". */
  colon: string;
  /** Between sentences on one Markdown line: "。" / ". ". */
  sentenceEnd: string;
  /** Before each warning. */
  note: string;
  text: { where: string; bring: string; tips: string; phone: string };
  markdown: { dates: string; where: string; bring: string; tips: string; phone: string };
  /** The last line: ask the hotlines before going. */
  closing(numbers: string): string;
}
