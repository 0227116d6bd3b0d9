/** The report for people: Chinese by default, one line per check, with what to do about failures. */
import type { ChalkInstance } from 'chalk';
import { escapeControls } from '../../core/names.js';
import { pick, wording, type Lang } from '../../i18n/index.js';
import type { PhotoSpec } from '../spec.js';
import type { PhotoWording } from '../../i18n/photo.js';
import type { BatchReport, CheckResult, CheckStatus, PhotoReport } from '../types.js';
import { sayCheck, type SaidCheck, type SayOptions } from './say.js';

export interface HumanOptions {
  lang: Lang;
  color: ChalkInstance;
  /** Only failed photos and their failed checks. */
  quiet?: boolean;
  /** Every check of every photo (default: all checks for a single photo, problems only for a batch). */
  detail?: boolean;
  /** Suggest shebao fix-photo where it helps (default true; false for fix-photo's own report). */
  suggestFix?: boolean;
}

function mark(status: CheckStatus, color: ChalkInstance): string {
  switch (status) {
    case 'pass':
      return color.green('✓');
    case 'fail':
      return color.red('✗');
    case 'warn':
      return color.yellow('!');
    case 'skip':
      return color.dim('-');
  }
}

/** Terminal columns of a string, counting CJK characters as two. */
function columns(text: string): number {
  let count = 0;
  for (const char of text) count += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return count;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(1, width - columns(text)));
}

/** The title column is as wide as the longest title in the language, plus two spaces. */
const titleWidths = new Map<Lang, number>();
function titleWidth(lang: Lang): number {
  let width = titleWidths.get(lang);
  if (width === undefined) {
    width = Math.max(...Object.values(wording(lang).photo.checks).map((check) => columns(check.title) + 2));
    titleWidths.set(lang, width);
  }
  return width;
}

/**
 * A check's words with what came from the photo (an ICC profile's description, a file name)
 * escaped: an escape sequence inside a photo must be shown, not obeyed by the terminal.
 */
function sayShown(check: CheckResult, words: PhotoWording, say: SayOptions): SaidCheck {
  const said = sayCheck(check, words, say);
  return {
    ...said,
    message: escapeControls(said.message),
    ...(said.hint === undefined ? {} : { hint: escapeControls(said.hint) }),
  };
}

export function renderPhotoHuman(report: PhotoReport, options: HumanOptions): string {
  const { lang, color } = options;
  const words = wording(lang).photo;
  const say = { suggestFix: options.suggestFix ?? true };
  const lines = [`${report.ok ? color.green('✓') : color.red('✗')} ${color.bold(escapeControls(report.file))}`];
  const detail = options.detail ?? true;
  const shown = report.checks.filter((check) => {
    const problem = check.status === 'fail' || check.status === 'warn';
    return options.quiet ? check.status === 'fail' : detail || problem;
  });
  // Skipped checks that share a reason ("--no-face", "could not be read") take one line together.
  const skipGroups = new Map<string, string[]>();
  for (const check of shown) {
    if (check.status !== 'skip' || !(check.reason in words.skips)) continue;
    skipGroups.set(check.reason, [...(skipGroups.get(check.reason) ?? []), sayShown(check, words, say).title]);
  }
  for (const check of shown) {
    const said = sayShown(check, words, say);
    const group = check.status === 'skip' ? skipGroups.get(check.reason) : undefined;
    if (group) {
      skipGroups.delete(check.reason);
      if (group.length > 1) {
        lines.push(`  ${mark('skip', color)} ${color.dim(`${group.join(words.listSeparator)}${words.colon}${said.message}`)}`);
        continue;
      }
    } else if (check.status === 'skip' && check.reason in words.skips) {
      continue; // already printed with the first check of its group
    }
    const name = pad(said.title, titleWidth(lang));
    const text = check.status === 'fail' ? color.red(said.message) : check.status === 'skip' ? color.dim(said.message) : said.message;
    lines.push(`  ${mark(check.status, color)} ${name}${text}`);
    if (said.hint) lines.push(`      ${color.cyan('→')} ${said.hint}`);
  }
  if (report.annotation && !options.quiet) lines.push(`  ${color.cyan('▣')} ${words.annotated}${words.colon}${escapeControls(report.annotation)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The batch's last line. `repairable`: whether a photo failed something fix-photo repairs (taken
 * from the batch's results unless said, for a batch streamed without keeping them).
 */
export function renderSummaryHuman(batch: BatchReport, spec: PhotoSpec, lang: Lang, color: ChalkInstance, repairable = batch.results.some(isRepairable)): string {
  const words = wording(lang).photo;
  const { total, passed, failed } = batch.summary;
  // A spec file of one's own names itself: its name is shown escaped like any other outside text.
  const counts = words.summary(total, passed, failed, escapeControls(pick(spec.name, lang)), escapeControls(spec.id));
  const line = failed > 0 ? color.red(counts) : color.green(counts);
  return `${line}${repairable ? `\n${words.repairAdvice}` : ''}\n`;
}

/** `-q`: one line for a photo that failed, its failures' messages after its name; nothing for a photo that passed. */
export function renderPhotoQuiet(report: PhotoReport, lang: Lang, color: ChalkInstance): string {
  if (report.ok) return '';
  const words = wording(lang).photo;
  const failed = report.checks.filter((check) => check.status === 'fail').map((check) => sayShown(check, words, { suggestFix: false }).message);
  return `${color.red('✗')} ${color.bold(escapeControls(report.file))}${words.colon}${color.red(failed.join(words.messageSeparator))}\n`;
}

/** Whether fix-photo repairs something this photo failed (not a missing file or a blue wall): the summary then suggests it. */
export function isRepairable(report: PhotoReport): boolean {
  return report.checks.some((check) => check.status === 'fail' && check.fixable);
}
