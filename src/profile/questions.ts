/**
 * The interview as data: each question has an answers-file key, a flag, the condition under which
 * it is asked, a parser that validates a given answer (from a flag, the answers file or the
 * keyboard, with the reason when it is wrong) and a way to ask it. One driver runs them in order;
 * the prompter is passed in, so scripts and tests answer everything without a terminal.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { daysBetween, parseIsoDate, type IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { tr, type Lang, type Text } from '../core/i18n.js';
import { maskIdNumber, normalizeIdInput, parseIdNumber } from '../id/index.js';
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
  /** Apps that take applications online in this region, by name. */
  apps: string[];
}

export interface InterviewEnv {
  today: IsoDate;
  lang: Lang;
  /** Relative photo paths resolve against this folder. */
  cwd: string;
  regions: RegionOption[];
}

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

/** What the interview needs from a terminal; the CLI implements it with @inquirer/prompts. */
export interface Prompter {
  select<T extends string>(question: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T extends string>(question: { message: string; choices: Choice<T>[] }): Promise<T[]>;
  input(question: {
    message: string;
    default?: string;
    validate: (value: string) => true | string;
    /** How the answer is shown once given: the ID number masked, a date normalized. */
    masked?: (value: string) => string;
  }): Promise<string>;
  confirm(question: { message: string; default: boolean }): Promise<boolean>;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Text };

interface Question<K extends AnswerKey> {
  key: K;
  /** The command-line flag that answers it. */
  flag: string;
  /** What is asked, for the --no-input error. */
  topic: Text;
  /** Asked only when this holds for the answers so far (and those given up front). */
  when?: (answers: Answers, env: InterviewEnv, given: Answers) => boolean;
  /** The answer follows from earlier ones (the birth date from the ID number); a given answer must agree. */
  derive?: (answers: Answers) => NonNullable<Answers[K]> | undefined;
  /** Used when nobody answers (--no-input); without it the answer is required. */
  fallback?: Answers[K];
  parse: (raw: unknown, answers: Answers, env: InterviewEnv) => Parsed<Exclude<Answers[K], undefined>>;
  ask: (prompter: Prompter, answers: Answers, env: InterviewEnv) => Promise<Answers[K]>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (zh: string, en: string): Parsed<never> => ({ ok: false, reason: { zh, en } });

/** Accept a value from a fixed set; the reason lists what is allowed. */
function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: unknown): Parsed<T> =>
    typeof raw === 'string' && (allowed as readonly string[]).includes(raw)
      ? ok(raw as T)
      : fail(`应为 ${allowed.join(' / ')} 之一，实际为 ${JSON.stringify(raw)}`, `expected one of ${allowed.join(', ')}, found ${JSON.stringify(raw)}`);
}

function yesNo(raw: unknown): Parsed<boolean> {
  return typeof raw === 'boolean' ? ok(raw) : fail(`应为 true 或 false，实际为 ${JSON.stringify(raw)}`, `expected true or false, found ${JSON.stringify(raw)}`);
}

/** Validate a string typed at a prompt with the same parser that checks flags and files. */
function validator<T>(parse: (raw: unknown) => Parsed<T>, lang: Lang) {
  return (value: string): true | string => {
    const parsed = parse(value);
    return parsed.ok ? true : tr(lang, parsed.reason);
  };
}

function yesNoChoices(lang: Lang): [Choice<'yes'>, Choice<'no'>] {
  return [
    { value: 'yes', name: tr(lang, '是', 'yes') },
    { value: 'no', name: tr(lang, '否', 'no') },
  ];
}

async function askYesNo(prompter: Prompter, message: string, lang: Lang, defaultValue: boolean): Promise<boolean> {
  const answer = await prompter.select({ message, choices: yesNoChoices(lang), default: defaultValue ? 'yes' : 'no' });
  return answer === 'yes';
}

/** Children's resident medical insurance is for under-18s (students enrol through their school). */
const maxChildAge = 18;

function checkChildBirthDate(birthDate: IsoDate, env: InterviewEnv): Parsed<IsoDate> {
  if (daysBetween(env.today, birthDate) > 0) {
    return fail(`出生日期 ${birthDate} 晚于今天（${env.today}）`, `the birth date ${birthDate} is after today (${env.today})`);
  }
  const age = ageInYears(birthDate, env.today);
  if (age >= maxChildAge) {
    return fail(
      `出生日期 ${birthDate} 表示已满 ${age} 岁；少儿医保面向 18 岁以下的孩子，请填写孩子的信息`,
      `born ${birthDate} means ${age} years old; children's insurance is for under-18s, so give the child's details`,
    );
  }
  return ok(birthDate);
}

function parseBirthDate(raw: unknown, env: InterviewEnv): Parsed<IsoDate> {
  const text = typeof raw === 'string' ? raw.trim().replace(/[./年月]/g, '-').replace(/日$/, '') : '';
  const date = parseIsoDate(text.replace(/-(\d)(?=-|$)/g, '-0$1'));
  if (date === undefined) {
    return fail(`“${String(raw)}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2024-05-01`, `"${String(raw)}" is not a real date; use YYYY-MM-DD, e.g. 2024-05-01`);
  }
  return checkChildBirthDate(date, env);
}

function parseChildId(raw: unknown, env: InterviewEnv): Parsed<string | null> {
  if (raw === null || raw === '') return ok(null);
  if (typeof raw !== 'string') return fail('应为身份证号码（字符串）', 'expected the ID number as a string');
  if (raw.trim() === '') return ok(null);
  const info = parseIdNumber(raw, { today: env.today });
  if (!info.valid || info.number === undefined || info.birthDate === undefined) {
    const reasons = info.problems.map((p) => p.message);
    return fail(reasons.map((r) => r.zh).join('；'), reasons.map((r) => r.en).join('; '));
  }
  const child = checkChildBirthDate(info.birthDate, env);
  if (!child.ok) {
    return fail(`这个号码${child.reason.zh}`, `this number: ${child.reason.en}`);
  }
  return ok(info.number);
}

function parseSpecial(raw: unknown): Parsed<SpecialStatus[]> {
  const list = typeof raw === 'string' ? raw.split(/[,，\s]+/).filter(Boolean) : raw;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    return fail('应为列表，例如 low-income,disability 或 none', 'expected a list such as low-income,disability, or none');
  }
  const items = (list as string[]).filter((item) => item !== 'none');
  const unknown = items.filter((item) => !(specialStatuses as readonly string[]).includes(item));
  if (unknown.length > 0) {
    return fail(
      `不认识 ${unknown.join(', ')}；可选 ${specialStatuses.join(' / ')} 或 none`,
      `unknown ${unknown.join(', ')}; choose from ${specialStatuses.join(', ')}, or none`,
    );
  }
  return ok([...new Set(items)] as SpecialStatus[]);
}

function parsePhoto(raw: unknown, env: InterviewEnv): Parsed<string | null> {
  if (raw === null || raw === false || raw === '') return ok(null);
  if (typeof raw !== 'string') return fail('应为照片文件路径', 'expected the path of a photo file');
  const typed = raw.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (typed === '') return ok(null);
  const file = path.resolve(env.cwd, typed);
  if (!existsSync(file)) return fail(`找不到文件 ${typed}`, `no such file: ${typed}`);
  if (!statSync(file).isFile()) return fail(`${typed} 不是文件`, `${typed} is not a file`);
  return ok(file);
}

function regionOf(env: InterviewEnv, id: string | undefined): RegionOption | undefined {
  return env.regions.find((region) => region.id === id);
}

/** "上海" for a listed city, "参保地" (where the child is insured) for national rules. */
function here(env: InterviewEnv, id: string | undefined): string {
  const region = regionOf(env, id);
  return region && region.id !== 'national' ? tr(env.lang, region.name) : tr(env.lang, '参保地', 'the place of insurance');
}

export const stageNames: Record<Stage, Text> = {
  newborn: { zh: '新生儿（1 岁以内）', en: 'newborn (under 1 year)' },
  preschool: { zh: '在家，尚未入园', en: 'at home, not yet in kindergarten' },
  kindergarten: { zh: '幼儿园', en: 'kindergarten' },
  school: { zh: '中小学', en: 'primary or secondary school' },
};

export const specialNames: Record<SpecialStatus, Text> = {
  'low-income': { zh: '低保家庭', en: 'low-income family (低保)' },
  'extreme-poverty': { zh: '特困供养人员', en: 'extreme-poverty support (特困)' },
  disability: { zh: '残疾儿童', en: 'child with a disability' },
};

export const questions: ReadonlyArray<Question<AnswerKey>> = [
  {
    key: 'region',
    flag: '--region',
    topic: { zh: '办理地区', en: 'region' },
    parse: (raw, _answers, env) => {
      const id = raw === 'other' ? 'national' : raw;
      return regionOf(env, typeof id === 'string' ? id : undefined)
        ? ok(id as string)
        : fail(`不认识地区 ${JSON.stringify(raw)}；可选 ${env.regions.map((r) => r.id).join(' / ')} 或 other`, `unknown region ${JSON.stringify(raw)}; choose from ${env.regions.map((r) => r.id).join(', ')}, or other`);
    },
    ask: (prompter, _answers, env) =>
      prompter.select({
        message: tr(env.lang, '在哪里参保？', 'Where will the child be insured?'),
        choices: [
          ...env.regions.filter((r) => r.id !== 'national').map((r) => ({ value: r.id, name: tr(env.lang, r.name) })),
          { value: 'national', name: tr(env.lang, '其他地区（按全国通用规则）', 'somewhere else (national rules)') },
        ],
      }),
  } satisfies Question<'region'>,
  {
    key: 'childId',
    flag: '--child-id',
    topic: { zh: '孩子的身份证号（可不填）', en: "the child's ID number (optional)" },
    // Only a way to the birth date: not asked when the birth date is given.
    when: (_answers, _env, given) => given.birthDate === undefined || given.childId !== undefined,
    fallback: null,
    parse: (raw, _answers, env) => parseChildId(raw, env),
    ask: async (prompter, _answers, env) => {
      const typed = await prompter.input({
        message: tr(env.lang, '孩子的身份证号（还没有就直接回车）：', "The child's ID number (press Enter if there is none yet):"),
        validate: validator((raw) => parseChildId(raw, env), env.lang),
        masked: (value) => (value.trim() === '' ? tr(env.lang, '没有', 'none') : maskIdNumber(normalizeIdInput(value))),
      });
      const parsed = parseChildId(typed, env);
      return parsed.ok ? parsed.value : null;
    },
  } satisfies Question<'childId'>,
  {
    key: 'keepId',
    flag: '--keep-id / --no-keep-id',
    topic: { zh: '是否在档案文件中保存身份证号', en: 'whether to keep the ID number in the profile file' },
    when: (answers) => typeof answers.childId === 'string',
    fallback: false,
    parse: yesNo,
    ask: (prompter, _answers, env) =>
      askYesNo(
        prompter,
        tr(env.lang, '把身份证号保存到档案文件里吗？（不保存也能生成清单）', 'Keep the ID number in the profile file? (The checklist works without it.)'),
        env.lang,
        false,
      ),
  } satisfies Question<'keepId'>,
  {
    key: 'birthDate',
    flag: '--birth-date',
    topic: { zh: '孩子的出生日期（或 --child-id）', en: "the child's birth date (or --child-id)" },
    // A valid ID number carries the birth date in characters 7–14 (GB 11643-1999).
    derive: ({ childId }) => (typeof childId === 'string' ? `${childId.slice(6, 10)}-${childId.slice(10, 12)}-${childId.slice(12, 14)}` : undefined),
    parse: (raw, _answers, env) => parseBirthDate(raw, env),
    ask: async (prompter, _answers, env) => {
      const typed = await prompter.input({
        message: tr(env.lang, '孩子的出生日期（YYYY-MM-DD）：', "The child's birth date (YYYY-MM-DD):"),
        validate: validator((raw) => parseBirthDate(raw, env), env.lang),
        masked: (value) => {
          const parsed = parseBirthDate(value, env);
          return parsed.ok ? parsed.value : value;
        },
      });
      const parsed = parseBirthDate(typed, env);
      return parsed.ok ? parsed.value : undefined;
    },
  } satisfies Question<'birthDate'>,
  {
    key: 'hukou',
    flag: '--hukou',
    topic: { zh: '户籍（local / non-local）', en: 'hukou (local / non-local)' },
    parse: oneOf(hukouKinds),
    ask: (prompter, answers, env) =>
      prompter.select({
        message: tr(env.lang, '孩子的户口在哪里？', "Where is the child's hukou registered?"),
        choices: [
          { value: 'local' as const, name: tr(env.lang, `本地户籍（户口在${here(env, answers.region)}）`, `local (registered in ${here(env, answers.region)})`) },
          { value: 'non-local' as const, name: tr(env.lang, `外地户籍（户口不在${here(env, answers.region)}）`, `non-local (registered elsewhere)`) },
        ],
      }),
  } satisfies Question<'hukou'>,
  {
    key: 'residencePermit',
    flag: '--residence-permit / --no-residence-permit',
    topic: { zh: '父母是否有本地居住证', en: 'whether a parent holds a local residence permit' },
    when: (answers) => answers.hukou === 'non-local',
    parse: yesNo,
    ask: (prompter, answers, env) =>
      askYesNo(prompter, tr(env.lang, `父母一方有${here(env, answers.region)}的居住证吗？`, `Does a parent hold a residence permit (居住证) for ${here(env, answers.region)}?`), env.lang, true),
  } satisfies Question<'residencePermit'>,
  {
    key: 'shanghai120Points',
    flag: '--shanghai-120-points / --no-shanghai-120-points',
    topic: { zh: '上海居住证积分是否达到 120 分', en: 'whether the Shanghai residence permit has 120 points' },
    when: (answers) => answers.region === 'shanghai' && answers.hukou === 'non-local' && answers.residencePermit === true,
    parse: yesNo,
    ask: (prompter, _answers, env) =>
      askYesNo(prompter, tr(env.lang, '这张上海居住证的积分达到 120 分了吗？', 'Has that Shanghai residence permit reached 120 points?'), env.lang, true),
  } satisfies Question<'shanghai120Points'>,
  {
    key: 'stage',
    flag: '--stage',
    topic: { zh: '孩子现在的阶段（newborn / preschool / kindergarten / school）', en: 'stage (newborn / preschool / kindergarten / school)' },
    parse: (raw, answers, env) => {
      const parsed = oneOf(stages)(raw);
      if (parsed.ok && parsed.value === 'newborn' && answers.birthDate && ageInYears(answers.birthDate, env.today) >= 1) {
        return fail(`孩子已满 1 岁，不再按新生儿办理；请选 preschool、kindergarten 或 school`, 'the child is over 1 year old, no longer a newborn; choose preschool, kindergarten or school');
      }
      return parsed;
    },
    ask: (prompter, answers, env) => {
      const older = answers.birthDate !== undefined && ageInYears(answers.birthDate, env.today) >= 1;
      return prompter.select({
        message: tr(env.lang, '孩子现在是？', 'The child is now:'),
        choices: stages
          .filter((stage) => !(older && stage === 'newborn'))
          .map((stage) => ({
            value: stage,
            name: tr(env.lang, stageNames[stage]),
            ...(stage === 'school' ? { description: tr(env.lang, '学校通常在 9 月开学时统一办理', 'schools usually enrol pupils in September') } : {}),
          })),
        ...(answers.birthDate ? { default: likelyStage(answers.birthDate, env.today) } : {}),
      });
    },
  } satisfies Question<'stage'>,
  {
    key: 'paid',
    flag: '--paid / --no-paid',
    topic: { zh: '今年的居民医保是否已参保缴费', en: "whether this year's resident medical insurance is already paid" },
    parse: yesNo,
    ask: (prompter, _answers, env) =>
      askYesNo(
        prompter,
        tr(env.lang, '孩子已经参加城乡居民医保，并交了今年的费用吗？', "Is the child already enrolled in resident medical insurance, with this year's premium paid?"),
        env.lang,
        false,
      ),
  } satisfies Question<'paid'>,
  {
    key: 'applicant',
    flag: '--applicant',
    topic: { zh: '由谁办理（guardian / agent）', en: 'who applies (guardian / agent)' },
    parse: oneOf(applicants),
    ask: (prompter, _answers, env) =>
      prompter.select({
        message: tr(env.lang, '由谁去办理？', 'Who will apply?'),
        choices: [
          { value: 'guardian' as const, name: tr(env.lang, '父母或其他监护人', 'a parent or other guardian') },
          {
            value: 'agent' as const,
            name: tr(env.lang, '其他人代办（如祖父母）', 'someone else on their behalf (e.g. a grandparent)'),
            description: tr(env.lang, '需要委托书和代办人身份证', 'needs a power of attorney (委托书) and the agent’s ID card'),
          },
        ],
      }),
  } satisfies Question<'applicant'>,
  {
    key: 'special',
    flag: '--special',
    topic: { zh: '特殊情况（low-income / extreme-poverty / disability / none）', en: 'special status (low-income / extreme-poverty / disability / none)' },
    fallback: [],
    parse: (raw) => parseSpecial(raw),
    ask: (prompter, _answers, env) =>
      prompter.checkbox({
        message: tr(env.lang, '有以下情况吗？（可减免个人缴费；没有就直接回车）', 'Any of these? (They exempt or subsidise the premium; press Enter for none)'),
        choices: specialStatuses.map((status) => ({ value: status, name: tr(env.lang, specialNames[status]) })),
      }),
  } satisfies Question<'special'>,
  {
    key: 'photo',
    flag: '--photo / --no-photo',
    topic: { zh: '证件照文件（可跳过）', en: 'the photo file (optional)' },
    fallback: null,
    parse: (raw, _answers, env) => parsePhoto(raw, env),
    ask: async (prompter, _answers, env) => {
      const typed = await prompter.input({
        message: tr(env.lang, '孩子的电子证件照文件路径（现在检查；没有就直接回车）：', "Path of the child's ID photo to check now (press Enter to skip):"),
        validate: validator((raw) => parsePhoto(raw, env), env.lang),
        masked: (value) => (value.trim() === '' ? tr(env.lang, '跳过', 'skipped') : value),
      });
      const parsed = parsePhoto(typed, env);
      return parsed.ok ? parsed.value : null;
    },
  } satisfies Question<'photo'>,
  {
    key: 'channel',
    flag: '--channel',
    topic: { zh: '办理渠道（online / bank）', en: 'channel (online / bank)' },
    parse: oneOf(channels),
    ask: (prompter, answers, env) => {
      const apps = regionOf(env, answers.region)?.apps ?? [];
      return prompter.select({
        message: tr(env.lang, '打算怎么申领社保卡？', 'How do you want to apply for the card?'),
        choices: [
          {
            value: 'online' as const,
            name: apps.length > 0 ? tr(env.lang, `线上（${apps.join('、')}）`, `online (${apps.join(', ')})`) : tr(env.lang, '线上（手机 App）', 'online (a phone app)'),
          },
          { value: 'bank' as const, name: tr(env.lang, '银行网点或社保服务大厅', 'a bank branch or the service hall') },
        ],
      });
    },
  } satisfies Question<'channel'>,
] as ReadonlyArray<Question<AnswerKey>>;

export interface InterviewOptions {
  /** Prompts for what is not given; without it every required answer must be given. */
  prompter?: Prompter;
  /** Called after each answer is settled, e.g. to check the photo right away. */
  afterAnswer?: (key: AnswerKey, answers: Answers) => Promise<void>;
}

/**
 * Settle every answer in order: a given answer is validated (a bad one is a usage error, exit 2);
 * a missing one is asked when there is a prompter, falls back when optional, and is otherwise
 * reported together with every other missing answer.
 */
export async function interview(given: Answers, env: InterviewEnv, options: InterviewOptions = {}): Promise<SettledAnswers> {
  const answers: Answers = {};
  const missing: Question<AnswerKey>[] = [];
  const set = (key: AnswerKey, value: unknown) => {
    (answers as Record<AnswerKey, unknown>)[key] = value;
  };
  for (const question of questions) {
    if (question.when && !question.when(answers, env, given)) continue;
    const raw = given[question.key];
    const derived = question.derive?.(answers);
    if (raw !== undefined) {
      const parsed = question.parse(raw, answers, env);
      if (!parsed.ok) throw badAnswer(question, parsed.reason, env.lang);
      if (derived !== undefined && derived !== parsed.value) {
        throw badAnswer(question, { zh: `与身份证号中的出生日期 ${String(derived)} 不一致`, en: `does not match the birth date in the ID number, ${String(derived)}` }, env.lang);
      }
      set(question.key, parsed.value);
    } else if (derived !== undefined) {
      set(question.key, derived);
    } else if (options.prompter) {
      set(question.key, await question.ask(options.prompter, answers, env));
    } else if ('fallback' in question) {
      set(question.key, question.fallback);
    } else {
      missing.push(question);
      continue;
    }
    await options.afterAnswer?.(question.key, answers);
  }
  if (missing.length > 0) throw missingAnswers(missing, env.lang);
  // Every question without a fallback was answered or reported missing above.
  return answers as SettledAnswers;
}

function badAnswer(question: Question<AnswerKey>, reason: Text, lang: Lang): ShebaoError {
  return new ShebaoError(tr(lang, `${question.flag}（答案文件中的 "${question.key}"）：${reason.zh}`, `${question.flag} (answers file key "${question.key}"): ${reason.en}`), {
    hint: tr(lang, '请更正这个答案后重试', 'correct this answer and try again'),
  });
}

function missingAnswers(missing: Question<AnswerKey>[], lang: Lang): ShebaoError {
  const lines = missing.map((q) => tr(lang, `  ${q.topic.zh}：${q.flag}，或答案文件中的 "${q.key}"`, `  ${q.topic.en}: ${q.flag}, or "${q.key}" in the answers file`));
  return new ShebaoError(tr(lang, `缺少以下答案（不在终端中或用了 --no-input，无法提问）：\n${lines.join('\n')}`, `missing answers (not asking: no terminal, or --no-input):\n${lines.join('\n')}`), {
    hint: tr(lang, '用上面的参数或 --answers 答案文件给出这些答案，或在终端里运行 shebao profile 逐个回答', 'give them with the flags above or an --answers file, or run shebao profile in a terminal to be asked'),
  });
}
