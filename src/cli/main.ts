/**
 * The entry: builds the program, runs it, and maps every outcome to an exit code. The only place
 * (with bin/) that decides how the process ends. No stack traces unless SHEBAO_DEBUG is set.
 */
import { CommanderError } from 'commander';
import { ExitCode, isShebaoError } from '../core/errors.js';
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
    ctx.stderr.write(`${words.errorPrefix}${sayUsageError(error, argv, commands, words)}\n${words.seeHelp}\n`);
    return ExitCode.usage;
  }
  if (isShebaoError(error)) {
    const said = sayError(error, ctx.lang);
    ctx.stderr.write(`${words.errorPrefix}${said.message}\n`);
    if (said.hint) ctx.stderr.write(`${said.hint}\n`);
    return error.exitCode;
  }
  ctx.stderr.write(`${words.internalError(describe(error))}\n`);
  if (ctx.env.SHEBAO_DEBUG && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  return ExitCode.usage;
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function main(): Promise<void> {
  const ctx = processContext();
  // `shebao check-photo dir | head`: the reader has gone, so stop quietly instead of crashing
  // with EPIPE (the face model's WebAssembly runtime would otherwise rethrow it as a crash).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(ctx.exitCode);
      throw error;
    });
  }
  process.exitCode = await runCli(process.argv.slice(2), ctx);
}
