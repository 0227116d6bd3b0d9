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
}

export function registerChecklist(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).checklist.help;
  program
    .command('checklist')
    .summary(help.summary)
    .description(help.description)
    .option('--profile <file>', help.options.profile, defaultProfileFile)
    .addOption(new Option('--format <format>', help.options.format).choices(['human', 'markdown', 'json']).default('human'))
    .option('--json', help.options.json)
    .option('--today <date>', help.options.today)
    .option('--applied <date>', help.options.applied)
    .addHelpText('after', help.after)
    .action(async (options: ChecklistCliOptions, command: Command) => {
      const { lang, color } = outputFor(command, ctx);
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const applied = options.applied === undefined ? undefined : requireIsoDate(options.applied, '--applied');
      const profile = readProfile(path.resolve(ctx.cwd, options.profile));
      const checklist = await checklistFor(profile, ctx, { today, ...(applied ? { applied } : {}) });
      const format = options.json ? 'json' : (options.format ?? 'human');
      if (format === 'json') ctx.stdout.write(renderChecklistJson(checklist, lang));
      else if (format === 'markdown') ctx.stdout.write(renderChecklistMarkdown(checklist, lang));
      else ctx.stdout.write(renderChecklistText(checklist, lang, color));
      ctx.exitCode = ExitCode.ok;
    });
}

/** Build the checklist, checking the profile's photo first (or reusing a check made moments ago). */
export async function checklistFor(profile: Profile, ctx: CliContext, options: { today: IsoDate; applied?: IsoDate; photo?: CheckedPhoto }): Promise<Checklist> {
  const photo = options.photo ?? (profile.photo ? await checkPhotoFile(profile.photo, ctx, options.today) : undefined);
  return buildChecklist(profile, {
    today: options.today,
    ...(options.applied ? { applied: options.applied } : {}),
    ...(photo ? { photo } : {}),
  });
}

/** Run the photo checker (imported lazily: it loads sharp); a file that cannot be checked is reported, not fatal. */
export async function checkPhotoFile(file: string, ctx: CliContext, today: IsoDate): Promise<CheckedPhoto> {
  const shown = displayPath(file, ctx.cwd);
  try {
    const { checkPhoto } = await import('../photo/check-photo.js');
    return { file: shown, report: await checkPhoto(file, { today }) };
  } catch (error) {
    return { file: shown, error };
  }
}

/** Paths under the working folder are shown relative to it, as the person typed them. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
