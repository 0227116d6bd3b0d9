/**
 * `shebao profile`: the interview. Asks what it needs in a terminal (see interview.ts), takes
 * every answer from a flag or an answers file otherwise, saves the profile owner-only and prints
 * the checklist. Ctrl-C ends it with exit 130 and nothing written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describeProblem, fixCommandFor, renderChecklistText, type CheckedPhoto } from '../checklist/index.js';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { wording, type Lang } from '../i18n/index.js';
import { maskIdNumber } from '../id/index.js';
import { sayCheck } from '../photo/render/say.js';
import { listRegions } from '../plan/index.js';
import { answersFromProfile, interview, profileFromAnswers, readAnswers, readProfile, writeProfile, type Answers, type InterviewEnv, type Profile, type RegionOption } from '../profile/index.js';
import { checklistFor, checkPhotoFile, defaultProfileFile } from './checklist.js';
import { outputFor, todayOf, type CliContext, type Output } from './context.js';
import { askWith, inquirerPrompter } from './interview.js';

/** 128 + SIGINT, what shells report for Ctrl-C, so scripts can tell "cancelled" from "wrong usage" (2). */
export const cancelledExitCode = 130;

interface ProfileOptions {
  out: string;
  answers?: string;
  input: boolean;
  force?: boolean;
  today?: string;
  region?: string;
  birthDate?: string;
  childId?: string;
  keepId?: boolean;
  hukou?: string;
  residencePermit?: boolean;
  shanghai120Points?: boolean;
  stage?: string;
  paid?: boolean;
  applicant?: string;
  special?: string;
  photo?: string | false;
  channel?: string;
}

export function registerProfile(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).profile.help;
  const p = wording(ctx.lang).cli.placeholders;
  program
    .command('profile')
    .summary(help.summary)
    .description(help.description)
    .option(`--out <${p.file}>`, help.options.out, defaultProfileFile)
    .option(`--answers <${p.file}>`, help.options.answers)
    .option('--no-input', help.options['no-input'])
    .option('--force', help.options.force)
    .option(`--today <${p.date}>`, help.options.today)
    .option(`--region <${p.region}>`, help.options.region)
    .option(`--birth-date <${p.date}>`, help.options['birth-date'])
    .option(`--child-id <${p['child-id']}>`, help.options['child-id'])
    .option('--keep-id', help.options['keep-id'])
    .option('--no-keep-id', help.options['no-keep-id'])
    .option(`--hukou <${p.hukou}>`, help.options.hukou)
    .option('--residence-permit', help.options['residence-permit'])
    .option('--no-residence-permit', help.options['no-residence-permit'])
    .option('--shanghai-120-points', help.options['shanghai-120-points'])
    .option('--no-shanghai-120-points', help.options['no-shanghai-120-points'])
    .option(`--stage <${p.stage}>`, help.options.stage)
    .option('--paid', help.options.paid)
    .option('--no-paid', help.options['no-paid'])
    .option(`--applicant <${p.applicant}>`, help.options.applicant)
    .option(`--special <${p.special}>`, help.options.special)
    .option(`--photo <${p.file}>`, help.options.photo)
    .option('--no-photo', help.options['no-photo'])
    .option(`--channel <${p.channel}>`, help.options.channel)
    .addHelpText('after', help.after)
    .action(async (options: ProfileOptions, command: Command) => {
      await runProfile(ctx, options, outputFor(command, ctx));
    });
}

/** `shebao` with no arguments in a terminal: the interview with every default. */
export async function startInterview(program: Command, ctx: CliContext): Promise<void> {
  await runProfile(ctx, { out: defaultProfileFile, input: true }, outputFor(program, ctx));
}

async function runProfile(ctx: CliContext, options: ProfileOptions, out: Output): Promise<void> {
  const { lang } = out;
  const words = out.words.profile;
  const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
  const file = path.resolve(ctx.cwd, options.out);
  const interactive = options.input && Boolean(ctx.stdin.isTTY) && Boolean(ctx.stdout.isTTY);
  const given: Answers = { ...(options.answers ? readAnswers(path.resolve(ctx.cwd, options.answers)) : {}), ...answersFromFlags(options) };
  const home = ctx.env.HOME ?? ctx.env.USERPROFILE;
  const env: InterviewEnv = { today, cwd: ctx.cwd, ...(home ? { home } : {}), regions: regionOptions() };

  try {
    const prompter = interactive ? (ctx.prompter ?? (await inquirerPrompter(ctx, out))) : undefined;
    if (prompter) ctx.stdout.write(`${words.intro}\n`);
    let overwrite = Boolean(options.force);
    let previous: Answers = {};
    if (existsSync(file) && !overwrite) {
      // Ask before the questions, not after: nobody should answer ten questions to learn the file exists.
      if (!prompter) throw new ShebaoError('profile-exists', { file });
      const saved = savedProfile(file);
      if (saved) {
        const choice = await prompter.select({
          message: words.resume.message(options.out),
          choices: (['checklist', 'update', 'restart'] as const).map((value) => ({ value, name: words.resume[value] })),
          default: 'checklist',
        });
        if (choice === 'checklist') {
          ctx.stdout.write(renderChecklistText(await checklistFor(saved, ctx, { today }), lang, out.color));
          ctx.exitCode = ExitCode.ok;
          return;
        }
        // The birth date stands in for the ID number, which is never offered back (a default is printed).
        if (choice === 'update') previous = { ...answersFromProfile(saved), birthDate: saved.child.birthDate };
        overwrite = true;
      } else {
        overwrite = await prompter.confirm({ message: words.replace(options.out), default: false });
        if (!overwrite) throw new ShebaoError('profile-exists', { file });
      }
    }
    let photo: CheckedPhoto | undefined;
    const answers = await interview(given, env, {
      ...(prompter ? { ask: askWith(prompter, lang, previous) } : {}),
      afterAnswer: async (key, settled) => {
        if (key !== 'photo' || !settled.photo || !prompter) return;
        photo = await checkPhotoFile(settled.photo, ctx, today, settled.region);
        ctx.stdout.write(photoVerdict(photo, lang));
      },
    });
    const profile = profileFromAnswers(answers, today);
    writeProfile(file, profile, { overwrite });

    const id = typeof answers.childId === 'string' ? maskIdNumber(answers.childId) : undefined;
    const lines = [words.saved(options.out)];
    if (id) lines.push(profile.child.idNumber ? words.idKept(id) : words.idNotKept(id));
    lines.push(words.again(options.out === defaultProfileFile ? 'shebao checklist' : `shebao checklist --profile ${options.out}`));
    ctx.stdout.write(`${lines.join('\n')}\n\n`);
    const checklist = await checklistFor(profile, ctx, { today, ...(photo ? { photo } : {}) });
    ctx.stdout.write(renderChecklistText(checklist, lang, out.color));
    ctx.exitCode = ExitCode.ok;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      ctx.stderr.write(`\n${words.cancelled}\n`);
      ctx.exitCode = cancelledExitCode;
      return;
    }
    throw error;
  }
}

/** The saved profile, or undefined when it cannot be read as one (then replacing it is asked instead). */
function savedProfile(file: string): Profile | undefined {
  try {
    return readProfile(file);
  } catch {
    return undefined;
  }
}

function answersFromFlags(options: ProfileOptions): Answers {
  const flags: Record<string, unknown> = {
    region: options.region,
    birthDate: options.birthDate,
    childId: options.childId,
    keepId: options.keepId,
    hukou: options.hukou,
    residencePermit: options.residencePermit,
    shanghai120Points: options.shanghai120Points,
    stage: options.stage,
    paid: options.paid,
    applicant: options.applicant,
    special: options.special,
    photo: options.photo === false ? null : options.photo,
    channel: options.channel,
  };
  // Only what was given: a flag left out must not hide the answers file's value.
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)) as Answers;
}

function regionOptions(): RegionOption[] {
  return listRegions().map((region) => ({
    id: region.id,
    name: region.name,
    apps: region.apps.filter((app) => app.steps.includes('apply')).map((app) => app.name),
  }));
}

/** The photo's verdict right after the photo question, before the remaining questions. */
function photoVerdict(photo: CheckedPhoto, lang: Lang): string {
  const words = wording(lang).profile;
  if ('error' in photo) return `  ${words.photoUnreadable(describeProblem(photo.error, lang))}\n`;
  if (photo.report.ok) return `  ${words.photoPassed}\n`;
  const failed = photo.report.checks.filter((c) => c.status === 'fail').map((c) => `  ✗ ${sayCheck(c, wording(lang).photo, { suggestFix: false }).message}`);
  return `  ${words.photoFailed}\n${failed.join('\n')}\n  ${words.photoFix}${fixCommandFor(photo.file)}\n`;
}
