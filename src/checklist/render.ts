/**
 * Renderers over one Checklist, in one language: text for the terminal, Markdown with `- [ ]`
 * boxes a parent can print or paste into a notes app, and the JSON document (the data with each
 * sentence beside it). Dates' and warnings' sentences are the plan's; colours come from the caller.
 * The shared words name no command; only the text adds the terminal's (ChecklistWording `terminal`),
 * and the JSON what its caller gives (the server's page its own).
 */
import type { ChalkInstance } from 'chalk';
import { Chalk } from 'chalk';
import { isShebaoError } from '../core/errors.js';
import { escapeControls } from '../core/names.js';
import { daysBetween, type IsoDate } from '../core/dates.js';
import type { ChecklistHints, ChecklistWording, Relative } from '../i18n/checklist.js';
import { pick, sayError, textsIn, wording, type Lang, type Wording } from '../i18n/index.js';
import { sayCheck } from '../photo/render/say.js';
import type { CheckResult } from '../photo/types.js';
import { sayMilestone, sayWarning, type Milestone, type MilestoneStatus } from '../plan/index.js';
import { recheckCommandFor, replacementFeePlaceholder, type Checklist, type ChecklistItem, type ChecklistStep, type ChecklistTip, type Place, type PhotoLine } from './build.js';

/** An item's note with what a surface adds after it, or null when there is neither. */
function itemNote(item: ChecklistItem, lang: Lang, words: ChecklistWording, hints?: ChecklistHints): string | null {
  const note = item.note ? pick(item.note, lang) : null;
  const hint = hints?.items[item.id];
  if (hint === undefined) return note;
  return note === null ? hint : `${note}${words.bring.note(hint)}`;
}

function describeItem(item: ChecklistItem, lang: Lang, words: ChecklistWording, hints?: ChecklistHints): string {
  const { bring } = words;
  const what = [item.original ? bring.original : '', item.copy ? bring.copy : ''].filter(Boolean).join(' + ');
  const how = what === '' ? '' : `${what}${item.pages ? bring.pages(pick(item.pages, lang)) : ''}`;
  const note = itemNote(item, lang, words, hints);
  return `${pick(item.text, lang)}${how ? ` — ${how}` : ''}${note === null ? '' : bring.note(note)}`;
}

function when(date: Milestone, today: IsoDate, words: ChecklistWording): string {
  const ranged = date.start !== null && date.end !== null && date.start !== date.end;
  const span = ranged ? words.range(date.start!, date.end!) : date.date;
  return words.when(span, relativeOf(date, today, ranged), date.estimate);
}

/** How far a date is from today; "over" only for a deadline that was missed. */
function relativeOf(date: Milestone, today: IsoDate, ranged: boolean): Relative {
  if (ranged && date.status !== 'done' && date.start! <= today && today <= date.end!) return { kind: 'open', days: daysBetween(today, date.end!) };
  if (date.daysLeft === 0) return { kind: 'today' };
  if (date.daysLeft > 0) return { kind: 'left', days: date.daysLeft };
  return { kind: date.status === 'overdue' ? 'overdue' : 'ago', days: -date.daysLeft };
}

/** A date's label: a done step is "done", an expected date that has come "reached", never "over". */
export function statusLabel(date: Milestone, words: { status: Record<MilestoneStatus, string>; reached: string }): string {
  return date.status === 'done' && date.kind === 'expected' ? words.reached : words.status[date.status];
}

function describePlace(place: Place, lang: Lang, words: Wording): string {
  const label = words.checklist.where[place.via];
  if ('office' in place) return `${label}${pick(place.office, lang)}`;
  if ('apps' in place) return `${label}${words.plan.list(place.apps.map((app) => pick(app, lang)))}`;
  return `${label}${place.numbers.join(' / ')}`;
}

/** A tip's text; the card-duration tip with what a surface adds while the card has no dates (nothing applied for). */
function describeTip(tip: ChecklistTip, step: ChecklistStep, checklist: Checklist, lang: Lang, hints?: ChecklistHints): string {
  const words = wording(lang);
  if (tip.kind === 'card-duration') {
    const text = words.checklist.cardDuration(pick(checklist.region.name, lang), tip.earliest, tip.latest);
    const hint = step.dates.length === 0 ? hints?.cardDuration(tip.earliest, tip.latest) : undefined;
    return hint === undefined ? text : `${text}${words.plan.sentenceSeparator}${hint}`;
  }
  const text = pick(tip.text, lang);
  return tip.replacementFeeYuan === undefined ? text : text.replace(replacementFeePlaceholder, words.checklist.replacementFee(tip.replacementFeeYuan));
}

/** A failed check or a warning in the photo checker's words. */
function describeCheck(check: CheckResult, words: Wording): string {
  return sayCheck(check, words.photo, { suggestFix: false }).message;
}

/** Why the photo could not be checked: a ShebaoError's sentence, or the system's message. */
export function describeProblem(error: unknown, lang: Lang): string {
  if (isShebaoError(error)) return sayError(error, lang).message;
  return error instanceof Error ? error.message : String(error);
}

/** The photo's state in one sentence, plus the fix command when it failed. */
export function describePhoto(photo: PhotoLine, lang: Lang): { text: string; command: string | null } {
  const words = wording(lang);
  const said = words.checklist.photo;
  switch (photo.status) {
    case 'not-given':
      return { text: said.notGiven, command: null };
    case 'unreadable':
      return { text: said.unreadable(photo.file ?? '', describeProblem(photo.error, lang)), command: null };
    case 'pass':
      return { text: said.passed(photo.file ?? '', photo.warnings.map((check) => describeCheck(check, words))), command: null };
    case 'fail':
      return { text: said.failed(photo.file ?? '', photo.failed.map((check) => describeCheck(check, words))), command: photo.fixCommand };
  }
}

function heading(checklist: Checklist, lang: Lang, words: Wording): { title: string; child: string } {
  const { child } = checklist;
  return {
    title: words.checklist.title(pick(checklist.region.name, lang), checklist.region.provisional),
    child: words.checklist.child(child.birthDate, { years: child.age, months: child.months }, words.profile.stages[child.stage], checklist.today),
  };
}

function hotlines(checklist: Checklist, lang: Lang): string {
  return checklist.hotlines.map((h) => `${h.number} ${pick(h.name, lang)}`).join(' · ');
}

function closing(checklist: Checklist, words: ChecklistWording): string {
  return words.closing(checklist.hotlines.map((h) => h.number).join(' / '));
}

function hasPhotoItem(step: ChecklistStep): boolean {
  return step.id === 'apply' && step.items.some((item) => item.id === 'e-photo');
}

/** Where the photo's state is shown: on the e-photo item, or on its own in the apply step. */
function showsPhotoAlone(step: ChecklistStep, photo: PhotoLine): boolean {
  return step.id === 'apply' && !hasPhotoItem(step) && photo.status !== 'not-given';
}

/** The checklist for a terminal (`shebao checklist`, the interview): the one output that adds the commands to type. */
export function renderChecklistText(checklist: Checklist, lang: Lang, color: ChalkInstance = new Chalk({ level: 0 })): string {
  const words = wording(lang);
  const said = words.checklist;
  const hints = said.terminal;
  const head = heading(checklist, lang, words);
  const lines = [color.bold(head.title), head.child];
  const paint = (status: MilestoneStatus) =>
    status === 'overdue' ? color.red.bold : status === 'due-soon' ? color.yellow.bold : status === 'upcoming' ? color.cyan : color.dim;
  checklist.steps.forEach((step, index) => {
    const done = step.done ? color.green(said.done) : '';
    lines.push('', color.bold(`${index + 1}. ${pick(step.title, lang)}`) + done);
    // A step behind the family needs no shopping list, only what to keep from it.
    if (step.done) {
      for (const tip of step.tips) lines.push(`   · ${describeTip(tip, step, checklist, lang, hints)}`);
      return;
    }
    for (const date of step.dates) {
      const painter = paint(date.status);
      const { title, action } = sayMilestone(date, lang, hints.milestones);
      lines.push(`   ${painter(`[${statusLabel(date, said)}]`)} ${title}${said.colon}${painter(when(date, checklist.today, said))}`);
      lines.push(color.dim(`      ${action}`));
    }
    if (step.where.length > 0) {
      lines.push(`   ${said.text.where}`);
      for (const place of step.where) lines.push(`     ${describePlace(place, lang, words)}`);
    }
    if (step.items.length > 0 || showsPhotoAlone(step, checklist.photo)) {
      lines.push(`   ${said.text.bring}`);
      for (const item of step.items) {
        const ready = item.id === 'e-photo' && checklist.photo.status === 'pass';
        lines.push(`     ${ready ? '☑' : '☐'} ${describeItem(item, lang, said, hints)}`);
        if (item.id === 'e-photo') lines.push(...photoLines(checklist.photo, lang, color, '         '));
      }
      if (showsPhotoAlone(step, checklist.photo)) lines.push(...photoLines(checklist.photo, lang, color, '     '));
    }
    if (step.tips.length > 0) {
      lines.push(`   ${said.text.tips}`);
      for (const tip of step.tips) lines.push(`     · ${describeTip(tip, step, checklist, lang, hints)}`);
    }
  });
  if (checklist.premium) lines.push('', words.plan.timeline.premium(checklist.premium));
  lines.push('', said.text.phone + hotlines(checklist, lang));
  for (const warning of checklist.warnings) lines.push(color.yellow(`${said.note}${sayWarning(warning, lang)}`));
  lines.push(closing(checklist, said));
  return `${lines.join('\n')}\n`;
}

/**
 * describePhoto with the photo's name and what was read from it (an ICC description) escaped, for
 * the terminal and Markdown: an escape sequence in a file name is shown, not obeyed. JSON keeps the
 * name as it is (JSON escapes control characters itself).
 */
function describePhotoShown(photo: PhotoLine, lang: Lang): { text: string; command: string | null } {
  const { text, command } = describePhoto(photo, lang);
  return { text: escapeControls(text), command: command === null ? null : escapeControls(command) };
}

function photoLines(photo: PhotoLine, lang: Lang, color: ChalkInstance, indent: string): string[] {
  const said = wording(lang).checklist;
  const { text, command } = describePhotoShown(photo, lang);
  const painter = photo.receiptRequired ? color.dim : photo.status === 'pass' ? color.green : photo.status === 'not-given' ? color.dim : color.red;
  const lines = [`${indent}${painter(photo.status === 'not-given' ? `${text}${said.colon}${said.terminal.checkPhoto}` : text)}`];
  if (photo.receiptRequired) lines.unshift(`${indent}${color.yellow(said.photo.receiptOnly)}`);
  if (command) {
    lines.push(`${indent}${said.photo.fix}${color.bold(command)}`);
    lines.push(`${indent}${said.photo.recheck}${color.bold(escapeControls(recheckCommandFor(photo.file ?? '')))}`);
  }
  return lines;
}

export function renderChecklistMarkdown(checklist: Checklist, lang: Lang): string {
  const words = wording(lang);
  const said = words.checklist;
  const { markdown } = said;
  const head = heading(checklist, lang, words);
  const out = [`# ${head.title}`, '', head.child];
  checklist.steps.forEach((step, index) => {
    out.push('', `## ${index + 1}. ${pick(step.title, lang)}${step.done ? said.done : ''}`);
    if (step.done) {
      out.push('', ...step.tips.map((tip) => `- ${describeTip(tip, step, checklist, lang)}`));
      return;
    }
    if (step.dates.length > 0) {
      out.push('', `**${markdown.dates}**`, '');
      for (const date of step.dates) {
        const { title, action } = sayMilestone(date, lang);
        out.push(`- **${title}**${said.colon}${when(date, checklist.today, said)}${said.sentenceEnd}${action}`);
      }
    }
    if (step.where.length > 0) {
      out.push('', `**${markdown.where}**`, '');
      for (const place of step.where) out.push(`- ${describePlace(place, lang, words)}`);
    }
    if (step.items.length > 0 || showsPhotoAlone(step, checklist.photo)) {
      out.push('', `**${markdown.bring}**`, '');
      for (const item of step.items) {
        if (item.id === 'e-photo') {
          out.push(photoItem(describeItem(item, lang, said), checklist.photo, lang));
        } else {
          out.push(`- [ ] ${describeItem(item, lang, said)}`);
        }
      }
      if (showsPhotoAlone(step, checklist.photo)) out.push(photoItem(said.photo.check, checklist.photo, lang));
    }
    if (step.tips.length > 0) {
      out.push('', `**${markdown.tips}**`, '');
      for (const tip of step.tips) out.push(`- ${describeTip(tip, step, checklist, lang)}`);
    }
  });
  if (checklist.premium) out.push('', words.plan.timeline.premium(checklist.premium));
  out.push('', '---', '', `${markdown.phone}: ${hotlines(checklist, lang)}`);
  for (const warning of checklist.warnings) out.push('', `> ${said.note}${sayWarning(warning, lang)}`);
  out.push('', closing(checklist, said));
  return `${out.join('\n')}\n`;
}

function photoItem(label: string, photo: PhotoLine, lang: Lang): string {
  const said = wording(lang).checklist;
  const { text, command } = describePhotoShown(photo, lang);
  const fix = command ? `${said.sentenceEnd}${said.photo.fix}\`${command}\`${said.sentenceEnd}${said.photo.recheck}\`${escapeControls(recheckCommandFor(photo.file ?? ''))}\`` : '';
  if (photo.receiptRequired) return `- ${label}${said.sentenceEnd}${said.photo.receiptOnly}${said.sentenceEnd}${text}`;
  return `- [${photo.status === 'pass' ? 'x' : ' '}] ${label}${said.sentenceEnd}${text}${fix}`;
}

/**
 * `shebao checklist --json`: every field the document has always had, its strings in `lang`,
 * and the data beside them (reasons, periods, places, each warning's facts). Rules-file `Text`
 * inside that data is written in `lang` too, so the document speaks one language. `hints`: what a
 * surface adds to actions, tips and notes (the server's page its own); `checklist --json` adds nothing.
 */
export function renderChecklistJson(checklist: Checklist, lang: Lang, hints?: ChecklistHints): string {
  const words = wording(lang);
  const said = words.checklist;
  const { child, photo } = checklist;
  const withMessage = (check: CheckResult) => {
    const { id, ...data } = check;
    return { id, message: describeCheck(check, words), ...data };
  };
  const document = {
    today: checklist.today,
    lang,
    region: checklist.region,
    child: { ...child, stageName: words.profile.stages[child.stage] },
    steps: checklist.steps.map((step) => ({
      id: step.id,
      title: step.title,
      done: step.done,
      where: step.where.map((place) => describePlace(place, lang, words)),
      places: step.where,
      dates: step.dates.map((date) => {
        const { title, action } = sayMilestone(date, lang, hints?.milestones);
        const { id, date: day, start, end, daysLeft, status, estimate, kind } = date;
        return { id, title, date: day, start, end, daysLeft, status, estimate, action, kind };
      }),
      items: step.items.map((item) => ({ ...item, note: itemNote(item, lang, said, hints) })),
      tips: step.tips.map((tip) => {
        const { id, kind, source } = tip;
        const text = describeTip(tip, step, checklist, lang, hints);
        if (tip.kind === 'card-duration') return { id, text, source, kind, earliest: tip.earliest, latest: tip.latest };
        return { id, text, source, kind, ...(tip.replacementFeeYuan === undefined ? {} : { replacementFeeYuan: tip.replacementFeeYuan }) };
      }),
    })),
    photo: {
      status: photo.status,
      file: photo.file,
      failed: photo.failed.map(withMessage),
      warnings: photo.warnings.map(withMessage),
      error: photo.error === null ? null : describeProblem(photo.error, lang),
      errorCode: isShebaoError(photo.error) ? photo.error.code : null,
      fixCommand: photo.fixCommand,
      receiptRequired: photo.receiptRequired,
    },
    hotlines: checklist.hotlines,
    warnings: checklist.warnings.map((warning) => {
      const { id, ...data } = warning;
      return { id, message: sayWarning(warning, lang), ...data };
    }),
    premium: checklist.premium,
  };
  return `${JSON.stringify(document, textsIn(lang), 2)}\n`;
}
