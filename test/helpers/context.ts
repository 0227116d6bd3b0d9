import { Readable } from 'node:stream';
import type { CliContext } from '../../src/cli/context.js';

export interface FakeContext extends CliContext {
  out(): string;
  err(): string;
}

/** An in-process CLI context: captured stdout/stderr, not a TTY, a fixed clock and environment. */
export function fakeContext(overrides: Partial<CliContext> & { tty?: boolean } = {}): FakeContext {
  let out = '';
  let err = '';
  const tty = overrides.tty ?? false;
  const stdin = Object.assign(Readable.from([]), { isTTY: tty });
  return {
    stdout: { write: (s: string) => ((out += s), true), isTTY: tty },
    stderr: { write: (s: string) => ((err += s), true), isTTY: tty },
    stdin,
    env: {},
    cwd: process.cwd(),
    now: () => new Date('2026-11-22T04:00:00Z'),
    exitCode: 0,
    lang: 'zh',
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
