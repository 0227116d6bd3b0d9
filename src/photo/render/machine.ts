/**
 * Output for machines: JSON, JUnit XML and GitHub Actions annotations. These are contracts
 * (README, "Machine output"): ids are stable and fields are only ever added.
 */
import { tr, type Lang } from '../../core/i18n.js';
import { photoChecks } from '../checks/index.js';
import type { BatchReport } from '../types.js';

/**
 * The JSON document in pieces, photo by photo, so a 10,000-photo batch is never one 25 MB string.
 * Joined, the pieces are exactly `JSON.stringify(batch, null, 2)` plus a newline.
 */
export function* renderJsonChunks(batch: BatchReport): Generator<string> {
  const { results, ...head } = batch;
  const opening = JSON.stringify({ ...head, results: [] }, null, 2);
  if (results.length === 0) {
    yield `${opening}\n`;
    return;
  }
  yield `${opening.slice(0, opening.lastIndexOf('[]'))}[\n`;
  for (let i = 0; i < results.length; i++) {
    const item = JSON.stringify(results[i], null, 2).replace(/^/gm, '    ');
    yield i < results.length - 1 ? `${item},\n` : `${item}\n`;
  }
  yield '  ]\n}\n';
}

export function renderJson(batch: BatchReport): string {
  return [...renderJsonChunks(batch)].join('');
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

const titles = new Map(photoChecks.map((check) => [check.id, check.title]));

/** One testcase per photo, one <failure> per failing check; warnings go to <system-out>. */
export function renderJunit(batch: BatchReport, lang: Lang): string {
  const { total, failed } = batch.summary;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shebao check-photo" tests="${total}" failures="${failed}" errors="0">`,
    `  <testsuite name="${xml(batch.spec)}" tests="${total}" failures="${failed}" errors="0" skipped="0">`,
  ];
  for (const report of batch.results) {
    lines.push(`    <testcase classname="shebao.check-photo.${xml(batch.spec)}" name="${xml(report.file)}">`);
    for (const check of report.checks.filter((c) => c.status === 'fail')) {
      const title = titles.get(check.id);
      const body = [
        title ? tr(lang, title) : check.id,
        check.message,
        check.expected !== undefined ? `expected: ${check.expected}` : '',
        check.actual !== undefined ? `actual: ${check.actual}` : '',
        check.hint ?? '',
      ].filter(Boolean);
      lines.push(`      <failure type="${xml(check.id)}" message="${xml(`${check.id}: ${check.message}`)}">${xml(body.join('\n'))}</failure>`);
    }
    const warnings = report.checks.filter((c) => c.status === 'warn');
    if (warnings.length > 0) lines.push(`      <system-out>${xml(warnings.map((c) => `warning ${c.id}: ${c.message}`).join('\n'))}</system-out>`);
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
export function renderGithub(batch: BatchReport): string {
  const lines: string[] = [];
  for (const report of batch.results) {
    for (const check of report.checks) {
      if (check.status !== 'fail' && check.status !== 'warn') continue;
      const level = check.status === 'fail' ? 'error' : 'warning';
      const message = check.hint ? `${check.message} — ${check.hint}` : check.message;
      lines.push(`::${level} file=${escapeProperty(report.file)},title=${escapeProperty(`shebao ${check.id}`)}::${escapeData(message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
