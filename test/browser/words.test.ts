/**
 * The page's word table (web/words.js): both languages say everything (a missing word would show
 * as "undefined"), and each says it in its own language only.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cjk, englishSentence } from '../helpers/language.js';
import { root } from './browser.js';

type Table = { [key: string]: unknown };

const { words, initialLang } = (await import(pathToFileURL(path.join(root, 'web', 'words.js')).href)) as {
  words: { zh: Table; en: Table };
  initialLang: (search: string, stored: string | null, languages: readonly string[]) => string;
};

/** Every entry as [dotted key, value]. */
function entries(table: Table, prefix = ''): Array<[string, unknown]> {
  return Object.entries(table).flatMap(([key, value]): Array<[string, unknown]> =>
    value !== null && typeof value === 'object' ? entries(value as Table, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

describe("the page's words", () => {
  const zh = new Map(entries(words.zh));
  const en = new Map(entries(words.en));

  it('has the same words in both languages, of the same kind', () => {
    expect([...en.keys()]).toEqual([...zh.keys()]);
    for (const [key, value] of zh) expect(typeof en.get(key), key).toBe(typeof value);
  });

  it('says no Chinese in English and no English sentence in Chinese (the language switch names the other language)', () => {
    for (const [key, value] of en) if (key !== 'langName') expect(String(value), key).not.toMatch(cjk);
    for (const [key, value] of zh) if (typeof value === 'string' && key !== 'langName') expect(englishSentence(value), key).toBeUndefined();
  });

  it.each([
    ['?lang=en', null, ['zh-CN'], 'en'],
    ['', 'zh', ['en-US'], 'zh'],
    ['', null, ['en-GB', 'zh-CN'], 'en'],
    ['', null, ['zh-TW', 'en'], 'zh'],
    ['?lang=fr', null, ['fr-FR'], 'zh'],
    ['', null, [], 'zh'],
  ])('starts in the language asked for, remembered, or of the browser: %s %s %j → %s', (search, stored, languages, lang) => {
    expect(initialLang(search, stored, languages)).toBe(lang);
  });
});
