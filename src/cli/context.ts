/**
 * Everything a command needs from the outside world, passed in so tests can build the program
 * in-process and so the core never reads the clock, the environment or the terminal itself.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Command } from 'commander';
import { calendarDateAt, type IsoDate } from '../core/dates.js';
import { resolveLang, wording, type Lang, type Wording } from '../i18n/index.js';
import type { Prompter } from './interview.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface CliContext {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  /** Set by a command's action; the entry turns it into the process exit code. */
  exitCode: number;
  /**
   * The language, chosen by the entry from `--lang` and the locale before the program is built,
   * so help texts speak it too.
   */
  lang: Lang;
  /** The interview's prompter; tests give a scripted one (default: @inquirer/prompts, when interactive). */
  prompter?: Prompter;
}

export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    exitCode: 0,
    lang: 'zh',
  };
}

/** What every command reads from the global options: language and colour. */
export interface Output {
  lang: Lang;
  /** The tables of that language. */
  words: Wording;
  /** Colours for stdout (only when stdout is a colour-capable TTY). */
  color: ChalkInstance;
  /** Colours for stderr. */
  colorErr: ChalkInstance;
}

interface GlobalOptions {
  lang?: string;
  color?: boolean;
}

/**
 * Colour only on a TTY; NO_COLOR, TERM=dumb and --no-color turn it off; FORCE_COLOR turns it on
 * (clig.dev, https://no-color.org).
 */
export function colorLevel(stream: OutStream, env: CliContext['env'], flag: boolean | undefined): 0 | 1 {
  if (flag === false) return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return 1;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? 1 : 0;
}

export function outputFor(command: Command, ctx: CliContext): Output {
  const options = command.optsWithGlobals<GlobalOptions>();
  const lang = resolveLang(options.lang, ctx.env);
  return {
    lang,
    words: wording(lang),
    color: new Chalk({ level: colorLevel(ctx.stdout, ctx.env, options.color) }),
    colorErr: new Chalk({ level: colorLevel(ctx.stderr, ctx.env, options.color) }),
  };
}

/** Progress bars and spinners only for a person watching: stderr is a TTY and CI is unset. */
export function showProgress(ctx: CliContext): boolean {
  return Boolean(ctx.stderr.isTTY) && !ctx.env.CI;
}

/** Today's calendar date in China, or the date given with --today. */
export function todayOf(ctx: CliContext): IsoDate {
  return calendarDateAt(ctx.now());
}
