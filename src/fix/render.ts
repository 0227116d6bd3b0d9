/** fix-photo's report for people: what was changed, then check-photo's verdict on the result. */
import type { ChalkInstance } from 'chalk';
import { tr, type Lang } from '../core/i18n.js';
import { renderPhotoHuman } from '../photo/render/human.js';
import type { PhotoSpec } from '../photo/spec.js';
import type { PhotoReport } from '../photo/types.js';
import type { FixBatch, FixResult } from './types.js';

export interface FixHumanOptions {
  lang: Lang;
  color: ChalkInstance;
}

/** One photo in full: every change, every check of the result, and the verdict. */
export function renderFixHuman(result: FixResult, spec: PhotoSpec, { lang, color }: FixHumanOptions): string {
  const lines: string[] = [];
  if (result.output === null) {
    lines.push(`${color.red('✗')} ${color.bold(result.input)}${tr(lang, '：无法修复', ': cannot be fixed')}`);
    for (const change of result.changes) lines.push(`  · ${change.message}`);
    lines.push(...problemLines(result, color));
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${tr(lang, '修复', 'fixed')} ${color.bold(result.input)} → ${color.bold(result.output)}`);
  for (const change of result.changes) lines.push(`  · ${change.message}`);
  lines.push('');
  const report = result.report;
  if (report) lines.push(renderPhotoHuman(withoutSelfHints(report), { lang, color, detail: true }).trimEnd());
  const failed = report?.checks.filter((check) => check.status === 'fail').length ?? 0;
  const name = tr(lang, spec.name);
  lines.push(
    failed === 0
      ? color.green(tr(lang, `修复后的照片符合规格（${name}）。`, `The fixed photo meets the spec (${name}).`))
      : color.red(tr(lang, `修复后的照片仍有 ${failed} 项不符合规格（${name}），见上文。`, `The fixed photo still fails ${failed} check${failed === 1 ? '' : 's'} of the spec (${name}); see above.`)),
  );
  return `${lines.join('\n')}\n`;
}

/** One photo of a batch: a line, plus its problems. */
export function renderFixBatchItem(result: FixResult, { lang, color }: FixHumanOptions): string {
  if (result.output === null || !result.report) {
    const lines = [`${color.red('✗')} ${color.bold(result.input)}${tr(lang, '：无法修复', ': cannot be fixed')}`, ...problemLines(result, color)];
    return `${lines.join('\n')}\n`;
  }
  const encoded = result.changes.find((change) => change.id === 'encoded');
  const background = result.changes.find((change) => change.id === 'background-whitened' || change.id === 'background-kept');
  const kept = { 'already-white': ['背景本来就是白色', 'background already white'], dark: ['背景太暗，未变白', 'background too dark to whiten'], coloured: ['背景是彩色的，未变白', 'coloured background not whitened'], busy: ['背景杂乱，未变白', 'busy background not whitened'] } as const;
  const notes = [
    encoded?.id === 'encoded' ? tr(lang, `质量 ${encoded.quality}，${(encoded.bytes / 1024).toFixed(1)} KB`, `quality ${encoded.quality}, ${(encoded.bytes / 1024).toFixed(1)} KB`) : '',
    background?.id === 'background-whitened' ? tr(lang, '背景已变白', 'background whitened') : '',
    background?.id === 'background-kept' ? tr(lang, kept[background.reason][0], kept[background.reason][1]) : '',
  ].filter(Boolean);
  const report = { ...withoutSelfHints(result.report), file: `${result.input} → ${result.output}` };
  const text = renderPhotoHuman(report, { lang, color, detail: false });
  const [first = '', ...rest] = text.trimEnd().split('\n');
  return `${[notes.length > 0 ? `${first}  ${color.dim(notes.join(' · '))}` : first, ...rest].join('\n')}\n`;
}

export function renderFixSummary(batch: FixBatch, spec: PhotoSpec, { lang, color }: FixHumanOptions): string {
  const { total, passed, failed } = batch.summary;
  const name = `${tr(lang, spec.name)}（${spec.id}）`;
  const counts =
    lang === 'en'
      ? `${total} photo${total === 1 ? '' : 's'}: ${color.green(`${passed} fixed and passing`)}, ${failed > 0 ? color.red(`${failed} not`) : '0 not'} (spec: ${spec.name.en}, ${spec.id}); written to ${batch.output}`
      : `共 ${total} 张：${color.green(`${passed} 张修复后符合规格`)}，${failed > 0 ? color.red(`${failed} 张不符合或无法修复`) : '0 张不符合'}（规格：${name}），输出在 ${batch.output}`;
  return `${counts}\n`;
}

/**
 * check-photo's hints for some failures say "run shebao fix-photo"; after fix-photo has run they
 * only send people in a circle, and the change list already says what could not be fixed.
 */
function withoutSelfHints(report: PhotoReport): PhotoReport {
  return { ...report, checks: report.checks.map((check) => (check.hint?.includes('fix-photo') ? { ...check, hint: undefined } : check)) };
}

function problemLines(result: FixResult, color: ChalkInstance): string[] {
  const problem = result.refused ?? result.error;
  if (!problem) return [];
  return [`  ${color.red(problem.message)}`, ...(problem.hint ? [`      ${color.cyan('→')} ${problem.hint}`] : [])];
}
