/**
 * Issue 12: the rough edges a parent and a photo-studio clerk hit, each as they met it.
 * (The checklist's own findings are in checklist.test.ts, the languages in one-language.test.ts,
 * the ID numbers in id.test.ts.)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Prompter } from '../src/cli/interview.js';
import { runCli } from '../src/cli/main.js';
import { comparePathsNaturally, sortPathsNaturally } from '../src/core/text.js';
import { answersFromProfile, interview, readAnswers } from '../src/profile/index.js';
import { typedPathCandidates } from '../src/profile/questions.js';
import { fakeContext } from './helpers/context.js';
import { fixture, workspace as fixtureWorkspace } from './helpers/workspace.js';

const today = '2026-11-22';

const workspace = (files: Record<string, string> = {}) => fixtureWorkspace('shebao-edges-', files);

async function cli(args: string[], options: { cwd?: string; tty?: boolean; prompter?: Prompter; env?: Record<string, string> } = {}) {
  const ctx = fakeContext({ cwd: options.cwd ?? process.cwd(), tty: options.tty ?? false, ...(options.prompter ? { prompter: options.prompter } : {}), env: options.env ?? {} });
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** A prompter that answers from a script, in order; records the questions and the defaults offered. */
function scripted(answers: unknown[]): Prompter & { asked: string[]; defaults: unknown[] } {
  const asked: string[] = [];
  const defaults: unknown[] = [];
  const next = <T>(message: string, offered: unknown): Promise<T> => {
    asked.push(message);
    defaults.push(offered);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    const answer = answers.shift();
    // undefined: the person presses Enter and takes the default.
    return Promise.resolve((answer === undefined ? offered : answer) as T);
  };
  return {
    asked,
    defaults,
    select: (q) => next(q.message, q.default),
    checkbox: (q) => next(q.message, q.checked ?? []),
    input: (q) => next(q.message, q.default ?? ''),
    confirm: (q) => next(q.message, q.default),
  };
}

const profileFlags = ['--region', 'beijing', '--birth-date', '2026-10-10', '--hukou', 'local', '--stage', 'newborn', '--no-paid', '--applicant', 'guardian', '--special', 'none', '--no-photo', '--channel', 'online'];

describe('the premium: how much to pay appears in the plan and in the checklist', () => {
  it('the checklist says what the year costs in text and Markdown, with its source in JSON; --holidays is taken as in plan', async () => {
    const dir = workspace();
    expect((await cli(['profile', '--no-input', ...profileFlags, '--today', today], { cwd: dir })).code).toBe(0);
    const text = await cli(['checklist', '--today', today], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/400 元/);
    const markdown = await cli(['checklist', '--today', today, '--format', 'markdown'], { cwd: dir });
    expect(markdown.out).toMatch(/400 元/);
    const json = JSON.parse((await cli(['checklist', '--today', today, '--json'], { cwd: dir })).out);
    expect(json.premium).toMatchObject({ yuan: 400 });
    expect(json.premium.source).toMatch(/https?:\/\//);
    writeFileSync(path.join(dir, 'bad.json'), '{"year": "soon"}');
    const bad = await cli(['checklist', '--today', today, '--holidays', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad.json');
  });
});

describe('a parent after fix-photo: the checklist, the profile and the interview take the new photo', () => {
  it('checklist --photo checks the fixed photo instead of the profile’s', async () => {
    const dir = workspace({ 'big.jpg': 'photo/file-size.fail-large.jpg', 'big-fixed.jpg': 'photo/background.pass-near-white.jpg' });
    expect((await cli(['profile', '--no-input', ...profileFlags.filter((f) => f !== '--no-photo'), '--photo', 'big.jpg', '--today', today], { cwd: dir })).code).toBe(0);
    const before = await cli(['checklist', '--today', today], { cwd: dir });
    expect(before.out).toContain('照片 big.jpg 未通过：文件太大');
    expect(before.out).toContain('修复：shebao fix-photo big.jpg -o big-fixed.jpg');
    expect(before.out).toContain('修好后再查：shebao checklist --photo big-fixed.jpg');
    const after = await cli(['checklist', '--today', today, '--photo', 'big-fixed.jpg'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.out).toContain('☑ 孩子的电子证件照');
    expect(after.out).toContain('照片 big-fixed.jpg 已通过检查');
  });

  it('profile --answers takes the tool’s own profile file, so one answer can be changed', async () => {
    const dir = workspace();
    expect((await cli(['profile', '--no-input', ...profileFlags, '--today', today], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'shebao-profile.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(readAnswers(file)).toEqual(answersFromProfile(saved));
    const changed = await cli(['profile', '--answers', 'shebao-profile.json', '--paid', '--force', '--no-input', '--today', today], { cwd: dir });
    expect(changed.code, changed.err).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...saved, paid: true });
  });

  it('without --force an existing profile is still kept, and the error says how to change it', async () => {
    const dir = workspace();
    await cli(['profile', '--no-input', ...profileFlags, '--today', today], { cwd: dir });
    const again = await cli(['profile', '--no-input', ...profileFlags, '--today', today], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.err).toContain('档案文件已存在');
    expect(again.err).toContain('--answers');
  });

  it('running shebao again with a saved profile offers the checklist (exit 0), not "档案文件已存在"', async () => {
    const dir = workspace();
    await cli(['profile', '--no-input', ...profileFlags, '--today', today], { cwd: dir });
    const prompter = scripted(['checklist']);
    const { code, out, err } = await cli(['--today', today].slice(0, 0), { cwd: dir, tty: true, prompter });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(prompter.asked).toEqual(['找到已保存的档案 shebao-profile.json，要怎么做？']);
    expect(out).toContain('社保卡与少儿医保办理清单 · 北京');
  });

  it('updating a saved profile offers every saved answer as the default', async () => {
    const dir = workspace();
    await cli(['profile', '--no-input', ...profileFlags, '--today', today], { cwd: dir });
    // update, then Enter for every question but "paid" (the 7th question after the choice: yes).
    const prompter = scripted(['update', undefined, undefined, undefined, undefined, undefined, 'yes', undefined, undefined, undefined, undefined]);
    const { code, err } = await cli(['profile', '--today', today], { cwd: dir, tty: true, prompter });
    expect(code, `${err}\n${prompter.asked.join('\n')}`).toBe(0);
    expect(prompter.defaults.slice(1, 7)).toEqual(['beijing', '', '2026-10-10', 'local', 'newborn', 'no']);
    const saved = JSON.parse(readFileSync(path.join(dir, 'shebao-profile.json'), 'utf8'));
    expect(saved).toMatchObject({ region: 'beijing', child: { birthDate: '2026-10-10' }, paid: true, channel: 'online' });
  });
});

describe('a parent’s photo path and dates, typed as people type them', () => {
  it('~/宝宝.jpg, a dragged-in 宝宝\\ 证件照.jpg and a quoted path all find the photo', async () => {
    const home = workspace({ '宝宝.jpg': 'photo/background.pass-near-white.jpg', '宝宝 证件照.jpg': 'photo/background.pass-near-white.jpg' });
    const env = { today, cwd: '/', home, regions: [{ id: 'national', name: { zh: '全国', en: 'national' }, apps: [] }] };
    const ask = (photo: string) => interview({ region: 'national', birthDate: '2026-10-10', hukou: 'local', stage: 'newborn', paid: false, applicant: 'guardian', special: [], channel: 'online', photo }, env);
    expect((await ask('~/宝宝.jpg')).photo).toBe(path.join(home, '宝宝.jpg'));
    expect((await ask(`${home}/宝宝\\ 证件照.jpg `)).photo).toBe(path.join(home, '宝宝 证件照.jpg'));
    expect((await ask(`'${home}/宝宝 证件照.jpg'`)).photo).toBe(path.join(home, '宝宝 证件照.jpg'));
    expect(typedPathCandidates('~/a\\ b.jpg', '/home/x')).toEqual(['~/a\\ b.jpg', '~/a b.jpg', '/home/x/a\\ b.jpg', '/home/x/a b.jpg']);
  });

  it('plan --newborn 2024/5/1 is accepted as the interview accepts it', async () => {
    for (const typed of ['2024/5/1', '2024.5.1', '2024年5月1日', '2024-5-1']) {
      const { code, out } = await cli(['plan', '--newborn', typed, '--today', today, '--json']);
      expect(code, typed).toBe(0);
      expect(JSON.parse(out).birthDate).toBe('2024-05-01');
    }
    const wrong = await cli(['plan', '--newborn', '2024/2/30', '--today', today]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('这一天不存在');
  });
});

describe('plan > 计划.txt keeps the warnings', () => {
  it('a conflict between sources (Guangzhou: 90 vs 180 days) is in the plan itself (and in --json as data), repeated on stderr only for a file or pipe', async () => {
    const args = ['plan', '--newborn', '2026-10-15', '--region', 'guangzhou', '--today', today];
    const toFile = await cli(args);
    expect(toFile.out).toContain('注意：广州资料有冲突');
    expect(toFile.err).toContain('广州资料有冲突');
    const atTerminal = await cli(args, { tty: true, env: { NO_COLOR: '1' } });
    expect(atTerminal.out).toContain('注意：广州资料有冲突');
    expect(atTerminal.err).toBe('');
    const json = JSON.parse((await cli([...args, '--json'])).out);
    expect(json.warnings.map((w: { id: string }) => w.id)).toContain('source-conflict');
  });
});

describe('a studio clerk with a folder of photos', () => {
  it('sorts files naturally: 第30张 before 第110张', () => {
    expect(['第110张.jpg', '第30张.jpg', 'b/第2张.jpg', '第3张.jpg', '第030张.jpg', 'a.jpg', 'A.jpg'].sort(comparePathsNaturally)).toEqual([
      'A.jpg', 'a.jpg', 'b/第2张.jpg', '第3张.jpg', '第030张.jpg', '第30张.jpg', '第110张.jpg',
    ]);
    expect(sortPathsNaturally(['x/第110张.jpg', 'x/第30张.jpg', 'x10/a.jpg', 'x9/a.jpg'])).toEqual(['x/第30张.jpg', 'x/第110张.jpg', 'x9/a.jpg', 'x10/a.jpg']);
  });

  const folder = () =>
    workspace({
      'day/第110张.jpg': 'photo/background.fail-blue.jpg',
      'day/第30张.jpg': 'photo/background.pass-near-white.jpg',
      'day/第3张.jpg': 'photo/file-size.fail-large.jpg',
    });

  it('-q prints one line per failing photo and the summary', async () => {
    const { code, out } = await cli(['check-photo', 'day', '-q', '--no-face', '--today', today], { cwd: folder() });
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^✗ day\/第3张\.jpg：文件太大/);
    expect(lines[1]).toMatch(/^✗ day\/第110张\.jpg：背景偏蓝/);
    expect(lines[2]).toBe('共 3 张：1 张通过，2 张未通过（规格：社保卡电子证件照（shebao-card））');
    expect(lines).toHaveLength(4); // and how to repair them
  });

  it('--format csv and tsv: a header, then one row per photo in natural order', async () => {
    const dir = folder();
    const csv = await cli(['check-photo', 'day', '--format', 'csv', '--no-face', '--today', today], { cwd: dir });
    expect(csv.code).toBe(1);
    const rows = csv.out.split('\r\n');
    expect(rows[0]).toBe('file,ok,failed,reasons,messages,warnings');
    expect(rows[1]).toMatch(/^day\/第3张\.jpg,false,file-size,too-large,"?文件太大/);
    expect(rows[2]).toMatch(/^day\/第30张\.jpg,true,,,,/);
    expect(rows[3]).toMatch(/^day\/第110张\.jpg,false,background,blue,/);
    expect(rows).toHaveLength(5);
    const tsv = await cli(['check-photo', 'day', '--format', 'tsv', '--no-face', '--lang', 'en', '--today', today], { cwd: dir });
    const cells = tsv.out.split('\n').map((row) => row.split('\t'));
    expect(cells[0]).toEqual(['file', 'ok', 'failed', 'reasons', 'messages', 'warnings']);
    expect(cells[1]?.slice(0, 4)).toEqual(['day/第3张.jpg', 'false', 'file-size', 'too-large']);
    expect(cells[1]?.[4]).toMatch(/^the file is too large/);
    expect(tsv.err).toBe('');
  });

  it('a file name with a comma or quote stays one CSV field', async () => {
    const dir = workspace({ 'a,"b".jpg': 'photo/background.pass-near-white.jpg' });
    const { out } = await cli(['check-photo', 'a,"b".jpg', '--format', 'csv', '--no-face', '--today', today], { cwd: dir });
    expect(out.split('\r\n')[1]).toBe('"a,""b"".jpg",true,,,,');
  });

  it('an --annotate folder that cannot be made is a clear usage error (exit 2), not an internal error', async () => {
    const dir = workspace({ 'ok.jpg': 'photo/background.pass-near-white.jpg' });
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const { code, out, err } = await cli(['check-photo', 'ok.jpg', '--no-face', '--annotate', 'not-a-folder/sub', '--today', today], { cwd: dir });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^错误：无法写入 not-a-folder\/sub/);
    expect(err).toContain('请检查文件夹是否存在、是否有写权限');
    expect(err).not.toContain('内部错误');
  });
});

describe('a studio clerk fixing a folder', () => {
  it('photos that still fail go to 未通过/, --skip-existing carries on, and -o out/宝宝.jpg makes out/', async () => {
    const dir = workspace({ 'day/phone.jpg': 'fix/phone-rotated-gps.jpg' });
    await sharp(fixture('fix/cutout-transparent.png')).grayscale().png().toFile(path.join(dir, 'day/gray.png'));
    const first = await cli(['fix-photo', 'day', '-o', '已修复', '--concurrency', '1', '--today', today], { cwd: dir });
    expect(first.code).toBe(1);
    expect(readdirSync(path.join(dir, '已修复')).sort()).toEqual(['phone.jpg', '未通过']);
    expect(readdirSync(path.join(dir, '已修复/未通过'))).toEqual(['gray.jpg']);
    expect(first.out).toContain('day/gray.png → 已修复/未通过/gray.jpg');
    expect(first.out).toContain('修复后仍不符合规格的照片单独放在 已修复/未通过/');

    const again = await cli(['fix-photo', 'day', '-o', '已修复', '--json', '--today', today], { cwd: dir });
    expect(JSON.parse(again.out).results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual(['output-exists', 'output-exists']);

    const skipping = await cli(['fix-photo', 'day', '-o', '已修复', '--skip-existing', '--json', '--lang', 'en', '--today', today], { cwd: dir });
    expect(skipping.code).toBe(0);
    const doc = JSON.parse(skipping.out);
    expect(doc).toMatchObject({ failedOutput: '已修复/failed', summary: { total: 0, passed: 0, failed: 0 }, results: [] });
    expect(doc.skipped).toEqual([
      { input: 'day/gray.png', output: '已修复/未通过/gray.jpg' },
      { input: 'day/phone.jpg', output: '已修复/phone.jpg' },
    ]);
    expect((await cli(['fix-photo', 'day', '--skip-existing', '--force', '--today', today], { cwd: dir })).code).toBe(2);

    const single = await cli(['fix-photo', 'day/phone.jpg', '-o', 'out/宝宝.jpg', '--today', today], { cwd: dir });
    expect(single.code).toBe(0);
    expect(existsSync(path.join(dir, 'out/宝宝.jpg'))).toBe(true);
  }, 120_000);
});
