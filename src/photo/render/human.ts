/** The report for people: Chinese by default, one line per check, with what to do about failures. */
import type { ChalkInstance } from 'chalk';
import { tr, type Lang } from '../../core/i18n.js';
import { photoChecks } from '../checks/index.js';
import type { PhotoSpec } from '../spec.js';
import type { BatchReport, CheckStatus, PhotoReport } from '../types.js';

export interface HumanOptions {
  lang: Lang;
  color: ChalkInstance;
  /** Only failed photos and their failed checks. */
  quiet?: boolean;
  /** Every check of every photo (default: all checks for a single photo, problems only for a batch). */
  detail?: boolean;
}

const titles = new Map(photoChecks.map((check) => [check.id, check.title]));

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
const titleWidth = { zh: 0, en: 0 };
for (const title of titles.values()) {
  titleWidth.zh = Math.max(titleWidth.zh, columns(title.zh) + 2);
  titleWidth.en = Math.max(titleWidth.en, columns(title.en) + 2);
}

export function renderPhotoHuman(report: PhotoReport, options: HumanOptions): string {
  const { lang, color } = options;
  const lines = [`${report.ok ? color.green('✓') : color.red('✗')} ${color.bold(report.file)}`];
  const detail = options.detail ?? true;
  const shown = report.checks.filter((check) => {
    const problem = check.status === 'fail' || check.status === 'warn';
    return options.quiet ? check.status === 'fail' : detail || problem;
  });
  // Skipped checks that share a reason ("--no-face", "could not be read") take one line together.
  const skipReasons = new Map<string, string[]>();
  for (const check of shown) {
    if (check.status !== 'skip') continue;
    const title = titles.get(check.id);
    skipReasons.set(check.message, [...(skipReasons.get(check.message) ?? []), title ? tr(lang, title) : check.id]);
  }
  for (const check of shown) {
    if (check.status === 'skip') {
      const names = skipReasons.get(check.message);
      if (!names) continue; // already printed with the first check of its group
      skipReasons.delete(check.message);
      if (names.length > 1) {
        lines.push(`  ${mark('skip', color)} ${color.dim(`${names.join(tr(lang, '、', ', '))}${tr(lang, '：', ': ')}${check.message}`)}`);
        continue;
      }
    }
    const title = titles.get(check.id);
    const name = pad(title ? tr(lang, title) : check.id, titleWidth[lang]);
    const text = check.status === 'fail' ? color.red(check.message) : check.status === 'skip' ? color.dim(check.message) : check.message;
    lines.push(`  ${mark(check.status, color)} ${name}${text}`);
    if ((check.status === 'fail' || check.status === 'warn') && check.hint) lines.push(`      ${color.cyan('→')} ${check.hint}`);
  }
  if (report.annotation && !options.quiet) lines.push(`  ${color.cyan('▣')} ${tr(lang, '标注图', 'annotated')}: ${report.annotation}`);
  return `${lines.join('\n')}\n`;
}

export function renderSummaryHuman(batch: BatchReport, spec: PhotoSpec, lang: Lang, color: ChalkInstance): string {
  const { total, passed, failed } = batch.summary;
  const name = `${tr(lang, spec.name)}（${spec.id}）`;
  const counts =
    lang === 'en'
      ? `${total} photo${total === 1 ? '' : 's'}: ${color.green(`${passed} passed`)}, ${failed > 0 ? color.red(`${failed} failed`) : '0 failed'} (spec: ${spec.name.en}, ${spec.id})`
      : `共 ${total} 张：${color.green(`${passed} 张通过`)}，${failed > 0 ? color.red(`${failed} 张未通过`) : '0 张未通过'}（规格：${name}）`;
  const advice =
    failed > 0
      ? tr(lang, '\n未通过的照片可以试试：shebao fix-photo <照片> -o <新文件.jpg>', '\nTo repair a failed photo, try: shebao fix-photo <photo> -o <new.jpg>')
      : '';
  return `${counts}${advice}\n`;
}
