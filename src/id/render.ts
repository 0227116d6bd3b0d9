/** `shebao id` as text for a person and as JSON, in one language (colours come from the caller). */
import type { ChalkInstance } from 'chalk';
import { expectArgument, isObject, isString } from '../core/arguments.js';
import { escapeControls } from '../core/names.js';
import { sayIdProblem } from '../i18n/id.js';
import { isLang, pick, wording, type Lang } from '../i18n/index.js';
import { maskIdProblem, type IdInfo, type IdKind, type IdProblem, type IdReason, type IdWarning, type Sex } from './resident-id.js';

/** The problem ids of the JSON before reasons had codes; kept because scripts look for them. */
const problemIds: Record<IdReason, string> = {
  empty: 'empty',
  'bad-length': 'length',
  'bad-characters': 'characters',
  'bad-birth-date': 'birth-date-impossible',
  'future-birth-date': 'birth-date-future',
  'bad-check-digit': 'check-digit',
};

/** What `shebao id --json` prints. */
export interface IdJson {
  valid: boolean;
  /** Why it is invalid, or null. */
  reason: IdReason | null;
  /** Masked unless --show. */
  number: string;
  masked: boolean;
  upgradedFrom15: boolean;
  kind: IdKind | null;
  birthDate: string | null;
  age: { years: number; days: number } | null;
  sex: Sex | null;
  province: { code: string; name: string } | null;
  problems: Array<{ id: string; message: string } & IdProblem>;
  /** Doubts that leave the number valid: an area code outside today's list (id `area`). */
  warnings: Array<{ id: 'area'; message: string } & IdWarning>;
}

/** The renderers are public (src/index.ts): say which argument is wrong rather than fail inside. */
function expectRenderArguments(info: unknown, shown: unknown, lang: unknown): void {
  expectArgument('info', info, 'the result of parseIdNumber()', isObject(info) && Array.isArray((info as IdInfo).problems));
  expectArgument('shown', shown, 'the number as shown (string)', isString(shown));
  expectArgument('lang', lang, "'zh' or 'en'", isLang(lang));
}

/** The problems as they may be shown: beside a masked number, without the check characters. */
function problemsShown(info: IdInfo, masked: boolean): IdProblem[] {
  return masked ? info.problems.map(maskIdProblem) : info.problems;
}

/**
 * `shebao id --json`: the fields the document has always had, their strings in `lang`, and the
 * data. `shown` is the number as printed (maskIdNumber's unless --show); while `masked`, problems
 * leave out the check characters too.
 */
export function renderIdJson(info: IdInfo, shown: string, masked: boolean, lang: Lang): string {
  expectRenderArguments(info, shown, lang);
  const words = wording(lang).id;
  const document: IdJson = {
    valid: info.valid,
    reason: info.reason ?? null,
    number: shown,
    masked,
    upgradedFrom15: info.upgradedFrom15,
    kind: info.kind ?? null,
    birthDate: info.birthDate ?? null,
    age: info.age ?? null,
    sex: info.sex ?? null,
    province: info.province ? { code: info.province.code, name: pick(info.province.name, lang) } : null,
    problems: problemsShown(info, masked).map((problem) => ({ id: problemIds[problem.reason], message: sayIdProblem(words, problem), ...problem })),
    warnings: (info.warnings ?? []).map((warning) => ({ id: 'area' as const, message: words.warnings[warning.reason](warning), ...warning })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `shebao id` for a person; like renderIdJson, problems leave out the check characters while `masked`. */
export function renderIdText(info: IdInfo, shown: string, lang: Lang, color: ChalkInstance, masked = true): string {
  expectRenderArguments(info, shown, lang);
  const words = wording(lang).id;
  const verdict = info.valid ? color.green(words.valid) : color.red(words.invalid);
  // What was typed reaches the terminal only escaped (an ESC in it would be obeyed, not shown).
  const lines = [`${escapeControls(shown)}  ${verdict}`];
  const row = (label: keyof typeof words.rows, value: string) => lines.push(`  ${words.rows[label]}${value}`);
  if (info.upgradedFrom15) row('upgraded', words.upgraded);
  if (info.kind) row('document', words.kinds[info.kind]);
  if (info.birthDate) row('born', info.birthDate);
  if (info.sex) row('sex', words.sexes[info.sex]);
  if (info.province) row('province', `${pick(info.province.name, lang)}${info.kind === 'foreign-permanent-resident' ? words.issuedIn : ''}`);
  for (const problem of problemsShown(info, masked)) lines.push(`  ${color.red('✗')} ${escapeControls(sayIdProblem(words, problem))}`);
  for (const warning of info.warnings ?? []) lines.push(`  ${color.yellow('!')} ${words.warnings[warning.reason](warning)}`);
  return `${lines.join('\n')}\n`;
}
