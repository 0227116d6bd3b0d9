/**
 * What an eval leaves behind: the numbers as text (printed, and at the top of the contact sheet),
 * results.json for comparing runs, an HTML contact sheet (input, naive crop, fixed output and its
 * annotation side by side, with the person's judgement and every verdict in words) and a PNG
 * overview (input|output thumbnails in a grid) that any file viewer opens.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as ShebaoLibrary from '../../src/index.js';
import type { CheckVerdict, EvalRun, ErrorData, FixVerdict, Library, PhotoRecord } from './eval-run.js';
import { contentChecks, sources, summarise, type Agreement, type NumberChange, type PhotoChange, type Summary } from './eval-score.js';
import type { TruthRow } from './eval-truth.js';
import { evalWords, type EvalLang, type EvalWords } from './eval-words.js';

export const resultsFormat = 'shebao-eval/1';

export interface ResultsFile {
  format: typeof resultsFormat;
  folder: string;
  spec: string;
  today: string;
  limit: number | null;
  library: { root: string; version: string };
  summary: Summary;
  photos: PhotoRecord[];
}

export function resultsOf(run: EvalRun, summary: Summary, options: { today: string; limit?: number }): ResultsFile {
  return {
    format: resultsFormat,
    folder: run.folder,
    spec: run.spec.id,
    today: options.today,
    limit: options.limit ?? null,
    library: { root: run.library.root, version: run.library.version },
    summary,
    photos: run.records,
  };
}

/** An earlier results.json, or undefined when the file is not one. */
export function readResults(file: string): ResultsFile | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>;
    return data.format === resultsFormat && data.summary && Array.isArray(data.photos) ? (data as ResultsFile) : undefined;
  } catch {
    return undefined;
  }
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

function agreementText(words: EvalWords, counts: Agreement): string {
  return words.agreement(counts.agree, counts.judged, percent(counts.rate), counts.falsePass, counts.falseFail, counts.skipped);
}

/** The numbers as lines of text: what `npm run eval` prints. */
export function renderSummary(results: ResultsFile, words: EvalWords): string {
  const { summary } = results;
  const lines = [words.header(summary.photos, results.folder, results.spec, `${results.library.root} v${results.library.version}`), '', words.fixTitle];
  for (const [expect, counts] of Object.entries(summary.fix) as [keyof Summary['fix'], Summary['fix'][keyof Summary['fix']]][]) {
    if (counts.total === 0) continue;
    const share = ` (${percent(counts.passed / counts.total)})`;
    lines.push(
      `  ${expect.padEnd(14)} ${String(counts.total).padStart(4)}: ${words.passedAs[expect]} ${counts.passed}${share} · ${words.refused} ${counts.refused} · ${words.failedHonestly} ${counts.failedHonestly} · ${words.error} ${counts.error}`,
    );
  }
  if (summary.reasonNamed.judged > 0) lines.push(`  ${words.reasonNamed(summary.reasonNamed.named, summary.reasonNamed.judged)}`);
  lines.push('', words.checksTitle);
  for (const check of contentChecks) {
    lines.push(`  ${words.vsColumn[check]}`);
    for (const source of sources) {
      const counts = summary.checks[check][source];
      const text = counts.judged + counts.skipped > 0 ? agreementText(words, counts) : words.notJudged(counts.passed, counts.ran);
      lines.push(`    ${words.sources[source]}: ${text}`);
    }
  }
  const { time } = summary;
  lines.push('', words.time(time.checkOriginal.medianMs, time.checkCrop.medianMs, time.fix.medianMs, time.fix.p90Ms));
  if (summary.unreadable > 0) lines.push(words.unreadable(summary.unreadable));
  return `${lines.join('\n')}\n`;
}

function showNumber(value: number | null | undefined): string {
  return value === undefined ? '–' : value === null ? 'null' : String(value);
}

/** What changed since an earlier run: each number that moved, then each photo whose fix outcome moved. */
export function renderComparison(file: string, numbers: NumberChange[], photos: PhotoChange[], words: EvalWords): string {
  const lines = [words.compared(file)];
  if (numbers.length === 0 && photos.length === 0) lines.push(`  ${words.noDifference}`);
  for (const change of numbers) {
    const delta = typeof change.before === 'number' && typeof change.after === 'number' ? ` (${change.after - change.before > 0 ? '+' : ''}${Math.round((change.after - change.before) * 1000) / 1000})` : '';
    lines.push(`  ${change.key}: ${showNumber(change.before)} → ${showNumber(change.after)}${delta}`);
  }
  if (photos.length > 0) {
    lines.push(`  ${words.photosChanged(photos.length)}`);
    for (const change of photos) lines.push(`    ${change.file}: ${change.before} → ${change.after}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * How a photo's fix outcome sits with the person's expectation, as a colour: a success claimed on
 * a must-not-pass photo is the worst case; a pass on an uncertain one needs a look.
 */
export function outcomeClass(record: PhotoRecord): 'good' | 'missed' | 'wrong' | 'honest' | 'look' | 'error' {
  const { status } = record.fix;
  if (record.original.status === 'error' || status === 'error') return 'error';
  const expect = record.truth.fixExpect;
  if (expect === 'should-fix') return status === 'ok' ? 'good' : 'missed';
  if (expect === 'must-not-pass') return status === 'ok' ? 'wrong' : 'honest';
  return status === 'ok' ? 'look' : 'honest';
}

const classColours = { good: '#16a34a', missed: '#f59e0b', wrong: '#dc2626', honest: '#2563eb', look: '#a855f7', error: '#6b7280' } as const;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A relative path as an href: each segment encoded, so Chinese names, spaces and '#' survive. */
function href(relative: string): string {
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

export interface SheetWording {
  eval: EvalWords;
  lib: ShebaoLibrary.Wording;
  lang: EvalLang;
  shebao: typeof ShebaoLibrary;
}

function sayErrorData(error: ErrorData, wording: SheetWording): string {
  try {
    return wording.shebao.sayError(error as Parameters<typeof wording.shebao.sayError>[0], wording.lang).message;
  } catch {
    // A code the library's tables do not know (an internal failure): its data is all there is.
    return `${error.code} ${JSON.stringify(error.details)}`;
  }
}

function sayProblems(problems: readonly ShebaoLibrary.CheckResult[], wording: SheetWording): string[] {
  return problems.map((problem) => {
    const said = wording.shebao.describeCheck(problem, wording.lib.photo, { suggestFix: false });
    return `<span class="${problem.status}">${escapeHtml(`${said.title}: ${said.message}`)}</span> <code>${escapeHtml(`${problem.id}:${problem.reason}`)}</code>`;
  });
}

function verdictHtml(label: string, verdict: CheckVerdict | FixVerdict, wording: SheetWording): string {
  const items: string[] = [];
  if (verdict.error) items.push(`<span class="fail">${escapeHtml(sayErrorData(verdict.error, wording))}</span> <code>${escapeHtml(verdict.error.code)}</code>`);
  if ('refused' in verdict && verdict.refused) {
    items.push(`<span class="fail">${escapeHtml(wording.shebao.describeRefusal(wording.lib.fix, verdict.refused).message)}</span> <code>${escapeHtml(verdict.refused.id)}</code>`);
  }
  items.push(...sayProblems(verdict.problems, wording));
  const list = items.length > 0 ? `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>` : '';
  const time = verdict.ms > 0 ? ` <small>${verdict.ms} ms</small>` : '';
  return `<div class="verdict"><b>${escapeHtml(label)}</b>: <span class="status-${verdict.status}">${escapeHtml(wording.eval.status[verdict.status])}</span>${time}${list}</div>`;
}

function truthHtml(truth: TruthRow, words: EvalWords): string {
  const fields: [string, string | number | undefined][] = [
    ['people', truth.people],
    ['background', truth.background],
    ['clothing', truth.clothing],
    ['framing', truth.framing],
    ['fix_expect', truth.fixExpect],
    ['why', truth.why],
    ['note', truth.note],
  ];
  const rows = fields.filter(([, value]) => value !== undefined).map(([key, value]) => `<dt>${key}</dt><dd>${escapeHtml(String(value))}</dd>`);
  return `<div class="truth"><b>${escapeHtml(words.sheet.truth)}</b><dl>${rows.join('')}</dl></div>`;
}

function imageCell(relative: string | undefined, link: string | undefined, words: EvalWords): string {
  if (relative === undefined) return `<td class="none">${escapeHtml(words.sheet.noImage)}</td>`;
  return `<td><a href="${href(link ?? relative)}"><img loading="lazy" src="${href(relative)}" alt=""></a></td>`;
}

/** The contact sheet: one row per photo, the summary on top. */
export function renderHtml(results: ResultsFile, summaryText: string, wording: SheetWording, inputLink: (record: PhotoRecord) => string): string {
  const { eval: words } = wording;
  const head = [words.sheet.truth, words.sheet.input, words.sheet.crop, words.sheet.output, words.sheet.annotated, words.sheet.verdicts];
  const rows = results.photos.map((record) => {
    const changes = record.fix.changes.map((change) => `<li>${escapeHtml(wording.shebao.describeChange(wording.lib.fix, change))}</li>`).join('');
    const cells = [
      `<td><div class="name">#${record.index} ${escapeHtml(record.file)}</div>${truthHtml(record.truth, words)}</td>`,
      imageCell(record.thumb, inputLink(record), words),
      imageCell(record.crop.annotation ?? record.crop.image, undefined, words),
      imageCell(record.fix.output, undefined, words),
      imageCell(record.fix.annotation, undefined, words),
      `<td class="verdicts">${verdictHtml(words.sheet.fix, record.fix, wording)}${changes ? `<details><summary>${escapeHtml(words.sheet.changes)}</summary><ul>${changes}</ul></details>` : ''}${verdictHtml(words.sheet.original, record.original, wording)}${verdictHtml(words.sources.crop, record.crop, wording)}</td>`,
    ];
    return `<tr class="${outcomeClass(record)}" id="p${record.index}">${cells.join('')}</tr>`;
  });
  const legend = Object.entries(classColours)
    .map(([name, colour]) => `<span style="border-left:6px solid ${colour};padding-left:4px;margin-right:12px">${escapeHtml(words.sheet.legend[name as keyof typeof classColours])}</span>`)
    .join('');
  return `<!doctype html>
<html lang="${wording.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(words.sheet.title)}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 16px; font-size: 13px; }
pre { background: #f8fafc; padding: 8px; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 6px; vertical-align: top; text-align: left; }
td img { max-width: 180px; max-height: 222px; display: block; }
td.none { color: #9ca3af; width: 180px; }
td.verdicts { max-width: 520px; }
tr > td:first-child { border-left: 6px solid transparent; width: 220px; }
${Object.entries(classColours).map(([name, colour]) => `tr.${name} > td:first-child { border-left-color: ${colour}; }`).join('\n')}
.name { font-weight: bold; word-break: break-all; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0 6px; margin: 4px 0; }
dt { color: #6b7280; } dd { margin: 0; }
.fail, .status-failed, .status-refused, .status-error { color: #b91c1c; }
.warn { color: #b45309; } .status-ok { color: #15803d; }
ul { margin: 2px 0 6px 16px; padding: 0; } code { color: #6b7280; font-size: 11px; }
</style>
</head>
<body>
<h1>${escapeHtml(words.sheet.title)}</h1>
<pre>${escapeHtml(summaryText)}</pre>
<p>${legend}</p>
<table>
<thead><tr>${head.map((title) => `<th>${escapeHtml(title)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

/** Photos per overview page: a page stays a few MB whatever the folder holds. */
const perPage = 150;
const columns = 6;
const thumb = { width: 120, height: 148 };
const gap = 6;
const bar = 18;
const cell = { width: thumb.width * 2 + 2, height: bar + thumb.height };

/**
 * The overview: per photo, the input and the fixed output side by side under a bar coloured by
 * how the outcome sits with the expectation, labelled with ids only (no CJK font is needed to draw
 * it). Pages of 150 photos: overview.png, overview-2.png, ...
 */
export async function writeOverview(run: EvalRun): Promise<string[]> {
  const { sharp } = run.library;
  const chunks = Array.from({ length: Math.max(1, Math.ceil(run.records.length / perPage)) }, (_, i) => run.records.slice(i * perPage, (i + 1) * perPage));
  const pages: string[] = [];
  for (const [index, records] of chunks.entries()) {
    const rows = Math.max(1, Math.ceil(records.length / columns));
    const width = columns * (cell.width + gap) + gap;
    const height = rows * (cell.height + gap) + gap;
    const layers: { input: Buffer; left: number; top: number }[] = [];
    const svg: string[] = [];
    for (const [i, record] of records.entries()) {
      const left = gap + (i % columns) * (cell.width + gap);
      const top = gap + Math.floor(i / columns) * (cell.height + gap);
      const outcome = outcomeClass(record);
      const label = `#${record.index} ${record.truth.fixExpect ?? '-'}: ${record.fix.status}`;
      svg.push(`<rect x="${left}" y="${top}" width="${cell.width}" height="${bar}" fill="${classColours[outcome]}"/>`);
      svg.push(`<text x="${left + 4}" y="${top + 13}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#fff">${escapeHtml(label)}</text>`);
      for (const [j, image] of [record.thumb, record.fix.output].entries()) {
        const x = left + j * (thumb.width + 2);
        const y = top + bar;
        const tile = image === undefined ? undefined : await tileOf(run.library, path.join(run.out, image));
        if (tile) layers.push({ input: tile, left: x, top: y });
        else {
          svg.push(`<rect x="${x}" y="${y}" width="${thumb.width}" height="${thumb.height}" fill="#e5e7eb"/>`);
          svg.push(`<text x="${x + thumb.width / 2}" y="${y + thumb.height / 2}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#6b7280" text-anchor="middle">${j === 0 ? 'unreadable' : record.fix.status}</text>`);
        }
      }
    }
    const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg.join('')}</svg>`);
    const name = index === 0 ? 'overview.png' : `overview-${index + 1}.png`;
    await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
      .composite([...layers, { input: overlay, left: 0, top: 0 }])
      .png()
      .toFile(path.join(run.out, name));
    pages.push(name);
  }
  // Pages left from an earlier, larger run would mislead.
  for (let page = pages.length + 1; existsSync(path.join(run.out, `overview-${page}.png`)); page++) rmSync(path.join(run.out, `overview-${page}.png`));
  return pages;
}

async function tileOf(library: Library, file: string): Promise<Buffer | undefined> {
  try {
    return await library.sharp(file).resize(thumb.width, thumb.height, { fit: 'contain', background: '#f3f4f6' }).png().toBuffer();
  } catch {
    return undefined;
  }
}

export interface WrittenReport {
  results: ResultsFile;
  /** The numbers as printed. */
  text: string;
  html: string;
  json: string;
  /** The overview pages. */
  pngs: string[];
}

/** Score a run and write results.json, index.html and the overview into its output folder. */
export async function writeReport(run: EvalRun, options: { today: string; limit?: number; lang: EvalLang }): Promise<WrittenReport> {
  const words = evalWords[options.lang];
  const results = resultsOf(run, summarise(run.records), options);
  const text = renderSummary(results, words);
  const json = path.join(run.out, 'results.json');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const shebao = run.library.shebao;
  const wording = { eval: words, lib: shebao.wording(options.lang), lang: options.lang, shebao };
  const html = path.join(run.out, 'index.html');
  writeFileSync(html, renderHtml(results, text, wording, (record) => path.relative(run.out, path.resolve(run.folder, record.file))));
  const pngs = (await writeOverview(run)).map((page) => path.join(run.out, page));
  return { results, text, html, json, pngs };
}
