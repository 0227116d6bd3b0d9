/**
 * `shebao checklist`: the personal checklist for a saved profile, as text, Markdown or JSON.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { buildChecklist, renderChecklistJson, renderChecklistMarkdown, renderChecklistText, type CheckedPhoto, type Checklist } from '../checklist/index.js';
import { requireIsoDate, type IsoDate } from '../core/dates.js';
import { ExitCode } from '../core/errors.js';
import { wording } from '../i18n/index.js';
import { readProfile, type Profile } from '../profile/index.js';
import { outputFor, todayOf, type CliContext } from './context.js';

export const defaultProfileFile = 'shebao-profile.json';

interface ChecklistCliOptions {
  profile: string;
  json?: boolean;
  format?: 'human' | 'markdown' | 'json';
  today?: string;
  applied?: string;
  photo?: string;
  holidays?: string[];
}

export function registerChecklist(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).checklist.help;
  const p = wording(ctx.lang).cli.placeholders;
  program
    .command('checklist')
    .summary(help.summary)
    .description(help.description)
    .option(`--profile <${p.file}>`, help.options.profile, defaultProfileFile)
    .addOption(new Option(`--format <${p.format}>`, help.options.format).choices(['human', 'markdown', 'json']).default('human'))
    .option('--json', help.options.json)
    .option(`--today <${p.date}>`, help.options.today)
    .option(`--applied <${p.date}>`, help.options.applied)
    .option(`--photo <${p.file}>`, help.options.photo)
    .option(`--holidays <${p.file}>`, help.options.holidays, (file: string, files: string[] = []) => [...files, file])
    .addHelpText('after', help.after)
    .action(async (options: ChecklistCliOptions, command: Command) => {
      const { lang, color } = outputFor(command, ctx);
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const applied = options.applied === undefined ? undefined : requireIsoDate(options.applied, '--applied');
      const saved = readProfile(path.resolve(ctx.cwd, options.profile));
      // A photo named here (the one fix-photo just wrote) is checked instead of the profile's.
      const profile = options.photo === undefined ? saved : { ...saved, photo: path.resolve(ctx.cwd, options.photo) };
      const holidays = (options.holidays ?? []).map((file) => path.resolve(ctx.cwd, file));
      const checklist = await checklistFor(profile, ctx, { today, holidays, ...(applied ? { applied } : {}) });
      const format = options.json ? 'json' : (options.format ?? 'human');
      if (format === 'json') ctx.stdout.write(renderChecklistJson(checklist, lang));
      else if (format === 'markdown') ctx.stdout.write(renderChecklistMarkdown(checklist, lang));
      else ctx.stdout.write(renderChecklistText(checklist, lang, color));
      ctx.exitCode = ExitCode.ok;
    });
}

/** Build the checklist, checking the profile's photo first (or reusing a check made moments ago). */
export async function checklistFor(profile: Profile, ctx: CliContext, options: { today: IsoDate; applied?: IsoDate; photo?: CheckedPhoto; holidays?: readonly string[] }): Promise<Checklist> {
  const photo = options.photo ?? (profile.photo ? await checkPhotoFile(profile.photo, ctx, options.today, profile.region) : undefined);
  return buildChecklist(profile, {
    today: options.today,
    ...(options.applied ? { applied: options.applied } : {}),
    ...(photo ? { photo } : {}),
    ...(options.holidays ? { holidays: options.holidays } : {}),
  });
}

/** Run the photo checker (imported lazily: it loads sharp); a file that cannot be checked is reported, not fatal. */
export async function checkPhotoFile(file: string, ctx: CliContext, today: IsoDate, region?: string): Promise<CheckedPhoto> {
  const shown = displayPath(file, ctx.cwd);
  try {
    const { checkPhoto } = await import('../photo/check-photo.js');
    // The region's photo spec (rules/regions photo.spec, e.g. Shenzhen's 9–20 KB), else the default.
    const spec = region === undefined ? undefined : (await import('../plan/regions.js')).loadRegion(region).photo?.spec;
    return { file: shown, report: await checkPhoto(file, { today, ...(spec ? { spec } : {}) }) };
  } catch (error) {
    return { file: shown, error };
  }
}

/** Paths under the working folder are shown relative to it, as the person typed them. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
