/**
 * Issue 13: the `shebao serve` command as a person runs it: loopback unless told otherwise, a
 * clear usage error for a wrong option or a taken port, the URL on stdout, and Ctrl-C stopping
 * it cleanly. The runs that listen are real processes (only they get real signals).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { isLoopbackHost } from '../src/serve/options.js';
import { fakeContext } from './helpers/context.js';

const root = new URL('..', import.meta.url).pathname;

describe('shebao serve: usage errors', () => {
  it.each([
    ['zh', ['serve', '--host', '0.0.0.0'], /0\.0\.0\.0 不是本机地址[\s\S]*--allow-remote/],
    ['en', ['serve', '--host', '192.168.1.20', '--lang', 'en'], /192\.168\.1\.20 is not a loopback address[\s\S]*--allow-remote/],
  ])('refuses a non-loopback host without --allow-remote (%s)', async (_lang, argv, said) => {
    const ctx = fakeContext();
    expect(await runCli(argv, ctx)).toBe(2);
    expect(ctx.err()).toMatch(said);
    expect(ctx.out()).toBe('');
  });

  it.each([
    [['--port', 'abc'], '--port'],
    [['--port', '70000'], '--port'],
    [['--queue', '-1'], '--queue'],
    [['--concurrency', '0'], '--concurrency'],
    [['--timeout', '1.5'], '--timeout'],
  ])('refuses %j naming the option', async (args, option) => {
    const ctx = fakeContext();
    expect(await runCli(['serve', ...args, '--lang', 'en'], ctx)).toBe(2);
    expect(ctx.err()).toContain(`${option} "`);
    expect(ctx.err()).toContain('should be a whole number');
  });

  it('says the port is taken, and what to do, when it cannot listen', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const ctx = fakeContext();
      expect(await runCli(['serve', '--port', String(port), '--lang', 'en'], ctx)).toBe(2);
      expect(ctx.err()).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      expect(ctx.err()).toContain('--port 0');
    } finally {
      taken.close();
    }
  });

  it.each([
    ['127.0.0.1', true],
    ['127.3.2.1', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['example.org', false],
  ])('knows whether %s is loopback', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('shebao serve: a running server', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  /** Start `shebao serve` from source; resolves with its URL once it prints one. */
  function start(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/dev.ts'), 'serve', '--port', '0', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const url = /http:\/\/\S+\//.exec(out)?.[0];
        if (url) resolve({ child, url, stderr: () => err });
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
    });
  }

  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  it('prints its URL, answers there, and stops on Ctrl-C with exit 0', async () => {
    const { child, url, stderr } = await start(['--lang', 'en']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(`${url}healthz`)).json()).toMatchObject({ status: 'ok' });
    const photo = readFileSync(path.join(root, 'fixtures/photo/pass.jpg'));
    const checked = await fetch(`${url}api/check?face=false`, { method: 'POST', body: photo, headers: { 'content-type': 'image/jpeg' } });
    expect(await checked.json()).toMatchObject({ summary: { total: 1, passed: 1 } });
    const end = exited(child);
    child.kill('SIGINT');
    expect(await end).toBe(0);
    expect(stderr()).toContain('stopping');
  });

  it("answers the names given with --allow-host (a reverse proxy's), and refuses any other with 403", async () => {
    const { child, url } = await start(['--allow-host', 'shebao.example.org', '--allow-host', 'Proxy.Internal', '--lang', 'en']);
    const { port } = new URL(url);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/healthz', headers: { host } }, (response) => resolve(response.statusCode ?? 0))
          .on('error', reject)
          .end();
      });
    expect(await status('shebao.example.org')).toBe(200);
    expect(await status('proxy.internal:443')).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status('evil.example')).toBe(403);
    const end = exited(child);
    child.kill('SIGTERM');
    expect(await end).toBe(0);
  });

  it('warns on stderr that anyone on the network can reach it when bound beyond loopback with --allow-remote', async () => {
    const { child, url, stderr } = await start(['--host', '0.0.0.0', '--allow-remote', '--lang', 'en']);
    expect(stderr()).toMatch(/warning: listening on 0\.0\.0\.0: anyone on the network can reach this server\. Photos of children are personal data/);
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    const end = exited(child);
    child.kill('SIGTERM');
    expect(await end).toBe(0);
  });
});
