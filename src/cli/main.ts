/**
 * The entry: builds the program, runs it, and maps every outcome to an exit code. The only place
 * (with bin/) that decides how the process ends. No stack traces unless SHEBAO_DEBUG is set.
 */
import { CommanderError } from 'commander';
import { ExitCode, isShebaoError } from '../core/errors.js';
import { resolveLang, tr } from '../core/i18n.js';
import { processContext, type CliContext } from './context.js';
import { makeProgram } from './program.js';

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = makeProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, argv, ctx);
  }
}

function reportError(error: unknown, argv: readonly string[], ctx: CliContext): number {
  const langFlag = argv.indexOf('--lang');
  const lang = resolveLang(langFlag >= 0 ? argv[langFlag + 1] : undefined, ctx.env);
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride with exit code 0.
    if (error.exitCode === 0) return ExitCode.ok;
    ctx.stderr.write(tr(lang, '运行 shebao --help 或 shebao <命令> --help 查看用法。\n', 'Run shebao --help or shebao <command> --help for usage.\n'));
    return ExitCode.usage;
  }
  if (isShebaoError(error)) {
    ctx.stderr.write(`${tr(lang, '错误：', 'error: ')}${error.message}\n`);
    if (error.hint) ctx.stderr.write(`${error.hint}\n`);
    return error.exitCode;
  }
  ctx.stderr.write(
    tr(
      lang,
      `内部错误：${describe(error)}\n这是 shebao 的缺陷，请附上命令报告问题；设置 SHEBAO_DEBUG=1 可看到详细信息。\n`,
      `internal error: ${describe(error)}\nThis is a bug in shebao; please report it with the command. Set SHEBAO_DEBUG=1 for details.\n`,
    ),
  );
  if (ctx.env.SHEBAO_DEBUG && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  return ExitCode.usage;
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
