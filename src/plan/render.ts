/**
 * The plan in words: each milestone's title, action, where and source and each warning's sentence
 * from the wording tables, and on top of them the human timeline, the JSON document and the region
 * list (colours come from the caller).
 */
import type { ChalkInstance } from 'chalk';
import { daysBetween, weekday } from '../core/dates.js';
import { pick, textsIn, wording, type Lang } from '../i18n/index.js';
import type { MilestoneHints, PlanWording } from '../i18n/plan.js';
import { regionFields, type Region, type RegionOrigin } from './regions.js';
import type { Milestone, MilestoneStatus, Plan, PlanWarning } from './types.js';

/** A milestone's sentences in one language: the strings of the JSON contract. */
export interface SaidMilestone {
  title: string;
  action: string;
  where: string;
  source: string;
}

/**
 * A milestone's sentences. The action names no command and no option, as every surface shows it;
 * `hints` are what one surface adds after it (the terminal's `terminal`, the server's `web`).
 */
export function sayMilestone(milestone: Milestone, lang: Lang, hints?: MilestoneHints): SaidMilestone {
  const words = wording(lang).plan;
  const rule = words.rules[milestone.id];
  // The table entries are the ones for this milestone's id, so they take this milestone.
  const action = (rule.action as (milestone: Milestone) => string)(milestone);
  const hint = (hints?.[milestone.id] as ((milestone: Milestone) => string | undefined) | undefined)?.(milestone);
  const { facts } = milestone;
  return {
    title: milestone.id === 'annual-payment-window' ? words.rules[milestone.id].titleFor(milestone.facts.coverYear) : rule.title,
    action: hint === undefined ? action : `${action}${words.sentenceSeparator}${hint}`,
    where: words.where(facts.where),
    source: facts.civilCode ? `${words.cite(facts.source)}${words.citationSeparator}${words.civilCode}` : words.cite(facts.source),
  };
}

export function sayWarning(warning: PlanWarning, lang: Lang): string {
  // The table entry is the one for this warning's id, so it takes this warning.
  const say = wording(lang).plan.warnings[warning.id] as (warning: PlanWarning) => string;
  return say(warning);
}

/**
 * `shebao plan --json`: the plan's data with each milestone's and warning's sentences in `lang`,
 * the strings where the contract has always had them and the facts after them. `hints`: what a
 * surface adds after the actions (the server's page its own); `plan --json` adds nothing.
 */
export function renderPlanJson(plan: Plan, lang: Lang, hints?: MilestoneHints): string {
  const { milestones: _milestones, warnings: _warnings, ...head } = plan;
  const document = {
    ...head,
    lang,
    milestones: plan.milestones.map((milestone) => {
      const { facts, ...dated } = milestone;
      return { ...dated, ...sayMilestone(milestone, lang, hints), facts };
    }),
    warnings: plan.warnings.map((warning) => {
      const { id, ...data } = warning;
      return { id, message: sayWarning(warning, lang), ...data };
    }),
  };
  return `${JSON.stringify(document, textsIn(lang), 2)}\n`;
}

function paint(status: MilestoneStatus, color: ChalkInstance): (text: string) => string {
  if (status === 'overdue') return color.red.bold;
  if (status === 'due-soon') return color.yellow.bold;
  if (status === 'upcoming') return color.cyan;
  return color.dim;
}

function when(milestone: Milestone, plan: Plan, words: PlanWording): string {
  const { timeline } = words;
  const day = (date: string) => `${date} ${words.weekdays[weekday(date)]}`;
  const estimate = milestone.estimate ? timeline.estimate : '';
  if (milestone.start !== null && milestone.end !== null && milestone.start !== milestone.end) {
    const range = timeline.range(day(milestone.start), day(milestone.end));
    const opensIn = daysBetween(plan.today, milestone.start);
    let left = '';
    if (milestone.status !== 'done') {
      if (opensIn > 0) left = ` · ${timeline.startsIn(opensIn)}`;
      else if (milestone.kind === 'expected') left = ` · ${timeline.now}`;
      else left = ` · ${timeline.endsIn(milestone.daysLeft)}`;
    }
    return `${range}${estimate}${left}`;
  }
  const left = milestone.status === 'done' && milestone.daysLeft < 0 ? '' : ` · ${timeline.daysLeft(milestone.daysLeft)}`;
  return `${day(milestone.date)}${estimate}${left}`;
}

/** `shebao plan`'s timeline, for a terminal: the one plan output that adds the commands to type (`terminal`). */
export function renderPlanText(plan: Plan, region: Region, lang: Lang, color: ChalkInstance): string {
  const words = wording(lang).plan;
  const { timeline } = words;
  const lines = [color.bold(timeline.heading(pick(region.name, lang), region.provisional))];
  const facts = [timeline.born(plan.birthDate, plan.birthDate > plan.today)];
  if (plan.applied) facts.push(timeline.applied(plan.applied));
  facts.push(timeline.today(plan.today));
  lines.push(facts.join(' · '));
  for (const milestone of plan.milestones) {
    const said = sayMilestone(milestone, lang, words.terminal.milestones);
    const painter = paint(milestone.status, color);
    lines.push('', `${painter(`[${milestone.status === 'done' && milestone.kind === 'expected' ? timeline.reached : timeline.status[milestone.status]}]`)} ${color.bold(said.title)}`);
    lines.push(`  ${painter(when(milestone, plan, words))}`);
    lines.push(`  ${timeline.what}${said.action}`);
    lines.push(`  ${timeline.where}${said.where}`);
    lines.push(color.dim(`  ${timeline.source}${said.source}`));
  }
  if (plan.premium) lines.push('', timeline.premium(plan.premium, timeline.source));
  for (const note of region.notes) lines.push('', `${timeline.note}${pick(note, lang)}`);
  // The warnings belong to the plan: `plan > 计划.txt` keeps them (the CLI repeats them on stderr only when stdout is not a terminal).
  for (const warning of plan.warnings) lines.push('', `${color.yellow(words.warningPrefix)}${sayWarning(warning, lang)}`);
  lines.push('', timeline.lastWord(region.hotlines.map((h) => h.number).join(' / ')));
  return lines.join('\n') + '\n';
}

/** Columns of CJK text are two cells wide in a terminal. */
function cells(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(char) ? 2 : 1;
  return width;
}

function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cells(text)));
}

/** One mark per section: own (public or secondary), the province's, the national rule, none. */
function originMark({ kind, provisional }: RegionOrigin): string {
  if (kind === 'own') return provisional ? '◎' : '●';
  if (kind === 'province') return '◐';
  return kind === 'national' ? '○' : '–';
}

/** `plan --list-regions`: one row per region, one mark per section saying where its value comes from. */
export function renderRegionList(regions: readonly Region[], lang: Lang, color: ChalkInstance): string {
  const { regionList } = wording(lang).plan;
  const headings = [regionList.id, regionList.name, ...regionFields.map((field) => regionList.columns[field])];
  const rows = regions.map((region) => [region.id, pick(region.name, lang), ...regionFields.map((field) => originMark(region.origins[field]))]);
  const widths = headings.map((heading, column) => Math.max(cells(heading), ...rows.map((row) => cells(row[column] ?? ''))));
  const line = (row: string[]) => row.map((cell, column) => padCells(cell, widths[column] ?? 0)).join('  ').trimEnd();
  return [color.bold(line(headings)), ...rows.map(line), '', regionList.legend, regionList.ids, regionList.usage].join('\n') + '\n';
}
