/** `shebao id` as text for a person and as JSON, in one language (colours come from the caller). */
import type { ChalkInstance } from 'chalk';
import { sayIdProblem } from '../i18n/id.js';
import { pick, wording, type Lang } from '../i18n/index.js';
import type { IdInfo, IdKind, IdProblem, IdReason, Sex } from './resident-id.js';

/** The problem ids of the JSON before reasons had codes; kept because scripts look for them. */
const problemIds: Record<IdReason, string> = {
  empty: 'empty',
  'bad-length': 'length',
  'bad-characters': 'characters',
  'bad-region': 'area',
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
}

/** `shebao id --json`: the fields the document has always had, their strings in `lang`, and the data. */
export function renderIdJson(info: IdInfo, shown: string, masked: boolean, lang: Lang): string {
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
    problems: info.problems.map((problem) => ({ id: problemIds[problem.reason], message: sayIdProblem(words, problem), ...problem })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function renderIdText(info: IdInfo, shown: string, lang: Lang, color: ChalkInstance): string {
  const words = wording(lang).id;
  const verdict = info.valid ? color.green(words.valid) : color.red(words.invalid);
  const lines = [`${shown}  ${verdict}`];
  const row = (label: keyof typeof words.rows, value: string) => lines.push(`  ${words.rows[label]}${value}`);
  if (info.upgradedFrom15) row('upgraded', words.upgraded);
  if (info.kind) row('document', words.kinds[info.kind]);
  if (info.birthDate) row('born', info.birthDate);
  if (info.sex) row('sex', words.sexes[info.sex]);
  if (info.province) row('province', `${pick(info.province.name, lang)}${info.kind === 'foreign-permanent-resident' ? words.issuedIn : ''}`);
  for (const problem of info.problems) lines.push(`  ${color.red('✗')} ${sayIdProblem(words, problem)}`);
  return `${lines.join('\n')}\n`;
}
