/**
 * The plan in words: each milestone's title, action, where and source and each warning's sentence
 * from the wording tables, and on top of them the human timeline, the JSON document and the region
 * list (colours come from the caller).
 */
import type { ChalkInstance } from 'chalk';
import { daysBetween, weekday } from '../core/dates.js';
import { pick, textsIn, wording, type Lang } from '../i18n/index.js';
import type { PlanWording } from '../i18n/plan.js';
import type { Region } from './regions.js';
import type { Milestone, MilestoneStatus, Plan, PlanWarning } from './types.js';

/** A milestone's sentences in one language: the strings of the JSON contract. */
export interface SaidMilestone {
  title: string;
  action: string;
  where: string;
  source: string;
}

export function sayMilestone(milestone: Milestone, lang: Lang): SaidMilestone {
  const words = wording(lang).plan;
  const rule = words.rules[milestone.id];
  // The table entry is the one for this milestone's id, so it takes this milestone.
  const action = rule.action as (milestone: Milestone) => string;
  const { facts } = milestone;
  return {
    title: milestone.id === 'annual-payment-window' ? words.rules[milestone.id].titleFor(milestone.facts.coverYear) : rule.title,
    action: action(milestone),
    where: words.where(facts.where),
    source: facts.civilCode ? `${facts.source}; ${words.civilCode}` : facts.source,
  };
}

export function sayWarning(warning: PlanWarning, lang: Lang): string {
  // The table entry is the one for this warning's id, so it takes this warning.
  const say = wording(lang).plan.warnings[warning.id] as (warning: PlanWarning) => string;
  return say(warning);
}

/**
 * `shebao plan --json`: the plan's data with each milestone's and warning's sentences in `lang`,
 * the strings where the contract has always had them and the facts after them.
 */
export function renderPlanJson(plan: Plan, lang: Lang): string {
  const { milestones: _milestones, warnings: _warnings, ...head } = plan;
  const document = {
    ...head,
    lang,
    milestones: plan.milestones.map((milestone) => {
      const { facts, ...dated } = milestone;
      return { ...dated, ...sayMilestone(milestone, lang), facts };
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

export function renderPlanText(plan: Plan, region: Region, lang: Lang, color: ChalkInstance): string {
  const words = wording(lang).plan;
  const { timeline } = words;
  const lines = [color.bold(timeline.heading(pick(region.name, lang), region.provisional))];
  const facts = [timeline.born(plan.birthDate, plan.birthDate > plan.today)];
  if (plan.applied) facts.push(timeline.applied(plan.applied));
  facts.push(timeline.today(plan.today));
  lines.push(facts.join(' · '));
  for (const milestone of plan.milestones) {
    const said = sayMilestone(milestone, lang);
    const painter = paint(milestone.status, color);
    lines.push('', `${painter(`[${timeline.status[milestone.status]}]`)} ${color.bold(said.title)}`);
    lines.push(`  ${painter(when(milestone, plan, words))}`);
    lines.push(`  ${timeline.what}${said.action}`);
    lines.push(`  ${timeline.where}${said.where}`);
    lines.push(color.dim(`  ${timeline.source}${said.source}`));
  }
  for (const note of region.notes) lines.push('', `${timeline.note}${pick(note, lang)}`);
  lines.push('', timeline.lastWord(region.hotlines.map((h) => h.number).join(' / ')));
  return lines.join('\n') + '\n';
}

export function renderRegionList(regions: readonly Region[], lang: Lang, color: ChalkInstance): string {
  const words = wording(lang).plan;
  const { regionList } = words;
  const lines: string[] = [];
  for (const region of regions) {
    const provisional = region.provisional ? color.yellow(regionList.provisional) : '';
    const apps = region.apps.filter((app) => app.steps.some((step) => step === 'apply' || step === 'enroll')).map((app) => pick(app.name, lang));
    const hotlines = region.hotlines.map((h) => `${h.number} ${pick(h.name, lang)}`);
    lines.push(`${color.bold(region.id)}  ${pick(region.name, lang)}${provisional}`);
    lines.push(`  ${regionList.summary(region)}`);
    lines.push(`  ${regionList.applyVia}: ${words.list(apps)}`);
    lines.push(`  ${regionList.hotlines}: ${hotlines.join(regionList.hotlineSeparator)}`);
    if (region.conflicts.length > 0) lines.push(color.yellow(`  ${regionList.conflicts}: ${region.conflicts.map((c) => pick(c.message, lang)).join(' ')}`));
  }
  lines.push('', regionList.usage);
  return lines.join('\n') + '\n';
}
