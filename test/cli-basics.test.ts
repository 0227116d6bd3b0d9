import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { fakeContext } from './helpers/context.js';

describe('shebao entry', () => {
  it('prints help and exits 0 when not in a terminal and given no arguments', async () => {
    const ctx = fakeContext();
    expect(await runCli([], ctx)).toBe(0);
    expect(ctx.out()).toContain('Usage: shebao');
  });

  it('exits 2 with a usage hint on an unknown option, without a stack trace', async () => {
    const ctx = fakeContext();
    expect(await runCli(['--bogus'], ctx)).toBe(2);
    expect(ctx.err()).toContain("unknown option '--bogus'");
    expect(ctx.err()).toContain('shebao --help');
    expect(ctx.err()).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('prints the version from package.json', async () => {
    const ctx = fakeContext();
    expect(await runCli(['--version'], ctx)).toBe(0);
    expect(ctx.out().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
