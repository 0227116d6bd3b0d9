/** check-photo speaks one language at a time, in every output, and its JSON keeps its schema. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { fakeContext } from './helpers/context.js';
import { cjk, englishSentence } from './helpers/language.js';
import { schemaErrors } from './helpers/schema.js';

const root = new URL('..', import.meta.url).pathname;
const photos = readdirSync(path.join(root, 'fixtures/photo')).filter((name) => /\.(jpg|png)$/.test(name)).map((name) => path.join(root, 'fixtures/photo', name));
const faces = readdirSync(path.join(root, 'fixtures/face')).filter((name) => name.endsWith('.jpg')).map((name) => path.join(root, 'fixtures/face', name));

async function run(args: string[]) {
  const ctx = fakeContext();
  const code = await runCli(['check-photo', '--today', '2026-11-22', ...args], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** Every string a person reads in the JSON: messages, hints, expected and actual. */
function words(doc: { results: { checks: Record<string, unknown>[] }[] }): string[] {
  return doc.results.flatMap((photo) => photo.checks.flatMap((check) => ['message', 'hint', 'expected', 'actual'].map((key) => check[key]).filter((v): v is string => typeof v === 'string')));
}

describe('check-photo in one language at a time', () => {
  it('--json on every fixture validates against the published schema, in both languages', async () => {
    for (const lang of ['zh', 'en']) {
      const { out } = await run([...photos, ...faces, '--json', '--lang', lang, '--concurrency', '1']);
      const doc = JSON.parse(out);
      expect(schemaErrors('check-photo', doc)).toEqual([]);
      expect(doc.lang).toBe(lang);
      for (const photo of doc.results) for (const check of photo.checks) if (check.status !== 'skip') expect(check.measured, `${photo.file} ${check.id}`).toBeDefined();
      for (const text of words(doc)) {
        if (lang === 'en') expect(text).not.toMatch(cjk);
        else expect(englishSentence(text), text).toBeUndefined();
      }
    }
  }, 120_000);

  it('human, JUnit and GitHub output: no Chinese with --lang en, no English sentence by default', async () => {
    const some = [photos.find((p) => p.endsWith('pass.jpg')) as string, ...photos.filter((p) => /fail-(blue|large|truncated|heic|rotated)/.test(p))];
    for (const format of ['human', 'junit', 'github']) {
      const en = await run([...some, '--no-face', '--format', format, '--lang', 'en']);
      expect(en.out + en.err, format).not.toMatch(cjk);
      const zh = await run([...some, '--no-face', '--format', format]);
      for (const line of (zh.out + zh.err).split('\n')) expect(englishSentence(line), `${format}: ${line}`).toBeUndefined();
    }
  });

  it('help follows --lang', async () => {
    const en = fakeContext();
    await runCli(['check-photo', '--help', '--lang', 'en'], en);
    expect(en.out()).toContain('Usage: shebao check-photo|check [options] <photos...>');
    expect(en.out()).not.toMatch(cjk);
    const zh = fakeContext();
    await runCli(['check-photo', '--help'], zh);
    expect(zh.out()).toContain('用法： shebao check-photo|check [选项] <照片...>');
    for (const line of zh.out().split('\n')) expect(englishSentence(line), line).toBeUndefined();
  });

  it('usage errors in the chosen language, with a suggestion for a mistyped command', async () => {
    const typo = fakeContext();
    expect(await runCli(['chekc-photo', 'a.jpg'], typo)).toBe(2);
    expect(typo.err()).toContain('没有 chekc-photo 这个命令，你是不是想用 check-photo？');
    const en = fakeContext();
    expect(await runCli(['--lang', 'en', 'check-photo', 'a.jpg', '--today', '2026-02-30'], en)).toBe(2);
    expect(en.err()).toContain('--today "2026-02-30" is not a real day (that month has 28 days)');
    expect(en.err()).not.toMatch(cjk);
    const option = fakeContext();
    expect(await runCli(['check-photo', 'a.jpg', '--jsno'], option)).toBe(2);
    expect(option.err()).toContain('没有 --jsno 这个选项，你是不是想用 --json？');
  });
});
