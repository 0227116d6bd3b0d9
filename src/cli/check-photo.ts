/** `shebao check-photo`: validate ID photos for people and for CI. */
import { Option, type Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { tr } from '../core/i18n.js';
import { outputFor, showProgress, todayOf, type CliContext } from './context.js';
import { progressBar } from './progress.js';

interface CheckPhotoOptions {
  spec: string;
  json?: boolean;
  format?: 'human' | 'json' | 'junit' | 'github';
  quiet?: boolean;
  concurrency?: string;
  shard?: string;
  face: boolean;
  today?: string;
  annotate?: string;
}

export function registerCheckPhoto(program: Command, ctx: CliContext): void {
  program
    .command('check-photo')
    .alias('check')
    .summary('检查社保卡电子证件照 / check ID photos against the spec')
    .description('检查社保卡电子证件照是否符合规格（358×441、14–40 KB、白底、深色上衣、头部位置）\ncheck ID photos against the 社保卡 spec (358×441, 14–40 KB, white background, dark clothes, head geometry)')
    .argument('<photos...>', '照片文件、文件夹（递归）或带引号的通配符 / photo files, directories (recursive) or quoted globs')
    .option('--spec <name|file>', '规格：shebao-card、ga461 或 JSON 文件 / spec: shebao-card, ga461 or a JSON file', 'shebao-card')
    .option('--json', '输出一个 JSON 文档 / print one JSON document')
    .addOption(new Option('--format <format>', '输出格式 / output format').choices(['human', 'json', 'junit', 'github']))
    .option('-q, --quiet', '只显示未通过的照片 / only show photos that fail')
    .option('--concurrency <n>', '并行线程数（默认 CPU 核数）/ worker threads (default: number of cores)')
    .option('--shard <i/n>', '只检查排序后的第 i 份（共 n 份）/ check only slice i of n of the sorted input')
    .option('--no-face', '跳过人脸位置检查 / skip the face checks')
    .option('--annotate <dir>', '把标注了规格参考线和测量结果的 PNG 写入此文件夹 / write a PNG per photo with the spec\'s guides and what was measured')
    .option('--today <YYYY-MM-DD>', '“今天”的日期（用于近期照片检查）/ the date the recent-photo check counts from')
    .addHelpText(
      'after',
      [
        '',
        '示例 / Examples:',
        '  shebao check-photo 照片.jpg',
        '  shebao check-photo photos/ --json > report.json',
        '  shebao check-photo "uploads/**/*.jpg" --format junit > junit.xml',
        '  shebao check-photo photos/ --format github --shard 2/4',
        '  shebao check-photo photo.jpg --spec ga461 --lang en',
        '  shebao check-photo photo.jpg --annotate 标注/',
        '',
        '退出码 / exit codes: 0 全部通过 all passed · 1 有照片未通过 a photo failed · 2 用法、输入或规格错误 usage, input or spec error',
      ].join('\n'),
    )
    .action(async (photos: string[], options: CheckPhotoOptions, command: Command) => {
      const output = outputFor(command, ctx);
      const { lang } = output;
      if (options.json && options.format && options.format !== 'json') {
        throw new ShebaoError(tr(lang, `--json 与 --format ${options.format} 不能同时使用`, `--json and --format ${options.format} cannot be used together`), {
          hint: tr(lang, '只保留其中一个', 'keep one of them'),
        });
      }
      const format = options.json ? 'json' : (options.format ?? 'human');
      const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
      if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
        throw new ShebaoError(tr(lang, `--concurrency "${options.concurrency}" 不是正整数`, `--concurrency "${options.concurrency}" is not a positive whole number`), {
          hint: tr(lang, '例如 --concurrency 4', 'e.g. --concurrency 4'),
        });
      }
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const { collectPhotos, parseShard, takeShard } = await import('../photo/inputs.js');
      const { loadSpec } = await import('../photo/spec.js');
      const { checkPhotos } = await import('../photo/check-photos.js');
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      const spec = loadSpec(options.spec, { cwd: ctx.cwd });
      const all = await collectPhotos(photos, ctx.cwd);
      const files = shard ? takeShard(all, shard) : all;
      const progress = progressBar(ctx.stderr, tr(lang, '检查中', 'checking'), showProgress(ctx) && files.length > 1);
      const batch = await checkPhotos(files, {
        spec,
        lang,
        today,
        face: options.face,
        concurrency,
        cwd: ctx.cwd,
        annotate: options.annotate,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.done();
      ctx.exitCode = batch.summary.failed > 0 ? ExitCode.failed : ExitCode.ok;
      const render = await import('../photo/render/machine.js');
      if (format === 'json') for (const chunk of render.renderJsonChunks(batch)) ctx.stdout.write(chunk);
      else if (format === 'junit') ctx.stdout.write(render.renderJunit(batch, lang));
      else if (format === 'github') {
        ctx.stdout.write(render.renderGithub(batch));
        const { renderSummaryHuman } = await import('../photo/render/human.js');
        ctx.stderr.write(renderSummaryHuman(batch, spec, lang, output.colorErr));
      } else {
        const { renderPhotoHuman, renderSummaryHuman } = await import('../photo/render/human.js');
        const detail = batch.results.length === 1;
        for (const report of batch.results) {
          if (options.quiet && report.ok) continue;
          ctx.stdout.write(renderPhotoHuman(report, { lang, color: output.color, quiet: options.quiet, detail }));
        }
        if (!options.quiet || batch.summary.failed > 0) ctx.stdout.write(renderSummaryHuman(batch, spec, lang, output.color));
      }
      if (shard && format !== 'json' && format !== 'junit') {
        ctx.stderr.write(tr(lang, `分片 ${shard.index}/${shard.count}：共 ${all.length} 张中的 ${files.length} 张\n`, `shard ${shard.index}/${shard.count}: ${files.length} of ${all.length} photos\n`));
      }
    });
}
