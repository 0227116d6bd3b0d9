/** The words of plan, one table per language (src/i18n/zh/plan.ts, src/i18n/en/plan.ts). */
import type { IsoDate } from '../core/dates.js';
import type { Period } from '../plan/periods.js';
import type { RegionField } from '../plan/regions.js';
import type { CardPeriod, LateCover, MilestoneOf, MilestoneStatus, PlanPremium, PlanWarningOf, RuleId, WarningId, Where } from '../plan/types.js';
import type { CommandHelp } from './cli.js';

/** A deadline rule's words: its title (what `shebao rules` lists) and what its milestone says to do. */
export interface RuleWords<Id extends RuleId> {
  title: string;
  action(milestone: MilestoneOf<Id>): string;
}

/**
 * What one surface adds after a milestone's action, by rule id. The action is shared by every
 * surface (the terminal, JSON, the calendar, the server's page) and so never names a command or
 * an option; the terminal adds the command to type (PlanWording `terminal`), the server says what
 * to do on its page (ServeWording `web`). Undefined: nothing to add for this milestone now.
 */
export type MilestoneHints = { [Id in RuleId]?: (milestone: MilestoneOf<Id>) => string | undefined };

export interface PlanWording {
  help: CommandHelp<'newborn' | 'region' | 'today' | 'applied' | 'json' | 'ics' | 'force' | 'list-regions' | 'holidays'>;
  /** By rule id. The payment window's milestone is titled with the year its payment covers. */
  rules: { [Id in RuleId]: RuleWords<Id> } & { 'annual-payment-window': { titleFor(coverYear: number): string } };
  /** What only the terminal's timeline adds: the command or option to type. */
  terminal: { milestones: MilestoneHints };
  /** Between an action and what a surface adds after it: "" / " ". */
  sentenceSeparator: string;
  /** A warning's sentence, by warning id. */
  warnings: { [Id in WarningId]: (warning: PlanWarningOf<Id>) => string };
  where(where: Where): string;
  /** 《民法典》 art. 201–203, added to the source of a date they count. */
  civilCode: string;
  /**
   * A rules file's citation as this language shows it. The citations are Chinese documents: in
   * Chinese the whole citation; in English only what identifies the document (its number and its
   * address), so an English page is not half Chinese. `--json` keeps the citation whole.
   */
  cite(source: string): string;
  /** Between two citations. */
  citationSeparator: string;
  /** "90 天（含出生当天）" / "2 months". */
  period(period: Pick<Period, 'unit' | 'count'> & { countStartDay?: boolean }): string;
  /** "10 个工作日" / "30 calendar days"; 0 is "the same day". */
  cardPeriod(period: CardPeriod): string;
  /** What paying after a payment period costs, as a clause. */
  lateCover(late: LateCover): string;
  /** A list of names: "随申办、银行 App" / "Suishenban, your bank's app". */
  list(items: readonly string[]): string;
  /** Sunday first, as `weekday()` counts. */
  weekdays: readonly [string, string, string, string, string, string, string];
  timeline: {
    heading(regionName: string, provisional: boolean): string;
    born(birthDate: IsoDate, planningAhead: boolean): string;
    applied(date: IsoDate): string;
    today(date: IsoDate): string;
    /** `done`: the family has done it; "over" words are kept for `overdue`, a missed deadline. */
    status: Record<MilestoneStatus, string>;
    /** An expected date (the card being ready) that has come. */
    reached: string;
    /** After a date that is an estimate. */
    estimate: string;
    range(from: string, to: string): string;
    /** Days to a single date: today, tomorrow, 3 days left, 2 days ago. */
    daysLeft(days: number): string;
    /** Days to the end of an open window. */
    endsIn(days: number): string;
    startsIn(days: number): string;
    /** An expected range that has begun. */
    now: string;
    what: string;
    where: string;
    source: string;
    note: string;
    /** The closing line: who has the last word. */
    lastWord(hotlines: string): string;
    /** One line: what the next payment costs, and its source (rules `premiums`) when a label for it is given. */
    premium(premium: PlanPremium, sourceLabel?: string): string;
    /** Without --ics: how to get the reminders into a phone calendar. */
    icsHint: string;
  };
  ics: {
    calendarName: string;
    description(action: string, where: string, source: string): string;
    /** A reminder's text: the milestone and its day. */
    alarm(title: string, date: IsoDate): string;
    /** After --ics: the file written and how many events it holds. */
    wrote(file: string, events: number): string;
  };
  regionList: {
    /** The table's first two headings. */
    id: string;
    name: string;
    /** Each region section's name, for the fallback warning. */
    fields: Record<RegionField, string>;
    /** Each section's column heading (short). */
    columns: Record<RegionField, string>;
    /** What each mark in the table means, one line. */
    legend: string;
    /** The lines under the table: ids are pinyin, Chinese names work too; how to plan. */
    ids: string;
    usage: string;
  };
  /** Before each warning on stderr. */
  warningPrefix: string;
}
