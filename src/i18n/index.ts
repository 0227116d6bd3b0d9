/**
 * The wording layer: renderers ask for a language's tables here. Both tables are small and load
 * with the CLI; the core never imports this folder.
 */
import type { ShebaoError } from '../core/errors.js';
import { en } from './en/index.js';
import type { Lang } from './lang.js';
import type { Said } from './table.js';
import type { Wording } from './wording.js';
import { zh } from './zh/index.js';

export { isLang, isText, langFromArgv, langs, pick, resolveLang, textsIn, type Lang } from './lang.js';
export type { Said } from './table.js';
export type { Wording } from './wording.js';

const tables: Record<Lang, Wording> = { zh, en };

export function wording(lang: Lang): Wording {
  return tables[lang];
}

/**
 * What a person reads about a ShebaoError (or one kept as data, `{ code, details }`): the sentence
 * for its code, filled from its details.
 */
export function sayError(error: Pick<ShebaoError, 'code' | 'details'>, lang: Lang): Said {
  const say = tables[lang].errors[error.code] as (details: unknown) => Said;
  return say(error.details);
}
