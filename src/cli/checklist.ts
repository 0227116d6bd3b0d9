/**
 * `shebao checklist`: the personal checklist for a saved profile, as text, Markdown or JSON.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { buildChecklist, renderChecklistMarkdown, renderChecklistText, type Checklist, type PhotoInput } from '../checklist/index.js';
import { requireIsoDate, type IsoDate } from '../core/dates.js';
import { ExitCode } from '../core/errors.js';
import type { Lang } from '../core/i18n.js';
import { readProfile, type Profile } from '../profile/index.js';
import { outputFor, todayOf, type CliContext } from './context.js';

export const defaultProfileFile = 'shebao-profile.json';

interface ChecklistCliOptions {
  profile: string;
  json?: boolean;
  format?: 'human' | 'markdown' | 'json';
  today?: string;
  applied?: string;
}

export function registerChecklist(program: Command, ctx: CliContext): void {
  program
    .command('checklist')
    .description('按档案生成个人办理清单 / your personal checklist from a saved profile')
    .option('--profile <file>', '档案文件（由 shebao profile 生成）/ the profile file (made by shebao profile)', defaultProfileFile)
    .addOption(new Option('--format <format>', '输出格式 / output format').choices(['human', 'markdown', 'json']).default('human'))
    .option('--json', '输出 JSON（同 --format json）/ print JSON (same as --format json)')
    .option('--today <date>', '以此日期为今天（YYYY-MM-DD）/ treat this date as today')
    .option('--applied <date>', '已申领社保卡的日期，用来推算制卡和领卡日期 / the day you applied for the card, for production and collection dates')
    .addHelpText(
      'after',
      [
        '',
        '示例 / Examples:',
        '  shebao checklist                                   读取 ./shebao-profile.json / reads ./shebao-profile.json',
        '  shebao checklist --format markdown > 清单.md        可打印的勾选清单 / a printable checklist with [ ] boxes',
        '  shebao checklist --lang en --applied 2026-11-20   英文，并算出制卡日期 / English, with card dates',
        '',
        '退出码 / exit codes: 0 已生成清单 checklist printed · 2 档案缺失或有误 missing or invalid profile',
      ].join('\n'),
    )
    .action(async (options: ChecklistCliOptions, command: Command) => {
      const out = outputFor(command, ctx);
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const applied = options.applied === undefined ? undefined : requireIsoDate(options.applied, '--applied');
      const profile = readProfile(path.resolve(ctx.cwd, options.profile), out.lang);
      const checklist = await checklistFor(profile, ctx, { today, lang: out.lang, ...(applied ? { applied } : {}) });
      const format = options.json ? 'json' : (options.format ?? 'human');
      if (format === 'json') ctx.stdout.write(`${JSON.stringify(checklist, null, 2)}\n`);
      else if (format === 'markdown') ctx.stdout.write(renderChecklistMarkdown(checklist));
      else ctx.stdout.write(renderChecklistText(checklist, out.color));
      ctx.exitCode = ExitCode.ok;
    });
}

/** Build the checklist, checking the profile's photo first (or reusing a check made moments ago). */
export async function checklistFor(
  profile: Profile,
  ctx: CliContext,
  options: { today: IsoDate; lang: Lang; applied?: IsoDate; photo?: PhotoInput },
): Promise<Checklist> {
  const photo = options.photo ?? (profile.photo ? await checkPhotoFile(profile.photo, ctx, options.lang, options.today) : undefined);
  return buildChecklist(profile, {
    today: options.today,
    lang: options.lang,
    ...(options.applied ? { applied: options.applied } : {}),
    ...(photo ? { photo } : {}),
  });
}

/** Run the photo checker (imported lazily: it loads sharp); a file that cannot be checked is reported, not fatal. */
export async function checkPhotoFile(file: string, ctx: CliContext, lang: Lang, today: IsoDate): Promise<PhotoInput> {
  const shown = displayPath(file, ctx.cwd);
  try {
    const { checkPhoto } = await import('../photo/check-photo.js');
    const report = await checkPhoto(file, { lang, today });
    return { file: shown, report };
  } catch (error) {
    return { file: shown, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Paths under the working folder are shown relative to it, as the person typed them. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
