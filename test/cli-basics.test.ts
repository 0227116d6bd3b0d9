import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { fakeContext } from './helpers/context.js';

describe('shebao entry', () => {
  it('prints help and exits 0 when not in a terminal and given no arguments', async () => {
    const ctx = fakeContext();
    expect(await runCli([], ctx)).toBe(0);
    expect(ctx.out()).toContain('用法： shebao [选项] [命令]');
    const en = fakeContext({ env: { LANG: 'en_US.UTF-8' } });
    expect(await runCli([], en)).toBe(0);
    expect(en.out()).toContain('Usage: shebao [options] [command]');
  });

  it('exits 2 with a usage hint on an unknown option, without a stack trace', async () => {
    const ctx = fakeContext();
    expect(await runCli(['--bogus'], ctx)).toBe(2);
    expect(ctx.err()).toContain('错误：没有 --bogus 这个选项');
    expect(ctx.err()).toContain('shebao --help');
    const en = fakeContext();
    expect(await runCli(['--bogus', '--lang', 'en'], en)).toBe(2);
    expect(en.err()).toContain('error: unknown option --bogus');
    expect(ctx.err()).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('prints the version from package.json', async () => {
    const ctx = fakeContext();
    expect(await runCli(['--version'], ctx)).toBe(0);
    expect(ctx.out().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
