/** `shebao serve`: the local page and the HTTP API, until Ctrl-C. */
import type { Command } from 'commander';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { wording } from '../i18n/index.js';
import { defaultLimits, isLoopbackHost, type ServeLimits } from '../serve/options.js';
import { outputFor, type CliContext } from './context.js';

interface ServeOptions {
  port: string;
  host: string;
  open?: boolean;
  allowRemote?: boolean;
  /** Each --allow-host, in order; absent when none was given. */
  allowHost?: string[];
  concurrency: string;
  queue: string;
  maxBody: string;
  maxPixels?: string;
  timeout: string;
}

/** 1 TB, 24 h and a billion pixels: beyond any sensible server, still safe as numbers. */
const ceilings = { concurrency: 256, queue: 100_000, maxBodyMb: 1024 * 1024, maxPixels: 1_000_000_000, timeoutSeconds: 24 * 3600 } as const;

export function registerServe(program: Command, ctx: CliContext): void {
  const words = wording(ctx.lang).serve;
  const { help, placeholders: p } = words;
  const defaults = defaultLimits();
  program
    .command('serve')
    .summary(help.summary)
    .description(help.description)
    .option(`--port <${p.port}>`, help.options.port, '8080')
    .option(`--host <${p.host}>`, help.options.host, '127.0.0.1')
    .option('--open', help.options.open)
    .option('--allow-remote', help.options['allow-remote'])
    .option(`--allow-host <${p.name}>`, help.options['allow-host'], (name: string, names: string[] = []) => [...names, name])
    .option(`--concurrency <${p.n}>`, help.options.concurrency, String(defaults.concurrency))
    .option(`--queue <${p.n}>`, help.options.queue, String(defaults.queueLength))
    .option(`--max-body <${p.mb}>`, help.options['max-body'], String(defaults.maxBodyBytes / 1024 / 1024))
    .option(`--max-pixels <${p.pixels}>`, help.options['max-pixels'])
    .option(`--timeout <${p.seconds}>`, help.options.timeout, String(defaults.timeoutMs / 1000))
    .addHelpText('after', help.after)
    .action(async (options: ServeOptions, command: Command) => {
      const { words: said } = outputFor(command, ctx);
      const port = wholeNumber('--port', options.port, 0, 65_535);
      const limits: ServeLimits = {
        concurrency: wholeNumber('--concurrency', options.concurrency, 1, ceilings.concurrency),
        queueLength: wholeNumber('--queue', options.queue, 0, ceilings.queue),
        maxBodyBytes: wholeNumber('--max-body', options.maxBody, 1, ceilings.maxBodyMb) * 1024 * 1024,
        ...(options.maxPixels === undefined ? {} : { maxPixels: wholeNumber('--max-pixels', options.maxPixels, 1, ceilings.maxPixels) }),
        timeoutMs: wholeNumber('--timeout', options.timeout, 1, ceilings.timeoutSeconds) * 1000,
      };
      const remote = !isLoopbackHost(options.host);
      if (remote && !options.allowRemote) throw new ShebaoError('remote-host-refused', { host: options.host });
      if (remote) ctx.stderr.write(`${said.serve.remoteWarning(options.host)}\n`);
      // node:net and node:child_process are imported here, not at the top: every command starts
      // with this file loaded, and loading them costs every start a few ms (see scripts/build-cli.ts).
      const [{ buildServer }, { isIP }] = await Promise.all([import('../serve/server.js'), import('node:net')]);
      // A --host given as a name is one the server answers to, as are the reverse proxy's names.
      const allowedHosts = [...(isIP(options.host.replace(/^\[(.*)\]$/, '$1')) === 0 ? [options.host] : []), ...(options.allowHost ?? [])];
      const { app } = await buildServer({ ...limits, now: ctx.now, allowedHosts });
      try {
        await app.listen({ host: options.host, port });
      } catch (error) {
        await app.close();
        throw new ShebaoError('listen-failed', { host: options.host, port, reason: (error as NodeJS.ErrnoException).code ?? 'EIO' }, { cause: error });
      }
      const url = pageUrl(options.host, (app.server.address() as { port: number }).port);
      ctx.stdout.write(`${said.serve.listening(url)}\n`);
      if (options.open) await openBrowser(url, () => ctx.stderr.write(`${said.serve.openFailed(url)}\n`));
      await stopSignal();
      ctx.stderr.write(`${said.serve.stopping}\n`);
      // Requests in flight are answered first; a second Ctrl-C ends the process at once.
      await app.close();
      ctx.exitCode = ExitCode.ok;
    });
}

function wholeNumber(option: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) throw new ShebaoError('option-out-of-range', { option, value, min, max });
  return number;
}

/** The address a person opens: a wildcard host is reached through this machine's loopback. */
function pageUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM; the handlers go, so a second signal ends the process as usual. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

/** The system's own opener (no package for it): xdg-open, open, or start. */
async function openBrowser(url: string, failed: () => void): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  let said = false;
  const once = () => {
    if (!said) failed();
    said = true;
  };
  const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', once).on('exit', (code) => code !== 0 && once());
  child.unref();
}
