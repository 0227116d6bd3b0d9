/** The words of checklist, one table per language (src/i18n/zh/checklist.ts, src/i18n/en/checklist.ts). */
import type { Place } from '../checklist/index.js';
import type { IsoDate } from '../core/dates.js';
import type { CardPeriod, MilestoneStatus } from '../plan/index.js';
import type { CommandHelp } from './cli.js';

export interface ChecklistWording {
  help: CommandHelp<'profile' | 'format' | 'json' | 'today' | 'applied'>;
  title(regionName: string, provisional: boolean): string;
  /** The line under the title; a child under 1 is `months` old, else `years`. */
  child(birthDate: IsoDate, age: { years: number; months: number }, stageName: string, today: IsoDate): string;
  /** After a step's title when it is behind the family. */
  done: string;
  status: Record<MilestoneStatus, string>;
  /** A date: its day or range, how far away, whether it is an estimate. */
  when(span: string, daysLeft: number, estimate: boolean): string;
  range(start: IsoDate, end: IsoDate): string;
  /** What to bring of an item: original and/or copy, which pages, a note. */
  bring: { original: string; copy: string; pages(pages: string): string; note(note: string): string };
  /** The label of a "where" line, colon included. */
  where: Record<Place['via'], string>;
  replacementFee(yuan: number | null): string;
  cardDuration(regionName: string, earliest: CardPeriod, latest: CardPeriod): string;
  photo: {
    notGiven: string;
    unreadable(file: string, error: string): string;
    passed(file: string, notes: string[]): string;
    failed(file: string, problems: string[]): string;
    /** The Markdown item for a photo checked without an e-photo item in the list. */
    check: string;
    fix: string;
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
