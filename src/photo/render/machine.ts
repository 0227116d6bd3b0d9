/**
 * Output for machines: JSON, JUnit XML and GitHub Actions annotations. These are contracts
 * (README, "Machine output"): ids are stable and fields are only ever added.
 */
import { escapeCharacter, escapeControls } from '../../core/names.js';
import { wording, type Lang } from '../../i18n/index.js';
import type { PhotoWording } from '../../i18n/photo.js';
import type { BatchReport, PhotoReport } from '../types.js';
import { sayCheck, withWords } from './say.js';

/** A photo's report with each check's words added: what `--json` prints for one photo. */
export function photoWithWords(report: PhotoReport, words: PhotoWording, suggestFix = true) {
  return { ...report, checks: report.checks.map((check) => withWords(check, words, { suggestFix })) };
}

/**
 * The JSON document in pieces, photo by photo, so a 10,000-photo batch is never one 25 MB string.
 * Joined, the pieces are exactly `JSON.stringify(batch, null, 2)` plus a newline.
 */
export function* renderJsonChunks(batch: BatchReport, lang: Lang): Generator<string> {
  const words = wording(lang).photo;
  const { results, ...head } = batch;
  const opening = JSON.stringify({ ...head, lang, results: [] }, null, 2);
  if (results.length === 0) {
    yield `${opening}\n`;
    return;
  }
  yield `${opening.slice(0, opening.lastIndexOf('[]'))}[\n`;
  for (let i = 0; i < results.length; i++) {
    const item = JSON.stringify(photoWithWords(results[i] as PhotoReport, words), null, 2).replace(/^/gm, '    ');
    yield i < results.length - 1 ? `${item},\n` : `${item}\n`;
  }
  yield '  ]\n}\n';
}

export function renderJson(batch: BatchReport, lang: Lang): string {
  return [...renderJsonChunks(batch, lang)].join('');
}

/**
 * Characters XML 1.0 does not allow at all (§2.2: C0 controls other than tab, LF and CR, U+FFFE,
 * U+FFFF, surrogates not in a pair): one of them makes the whole report unreadable to a CI server.
 * They are shown as escapes (`\x1B`, `\uFFFE`) rather than dropped, so two names that differ only
 * there stay two names.
 */
const xmlInvalid = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xml(text: string): string {
  return text
    .replace(xmlInvalid, escapeCharacter)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An attribute from outside (a file name): every control escaped, since a parser turns a raw tab or line break into a space. */
function xmlName(text: string): string {
  return xml(escapeControls(text));
}

/** One testcase per photo, one <failure> per failing check; warnings go to <system-out>. */
export function renderJunit(batch: BatchReport, lang: Lang): string {
  const words = wording(lang).photo;
  const { total, failed } = batch.summary;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shebao check-photo" tests="${total}" failures="${failed}" errors="0">`,
    `  <testsuite name="${xmlName(batch.spec)}" tests="${total}" failures="${failed}" errors="0" skipped="0">`,
  ];
  for (const report of batch.results) {
    lines.push(`    <testcase classname="shebao.check-photo.${xmlName(batch.spec)}" name="${xmlName(report.file)}">`);
    for (const check of report.checks.filter((c) => c.status === 'fail')) {
      const said = sayCheck(check, words, { suggestFix: true });
      const body = [
        said.title,
        said.message,
        said.expected !== undefined ? `${words.expectedLabel}${words.colon}${said.expected}` : '',
        said.actual !== undefined ? `${words.actualLabel}${words.colon}${said.actual}` : '',
        said.hint ?? '',
      ].filter(Boolean);
      lines.push(`      <failure type="${xml(check.id)}" message="${xml(`${check.id}: ${said.message}`)}">${xml(body.join('\n'))}</failure>`);
    }
    const warnings = report.checks.filter((c) => c.status === 'warn');
    if (warnings.length > 0) {
      const text = warnings.map((c) => `${words.warningLabel} ${c.id}${words.colon}${sayCheck(c, words, { suggestFix: true }).message}`).join('\n');
      lines.push(`      <system-out>${xml(text)}</system-out>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** GitHub workflow command escaping (actions/toolkit, command.ts). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,title=shebao <id>::message` per failing check, `::warning` per warning. */
export function renderGithub(batch: BatchReport, lang: Lang): string {
  return batch.results.map((report) => renderGithubPhoto(report, lang)).join('');
}

/** One photo's `::error` and `::warning` lines (renderGithub, a photo at a time for a streamed batch). */
export function renderGithubPhoto(report: PhotoReport, lang: Lang): string {
  const words = wording(lang).photo;
  const lines: string[] = [];
  for (const check of report.checks) {
    if (check.status !== 'fail' && check.status !== 'warn') continue;
    const level = check.status === 'fail' ? 'error' : 'warning';
    const said = sayCheck(check, words, { suggestFix: true });
    const message = said.hint ? `${said.message} — ${said.hint}` : said.message;
    // Escaped before GitHub's own escaping: a log line must not carry a terminal escape sequence.
    lines.push(`::${level} file=${escapeProperty(escapeControls(report.file))},title=${escapeProperty(`shebao ${check.id}`)}::${escapeData(escapeControls(message))}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The columns of `--format csv` and `--format tsv`, in order: a contract, only ever added to at the end. */
export const tableColumns = ['file', 'ok', 'failed', 'reasons', 'messages', 'warnings'] as const;

/**
 * One row per photo for a spreadsheet: `file`; `ok` (`true`/`false`); `failed`, the failing check
 * ids and `reasons`, their reason codes, both `;`-separated and in the same order; `messages`,
 * the sentences in the chosen language (`；` / `; ` between them); `warnings`, the warning check
 * ids. CSV is RFC 4180 (a field with a comma, quote or line break is quoted, CRLF line ends); TSV
 * has no quoting, so tabs and line breaks inside a field become spaces. File names keep their
 * characters, control characters escaped as everywhere else.
 */
export function renderTable(batch: BatchReport, lang: Lang, separator: ',' | '\t'): string {
  return renderTableHeader(separator) + batch.results.map((report) => renderTableRow(report, lang, separator)).join('');
}

/** The header line of renderTable. */
export function renderTableHeader(separator: ',' | '\t'): string {
  return tableColumns.join(separator) + lineEnd(separator);
}

/** One photo's line of renderTable (a photo at a time for a streamed batch). */
export function renderTableRow(report: PhotoReport, lang: Lang, separator: ',' | '\t'): string {
  const words = wording(lang).photo;
  const field = separator === ',' ? csvField : tsvField;
  const failed = report.checks.filter((check) => check.status === 'fail');
  const row = [
    escapeControls(report.file),
    String(report.ok),
    failed.map((check) => check.id).join(';'),
    failed.map((check) => check.reason).join(';'),
    failed.map((check) => sayCheck(check, words, { suggestFix: false }).message).join(words.messageSeparator),
    report.checks.filter((check) => check.status === 'warn').map((check) => check.id).join(';'),
  ];
  return row.map(field).join(separator) + lineEnd(separator);
}

/** CSV lines end in CRLF (RFC 4180), TSV lines in LF. */
function lineEnd(separator: ',' | '\t'): string {
  return separator === ',' ? '\r\n' : '\n';
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tsvField(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
