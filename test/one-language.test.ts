/**
 * Issue 12: English leaked into Chinese output (commander's argument names, "too many arguments",
 * bilingual help). Every command's help and the usual usage errors, in Chinese, hold no English
 * word but code a person types (commands, options, ids, file names, values to choose from); in
 * English, no Chinese.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { wording } from '../src/i18n/index.js';
import { fakeContext } from './helpers/context.js';
import { cjk } from './helpers/language.js';

const commands = ['check-photo', 'fix-photo', 'id', 'plan', 'profile', 'checklist', 'serve'];

/** What is code, not prose: commands, options, <placeholders>, file names, paths, ids, acronyms, values. */
const values = new Set([
  'shebao', 'check', 'fix', 'id', 'plan', 'profile', 'checklist', 'rules', 'serve', 'help', 'echo', 'curl',
  'zh', 'en', 'national', 'shanghai', 'beijing', 'shenzhen', 'other', 'local', 'newborn', 'preschool', 'kindergarten', 'school',
  'guardian', 'agent', 'none', 'disability', 'online', 'bank', 'human', 'json', 'junit', 'github', 'csv', 'tsv', 'markdown',
  'file', 'ok', 'failed', 'reasons', 'messages', 'warnings', 'x', 'X', 'n', 'i',
  // answers-file keys
  'region', 'childId', 'keepId', 'birthDate', 'hukou', 'residencePermit', 'shanghai120Points', 'stage', 'paid', 'applicant', 'special', 'photo', 'channel',
]);

/** The English words of `text` that are not code; `typed` are the words the person typed (echoed back). */
function englishWords(text: string, typed: readonly string[] = []): string[] {
  const code = text
    .replace(/"[^"\n]*"/g, ' ') // a value quoted back
    .replace(/\S*[/\\.]\S*/g, ' ') // paths and file names
    .replace(/(?<![\w-])--?[a-z][\w-]*/gi, ' ') // options
    .replace(/\b[a-z0-9]+(-[a-z0-9]+)+\b/gi, ' ') // kebab-case ids (non-local, Ctrl-C)
    .replace(/\b\d+\s*(px|dpi|KB|MB)\b/g, ' ')
    .replace(/\b\w*\d\w*\b/g, ' ') // ids with digits (ga461, shanghai120Points)
    .replace(/\b[A-Z]{2,}[a-z]?\b/g, ' ') // JPEG, GPS, RGB, KB, CPU
    .replace(/\bApp\b/g, ' ');
  return [...code.matchAll(/[A-Za-z]+/g)].map((m) => m[0]).filter((word) => !values.has(word) && !typed.includes(word));
}

async function said(args: string[]): Promise<string> {
  const ctx = fakeContext();
  await runCli(args, ctx);
  return ctx.out() + ctx.err();
}

const usageErrors = [
  ['fix-photo'],
  ['check-photo'],
  ['chekc-photo', 'a.jpg'],
  ['plan', '--newborn'],
  ['plan', '--newborn', 'x'],
  ['check-photo', 'a.jpg', '--format', 'xml'],
  ['check-photo', 'a.jpg', '--bogus'],
  ['fix-photo', 'a.jpg', 'b.jpg'],
  ['id', '1', '--today'],
  ['checklist', '--today', '2024-02-30'],
];

describe('Chinese output holds no English words, English output no Chinese', () => {
  it.each([[], ...commands.map((command) => [command])])('shebao %s --help', async (...command) => {
    const zh = await said([...command, '--help']);
    expect(englishWords(zh), zh).toEqual([]);
    const en = await said([...command, '--help', '--lang', 'en']);
    expect(en).not.toMatch(cjk);
  });

  it.each(usageErrors)('usage error: shebao %s …', async (...args) => {
    const zh = await said(args);
    expect(zh).toMatch(/^错误：/);
    expect(englishWords(zh, args), zh).toEqual([]);
    const en = await said([...args, '--lang', 'en']);
    expect(en).toMatch(/^error: /);
    expect(en).not.toMatch(cjk);
  });

  it('a missing argument is named in the reader’s language', async () => {
    expect(await said(['fix-photo'])).toContain('错误：缺少参数 照片或文件夹');
    expect(await said(['check-photo'])).toContain('错误：缺少参数 照片');
    expect(await said(['fix-photo', '--lang', 'en'])).toContain('error: missing the argument photo-or-folder');
  });

  it('help is Chinese only by default, English only with --lang en', async () => {
    const zh = await said(['check-photo', '--help']);
    expect(zh).toContain('用法： shebao check-photo|check [选项] <照片...>');
    expect(zh).toContain('--today <日期>');
    expect(zh).not.toContain('Usage');
    const en = await said(['check-photo', '--help', '--lang', 'en']);
    expect(en).toContain('Usage: shebao check-photo|check [options] <photos...>');
  });
});

describe('citations: the rules cite Chinese documents', () => {
  it('English names a document by its number and address, Chinese quotes it whole', () => {
    const source = '医保办函〔2021〕11号《基本医疗保险参保管理经办规程》第十条：原则上新生儿出生后 90 天内办理参保登记（原文转引见 https://example.gov.cn/a/1.htm）';
    expect(wording('en').plan.cite(source)).toBe('医保办函〔2021〕11号, https://example.gov.cn/a/1.htm (in Chinese)');
    expect(wording('zh').plan.cite(source)).toBe(source);
    expect(wording('en').plan.cite('上海办事指南（二手资料）')).not.toMatch(cjk);
  });
});
