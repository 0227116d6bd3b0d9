import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { wording } from '../src/i18n/index.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { checkInThread, checkPhotos } from '../src/photo/check-photos.js';
import { resolveCheckOptions } from '../src/photo/check-photo.js';
import { fakeContext } from './helpers/context.js';

const root = new URL('..', import.meta.url).pathname;
const fixtures = path.join(root, 'fixtures/photo');
const fx = (name: string) => path.join(fixtures, name);
const run = async (args: string[], env: Record<string, string> = {}, tty = false) => {
  const ctx = fakeContext({ env, tty });
  const code = await runCli(['check-photo', '--today', '2026-11-22', '--no-face', ...args], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
};
const ansi = /\u001b\[/;

describe('shebao check-photo (in process)', () => {
  it('exits 0 and prints ✓ per check for a good photo, in Chinese', async () => {
    const { code, out } = await run([fx('pass.jpg')]);
    expect(code).toBe(0);
    expect(out).toContain('✓ ');
    expect(out).toContain('白色背景');
    expect(out).toContain('1 张通过');
  });

  it('exits 1 and says how to fix a failing photo', async () => {
    const { code, out } = await run([fx('file-size.fail-large.jpg'), '--lang', 'en']);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ .*file-size\.fail-large\.jpg/);
    expect(out).toContain('compress it below 40 KB');
  });

  it('--json prints exactly one JSON document with the contract fields', async () => {
    const { code, out, err } = await run([fx('pass.jpg'), fx('background.fail-blue.jpg'), '--json']);
    expect(code).toBe(1);
    expect(err).toBe('');
    const doc = JSON.parse(out);
    expect(doc.spec).toBe('shebao-card');
    expect(doc.summary).toEqual({ total: 2, passed: 1, failed: 1 });
    expect(doc.results.map((r: { file: string }) => r.file)).toEqual([fx('background.fail-blue.jpg'), fx('pass.jpg')]);
    const background = doc.results[0].checks.find((c: { id: string }) => c.id === 'background');
    expect(background).toMatchObject({ status: 'fail', reason: 'blue', limits: { minChannel: expect.any(Number) }, expected: expect.any(String), actual: expect.stringContaining('RGB(') });
    expect(background.measured.rgb).toHaveLength(3);
    expect(background.message).toContain('背景偏蓝');
    for (const check of doc.results[1].checks) expect(['pass', 'fail', 'warn', 'skip']).toContain(check.status);
  });

  it('--format junit: one testcase per photo, one failure per failing check', async () => {
    const { code, out } = await run([fx('pass.jpg'), fx('background.fail-red.jpg'), '--format', 'junit']);
    expect(code).toBe(1);
    expect(out).toMatch(/^<\?xml/);
    expect(out.match(/<testcase /g)).toHaveLength(2);
    expect(out.match(/<failure /g)).toHaveLength(2);
    expect(out).toContain('type="background"');
    expect(out).toContain('type="clothing-contrast"');
    expect(out).toContain('<testsuites name="shebao check-photo" tests="2" failures="1"');
  });

  it('--format github prints ::error and ::warning lines on stdout, the summary on stderr', async () => {
    const { out, err } = await run([fx('orientation.fail-rotated.jpg'), fx('resolution.warn-72dpi.jpg'), '--format', 'github']);
    const lines = out.trim().split('\n');
    expect(lines.some((line) => line.startsWith(`::error file=${fx('orientation.fail-rotated.jpg')},title=shebao orientation::`))).toBe(true);
    expect(lines.some((line) => line.startsWith('::warning ') && line.includes('shebao resolution'))).toBe(true);
    expect(lines.every((line) => line.startsWith('::'))).toBe(true);
    expect(err).toContain('共 2 张');
  });

  it('searches directories recursively, in a stable order, and reads Chinese names with spaces', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-cli-'));
    mkdirSync(path.join(dir, '二班'));
    copyFileSync(fx('pass.jpg'), path.join(dir, '二班', '王 小明.jpg'));
    copyFileSync(fx('background.fail-grey.jpg'), path.join(dir, 'a.JPG'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a photo');
    const ctx = fakeContext({ cwd: dir });
    const code = await runCli(['check-photo', '.', '--json', '--no-face', '--today', '2026-11-22'], ctx);
    expect(code).toBe(1);
    const doc = JSON.parse(ctx.out());
    expect(doc.results.map((r: { file: string; ok: boolean }) => [r.file, r.ok])).toEqual([
      ['a.JPG', false],
      [path.join('二班', '王 小明.jpg'), true],
    ]);
  });

  it('expands quoted globs', async () => {
    const ctx = fakeContext({ cwd: root });
    await runCli(['check-photo', 'fixtures/photo/background.*.jpg', '--json', '--no-face'], ctx);
    expect(JSON.parse(ctx.out()).summary.total).toBe(6);
  });

  it('--shard i/n splits the sorted input into disjoint slices that cover it', async () => {
    const seen: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const { out } = await run([fixtures, '--json', '--shard', shard]);
      seen.push(...JSON.parse(out).results.map((r: { file: string }) => r.file));
    }
    const { out } = await run([fixtures, '--json']);
    expect(seen).toEqual(JSON.parse(out).results.map((r: { file: string }) => r.file));
  });

  it('keeps going past unreadable files and reports them', async () => {
    const { code, out } = await run([fx('readable.fail-empty.jpg'), fx('does-not-exist.jpg'), fx('pass.jpg'), '--json']);
    expect(code).toBe(1);
    const doc = JSON.parse(out);
    expect(doc.summary).toEqual({ total: 3, passed: 1, failed: 2 });
    expect(doc.results.find((r: { file: string }) => r.file.endsWith('does-not-exist.jpg')).checks[0]).toMatchObject({ id: 'readable', status: 'fail' });
  });

  it.each([
    [['--shard', '3/2'], /--shard/],
    [['--concurrency', '0'], /--concurrency/],
    [['--spec', 'nope'], /nope/],
    [['--json', '--format', 'junit'], /--json/],
    [['--today', '2026-02-30'], /2026-02-30/],
  ])('exits 2 for bad usage %j', async (args, message) => {
    const { code, err } = await run([fx('pass.jpg'), ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when a directory holds no images', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-empty-'));
    const { code, err } = await run([dir]);
    expect(code).toBe(2);
    expect(err).toContain('没有找到照片');
  });

  it('colours only a TTY, and honours NO_COLOR, FORCE_COLOR and --no-color', async () => {
    expect((await run([fx('pass.jpg')])).out).not.toMatch(ansi);
    expect((await run([fx('pass.jpg')], {}, true)).out).toMatch(ansi);
    expect((await run([fx('pass.jpg')], { NO_COLOR: '1' }, true)).out).not.toMatch(ansi);
    expect((await run([fx('pass.jpg')], { TERM: 'dumb' }, true)).out).not.toMatch(ansi);
    expect((await run([fx('pass.jpg')], { FORCE_COLOR: '1' })).out).toMatch(ansi);
    expect((await run([fx('pass.jpg'), '--no-color'], {}, true)).out).not.toMatch(ansi);
  });

  it('-q prints only failing photos', async () => {
    const { out } = await run([fx('pass.jpg'), fx('background.fail-grey.jpg'), '-q']);
    expect(out).not.toContain('pass.jpg');
    expect(out).toContain('background.fail-grey.jpg');
  });
});

describe('worker threads', () => {
  it('give the same reports, in the same order, as checking in one thread', async () => {
    const names = ['pass.jpg', 'background.fail-blue.jpg', 'readable.fail-truncated.jpg', 'format.fail-png.jpg', 'color-mode.fail-cmyk.jpg'];
    const files = Array.from({ length: 120 }, (_, i) => fx(names[i % names.length] as string));
    const options = { today: '2026-11-22', face: false, lang: 'en' as const };
    const threaded = await checkPhotos(files, { ...options, concurrency: 2 });
    const single = await checkInThread(files, resolveCheckOptions(options));
    expect(threaded.results).toEqual(single);
    expect(threaded.summary).toEqual({ total: 120, passed: 24, failed: 96 });
  });
});

describe('shebao check-photo (spawned)', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/dev.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });

  it('under CI=true prints only JSON on stdout, nothing on stderr, and the right exit code', () => {
    const result = cli(['check-photo', 'fixtures/photo/pass.jpg', 'fixtures/photo/background.fail-grey.jpg', '--json', '--no-face'], { CI: 'true' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).summary.failed).toBe(1);
  });

  it('prints a usage error without a stack trace and exits 2', () => {
    const result = cli(['check-photo'], { NO_COLOR: '1' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('缺少参数 照片');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('bin/shebao.js, as a user runs it', () => {
  // Each Node process started prints the MALLOC_ARENA_MAX and MALLOC_MMAP_THRESHOLD_ it was given, before shebao runs.
  const report = 'data:text/javascript,process.stderr.write(`arenas=${process.env.MALLOC_ARENA_MAX} mmap=${process.env.MALLOC_MMAP_THRESHOLD_}\\n`)';
  const bin = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', report, path.join(root, 'bin/shebao.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', ...env },
    });
  const arenas = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('arenas='));

  it.runIf(process.platform === 'linux')('runs the photo commands in a second process with fewer malloc arenas and a fixed mmap threshold, its output and exit code passed through', () => {
    const result = bin(['--lang', 'en', 'check', 'fixtures/photo/pass.jpg', 'fixtures/photo/background.fail-grey.jpg', '--json']);
    expect(arenas(result.stderr)).toEqual(['arenas=undefined mmap=undefined', 'arenas=2 mmap=1048576']);
    expect(arenas(bin(['fix-photo', '--help'], { MALLOC_MMAP_THRESHOLD_: '65536' }).stderr)).toEqual(['arenas=undefined mmap=65536', 'arenas=2 mmap=65536']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).summary).toEqual({ total: 2, passed: 1, failed: 1 });
    expect(bin(['fix-photo']).status).toBe(2); // a usage error keeps its exit code
  });

  it('starts other commands, check-photo --no-face, and photo commands given MALLOC_ARENA_MAX, only once', () => {
    expect(arenas(bin(['--version']).stderr)).toEqual(['arenas=undefined mmap=undefined']);
    expect(arenas(bin(['check-photo', 'fixtures/photo/pass.jpg', '--no-face']).stderr)).toEqual(['arenas=undefined mmap=undefined']);
    const own = bin(['check-photo', 'fixtures/photo/pass.jpg'], { MALLOC_ARENA_MAX: '4' });
    expect(arenas(own.stderr)).toEqual(['arenas=4 mmap=undefined']);
    expect(own.status).toBe(0);
  });
});

describe('JSON rendering', () => {
  it('streams exactly JSON.stringify(batch, null, 2)', async () => {
    const { renderJson } = await import('../src/photo/render/machine.js');
    const batch = await checkPhotos([fx('pass.jpg'), fx('background.fail-red.jpg')], { face: false, today: '2026-11-22' });
    const { photoWithWords } = await import('../src/photo/render/machine.js');
    const words = wording('en').photo;
    const whole = { spec: batch.spec, summary: batch.summary, lang: 'en', results: batch.results.map((report) => photoWithWords(report, words)) };
    expect(renderJson(batch, 'en')).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    const empty = { spec: 'shebao-card', summary: { total: 0, passed: 0, failed: 0 }, results: [] };
    expect(renderJson(empty, 'zh')).toBe(`${JSON.stringify({ spec: empty.spec, summary: empty.summary, lang: 'zh', results: [] }, null, 2)}\n`);
  });
});

describe('progress', () => {
  const files = [fx('pass.jpg'), fx('background.fail-grey.jpg')];
  it('draws a progress bar on stderr for a person at a terminal', async () => {
    const ctx = fakeContext({ tty: true });
    await runCli(['check-photo', ...files, '--no-face', '--json'], ctx);
    expect(ctx.err()).toContain('检查中');
    expect(JSON.parse(ctx.out()).summary.total).toBe(2);
  });

  it('stays silent when CI is set or stderr is not a terminal', async () => {
    const ci = fakeContext({ tty: true, env: { CI: 'true' } });
    await runCli(['check-photo', ...files, '--no-face', '--json'], ci);
    expect(ci.err()).toBe('');
    const piped = fakeContext();
    await runCli(['check-photo', ...files, '--no-face', '--json'], piped);
    expect(piped.err()).toBe('');
  });
});
