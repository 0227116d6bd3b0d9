/**
 * The entry: builds the program, runs it, and maps every outcome to an exit code. The only place
 * (with bin/) that decides how the process ends. No stack traces unless SHEBAO_DEBUG is set.
 */
import { CommanderError } from 'commander';
import { ExitCode, isShebaoError, ShebaoError } from '../core/errors.js';
import { escapeControls, mapStringsDeep } from '../core/names.js';
import { maskIdNumbersIn } from '../id/index.js';
import type { CliWording } from '../i18n/cli.js';
import { langFromArgv, resolveLang, sayError, wording } from '../i18n/index.js';
import { processContext, type CliContext } from './context.js';
import { makeProgram } from './program.js';

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  ctx.lang = resolveLang(langFromArgv(argv), ctx.env);
  const program = makeProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, argv, program.commands.flatMap((command) => [command.name(), ...command.aliases()]), ctx);
  }
}

function reportError(error: unknown, argv: readonly string[], commands: readonly string[], ctx: CliContext): number {
  const words = wording(ctx.lang).cli;
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride with exit code 0.
    if (error.exitCode === 0) return ExitCode.ok;
    ctx.stderr.write(`${words.errorPrefix}${escapeControls(sayUsageError(error, argv, commands, words), { keepNewlines: true })}\n${words.seeHelp}\n`);
    return ExitCode.usage;
  }
  if (isShebaoError(error)) return reportShebaoError(error, ctx);
  ctx.stderr.write(`${words.internalError(describe(error))}\n`);
  if (ctx.env.SHEBAO_DEBUG && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  return ExitCode.usage;
}

/**
 * "错误：…" and the hint on stderr. Names in the details (files, options, values typed) are shown
 * with control characters escaped, so a file name holding an escape sequence is printed, not
 * obeyed; an ID number among them (typed into the wrong option or answer, or naming a file) is
 * masked, since error output lands in CI logs and support tickets.
 */
function reportShebaoError(error: ShebaoError, ctx: CliContext): ExitCode {
  const words = wording(ctx.lang).cli;
  const details = mapStringsDeep(error.details, (text) => maskIdNumbersIn(escapeControls(text)));
  const said = sayError({ code: error.code, details }, ctx.lang);
  ctx.stderr.write(`${words.errorPrefix}${said.message}\n`);
  if (said.hint) ctx.stderr.write(`${said.hint}\n`);
  return error.exitCode;
}

/** The quoted words in commander's English message: the option, command or value it names. */
function quoted(message: string): string[] {
  return [...message.matchAll(/'([^']*)'/g)].map((match) => match[1] as string);
}

/** Commander's usage errors, said again in the chosen language from its error code. */
function sayUsageError(error: CommanderError, argv: readonly string[], commands: readonly string[], words: CliWording): string {
  const [subject = '', value = ''] = quoted(error.message);
  const suggestion = /Did you mean (\S+?)\?/.exec(error.message)?.[1];
  switch (error.code) {
    case 'commander.unknownOption':
      return words.usage.unknownOption(subject, suggestion);
    case 'commander.unknownCommand':
      return words.usage.unknownCommand(subject, suggestion);
    case 'commander.missingArgument':
      return words.usage.missingArgument(subject);
    case 'commander.optionMissingArgument':
      return words.usage.optionMissingArgument(subject);
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.+)\.$/.exec(error.message)?.[1]?.split(', ') ?? [];
      return words.usage.invalidChoice(subject, value, choices);
    }
    case 'commander.excessArguments': {
      // `shebao chekc-photo a.jpg`: the first word is a mistyped command, not an extra argument.
      const first = argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--lang');
      if (first !== undefined && !commands.includes(first)) return words.usage.unknownCommand(first, closestCommand(first, commands));
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(error.message);
      return words.usage.excessArguments(Number(counts?.[1] ?? 0), Number(counts?.[2] ?? 0));
    }
    default:
      return words.usage.other(error.message.replace(/^error: /, ''));
  }
}

/** The known command nearest to a typo (at most a third of its letters off), if any. */
function closestCommand(typed: string, commands: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of commands) {
    const distance = editDistance(typed, name);
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Damerau–Levenshtein distance (optimal string alignment): a swapped pair of letters costs one. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** An unexpected error's message, short and escaped: it comes from a library and may quote its input. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return escapeControls(message.length > 200 ? `${message.slice(0, 200)}…` : message);
}

/**
 * A stdout that fails (`> /dev/full`: ENOSPC; `| head -c1` once head has gone: EPIPE) ends the run
 * at once with one line on stderr and exit 2: the results can no longer be delivered, so finishing
 * a long batch would only waste time, and exit 2 tells a pipeline (`set -o pipefail`) that the
 * output is incomplete. A closed pipe is reported too, not swallowed: a reader that stops early
 * (`| head`) is the usual cause, but a reader that crashed looks the same. Files being written are
 * written atomically, so stopping leaves each output whole or absent, as Ctrl-C does.
 * A failing stderr is ignored: it carries only progress, warnings and errors, and the exit code
 * still tells the outcome.
 */
export function guardOutput(stdout: NodeJS.EventEmitter, stderr: NodeJS.EventEmitter, ctx: CliContext, exit: (code: number) => void): void {
  let failed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    reportShebaoError(new ShebaoError('stdout-failed', { reason: error.code ?? 'EIO' }), ctx);
    exit(ExitCode.usage);
  });
  stderr.on('error', () => undefined);
}

export async function main(): Promise<void> {
  const ctx = processContext();
  guardOutput(process.stdout, process.stderr, ctx, (code) => process.exit(code));
  process.exitCode = await runCli(process.argv.slice(2), ctx);
}
