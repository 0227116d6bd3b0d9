/**
 * The interview as data: each question has an answers-file key, a flag, how it is asked (a choice,
 * yes or no, several choices, typed text), the condition under which it is asked, and a parser
 * that validates a given answer (from a flag, the answers file or the keyboard) and says why it is
 * wrong with a reason code. One driver runs them in order; whoever asks is passed in, so scripts
 * and tests answer everything without a terminal, and the words live with the asker (src/cli).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDateInput, type IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import type { Text } from '../core/text.js';
import { maskIdNumber, maskIdProblem, parseIdNumber, type IdProblem } from '../id/index.js';
import {
  ageInYears,
  applicants,
  channels,
  hukouKinds,
  likelyStage,
  specialStatuses,
  stages,
  type SpecialStatus,
  type Stage,
} from './profile.js';

/** Every answer the interview can take, by answers-file key. */
export interface Answers {
  region?: string;
  /** The child's ID number, normalized; null when the parent has none or prefers not to give it. */
  childId?: string | null;
  keepId?: boolean;
  birthDate?: IsoDate;
  hukou?: (typeof hukouKinds)[number];
  residencePermit?: boolean;
  shanghai120Points?: boolean;
  stage?: Stage;
  paid?: boolean;
  applicant?: (typeof applicants)[number];
  special?: SpecialStatus[];
  /** Absolute path of the photo; null when skipped. */
  photo?: string | null;
  channel?: (typeof channels)[number];
}
export type AnswerKey = keyof Answers;
/** The answers after the interview: everything a profile needs is there. */
export type SettledAnswers = Answers & Required<Pick<Answers, 'region' | 'birthDate' | 'hukou' | 'stage' | 'paid' | 'applicant' | 'special' | 'channel'>>;
export const answerKeys: readonly AnswerKey[] = [
  'region', 'childId', 'keepId', 'birthDate', 'hukou', 'residencePermit', 'shanghai120Points',
  'stage', 'paid', 'applicant', 'special', 'photo', 'channel',
];

/** A region the family can choose; `national` stands for "other" (national rules). */
export interface RegionOption {
  id: string;
  name: Text;
  /** Apps that take applications online in this region. */
  apps: Text[];
}

export interface InterviewEnv {
  today: IsoDate;
  /** Relative photo paths resolve against this folder. */
  cwd: string;
  /** The home folder, for a photo path typed as `~/宝宝.jpg`; without it `~` is an ordinary name. */
  home?: string;
  regions: RegionOption[];
}

/** Why a given answer is not accepted, with what a renderer needs to say so. */
export type AnswerProblem =
  | { reason: 'not-one-of'; allowed: readonly string[]; found: unknown }
  | { reason: 'not-yes-no'; found: unknown }
  | { reason: 'not-a-date'; found: unknown }
  | { reason: 'born-after-today'; birthDate: IsoDate; today: IsoDate }
  /** Children's insurance is for under-18s: `age` is the age this birth date gives today. */
  | { reason: 'too-old'; birthDate: IsoDate; age: number }
  | { reason: 'id-not-text' }
  /** The ID number's own problems (never the number itself, nor its check characters). */
  | { reason: 'id-invalid'; problems: IdProblem[] }
  | { reason: 'id-too-old'; birthDate: IsoDate; age: number }
  | { reason: 'unknown-region'; found: unknown; known: string[] }
  /** Stage newborn for a child of 1 year or more. */
  | { reason: 'not-newborn' }
  | { reason: 'not-a-list' }
  | { reason: 'unknown-special'; unknown: string[]; known: readonly string[] }
  | { reason: 'photo-not-text' }
  /** `file` is the path as typed. */
  | { reason: 'no-such-file'; file: string }
  | { reason: 'not-a-file'; file: string }
  /** The birth date given disagrees with the one in the ID number, `fromId`. */
  | { reason: 'birth-date-mismatch'; fromId: IsoDate };
export type AnswerReason = AnswerProblem['reason'];
export type AnswerProblemOf<R extends AnswerReason> = Extract<AnswerProblem, { reason: R }>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: AnswerProblem };

/** choice: one of `options`; yes-no: a boolean; choices: any number of `options`; text: typed, checked by `parse`. */
export type QuestionKind = 'choice' | 'yes-no' | 'choices' | 'text';

export interface Question<K extends AnswerKey> {
  key: K;
  /** The command-line flag that answers it. */
  flag: string;
  kind: QuestionKind;
  /** The values offered, for choice and choices, given the answers so far. */
  options?: (answers: Answers, env: InterviewEnv) => readonly string[];
  /** The answer offered as the default. */
  suggest?: (answers: Answers, env: InterviewEnv) => Answers[K] | undefined;
  /** Asked only when this holds for the answers so far (and those given up front). */
  when?: (answers: Answers, env: InterviewEnv, given: Answers) => boolean;
  /** The answer follows from earlier ones (the birth date from the ID number); a given answer must agree. */
  derive?: (answers: Answers) => NonNullable<Answers[K]> | undefined;
  /** Used when nobody answers (--no-input); without it the answer is required. */
  fallback?: Answers[K];
  parse: (raw: unknown, answers: Answers, env: InterviewEnv) => Parsed<Exclude<Answers[K], undefined>>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Enough of a wrong answer to recognise it. */
const maxFoundLength = 40;

/**
 * A wrong answer as an error may quote it: a short string or a number as given, an object or a
 * list as its bare shape (`{}`, `[]`), never what it holds; a long string cut, and an ID number
 * (in the wrong key, perhaps as a JSON number) masked. Errors end up in CI logs.
 */
function foundShown(raw: unknown): unknown {
  if (Array.isArray(raw)) return [];
  if (raw !== null && typeof raw === 'object') return {};
  if (typeof raw === 'number' && Math.abs(raw) >= 1e14) return maskIdNumber(String(raw));
  if (typeof raw !== 'string') return raw;
  return raw.length > maxFoundLength ? `${[...raw].slice(0, maxFoundLength).join('')}…` : raw;
}
const fail = (problem: AnswerProblem): Parsed<never> => ({ ok: false, problem });

/** Accept a value from a fixed set. */
function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: unknown): Parsed<T> =>
    typeof raw === 'string' && (allowed as readonly string[]).includes(raw) ? ok(raw as T) : fail({ reason: 'not-one-of', allowed, found: foundShown(raw) });
}

function yesNo(raw: unknown): Parsed<boolean> {
  return typeof raw === 'boolean' ? ok(raw) : fail({ reason: 'not-yes-no', found: foundShown(raw) });
}

/** Children's resident medical insurance is for under-18s (students enrol through their school). */
const maxChildAge = 18;

function checkChildBirthDate(birthDate: IsoDate, env: InterviewEnv): Parsed<IsoDate> {
  if (birthDate > env.today) return fail({ reason: 'born-after-today', birthDate, today: env.today });
  const age = ageInYears(birthDate, env.today);
  return age >= maxChildAge ? fail({ reason: 'too-old', birthDate, age }) : ok(birthDate);
}

/** Dates as people type them (2024-5-1, 2024/05/01, 2024年5月1日): the parser every option uses too. */
function parseBirthDate(raw: unknown, env: InterviewEnv): Parsed<IsoDate> {
  const date = typeof raw === 'string' ? parseDateInput(raw) : undefined;
  return date === undefined ? fail({ reason: 'not-a-date', found: foundShown(raw) }) : checkChildBirthDate(date, env);
}

function parseChildId(raw: unknown, env: InterviewEnv): Parsed<string | null> {
  if (raw === null || raw === '') return ok(null);
  if (typeof raw !== 'string') return fail({ reason: 'id-not-text' });
  if (raw.trim() === '') return ok(null);
  const info = parseIdNumber(raw, { today: env.today });
  if (!info.valid || info.number === undefined || info.birthDate === undefined) return fail({ reason: 'id-invalid', problems: info.problems.map(maskIdProblem) });
  // A valid number is never born after today (parseIdNumber checks), so only the upper age bound is left.
  const age = ageInYears(info.birthDate, env.today);
  return age >= maxChildAge ? fail({ reason: 'id-too-old', birthDate: info.birthDate, age }) : ok(info.number);
}

/** A list from the answers file, or "a,b" / "a b" / "a，b" from a flag; `none` means an empty list. */
function parseSpecial(raw: unknown): Parsed<SpecialStatus[]> {
  const list = typeof raw === 'string' ? raw.split(/[,，\s]+/).filter(Boolean) : raw;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) return fail({ reason: 'not-a-list' });
  const items = (list as string[]).filter((item) => item !== 'none');
  const unknown = items.filter((item) => !(specialStatuses as readonly string[]).includes(item));
  if (unknown.length > 0) return fail({ reason: 'unknown-special', unknown, known: specialStatuses });
  return ok([...new Set(items)] as SpecialStatus[]);
}

/** A photo path as typed or dropped into a terminal (which may quote it); empty skips the photo. */
function parsePhoto(raw: unknown, env: InterviewEnv): Parsed<string | null> {
  if (raw === null || raw === false || raw === '') return ok(null);
  if (typeof raw !== 'string') return fail({ reason: 'photo-not-text' });
  const typed = raw.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (typed === '') return ok(null);
  const file = typedPathCandidates(typed, env.home)
    .map((candidate) => path.resolve(env.cwd, candidate))
    .find((candidate) => existsSync(candidate));
  if (file === undefined) return fail({ reason: 'no-such-file', file: typed });
  if (!statSync(file).isFile()) return fail({ reason: 'not-a-file', file: typed });
  return ok(file);
}

/**
 * What a typed path may mean, most literal first: as typed; with a shell's backslash escapes
 * undone (a file dragged into a terminal arrives as `宝宝\ 证件照.jpg`); and either with a leading
 * `~` as the home folder, which only a shell would have expanded.
 */
export function typedPathCandidates(typed: string, home: string | undefined): string[] {
  const unescaped = typed.replace(/\\(.)/g, '$1');
  const forms = unescaped === typed ? [typed] : [typed, unescaped];
  const withHome = home === undefined ? [] : forms.filter((form) => form === '~' || form.startsWith('~/')).map((form) => path.join(home, form.slice(1)));
  return [...forms, ...withHome];
}

function isOlderThanNewborn(answers: Answers, env: InterviewEnv): boolean {
  return answers.birthDate !== undefined && ageInYears(answers.birthDate, env.today) >= 1;
}

export const questions: ReadonlyArray<Question<AnswerKey>> = [
  {
    key: 'region',
    flag: '--region',
    kind: 'choice',
    // The listed cities first, then "somewhere else" (national rules).
    options: (_answers, env) => [...env.regions.filter((r) => r.id !== 'national').map((r) => r.id), 'national'],
    parse: (raw, _answers, env) => {
      const id = raw === 'other' ? 'national' : raw;
      return env.regions.some((region) => region.id === id)
        ? ok(id as string)
        : fail({ reason: 'unknown-region', found: foundShown(raw), known: env.regions.map((r) => r.id) });
    },
  } satisfies Question<'region'>,
  {
    key: 'childId',
    flag: '--child-id',
    kind: 'text',
    // Only a way to the birth date: not asked when the birth date is given.
    when: (_answers, _env, given) => given.birthDate === undefined || given.childId !== undefined,
    fallback: null,
    parse: (raw, _answers, env) => parseChildId(raw, env),
  } satisfies Question<'childId'>,
  {
    key: 'keepId',
    flag: '--keep-id / --no-keep-id',
    kind: 'yes-no',
    when: (answers) => typeof answers.childId === 'string',
    suggest: () => false,
    fallback: false,
    parse: yesNo,
  } satisfies Question<'keepId'>,
  {
    key: 'birthDate',
    flag: '--birth-date',
    kind: 'text',
    // A valid ID number carries the birth date in characters 7–14 (GB 11643-1999).
    derive: ({ childId }) => (typeof childId === 'string' ? `${childId.slice(6, 10)}-${childId.slice(10, 12)}-${childId.slice(12, 14)}` : undefined),
    parse: (raw, _answers, env) => parseBirthDate(raw, env),
  } satisfies Question<'birthDate'>,
  {
    key: 'hukou',
    flag: '--hukou',
    kind: 'choice',
    options: () => hukouKinds,
    parse: oneOf(hukouKinds),
  } satisfies Question<'hukou'>,
  {
    key: 'residencePermit',
    flag: '--residence-permit / --no-residence-permit',
    kind: 'yes-no',
    when: (answers) => answers.hukou === 'non-local',
    suggest: () => true,
    parse: yesNo,
  } satisfies Question<'residencePermit'>,
  {
    key: 'shanghai120Points',
    flag: '--shanghai-120-points / --no-shanghai-120-points',
    kind: 'yes-no',
    when: (answers) => answers.region === 'shanghai' && answers.hukou === 'non-local' && answers.residencePermit === true,
    suggest: () => true,
    parse: yesNo,
  } satisfies Question<'shanghai120Points'>,
  {
    key: 'stage',
    flag: '--stage',
    kind: 'choice',
    options: (answers, env) => stages.filter((stage) => !(stage === 'newborn' && isOlderThanNewborn(answers, env))),
    suggest: (answers, env) => (answers.birthDate ? likelyStage(answers.birthDate, env.today) : undefined),
    parse: (raw, answers, env) => {
      const parsed = oneOf(stages)(raw);
      return parsed.ok && parsed.value === 'newborn' && isOlderThanNewborn(answers, env) ? fail({ reason: 'not-newborn' }) : parsed;
    },
  } satisfies Question<'stage'>,
  {
    key: 'paid',
    flag: '--paid / --no-paid',
    kind: 'yes-no',
    suggest: () => false,
    parse: yesNo,
  } satisfies Question<'paid'>,
  {
    key: 'applicant',
    flag: '--applicant',
    kind: 'choice',
    options: () => applicants,
    parse: oneOf(applicants),
  } satisfies Question<'applicant'>,
  {
    key: 'special',
    flag: '--special',
    kind: 'choices',
    options: () => specialStatuses,
    fallback: [],
    parse: (raw) => parseSpecial(raw),
  } satisfies Question<'special'>,
  {
    key: 'photo',
    flag: '--photo / --no-photo',
    kind: 'text',
    fallback: null,
    parse: (raw, _answers, env) => parsePhoto(raw, env),
  } satisfies Question<'photo'>,
  {
    key: 'channel',
    flag: '--channel',
    kind: 'choice',
    options: () => channels,
    parse: oneOf(channels),
  } satisfies Question<'channel'>,
] as ReadonlyArray<Question<AnswerKey>>;

/** Asks one question and returns the raw answer, which the interview then parses like a given one. */
export type Asker = (question: Question<AnswerKey>, answers: Answers, env: InterviewEnv) => Promise<unknown>;

export interface InterviewOptions {
  /** Asks what is not given; without it every required answer must be given. */
  ask?: Asker;
  /** Called after each answer is settled, e.g. to check the photo right away. */
  afterAnswer?: (key: AnswerKey, answers: Answers) => Promise<void>;
}

/**
 * Settle every answer in order: a given answer is validated (a bad one is a usage error, exit 2);
 * a missing one is asked when there is an asker, falls back when optional, and is otherwise
 * reported together with every other missing answer.
 */
export async function interview(given: Answers, env: InterviewEnv, options: InterviewOptions = {}): Promise<SettledAnswers> {
  const answers: Answers = {};
  const missing: Question<AnswerKey>[] = [];
  const set = (key: AnswerKey, value: unknown) => {
    (answers as Record<AnswerKey, unknown>)[key] = value;
  };
  const parse = (question: Question<AnswerKey>, raw: unknown) => {
    const parsed = question.parse(raw, answers, env);
    if (!parsed.ok) throw badAnswer(question, parsed.problem);
    return parsed.value;
  };
  for (const question of questions) {
    if (question.when && !question.when(answers, env, given)) continue;
    const raw = given[question.key];
    const derived = question.derive?.(answers);
    if (raw !== undefined) {
      const value = parse(question, raw);
      if (derived !== undefined && derived !== value) throw badAnswer(question, { reason: 'birth-date-mismatch', fromId: String(derived) });
      set(question.key, value);
    } else if (derived !== undefined) {
      set(question.key, derived);
    } else if (options.ask) {
      set(question.key, parse(question, await options.ask(question, answers, env)));
    } else if ('fallback' in question) {
      set(question.key, question.fallback);
    } else {
      missing.push(question);
      continue;
    }
    await options.afterAnswer?.(question.key, answers);
  }
  if (missing.length > 0) throw new ShebaoError('answers-missing', { missing: missing.map(({ key, flag }) => ({ key, flag })) });
  // Every question without a fallback was answered or reported missing above.
  return answers as SettledAnswers;
}

function badAnswer(question: Question<AnswerKey>, problem: AnswerProblem): ShebaoError {
  return new ShebaoError('answer-invalid', { key: question.key, flag: question.flag, problem });
}
