/** `shebao fix-photo`: turn an ordinary portrait (or a folder of them) into photos that pass the spec. */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { tr, type Lang } from '../core/i18n.js';
import { outputFor, showProgress, todayOf, type CliContext } from './context.js';
import { progressBar } from './progress.js';

interface FixPhotoOptions {
  output?: string;
  spec: string;
  force?: boolean;
  json?: boolean;
  today?: string;
}

export function registerFixPhoto(program: Command, ctx: CliContext): void {
  program
    .command('fix-photo')
    .alias('fix')
    .summary('把普通照片修成符合规格的证件照 / turn a portrait into a photo that passes the spec')
    .description(
      '把普通人像照片修成符合规格的证件照：转正、按人脸裁剪缩放、浅色背景变白、存为 350 dpi 基线 JPEG（去掉 GPS 等全部元数据），再检查结果\n' +
        'turn an ordinary portrait into a photo that passes the spec: upright, framed around the face, a light background whitened, a 350 dpi baseline JPEG without GPS or any other metadata; then check it',
    )
    .argument('<input>', '照片文件，或一个文件夹（递归处理其中所有照片）/ a photo, or a folder (every photo in it, recursively)')
    .option('-o, --output <path>', '输出文件（默认 <原名>-fixed.jpg）；输入是文件夹时为输出文件夹（默认 <文件夹>-fixed）/ output file (default <name>-fixed.jpg); for a folder, the output folder (default <folder>-fixed)')
    .option('--spec <name|file>', '规格：shebao-card、ga461 或 JSON 文件 / spec: shebao-card, ga461 or a JSON file', 'shebao-card')
    .option('--force', '覆盖已存在的输出文件（包括输入文件本身）/ overwrite existing output files (even the input itself)')
    .option('--json', '输出一个 JSON 文档 / print one JSON document')
    .option('--today <YYYY-MM-DD>', '“今天”的日期（用于近期照片检查）/ the date the recent-photo check counts from')
    .addHelpText(
      'after',
      [
        '',
        '示例 / Examples:',
        '  shebao fix-photo IMG_0412.jpg                     写出 IMG_0412-fixed.jpg / writes IMG_0412-fixed.jpg',
        '  shebao fix-photo 宝宝.png -o 宝宝-fixed.jpg',
        '  shebao fix-photo 今天的照片/ -o 已修复/             整个文件夹 / a whole folder',
        '  shebao fix-photo photo.jpg --spec ga461 --json --lang en',
        '',
        '不会做的事 / what it does not do: 换衣服、抠图换背景（彩色或杂乱的背景会如实报告）、美颜',
        '  change clothes, cut the person out of a coloured or busy background (reported honestly), retouch',
        '',
        '退出码 / exit codes: 0 修复后符合规格 fixed and passes · 1 修复后仍不符合或无法修复 still fails or cannot be framed · 2 用法、输入文件或规格错误 usage, unreadable input or spec error',
      ].join('\n'),
    )
    .action(async (input: string, options: FixPhotoOptions, command: Command) => {
      const output = outputFor(command, ctx);
      const { lang } = output;
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const { loadSpec } = await import('../photo/spec.js');
      const spec = loadSpec(options.spec, { cwd: ctx.cwd });
      const render = await import('../fix/render.js');
      if (isDirectory(path.resolve(ctx.cwd, input))) {
        const { fixPhotos } = await import('../fix/fix-photos.js');
        const progress = progressBar(ctx.stderr, tr(lang, '修复中', 'fixing'), showProgress(ctx));
        const batch = await fixPhotos(input, {
          spec,
          lang,
          today,
          cwd: ctx.cwd,
          force: options.force,
          outputDir: options.output,
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
        ctx.exitCode = batch.summary.failed > 0 ? ExitCode.failed : ExitCode.ok;
        if (options.json) {
          ctx.stdout.write(`${JSON.stringify(batch, null, 2)}\n`);
          return;
        }
        for (const result of batch.results) ctx.stdout.write(render.renderFixBatchItem(result, output));
        ctx.stdout.write(render.renderFixSummary(batch, spec, output));
        return;
      }
      const { fixPhoto, defaultOutputPath } = await import('../fix/fix-photo.js');
      const target = singleOutput(input, options.output, ctx.cwd, lang) ?? defaultOutputPath(input);
      const result = await fixPhoto(input, { spec, lang, today, cwd: ctx.cwd, force: options.force, output: target });
      ctx.exitCode = result.ok ? ExitCode.ok : ExitCode.failed;
      if (options.json) {
        ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
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

/** The output for one photo: `-o` as given, or `<name>-fixed.jpg` inside `-o` when it is a folder. */
function singleOutput(input: string, output: string | undefined, cwd: string, lang: Lang): string | undefined {
  if (output === undefined) return undefined;
  if (isDirectory(path.resolve(cwd, output))) return path.join(output, `${path.parse(input).name}-fixed.jpg`);
  if (!/\.jpe?g$/i.test(output)) {
    throw new ShebaoError(tr(lang, `输出文件名应以 .jpg 结尾：${output}`, `the output name should end in .jpg: ${output}`), {
      hint: tr(lang, `fix-photo 总是写 JPEG，例如 -o ${path.parse(output).name}.jpg`, `fix-photo always writes JPEG, e.g. -o ${path.parse(output).name}.jpg`),
    });
  }
  return output;
}
