/**
 * `shebao plan --newborn <date>`: the deadline timeline for a newborn's medical insurance and
 * social security card, as text, JSON or an iCalendar file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { tr, type Lang } from '../core/i18n.js';
import {
  calendarMilestones,
  listRegions,
  loadRegion,
  planDeadlines,
  renderIcs,
  renderPlanText,
  renderRegionList,
  requireDate,
  resolveRegionId,
} from '../plan/index.js';
import { outputFor, todayOf, type CliContext } from './context.js';

interface PlanOptions {
  newborn?: string;
  region: string;
  today?: string;
  applied?: string;
  json?: boolean;
  ics?: string;
  force?: boolean;
  listRegions?: boolean;
}

export function registerPlan(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description('按法律和官方放假安排计算新生儿参保、缴费、社保卡的期限 / deadlines for a newborn\'s insurance and card')
    .option('--newborn <date>', '出生日期或预产期（YYYY-MM-DD）/ birth or due date')
    .option('--region <id>', '地区规则（见 --list-regions）/ region rules (see --list-regions)', 'national')
    .option('--today <date>', '以此日期为今天（YYYY-MM-DD），便于复现 / treat this date as today')
    .option('--applied <date>', '社保卡申领日期，用于估算制卡时间 / the day you applied for the card')
    .option('--json', '输出 JSON / print JSON')
    .option('--ics <file>', '写出日历文件（含提醒）/ write an iCalendar file with reminders')
    .option('--force', '允许覆盖已存在的 --ics 文件 / overwrite an existing --ics file')
    .option('--list-regions', '列出可用地区 / list the regions')
    .addHelpText(
      'after',
      [
        '',
        '示例 / Examples:',
        '  shebao plan --newborn 2024-05-01                    全国规则的时间表 / timeline under national rules',
        '  shebao plan --newborn 2024-05-01 --region shanghai  上海规则 / Shanghai rules',
        '  shebao plan --newborn 2027-03-01                    按预产期提前规划 / plan ahead from a due date',
        '  shebao plan --newborn 2024-05-01 --applied 2024-06-03   加上制卡时间 / add card production dates',
        '  shebao plan --newborn 2024-05-01 --ics 期限.ics     导入手机日历 / import into a phone calendar',
        '  shebao plan --list-regions',
        '',
        '退出码 / exit codes: 0 已生成（逾期也是 0）plan printed, even with overdue items · 2 用法错误 usage error',
      ].join('\n'),
    )
    .action((options: PlanOptions, command: Command) => {
      const { lang, color, colorErr } = outputFor(command, ctx);
      if (options.listRegions) {
        const regions = listRegions();
        ctx.stdout.write(options.json ? `${JSON.stringify(regions, null, 2)}\n` : renderRegionList(regions, lang, color));
        return;
      }
      if (options.newborn === undefined) {
        throw new ShebaoError(tr(lang, '缺少 --newborn <出生日期>', 'missing --newborn <birth date>'), {
          hint: tr(lang, '例如：shebao plan --newborn 2024-05-01（还没出生可以填预产期）', 'e.g. shebao plan --newborn 2024-05-01 (a due date works too)'),
        });
      }
      // Checked here with the option names, so the message says which flag to fix.
      const birthDate = requireDate(options.newborn, '--newborn', lang);
      const today = options.today === undefined ? todayOf(ctx) : requireDate(options.today, '--today', lang);
      const applied = options.applied === undefined ? undefined : requireDate(options.applied, '--applied', lang);
      const region = resolveRegionId(options.region, lang);
      const plan = planDeadlines({ birthDate, region, today, applied, lang });

      let wrote: string | undefined;
      if (options.ics !== undefined) {
        const file = path.resolve(ctx.cwd, options.ics);
        writeCalendar(file, renderIcs(plan, lang), Boolean(options.force), lang);
        const count = calendarMilestones(plan).length;
        wrote = tr(lang, `已写入日历文件 ${options.ics}（${count} 个日程）。\n`, `Wrote ${options.ics} (${count} events).\n`);
      }
      if (options.json) {
        ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        if (wrote) ctx.stderr.write(wrote);
      } else {
        const icsHint = tr(lang, '加 --ics 期限.ics 可把提醒导入手机日历。\n', 'Add --ics deadlines.ics to put reminders in your phone calendar.\n');
        ctx.stdout.write(renderPlanText(plan, loadRegion(region), lang, color) + (wrote ?? icsHint));
        for (const warning of plan.warnings) ctx.stderr.write(`${colorErr.yellow(tr(lang, '注意：', 'warning: '))}${warning.message}\n`);
      }
      ctx.exitCode = ExitCode.ok;
    });
}

/**
 * Never replace a file the person already has unless they said --force: 'wx' fails if the file
 * exists, atomically, so there is no window between a check and the write.
 */
function writeCalendar(file: string, text: string, force: boolean, lang: Lang): void {
  try {
    writeFileSync(file, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new ShebaoError(tr(lang, `文件已存在：${file}，没有覆盖`, `${file} already exists; not overwritten`), {
        hint: tr(lang, '换一个文件名，或加 --force 覆盖它。', 'Choose another name, or add --force to replace it.'),
      });
    }
    throw new ShebaoError(tr(lang, `无法写入日历文件 ${file}（${code ?? String(error)}）`, `cannot write the calendar file ${file} (${code ?? String(error)})`), {
      hint: tr(lang, '请检查文件夹是否存在、是否有写权限。', 'Check that the folder exists and that you may write to it.'),
    });
  }
}
