/**
 * fix-photo's results in words: for people (what was changed, then check-photo's verdict on the
 * result) and as the `--json` document (the data, with `message` and `hint` in the chosen language).
 * The report of the fixed photo goes through check-photo's own renderers with `suggestFix: false`:
 * its "run shebao fix-photo" hints would only send people in a circle.
 */
import { escapeControls } from '../core/names.js';
import type { ChalkInstance } from 'chalk';
import { sayChange, sayRefusal, type FixWording } from '../i18n/fix.js';
import { pick, sayError, wording, type Lang } from '../i18n/index.js';
import { renderPhotoHuman } from '../photo/render/human.js';
import { photoWithWords } from '../photo/render/machine.js';
import type { PhotoSpec } from '../photo/spec.js';
import type { FixBatch, FixResult, Refusal } from './types.js';

export interface FixHumanOptions {
  lang: Lang;
  color: ChalkInstance;
}

/** One photo in full: every change, every check of the result, and the verdict. */
export function renderFixHuman(result: FixResult, spec: PhotoSpec, { lang, color }: FixHumanOptions): string {
  const words = wording(lang).fix;
  const changes = result.changes.map((change) => `  · ${sayChange(words, change)}`);
  const report = result.report;
  if (!report) return `${[`${color.red('✗')} ${words.cannotFix(color.bold(escapeControls(result.input)))}`, ...changes, ...problemLines(result, lang, color)].join('\n')}\n`;
  const lines = [words.fixed(color.bold(result.input), color.bold(result.output ?? result.input)), ...changes, ''];
  lines.push(renderPhotoHuman(report, { lang, color, detail: true, suggestFix: false }).trimEnd());
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  const name = pick(spec.name, lang);
  const unchanged = result.changes.some((change) => change.id === 'already-compliant');
  lines.push(failed === 0 ? color.green(unchanged ? words.alreadyPasses(name) : words.passes(name)) : color.red(words.stillFails(failed, name)));
  return `${lines.join('\n')}\n`;
}

/** One photo of a batch: a line, plus its problems. */
export function renderFixBatchItem(result: FixResult, { lang, color }: FixHumanOptions): string {
  const words = wording(lang).fix;
  if (!result.report) return `${[`${color.red('✗')} ${words.cannotFix(color.bold(escapeControls(result.input)))}`, ...problemLines(result, lang, color)].join('\n')}\n`;
  const notes = [
    ...(result.nameClash ? [words.notes.renamed(result.nameClash)] : []),
    ...result.changes.map((change) => (change.id === 'encoded' ? words.notes.encoded(change.quality, change.bytes) : '')),
    ...result.changes.map((change) =>
      change.id === 'background-replaced'
        ? words.notes.replaced
        : change.id === 'canvas-extended'
          ? words.notes.extended
          : change.id === 'background-whitened'
            ? words.notes.whitened
            : change.id === 'background-kept'
              ? words.notes.kept[change.reason]
              : '',
    ),
  ].filter(Boolean);
  const report = { ...result.report, file: `${result.input} → ${result.output}` };
  const [first = '', ...rest] = renderPhotoHuman(report, { lang, color, detail: false, suggestFix: false }).trimEnd().split('\n');
  return `${[notes.length > 0 ? `${first}  ${color.dim(notes.join(' · '))}` : first, ...rest].join('\n')}\n`;
}

export function renderFixSummary(batch: FixBatch, spec: PhotoSpec, { lang, color }: FixHumanOptions): string {
  const words = wording(lang).fix;
  const { total, passed, failed } = batch.summary;
  const failedText = words.failedCount(failed);
  return `${words.summary(total, color.green(words.passedCount(passed)), failed > 0 ? color.red(failedText) : failedText, pick(spec.name, lang), spec.id, batch.output)}\n`;
}

/** What went wrong with a photo that was not fixed: the refusal or the error, and what to do. */
function problemLines(result: FixResult, lang: Lang, color: ChalkInstance): string[] {
  const said = result.refused ? sayRefusal(wording(lang).fix, result.refused) : result.error ? sayError(result.error, lang) : undefined;
  if (!said) return [];
  // Escaped: the message may name the file, and a name's escape sequence must not reach the terminal.
  return [`  ${color.red(escapeControls(said.message))}`, ...(said.hint ? [`      ${color.cyan('→')} ${escapeControls(said.hint)}`] : [])];
}

/** One photo as `--json` prints it: every field of the result, with the words added. */
export function fixResultJson(result: FixResult, lang: Lang) {
  const words = wording(lang);
  // The JPEG bytes (when no file was written) are not JSON.
  const { changes, report, refused, error, jpeg: _jpeg, ...head } = result;
  return {
    ...head,
    changes: changes.map((change) => ({ ...change, message: sayChange(words.fix, change) })),
    ...(report ? { report: photoWithWords(report, words.photo, false) } : {}),
    ...(refused ? { refused: refusalJson(refused, words.fix) } : {}),
    ...(error ? { error: { ...error, ...sayError(error, lang) } } : {}),
  };
}

/** A refusal as `--json` prints it: its numbers and words, and each `also` with its own. */
function refusalJson(refused: Refusal, words: FixWording): object {
  const { also, ...own } = refused;
  return { ...own, ...(also ? { also: also.map((other) => refusalJson(other, words)) } : {}), ...sayRefusal(words, refused) };
}

/** A folder as `--json` prints it. */
export function fixBatchJson(batch: FixBatch, lang: Lang) {
  return { ...batch, results: batch.results.map((result) => fixResultJson(result, lang)) };
}
