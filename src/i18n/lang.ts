/**
 * Simplified Chinese is the default language of everything a person reads; English with
 * `--lang en`, or when the environment's locale is English and no --lang is given. Only the CLI
 * and the renderers pick a language; the core returns codes and numbers.
 */
import type { Text } from '../core/text.js';

export type Lang = keyof Text;
export const langs: readonly Lang[] = ['zh', 'en'];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (langs as readonly string[]).includes(value);
}

/** Pick the language: an explicit choice wins, then LC_ALL / LC_MESSAGES / LANG, then Chinese. */
export function resolveLang(explicit: string | undefined, env: Record<string, string | undefined>): Lang {
  if (explicit !== undefined) return isLang(explicit) ? explicit : 'zh';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.-]|$)/i.test(locale) ? 'en' : 'zh';
}

/** The language given on a command line (`--lang en` or `--lang=en`), before commander parses it. */
export function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return undefined;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

/** Choose a rules file's text for a language. */
export function pick(text: Text, lang: Lang): string {
  return text[lang];
}

/** A rules-file `Text`: exactly a `zh` and an `en` string. */
export function isText(value: unknown): value is Text {
  if (value === null || typeof value !== 'object') return false;
  const { zh, en } = value as Partial<Text>;
  return Object.keys(value).length === 2 && typeof zh === 'string' && typeof en === 'string';
}

/**
 * A JSON.stringify replacer that writes every rules-file `Text` in one language, so a machine
 * document built from data that carries both never mixes two.
 */
export function textsIn(lang: Lang): (key: string, value: unknown) => unknown {
  return (_key, value) => (isText(value) ? pick(value, lang) : value);
}
