/** `shebao fix-photo`: turn an ordinary portrait (or a folder of them) into photos that pass the spec. */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { langs, wording } from '../i18n/index.js';
import { outputFor, showProgress, todayOf, type CliContext } from './context.js';
import { progressBar } from './progress.js';

interface FixPhotoOptions {
  output?: string;
  spec: string;
  force?: boolean;
  json?: boolean;
  concurrency?: string;
  today?: string;
  skipExisting?: boolean;
}

export function registerFixPhoto(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).fix.help;
  const p = wording(ctx.lang).cli.placeholders;
  program
    .command('fix-photo')
    .alias('fix')
    .summary(help.summary)
    .description(help.description)
    .argument(`<${p.input}>`, help.arguments?.input)
    .option(`-o, --output <${p.path}>`, help.options.output)
    .option(`--spec <${p.spec}>`, help.options.spec, 'shebao-card')
    .option('--force', help.options.force)
    .option('--json', help.options.json)
    .option(`--concurrency <${p.n}>`, help.options.concurrency)
    .option(`--today <${p.date}>`, help.options.today)
    .option('--skip-existing', help.options['skip-existing'])
    .addHelpText('after', help.after)
    .action(async (input: string, options: FixPhotoOptions, command: Command) => {
      const output = outputFor(command, ctx);
      const { lang, words } = output;
      // An empty path is a mistake (an unset variable in a script), never "the current folder".
      if (input === '') throw new ShebaoError('empty-argument', { argument: `<${wording(ctx.lang).cli.placeholders.input}>` });
      if (options.output === '') throw new ShebaoError('empty-argument', { argument: '--output' });
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const { loadSpec } = await import('../photo/spec.js');
      const spec = loadSpec(options.spec, { cwd: ctx.cwd });
      const render = await import('../fix/render.js');
      const force = options.force ?? false;
      const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
      if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
        throw new ShebaoError('not-positive-integer', { option: '--concurrency', value: String(options.concurrency) });
      }
      if (options.skipExisting && force) throw new ShebaoError('conflicting-options', { first: '--skip-existing', second: '--force' });
      if (isDirectory(path.resolve(ctx.cwd, input))) {
        const { fixPhotos } = await import('../fix/fix-photos.js');
        const progress = progressBar(ctx.stderr, words.fix.progress, showProgress(ctx));
        const batch = await fixPhotos(input, {
          spec,
          today,
          cwd: ctx.cwd,
          force,
          concurrency,
          outputDir: options.output,
          failedDir: words.fix.failedFolder,
          earlierFailedDirs: langs.map((other) => wording(other).fix.failedFolder),
          skipExisting: options.skipExisting ?? false,
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
        ctx.exitCode = batch.summary.failed > 0 ? ExitCode.failed : ExitCode.ok;
        if (options.json) {
          ctx.stdout.write(`${JSON.stringify(render.fixBatchJson(batch, lang), null, 2)}\n`);
          return;
        }
        for (const result of batch.results) ctx.stdout.write(render.renderFixBatchItem(result, output));
        ctx.stdout.write(render.renderFixSummary(batch, spec, output));
        if (batch.results.some((result) => !result.ok && result.output !== null)) ctx.stdout.write(`${words.fix.failedApart(`${batch.failedOutput}${path.sep}`)}\n`);
        if (batch.skipped.length > 0) ctx.stdout.write(`${words.fix.skipped(batch.skipped.length)}\n`);
        return;
      }
      const { fixPhoto, defaultOutputPath } = await import('../fix/fix-photo.js');
      const target = singleOutput(input, options.output, ctx.cwd) ?? defaultOutputPath(input);
      const result = await fixPhoto(input, { spec, today, cwd: ctx.cwd, force, output: target });
      ctx.exitCode = result.ok ? ExitCode.ok : ExitCode.failed;
      if (options.json) {
        ctx.stdout.write(`${JSON.stringify(render.fixResultJson(result, lang), null, 2)}\n`);
        return;
      }
      ctx.stdout.write(render.renderFixHuman(result, spec, output));
    });
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The output for one photo: `-o` as given, or `<name>-fixed.jpg` inside `-o` when it is a folder
 * (or ends in a slash: then it is made). Missing folders on the way are made when writing.
 */
function singleOutput(input: string, output: string | undefined, cwd: string): string | undefined {
  if (output === undefined) return undefined;
  if (/[\\/]$/.test(output) || isDirectory(path.resolve(cwd, output))) return path.join(output, `${path.parse(input).name}-fixed.jpg`);
  if (!/\.jpe?g$/i.test(output)) throw new ShebaoError('output-not-jpeg', { file: output, suggestion: `${path.parse(output).name}.jpg` });
  return output;
}
