/** `shebao check-photo`: validate ID photos for people and for CI. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { escapeControls } from '../core/names.js';
import { sortPathsNaturally } from '../core/text.js';
import { sayError, wording } from '../i18n/index.js';
import type { PhotoReport } from '../photo/types.js';
import { outputFor, showProgress, todayOf, type CliContext, type Output } from './context.js';
import { progressBar } from './progress.js';

interface CheckPhotoOptions {
  spec: string;
  region?: string;
  json?: boolean;
  format?: 'human' | 'json' | 'junit' | 'github' | 'csv' | 'tsv';
  quiet?: boolean;
  concurrency?: string;
  shard?: string;
  face: boolean;
  today?: string;
  annotate?: string;
  force?: boolean;
}

export function registerCheckPhoto(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).cli.checkPhoto;
  const p = wording(ctx.lang).cli.placeholders;
  program
    .command('check-photo')
    .alias('check')
    .summary(help.summary)
    .description(help.description)
    .argument(`<${p.photos}...>`, help.arguments?.photos)
    .option(`--spec <${p.spec}>`, help.options.spec, 'shebao-card')
    .option(`--region <${p.region}>`, help.options.region)
    .option('--json', help.options.json)
    .addOption(new Option(`--format <${p.format}>`, help.options.format).choices(['human', 'json', 'junit', 'github', 'csv', 'tsv']))
    .option('-q, --quiet', help.options.quiet)
    .option(`--concurrency <${p.n}>`, help.options.concurrency)
    .option(`--shard <${p.shard}>`, help.options.shard)
    .option('--no-face', help.options.face)
    .option(`--annotate <${p.dir}>`, help.options.annotate)
    .option('--force', help.options.force)
    .option(`--today <${p.date}>`, help.options.today)
    .addHelpText('after', help.after)
    .action(async (photos: string[], options: CheckPhotoOptions, command: Command) => {
      const output = outputFor(command, ctx);
      const { lang, words } = output;
      if (options.json && options.format && options.format !== 'json') {
        throw new ShebaoError('conflicting-options', { first: '--json', second: `--format ${options.format}` });
      }
      const format = options.json ? 'json' : (options.format ?? 'human');
      const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
      if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
        throw new ShebaoError('not-positive-integer', { option: '--concurrency', value: String(options.concurrency) });
      }
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const { collectPhotos, parseShard, takeShard } = await import('../photo/inputs.js');
      const { loadSpec } = await import('../photo/spec.js');
      const { checkPhotos } = await import('../photo/check-photos.js');
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      if (options.region !== undefined && command.getOptionValueSource('spec') !== 'default') {
        throw new ShebaoError('conflicting-options', { first: '--spec', second: '--region' });
      }
      const spec = loadSpec(options.region === undefined ? options.spec : await regionSpecId(options.region), { cwd: ctx.cwd });
      // 第30张 before 第110张: the order a clerk reads a folder in (shards take slices of it).
      const all = sortPathsNaturally(await collectPhotos(photos, ctx.cwd));
      const files = shard ? takeShard(all, shard) : all;
      if (options.annotate !== undefined) {
        // One clear error before the first photo, not one per photo, when the folder cannot be written.
        const { prepareOutputFolder } = await import('../core/files.js');
        prepareOutputFolder(path.resolve(ctx.cwd, options.annotate), options.annotate);
      }
      const progress = progressBar(ctx.stderr, words.cli.checkPhoto.progress, showProgress(ctx) && files.length > 1);
      const render = await import('../photo/render/machine.js');
      const { isRepairable, renderPhotoHuman, renderPhotoQuiet, renderSummaryHuman } = await import('../photo/render/human.js');
      // One document (JSON, JUnit) needs every report; the line formats print each photo as it is
      // done, in input order, and keep none, so memory stays flat however long the folder is.
      const streamed = format !== 'json' && format !== 'junit';
      const separator = format === 'csv' ? ',' : '\t';
      const lineFor = (report: PhotoReport): string => {
        if (format === 'csv' || format === 'tsv') return render.renderTableRow(report, lang, separator);
        if (format === 'github') return render.renderGithubPhoto(report, lang);
        return options.quiet ? renderPhotoQuiet(report, lang, output.color) : renderPhotoHuman(report, { lang, color: output.color, detail: files.length === 1 });
      };
      const unannotated: PhotoReport[] = [];
      let repairable = false;
      if (format === 'csv' || format === 'tsv') ctx.stdout.write(render.renderTableHeader(separator));
      const batch = await checkPhotos(files, {
        spec,
        today,
        face: options.face,
        concurrency,
        cwd: ctx.cwd,
        annotate: options.annotate === undefined ? undefined : { dir: options.annotate, labels: words.photo.annotation, force: options.force ?? false },
        onProgress: (done, total) => progress.update(done, total),
        ...(streamed
          ? {
              keepResults: false,
              onReport: (report: PhotoReport) => {
                if (report.annotationError) unannotated.push(report);
                repairable ||= isRepairable(report);
                const line = lineFor(report);
                if (line === '') return;
                progress.clear();
                ctx.stdout.write(line);
              },
            }
          : {}),
      });
      progress.done();
      warnAboutAnnotations(streamed ? unannotated : batch.results, output, ctx.stderr);
      ctx.exitCode = batch.summary.failed > 0 ? ExitCode.failed : ExitCode.ok;
      if (format === 'json') for (const chunk of render.renderJsonChunks(batch, lang)) ctx.stdout.write(chunk);
      else if (format === 'junit') ctx.stdout.write(render.renderJunit(batch, lang));
      else if (format === 'github') ctx.stderr.write(renderSummaryHuman(batch, spec, lang, output.colorErr, repairable));
      else if (format === 'human' && (!options.quiet || batch.summary.failed > 0)) ctx.stdout.write(renderSummaryHuman(batch, spec, lang, output.color, repairable));
      if (shard && format !== 'json' && format !== 'junit' && format !== 'csv' && format !== 'tsv') {
        ctx.stderr.write(`${words.cli.checkPhoto.shardSummary(shard.index, shard.count, files.length, all.length)}\n`);
      }
    });
}

/** The photo spec a region names (its own or its province's), else the default. */
async function regionSpecId(region: string): Promise<string> {
  const { loadRegion } = await import('../plan/regions.js');
  const { defaultSpecId } = await import('../photo/spec.js');
  return loadRegion(region).photo?.spec ?? defaultSpecId;
}

/** PNGs not written (kept without --force, or a failed write): a line each on stderr, each hint once. */
function warnAboutAnnotations(results: readonly PhotoReport[], { lang, words, colorErr }: Output, stderr: CliContext['stderr']): void {
  const hints = new Set<string>();
  for (const report of results) {
    if (!report.annotationError) continue;
    const said = sayError(report.annotationError, lang);
    stderr.write(`${colorErr.yellow(words.cli.checkPhoto.annotationWarning)}${escapeControls(said.message)}\n`);
    if (said.hint) hints.add(said.hint);
  }
  for (const hint of hints) stderr.write(`  ${colorErr.cyan('→')} ${hint}\n`);
}
