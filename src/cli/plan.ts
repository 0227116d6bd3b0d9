/**
 * `shebao plan --newborn <date>`: the deadline timeline for a newborn's medical insurance and
 * social security card, as text, JSON or an iCalendar file.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { wording } from '../i18n/index.js';
import {
  calendarMilestones,
  listRegions,
  loadRegion,
  planDeadlines,
  renderIcs,
  renderPlanJson,
  renderPlanText,
  renderRegionList,
  resolveRegionId,
  sayWarning,
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
  holidays?: string[];
}

export function registerPlan(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).plan.help;
  const p = wording(ctx.lang).cli.placeholders;
  program
    .command('plan')
    .summary(help.summary)
    .description(help.description)
    .option(`--newborn <${p.date}>`, help.options.newborn)
    .option(`--region <${p.region}>`, help.options.region, 'national')
    .option(`--today <${p.date}>`, help.options.today)
    .option(`--applied <${p.date}>`, help.options.applied)
    .option('--json', help.options.json)
    .option(`--ics <${p.file}>`, help.options.ics)
    .option('--force', help.options.force)
    .option('--list-regions', help.options['list-regions'])
    .option(`--holidays <${p.file}>`, help.options.holidays, (file: string, files: string[] = []) => [...files, file])
    .addHelpText('after', help.after)
    .action((options: PlanOptions, command: Command) => {
      const { lang, words, color, colorErr } = outputFor(command, ctx);
      if (options.listRegions) {
        const regions = listRegions();
        ctx.stdout.write(options.json ? `${JSON.stringify(regions, null, 2)}\n` : renderRegionList(regions, lang, color));
        return;
      }
      if (options.newborn === undefined) throw new ShebaoError('missing-birth-date', { option: '--newborn' });
      // Checked here with the option names, so the message says which flag to fix.
      const birthDate = requireIsoDate(options.newborn, '--newborn');
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const applied = options.applied === undefined ? undefined : requireIsoDate(options.applied, '--applied');
      const region = resolveRegionId(options.region);
      const holidays = (options.holidays ?? []).map((file) => path.resolve(ctx.cwd, file));
      const plan = planDeadlines({ birthDate, region, today, applied, holidays });

      let wrote: string | undefined;
      if (options.ics !== undefined) {
        // Atomic: a full disk never leaves an old calendar truncated; without --force nothing is replaced.
        writeFileAtomic(path.resolve(ctx.cwd, options.ics), renderIcs(plan, lang), { overwrite: Boolean(options.force), makeFolders: false }, options.ics);
        wrote = `${words.plan.ics.wrote(options.ics, calendarMilestones(plan).length)}\n`;
      }
      if (options.json) {
        ctx.stdout.write(renderPlanJson(plan, lang));
        if (wrote) ctx.stderr.write(wrote);
      } else {
        ctx.stdout.write(renderPlanText(plan, loadRegion(region), lang, color) + (wrote ?? `${words.plan.timeline.icsHint}\n`));
        // The plan's text holds its warnings; repeated on stderr when stdout goes to a file or a pipe, so the person still sees them.
        if (!ctx.stdout.isTTY) for (const warning of plan.warnings) ctx.stderr.write(`${colorErr.yellow(words.plan.warningPrefix)}${sayWarning(warning, lang)}\n`);
      }
      ctx.exitCode = ExitCode.ok;
    });
}
