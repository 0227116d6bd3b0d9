/**
 * Reading and writing profile and answers files, through the shared JSON reader and atomic writer.
 * A profile holds personal data, so it is created owner-only (0600); an interrupted run leaves no
 * profile behind, and a JSON syntax error never echoes the file (it may hold an ID number).
 */
import path from 'node:path';
import type { z } from 'zod';
import { isShebaoError, ShebaoError } from '../core/errors.js';
import { readJsonFile, writeFileAtomic } from '../core/files.js';
import { schemaProblems, type SchemaProblem } from '../core/rules-loader.js';
import { loadZod } from '../core/schema.js';
import { profileSchema, type Profile } from './profile.js';
import { answerKeys, type AnswerKey, type Answers } from './questions.js';

/** Owner read/write only: the file may hold a child's ID number. */
export const profileFileMode = 0o600;

export function readProfile(file: string): Profile {
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (error) {
    // A missing profile usually means the interview has not run yet, which the hint says.
    if (isShebaoError(error) && error.code === 'file-not-found') throw new ShebaoError('profile-not-found', { file }, { cause: error });
    throw error;
  }
  return validate(data, profileSchema.zod(), (problems) => new ShebaoError('profile-invalid', { file, problems }));
}

/**
 * An answers file: the interview's keys (see questions.ts) with their answers; unknown keys are
 * errors (typos). A profile this tool saved (it has `version`) is read as the answers it holds, so
 * `--answers shebao-profile.json --paid --force` changes one answer of a saved profile.
 */
export function readAnswers(file: string): Answers {
  const data = readJsonFile(file);
  if (data !== null && typeof data === 'object' && 'version' in data) {
    return answersFromProfile(validate(data, profileSchema.zod(), (problems) => new ShebaoError('profile-invalid', { file, problems })));
  }
  const z = loadZod();
  const schema = z
    .object(Object.fromEntries(answerKeys.map((key) => [key, z.unknown().optional()])) as Record<AnswerKey, z.ZodOptional<z.ZodUnknown>>)
    .strict();
  return validate(data, schema, (problems) => new ShebaoError('answers-invalid', { file, problems, known: answerKeys })) as Answers;
}

/** The answers a saved profile holds: what the interview would have to be told to make it again. */
export function answersFromProfile(profile: Profile): Answers {
  return {
    region: profile.region,
    // The ID number only when it was kept; then the birth date comes from it.
    ...(profile.child.idNumber ? { childId: profile.child.idNumber, keepId: true } : { birthDate: profile.child.birthDate }),
    hukou: profile.hukou,
    ...(profile.residencePermit === undefined ? {} : { residencePermit: profile.residencePermit }),
    ...(profile.shanghai120Points === undefined ? {} : { shanghai120Points: profile.shanghai120Points }),
    stage: profile.stage,
    paid: profile.paid,
    applicant: profile.applicant,
    special: [...profile.special],
    photo: profile.photo ?? null,
    channel: profile.channel,
  };
}

/** The schema check of a profile or answers file, reported as an error about that kind of file. */
function validate<T>(data: unknown, schema: z.ZodType<T>, fail: (problems: SchemaProblem[]) => ShebaoError): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw fail(schemaProblems(data, schema));
}

/**
 * Write the profile with mode 0600. Without `overwrite`, an existing file is never replaced, even
 * one that appeared while the interview ran (see writeFileAtomic).
 */
export function writeProfile(file: string, profile: Profile, options: { overwrite: boolean }): void {
  try {
    writeFileAtomic(path.resolve(file), `${JSON.stringify(profile, null, 2)}\n`, { overwrite: options.overwrite, mode: profileFileMode, makeFolders: false }, file);
  } catch (error) {
    if (isShebaoError(error) && error.code === 'output-exists') throw new ShebaoError('profile-exists', { file }, { cause: error });
    throw error;
  }
}
