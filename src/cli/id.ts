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
  program
    .command('id')
    .summary(help.summary)
    .description(help.description)
    .argument('[number...]', help.arguments?.number)
    .option('--show', help.options.show)
    .option('--json', help.options.json)
    .option('--today <date>', help.options.today)
    .addHelpText('after', help.after)
    .action(async (parts: string[], options: IdOptions, command: Command) => {
      const out = outputFor(command, ctx);
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const input = parts.length > 0 ? parts.join('') : await readNumberFromStdin(ctx);
      const info = parseIdNumber(input, { today });
      const shown = displayNumber(info, input, Boolean(options.show));
      if (options.json) ctx.stdout.write(renderIdJson(info, shown, !options.show, out.lang));
      else ctx.stdout.write(renderIdText(info, shown, out.lang, out.color));
      ctx.exitCode = info.valid ? ExitCode.ok : ExitCode.failed;
    });
}

async function readNumberFromStdin(ctx: CliContext): Promise<string> {
  if (ctx.stdin.isTTY) throw new ShebaoError('id-number-missing', {});
  let text = '';
  for await (const chunk of ctx.stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text.split('\n')[0] ?? '';
}

function displayNumber(info: IdInfo, input: string, show: boolean): string {
  const number = info.number ?? normalizeIdInput(input);
  return show ? number : maskIdNumber(number);
}
