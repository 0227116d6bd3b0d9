/**
 * Issue 10, finding 7: a full or closed stdout (`> /dev/full`, a reader that has gone) ends with
 * one line on stderr and exit 2, never a stack trace; and `shebao id </dev/zero` (finding 3) is a
 * usage error. These spawn the real entry, since only a real process has a real stdout.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guardOutput } from '../src/cli/main.js';
import { fakeContext } from './helpers/context.js';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'shebao-stdout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, 'profile.json'),
  JSON.stringify({ version: 1, createdOn: '2026-11-01', region: 'beijing', child: { birthDate: '2026-09-01' }, hukou: 'local', stage: 'newborn', paid: false, applicant: 'guardian', special: [], channel: 'online' }),
);

interface Run {
  code: number | null;
  stderr: string;
}

/**
 * Runs the CLI from source with stdout on /dev/full ('full') or on a pipe whose reading end is
 * closed before the child writes ('closed'), and stdin from `stdin`.
 */
function spawnCli(args: string[], stdout: 'full' | 'closed', stdin = '/dev/null'): Promise<Run> {
  return new Promise((resolve) => {
    const inFd = openSync(stdin, 'r');
    const outFd = stdout === 'full' ? openSync('/dev/full', 'w') : 'pipe';
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/dev.ts'), ...args], {
      cwd: root, // where --import tsx resolves
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
      stdio: [inFd, outFd, 'pipe'],
      timeout: 60_000,
    });
    closeSync(inFd);
    if (typeof outFd === 'number') closeSync(outFd);
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe.concurrent('a stdout that cannot be written', () => {
  it.skipIf(!existsSync('/dev/full')).each([
    ['plan', '--newborn', '2024-05-01', '--today', '2026-11-22'],
    ['rules'],
    ['id', '11010519491231002X', '--today', '2026-11-22'],
    ['checklist', '--profile', path.join(dir, 'profile.json'), '--today', '2026-11-22'],
    ['check-photo', '--no-face', '--today', '2026-11-22', path.join(root, 'fixtures/photo/pass.jpg')],
  ])('`%s …` > /dev/full: one line, exit 2, no stack trace', async (...args) => {
    const result = await spawnCli(args, 'full');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('错误：无法写出结果（ENOSPC：磁盘已满）\n');
  }, 60_000);
});

describe('a reader that has gone (EPIPE)', () => {
  it('`plan … | (reader exits at once)`: one line, exit 2, no stack trace', async () => {
    const result = await spawnCli(['plan', '--newborn', '2024-05-01', '--today', '2026-11-22'], 'closed');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('错误：输出未写完：读取输出的程序已提前退出（EPIPE）\n');
  }, 60_000);

  it('says it once however many writes fail, then ends with exit 2; a failing stderr is ignored', () => {
    const stdout = new EventEmitter();
    const stderr = new EventEmitter();
    const ctx = fakeContext({ lang: 'en' });
    const exits: number[] = [];
    guardOutput(stdout, stderr, ctx, (code) => exits.push(code));
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([2]);
    expect(ctx.err()).toBe('error: the output was cut short: the program reading it stopped early (EPIPE)\n');
    expect(() => stderr.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  });
});

describe('`shebao id` with an endless stdin', () => {
  it('</dev/zero is a usage error, exit 2, not an internal error', async () => {
    const result = await spawnCli(['id'], 'closed', '/dev/zero');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('错误：标准输入的前 1 MB 里没有换行');
    expect(result.stderr).not.toContain('内部错误');
  }, 60_000);
});
