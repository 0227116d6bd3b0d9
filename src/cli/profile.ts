/**
 * `shebao profile`: the interview. Asks what it needs in a terminal (inquirer, imported lazily),
 * takes every answer from a flag or an answers file otherwise, saves the profile owner-only and
 * prints the checklist. Ctrl-C ends it with exit 130 and nothing written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { fixCommandFor, renderChecklistText, type PhotoInput } from '../checklist/index.js';
import { requireIsoDate, type IsoDate } from '../core/dates.js';
import { ExitCode } from '../core/errors.js';
import { tr, type Lang } from '../core/i18n.js';
import { maskIdNumber } from '../id/index.js';
import { listRegions } from '../plan/index.js';
import {
  interview,
  profileExists,
  profileFromAnswers,
  readAnswers,
  writeProfile,
  type Answers,
  type Choice,
  type InterviewEnv,
  type Prompter,
  type RegionOption,
} from '../profile/index.js';
import { checklistFor, checkPhotoFile, defaultProfileFile } from './checklist.js';
import { outputFor, todayOf, type CliContext, type Output } from './context.js';

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
  program
    .command('profile')
    .description('回答几个问题，保存档案并生成办理清单 / answer a few questions, save a profile and get your checklist')
    .option('--out <file>', '档案文件 / the profile file to write', defaultProfileFile)
    .option('--answers <file>', '从 JSON 文件读取答案 / read answers from a JSON file')
    .option('--no-input', '不提问：缺少答案时报错（退出码 2）/ never prompt: fail with exit 2 naming missing answers')
    .option('--force', '覆盖已有的档案文件 / replace an existing profile file')
    .option('--today <date>', '以此日期为今天（YYYY-MM-DD）/ treat this date as today')
    .option('--region <id>', '地区：shanghai、beijing……或 other / region id, or other')
    .option('--birth-date <date>', '孩子的出生日期 / the child\'s birth date (YYYY-MM-DD)')
    .option('--child-id <number>', '孩子的身份证号（出生日期和性别从中读取）/ the child\'s ID number (birth date and sex come from it)')
    .option('--keep-id', '在档案中保存身份证号 / keep the ID number in the profile')
    .option('--no-keep-id', '不保存身份证号（默认）/ do not keep it (default)')
    .option('--hukou <kind>', '户籍 / hukou: local | non-local')
    .option('--residence-permit', '父母一方有本地居住证 / a parent holds a local residence permit')
    .option('--no-residence-permit', '没有居住证 / no residence permit')
    .option('--shanghai-120-points', '上海居住证积分达到 120 分 / the Shanghai permit has 120 points')
    .option('--no-shanghai-120-points', '积分不到 120 分 / fewer than 120 points')
    .option('--stage <stage>', '阶段 / stage: newborn | preschool | kindergarten | school')
    .option('--paid', '今年已参保缴费 / already enrolled and paid this year')
    .option('--no-paid', '还没缴费 / not yet paid')
    .option('--applicant <who>', '谁去办理 / who applies: guardian | agent')
    .option('--special <list>', '特殊情况 / special status: low-income,extreme-poverty,disability | none')
    .option('--photo <file>', '现在检查这张证件照 / check this photo now')
    .option('--no-photo', '跳过照片 / skip the photo')
    .option('--channel <channel>', '渠道 / channel: online | bank')
    .addHelpText(
      'after',
      [
        '',
        '示例 / Examples:',
        '  shebao profile                                  在终端里逐个提问 / asks in the terminal',
        '  shebao profile --answers answers.json --no-input',
        '  shebao profile --no-input --region shanghai --birth-date 2026-09-01 --hukou local \\',
        '      --stage newborn --no-paid --applicant guardian --special none --channel online --no-photo',
        '',
        '答案文件的键 / answers file keys: region, childId, keepId, birthDate, hukou, residencePermit,',
        '  shanghai120Points, stage, paid, applicant, special, photo, channel',
        '档案文件只有本人可读写（0600）；身份证号只在同意时保存，显示时总是打码。',
        'The profile is written owner-only (0600); the ID number is kept only if you agree and always shown masked.',
        '',
        '退出码 / exit codes: 0 已保存 saved · 2 答案缺失或有误、文件已存在 missing/invalid answers, file exists · 130 按了 Ctrl-C cancelled',
      ].join('\n'),
    )
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
  const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
  const file = path.resolve(ctx.cwd, options.out);
  const interactive = options.input && Boolean(ctx.stdin.isTTY) && Boolean(ctx.stdout.isTTY);
  const given: Answers = { ...(options.answers ? readAnswers(path.resolve(ctx.cwd, options.answers), lang) : {}), ...answersFromFlags(options) };
  const env: InterviewEnv = { today, lang, cwd: ctx.cwd, regions: regionOptions(lang) };

  try {
    const prompter = interactive ? await inquirerPrompter(ctx, out) : undefined;
    if (prompter) {
      ctx.stdout.write(
        tr(lang, '回答几个问题，生成孩子的社保卡办理清单。随时按 Ctrl-C 退出，不会保存任何内容。\n', "Answer a few questions to get your child's card checklist. Press Ctrl-C any time to quit; nothing is saved.\n"),
      );
    }
    let overwrite = Boolean(options.force);
    if (existsSync(file) && !overwrite) {
      // Ask before the questions, not after: nobody should answer ten questions to learn the file exists.
      if (!prompter) throw profileExists(file, lang);
      overwrite = await prompter.confirm({ message: tr(lang, `${options.out} 已存在，要覆盖吗？`, `${options.out} exists. Replace it?`), default: false });
      if (!overwrite) throw profileExists(file, lang);
    }
    let photo: PhotoInput | undefined;
    const answers = await interview(given, env, {
      ...(prompter ? { prompter } : {}),
      afterAnswer: async (key, settled) => {
        if (key !== 'photo' || !settled.photo || !prompter) return;
        photo = await checkPhotoFile(settled.photo, ctx, lang, today);
        ctx.stdout.write(photoVerdict(photo, lang));
      },
    });
    const profile = profileFromAnswers(answers, today);
    writeProfile(file, profile, { overwrite, lang });

    const id = typeof answers.childId === 'string' ? maskIdNumber(answers.childId) : undefined;
    const lines = [tr(lang, `已保存档案：${options.out}（仅本人可读写）`, `Saved the profile: ${options.out} (readable by you only)`)];
    if (id) lines.push(profile.child.idNumber ? tr(lang, `身份证号 ${id} 已保存在档案中`, `ID number ${id} is kept in the profile`) : tr(lang, `身份证号 ${id} 未保存`, `ID number ${id} was not kept`));
    const again = options.out === defaultProfileFile ? 'shebao checklist' : `shebao checklist --profile ${options.out}`;
    lines.push(tr(lang, `以后再看清单：${again}（加 --format markdown 可打印）`, `See the checklist again: ${again} (add --format markdown to print it)`));
    ctx.stdout.write(`${lines.join('\n')}\n\n`);
    const checklist = await checklistFor(profile, ctx, { today, lang, ...(photo ? { photo } : {}) });
    ctx.stdout.write(renderChecklistText(checklist, out.color));
    ctx.exitCode = ExitCode.ok;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      ctx.stderr.write(tr(lang, '\n已取消，没有保存任何文件。\n', '\nCancelled; nothing was saved.\n'));
      ctx.exitCode = cancelledExitCode;
      return;
    }
    throw error;
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

function regionOptions(lang: Lang): RegionOption[] {
  return listRegions().map((region) => ({
    id: region.id,
    name: region.name,
    apps: region.apps.filter((app) => app.steps.includes('apply')).map((app) => tr(lang, app.name)),
  }));
}

function photoVerdict(photo: PhotoInput, lang: Lang): string {
  if ('error' in photo) return tr(lang, `  照片无法检查：${photo.error}\n`, `  Could not check the photo: ${photo.error}\n`);
  if (photo.report.ok) return tr(lang, '  照片检查通过 ✓\n', '  The photo passed ✓\n');
  const failed = photo.report.checks.filter((c) => c.status === 'fail').map((c) => `  ✗ ${c.message}`);
  return `${tr(lang, '  照片未通过：', '  The photo failed:')}\n${failed.join('\n')}\n${tr(lang, '  修复：', '  Fix: ')}${fixCommandFor(photo.file)}\n`;
}

/** The terminal side of the interview, on @inquirer/prompts with its key hints in the person's language. */
async function inquirerPrompter(ctx: CliContext, out: Output): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  // The context's streams are the process's own when prompting (interactive implies TTYs).
  const context = { input: ctx.stdin, output: ctx.stdout as unknown as NodeJS.WritableStream };
  const words: Record<string, string> = { navigate: '移动', select: '选择', submit: '确认', space: '空格' };
  const keysHelpTip = (keys: Array<[string, string]>) =>
    keys.map(([key, action]) => `${out.color.bold(localize(key))} ${out.color.dim(localize(action))}`).join(out.color.dim(' • '));
  const localize = (word: string) => (out.lang === 'zh' ? (words[word] ?? word) : word);
  const toChoices = <T extends string>(choices: Choice<T>[]) =>
    choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) }));
  const keywords = out.lang === 'zh' ? { yes: '是', no: '否', error: () => '请输入 y（是）或 n（否）' } : { yes: 'Yes', no: 'No', error: () => 'Please answer y or n' };
  return {
    select: (q) => prompts.select({ message: q.message, choices: toChoices(q.choices), pageSize: q.choices.length, ...(q.default ? { default: q.default } : {}), theme: { style: { keysHelpTip } } }, context),
    checkbox: (q) =>
      prompts.checkbox(
        {
          message: q.message,
          choices: toChoices(q.choices),
          shortcuts: { all: null, invert: null },
          theme: { style: { keysHelpTip, renderSelectedChoices: (selected: ReadonlyArray<{ name: string }>) => (selected.length === 0 ? tr(out.lang, '无', 'none') : selected.map((c) => c.name).join(tr(out.lang, '、', ', '))) } },
        },
        context,
      ),
    input: (q) => {
      const { masked } = q;
      const transformer = masked ? { transformer: (value: string, { isFinal }: { isFinal: boolean }) => (isFinal ? masked(value) : value) } : {};
      return prompts.input({ message: q.message, validate: q.validate, ...(q.default ? { default: q.default } : {}), ...transformer }, context);
    },
    confirm: (q) => prompts.confirm({ message: q.message, default: q.default, theme: { keywords } }, context),
  };
}
