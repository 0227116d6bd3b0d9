/**
 * Simplified Chinese is the default language of everything a person reads; English with
 * `--lang en`, or when the environment's locale is English and no --lang is given.
 */
export type Lang = 'zh' | 'en';
export const langs: readonly Lang[] = ['zh', 'en'];

/** A piece of text in both languages. Rules files carry these too. */
export interface Text {
  zh: string;
  en: string;
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** Pick the language: an explicit choice wins, then LC_ALL / LC_MESSAGES / LANG, then Chinese. */
export function resolveLang(explicit: string | undefined, env: Record<string, string | undefined>): Lang {
  if (explicit !== undefined) return explicit === 'en' ? 'en' : 'zh';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.-]|$)/i.test(locale) ? 'en' : 'zh';
}

/** Choose the string for a language: `tr(lang, '中文', 'English')` or `tr(lang, text)`. */
export function tr(lang: Lang, zhOrText: string | Text, en?: string): string {
  if (typeof zhOrText === 'string') return lang === 'en' ? (en ?? zhOrText) : zhOrText;
  return zhOrText[lang];
}
