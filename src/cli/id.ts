/**
 * `shebao id <number>`: validate a resident ID number and show what it encodes, masked unless
 * --show. The number may come from stdin so it stays out of the shell history.
 */
import type { Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { wording } from '../i18n/index.js';
import { maskIdNumber, normalizeIdInput, parseIdNumber, renderIdJson, renderIdText, type IdInfo } from '../id/index.js';
import { outputFor, todayOf, type CliContext } from './context.js';

interface IdOptions {
  show?: boolean;
  json?: boolean;
  today?: string;
}

export function registerId(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).id.help;
  const p = wording(ctx.lang).cli.placeholders;
  program
    .command('id')
    .summary(help.summary)
    .description(help.description)
    .argument(`[${p.number}...]`, help.arguments?.number)
    .option('--show', help.options.show)
    .option('--json', help.options.json)
    .option(`--today <${p.date}>`, help.options.today)
    .addHelpText('after', help.after)
    .action(async (parts: string[], options: IdOptions, command: Command) => {
      const out = outputFor(command, ctx);
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const input = parts.length > 0 ? parts.join('') : await readNumberFromStdin(ctx);
      const info = parseIdNumber(input, { today });
      const shown = displayNumber(info, input, Boolean(options.show));
      if (options.json) ctx.stdout.write(renderIdJson(info, shown, !options.show, out.lang));
      else ctx.stdout.write(renderIdText(info, shown, out.lang, out.color, !options.show));
      ctx.exitCode = info.valid ? ExitCode.ok : ExitCode.failed;
    });
}

/** An ID number pasted with spaces is a few dozen bytes; a first line longer than this is not one. */
export const maxStdinLineBytes = 1024 * 1024;

/**
 * The first line of stdin, read only as far as its line break (`yes <number> | shebao id` ends),
 * and never past maxStdinLineBytes (`shebao id </dev/zero` is a usage error, not a runaway read).
 */
async function readNumberFromStdin(ctx: CliContext): Promise<string> {
  if (ctx.stdin.isTTY) throw new ShebaoError('id-number-missing', {});
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop (break or throw) ends the stream's iterator, which stops the read.
  for await (const chunk of ctx.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    const newline = bytes.indexOf(0x0a);
    const piece = newline === -1 ? bytes : bytes.subarray(0, newline);
    if (size + piece.length > maxStdinLineBytes) throw new ShebaoError('id-input-too-long', { limit: maxStdinLineBytes });
    chunks.push(piece);
    size += piece.length;
    if (newline !== -1) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function displayNumber(info: IdInfo, input: string, show: boolean): string {
  const number = info.number ?? normalizeIdInput(input);
  return show ? number : maskIdNumber(number);
}
