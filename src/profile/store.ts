/**
 * Reading and writing profile and answers files. A profile holds personal data, so it is created
 * owner-only (0600) under a temporary name in the same folder and then moved into place: nobody
 * ever sees a half-written file, and an interrupted run leaves no profile behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { tr, type Lang, type Text } from '../core/i18n.js';
import { profileSchema, type Profile } from './profile.js';
import { answerKeys, type AnswerKey, type Answers } from './questions.js';

/** Owner read/write only: the file may hold a child's ID number. */
export const profileFileMode = 0o600;

export function readProfile(file: string, lang: Lang): Profile {
  const data = readJson(file, lang, {
    missing: tr(lang, '先运行 shebao profile 回答几个问题，或用 --profile 指定档案文件', 'run shebao profile first to answer a few questions, or name the file with --profile'),
  });
  return validate(data, profileSchema, file, lang, { zh: '档案文件有误', en: 'invalid profile file' }, tr(lang, '请修正这些字段，或重新运行 shebao profile', 'fix these fields, or run shebao profile again'));
}

/** An answers file: the interview's keys (see questions.ts) with their answers; unknown keys are errors (typos). */
export function readAnswers(file: string, lang: Lang): Answers {
  const data = readJson(file, lang, { missing: tr(lang, '请检查路径', 'check the path') });
  const schema = z
    .object(Object.fromEntries(answerKeys.map((key) => [key, z.unknown().optional()])) as Record<AnswerKey, z.ZodOptional<z.ZodUnknown>>)
    .strict();
  return validate(data, schema, file, lang, { zh: '答案文件有误', en: 'invalid answers file' }, tr(lang, `可用的键：${answerKeys.join(', ')}`, `known keys: ${answerKeys.join(', ')}`)) as Answers;
}

function validate<T>(data: unknown, schema: z.ZodType<T>, file: string, lang: Lang, what: Text, hint: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ShebaoError(`${tr(lang, what)} ${file}:\n${problems.join('\n')}`, { hint });
}

function readJson(file: string, lang: Lang, hints: { missing: string }): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ShebaoError(tr(lang, `找不到文件 ${file}`, `no such file: ${file}`), { hint: hints.missing });
    throw new ShebaoError(tr(lang, `无法读取 ${file}（${code ?? String(error)}）`, `cannot read ${file} (${code ?? String(error)})`));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ShebaoError(tr(lang, `${file} 不是有效的 JSON：${(error as Error).message}`, `${file} is not valid JSON: ${(error as Error).message}`));
  }
}

/**
 * Write the profile with mode 0600. Without `overwrite`, an existing file is never replaced, even
 * one that appeared while the interview ran (the final step is a hard link, which fails if the
 * name exists, rather than a rename, which would replace it).
 */
export function writeProfile(file: string, profile: Profile, options: { overwrite: boolean; lang: Lang }): void {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', profileFileMode);
  } catch (error) {
    throw new ShebaoError(tr(options.lang, `无法在 ${path.dirname(target)} 中写入档案（${(error as NodeJS.ErrnoException).code ?? String(error)}）`, `cannot write the profile in ${path.dirname(target)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`), {
      hint: tr(options.lang, '用 --out 指定一个可写的位置', 'choose a writable place with --out'),
    });
  }
  try {
    writeSync(fd, `${JSON.stringify(profile, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (options.overwrite) {
      renameSync(temp, target);
    } else {
      linkSync(temp, target);
      unlinkSync(temp);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links: check, then rename.
    if (!options.overwrite && code !== 'EEXIST' && !existsSync(target)) {
      renameSync(temp, target);
      return;
    }
    if (existsSync(temp)) unlinkSync(temp);
    if (code === 'EEXIST' || (!options.overwrite && existsSync(target))) throw profileExists(target, options.lang);
    throw new ShebaoError(tr(options.lang, `无法保存档案 ${target}（${code ?? String(error)}）`, `cannot save the profile ${target} (${code ?? String(error)})`));
  }
}

export function profileExists(file: string, lang: Lang): ShebaoError {
  return new ShebaoError(tr(lang, `档案文件已存在：${file}`, `the profile file already exists: ${file}`), {
    exitCode: ExitCode.usage,
    hint: tr(lang, '加 --force 覆盖，或用 --out 另存一个文件', 'add --force to replace it, or choose another file with --out'),
  });
}
