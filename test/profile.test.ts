import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askWith, type Prompter } from '../src/cli/interview.js';
import { runCli } from '../src/cli/main.js';
import { ShebaoError } from '../src/core/errors.js';
import { sayError } from '../src/i18n/index.js';
import { interview, profileFromAnswers, readProfile, writeProfile, type Answers, type InterviewEnv } from '../src/profile/index.js';
import { fakeContext } from './helpers/context.js';
import { cjk } from './helpers/language.js';

const today = '2026-11-22';
const regions = [
  { id: 'national', name: { zh: '全国', en: 'national' }, apps: [] },
  { id: 'shanghai', name: { zh: '上海', en: 'Shanghai' }, apps: [{ zh: '随申办', en: 'Suishenban' }] },
  { id: 'beijing', name: { zh: '北京', en: 'Beijing' }, apps: [] },
];
const env: InterviewEnv = { today, cwd: process.cwd(), regions };

const complete: Answers = {
  region: 'beijing',
  birthDate: '2026-09-01',
  hukou: 'local',
  stage: 'newborn',
  paid: false,
  applicant: 'guardian',
  special: [],
  channel: 'online',
};

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'shebao-profile-'));
}

/** A prompter that answers from a script, in order, and records what it was asked. */
function scripted(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = <T>(message: string): Promise<T> => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    return Promise.resolve(answers.shift() as T);
  };
  return {
    asked,
    select: (q) => next(q.message),
    checkbox: (q) => next(q.message),
    input: async (q) => {
      // What the terminal does: keep asking until the answer validates, showing the reason.
      for (;;) {
        const value = await next<string>(q.message);
        const verdict = q.validate(value);
        if (verdict === true) return value;
        asked.push(`invalid: ${verdict}`);
      }
    },
    confirm: (q) => next(q.message),
  };
}

function thrown(run: () => unknown): ShebaoError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShebaoError) return error;
    throw error;
  }
  throw new Error('expected a ShebaoError');
}

async function failure(promise: Promise<unknown>): Promise<ShebaoError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ShebaoError) return error;
    throw error;
  }
  throw new Error('expected a ShebaoError');
}

describe('the interview without a terminal', () => {
  it('takes every answer from the given answers and fills optional ones', async () => {
    const answers = await interview(complete, env);
    expect(answers).toEqual({ ...complete, photo: null });
  });

  it('names every missing answer with its flag and answers-file key (exit 2)', async () => {
    const error = await failure(interview({ region: 'beijing', hukou: 'non-local' }, env));
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('answers-missing');
    expect(error.details).toEqual({
      missing: [
        { key: 'birthDate', flag: '--birth-date' },
        { key: 'residencePermit', flag: '--residence-permit / --no-residence-permit' },
        { key: 'stage', flag: '--stage' },
        { key: 'paid', flag: '--paid / --no-paid' },
        { key: 'applicant', flag: '--applicant' },
        { key: 'channel', flag: '--channel' },
      ],
    });
    expect(sayError(error, 'zh').message).toContain('  孩子的出生日期（或 --child-id）：--birth-date，或答案文件中的 "birthDate"');
    expect(sayError(error, 'en').message).toContain(`  the child's birth date (or --child-id): --birth-date, or "birthDate" in the answers file`);
  });

  it.each([
    [{ birthDate: '2024-02-30' }, '--birth-date', { reason: 'not-a-date', found: '2024-02-30' }, '不是有效日期'],
    [{ birthDate: '2026-12-01' }, '--birth-date', { reason: 'born-after-today', birthDate: '2026-12-01', today }, '晚于今天'],
    [{ birthDate: '2000-01-01' }, '--birth-date', { reason: 'too-old', age: 26 }, '18 岁以下'],
    [{ birthDate: undefined, childId: '110105202402300021' }, '--child-id', { reason: 'id-invalid', problems: [{ reason: 'bad-birth-date', actual: '20240230' }] }, '出生日期 20240230 不存在'],
    [{ birthDate: undefined, childId: '110105202405010021' }, '--child-id', { reason: 'id-invalid', problems: [{ reason: 'bad-check-digit' }] }, '校验码对不上'],
    [{ birthDate: undefined, childId: '11010519491231002X' }, '--child-id', { reason: 'id-too-old', birthDate: '1949-12-31', age: 76 }, '请填写孩子的信息'],
    [{ region: 'mars' }, '--region', { reason: 'unknown-region', found: 'mars' }, '不认识地区 "mars"'],
    [{ hukou: 'abroad' }, '--hukou', { reason: 'not-one-of', allowed: ['local', 'non-local'], found: 'abroad' }, '应为 local / non-local 之一'],
    [{ stage: 'newborn', birthDate: '2024-05-01' }, '--stage', { reason: 'not-newborn' }, '已满 1 岁'],
    [{ paid: 'yes' }, '--paid / --no-paid', { reason: 'not-yes-no', found: 'yes' }, '应为 true 或 false'],
    [{ special: 'rich' }, '--special', { reason: 'unknown-special', unknown: ['rich'] }, '不认识 rich'],
    [{ photo: 'no-such-photo.jpg' }, '--photo / --no-photo', { reason: 'no-such-file', file: 'no-such-photo.jpg' }, '找不到文件 no-such-photo.jpg'],
  ])('rejects %j with the reason', async (override, flag, problem, words) => {
    const error = await failure(interview({ ...complete, ...(override as Answers) }, env));
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('answer-invalid');
    expect(error.details).toMatchObject({ flag, problem });
    const said = sayError(error, 'zh').message;
    expect(said).toContain(flag);
    expect(said).toContain(words);
    expect(sayError(error, 'en').message).not.toMatch(cjk);
  });

  it('never puts the ID number in an error', async () => {
    for (const childId of ['110105202405010021', '11010519491231002X']) {
      const error = await failure(interview({ ...complete, birthDate: undefined, childId }, env));
      expect(JSON.stringify(error.details)).not.toContain(childId);
      expect(error.message).not.toContain(childId);
      for (const lang of ['zh', 'en'] as const) expect(JSON.stringify(sayError(error, lang))).not.toContain(childId);
    }
  });

  it('takes the birth date and sex from the child’s ID number', async () => {
    const answers = await interview({ ...complete, birthDate: undefined, childId: '310115 20240501 002x', stage: 'preschool' }, env);
    expect(answers.birthDate).toBe('2024-05-01');
    expect(answers.childId).toBe('31011520240501002X');
    const profile = profileFromAnswers(answers, today);
    expect(profile.child).toEqual({ birthDate: '2024-05-01', sex: 'female' });
  });

  it('keeps the ID number only when asked to', async () => {
    const answers = await interview({ ...complete, birthDate: undefined, childId: '31011520240501002X', stage: 'preschool', keepId: true }, env);
    expect(profileFromAnswers(answers, today).child.idNumber).toBe('31011520240501002X');
  });

  it('rejects a birth date that contradicts the ID number', async () => {
    const error = await failure(interview({ ...complete, childId: '31011520240501002X', birthDate: '2024-05-02', stage: 'preschool' }, env));
    expect(error.details).toEqual({ key: 'birthDate', flag: '--birth-date', problem: { reason: 'birth-date-mismatch', fromId: '2024-05-01' } });
    expect(sayError(error, 'zh').message).toContain('与身份证号中的出生日期 2024-05-01 不一致');
  });

  it('accepts other for the region (national rules) and a comma list of statuses', async () => {
    const answers = await interview({ ...complete, region: 'other', special: 'low-income, disability' as unknown as Answers['special'] }, env);
    expect(answers.region).toBe('national');
    expect(answers.special).toEqual(['low-income', 'disability']);
  });
});

describe('the interview with a prompter', () => {
  it('asks only what earlier answers make relevant, in order', async () => {
    const prompter = scripted(['shanghai', '', '2022-03-15', 'non-local', 'yes', 'yes', 'kindergarten', 'no', 'agent', ['low-income'], '', 'bank']);
    const answers = await interview({}, env, { ask: askWith(prompter, 'zh') });
    expect(prompter.asked).toEqual([
      '在哪里参保？',
      '孩子的身份证号（还没有就直接回车）：',
      '孩子的出生日期（YYYY-MM-DD）：',
      '孩子的户口在哪里？',
      '父母一方有上海的居住证吗？',
      '这张上海居住证的积分达到 120 分了吗？',
      '孩子现在是？',
      '孩子已经参加城乡居民医保，并交了今年的费用吗？',
      '由谁去办理？',
      '有以下情况吗？（可减免个人缴费；没有就直接回车）',
      '孩子的电子证件照文件路径（现在检查；没有就直接回车）：',
      '打算怎么申领社保卡？',
    ]);
    expect(profileFromAnswers(answers, today)).toMatchObject({
      region: 'shanghai',
      hukou: 'non-local',
      residencePermit: true,
      shanghai120Points: true,
      stage: 'kindergarten',
      paid: false,
      applicant: 'agent',
      special: ['low-income'],
      channel: 'bank',
    });
  });

  it('skips the residence questions for a local hukou and the birth date when the ID number has it', async () => {
    const prompter = scripted(['beijing', '11010520240501002X', 'no', 'local', 'preschool', 'yes', 'guardian', [], '', 'online']);
    const answers = await interview({}, env, { ask: askWith(prompter, 'zh') });
    expect(prompter.asked.join('\n')).not.toContain('居住证');
    expect(prompter.asked.join('\n')).not.toContain('出生日期');
    expect(answers).toMatchObject({ birthDate: '2024-05-01', keepId: false, paid: true });
  });

  it('shows the reason for a bad answer as it is typed', async () => {
    const prompter = scripted(['beijing', '', '2024-02-30', '2024-02-29', 'local', 'preschool', 'no', 'guardian', [], '', 'online']);
    const answers = await interview({}, env, { ask: askWith(prompter, 'zh') });
    expect(prompter.asked).toContain('invalid: “2024-02-30”不是有效日期，请按 YYYY-MM-DD 填写，例如 2024-05-01');
    expect(answers.birthDate).toBe('2024-02-29');
  });

  it('asks only what the flags and answers file left open', async () => {
    const prompter = scripted(['online']);
    const { channel: _left, ...given } = complete;
    const answers = await interview({ ...given, photo: null }, env, { ask: askWith(prompter, 'zh') });
    expect(prompter.asked).toEqual(['打算怎么申领社保卡？']);
    expect(answers.channel).toBe('online');
  });

  it('asks in English with lang en, and offers the region\'s apps by their English names', async () => {
    const offered: string[] = [];
    const prompter = scripted(['shanghai', '', '2024-02-30', '2024-02-29', 'local', 'preschool', 'no', 'guardian', [], '', 'online']);
    const select = prompter.select;
    prompter.select = (q) => {
      offered.push(...q.choices.map((c) => c.name));
      return select(q);
    };
    await interview({}, env, { ask: askWith(prompter, 'en') });
    expect(prompter.asked.slice(0, 4)).toEqual([
      'Where will the child be insured?',
      "The child's ID number (press Enter if there is none yet):",
      "The child's birth date (YYYY-MM-DD):",
      'invalid: "2024-02-30" is not a real date; use YYYY-MM-DD, e.g. 2024-05-01',
    ]);
    expect(offered).toContain('local (registered in Shanghai)');
    expect(offered).toContain('online (Suishenban)');
    expect(prompter.asked.join('\n')).not.toMatch(cjk);
  });
});

describe('the profile file', () => {
  const profile = profileFromAnswers({ ...complete, childId: '110105202609010021', keepId: true } as Parameters<typeof profileFromAnswers>[0], today);

  it('is written owner-only (0600), whatever the umask, with no temporary file left', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.json');
    const umask = process.umask(0);
    try {
      writeProfile(file, profile, { overwrite: false });
    } finally {
      process.umask(umask);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['p.json']);
    expect(readProfile(file)).toEqual(profile);
  });

  it('never replaces an existing file unless told to', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.json');
    writeFileSync(file, 'mine');
    expect(() => writeProfile(file, profile, { overwrite: false })).toThrow(expect.objectContaining({ code: 'profile-exists', details: { file } }));
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['p.json']);
    writeProfile(file, profile, { overwrite: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(profile);
  });

  it('is validated on load, naming the field', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ ...profile, stage: 'toddler' }));
    const error = thrown(() => readProfile(file));
    expect(error.code).toBe('profile-invalid');
    expect(error.details).toMatchObject({ file, problems: [{ field: 'stage' }] });
    expect(sayError(error, 'en').message).toMatch(/invalid profile file .*\n {2}stage:/);
    expect(sayError(error, 'zh').message).toMatch(/档案文件有误：.*\n {2}stage：/);
  });

  it('says how to make one when it is missing', () => {
    const file = path.join(tempDir(), 'none.json');
    expect(() => readProfile(file)).toThrow(expect.objectContaining({ code: 'profile-not-found', details: { file } }));
  });

  it('never echoes a file that is not JSON (it may hold an ID number)', () => {
    const file = path.join(tempDir(), 'p.json');
    writeFileSync(file, '{\n  "child": { "idNumber": "110105202609010021" },\n}');
    const error = thrown(() => readProfile(file));
    expect(error.details).toEqual({ file, line: 3, column: 1 });
    expect(error.code).toBe('file-not-json');
    expect(error.message).not.toContain('110105202609010021');
  });
});

describe('shebao profile (in-process, no terminal)', () => {
  async function run(args: string[], cwd: string) {
    const ctx = fakeContext({ cwd });
    const code = await runCli(['profile', '--today', today, ...args], ctx);
    return { code, out: ctx.out(), err: ctx.err() };
  }

  it('runs from an answers file with --no-input, saves 0600 and prints the checklist', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'answers.json'), JSON.stringify({ ...complete, childId: '110105202609010021', keepId: false, photo: null }));
    const { code, out, err } = await run(['--answers', 'answers.json', '--no-input'], dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    const file = path.join(dir, 'shebao-profile.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.child).toEqual({ birthDate: '2026-09-01', sex: 'female' });
    expect(out).toContain('已保存档案：shebao-profile.json');
    expect(out).toContain('身份证号 ******20260901**** 未保存');
    expect(out).not.toContain('110105202609010021');
    expect(out).toContain('1. 参保登记与缴费');
  });

  it('lets flags override the answers file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'answers.json'), JSON.stringify(complete));
    const { code } = await run(['--answers', 'answers.json', '--channel', 'bank', '--no-paid', '--out', 'kid.json', '--no-input'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'kid.json'), 'utf8')).channel).toBe('bank');
  });

  it('fails with exit 2 naming missing answers, and writes nothing', async () => {
    const dir = tempDir();
    const { code, err } = await run(['--region', 'shanghai', '--hukou', 'non-local', '--no-residence-permit'], dir);
    expect(code).toBe(2);
    expect(err).toContain('缺少以下答案');
    expect(err).toContain('--birth-date');
    expect(err).not.toContain('shanghai-120-points');
    expect(existsSync(path.join(dir, 'shebao-profile.json'))).toBe(false);
  });

  it('rejects an unknown key in the answers file (a typo)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'answers.json'), JSON.stringify({ ...complete, birthdate: '2026-09-01' }));
    const { code, err } = await run(['--answers', 'answers.json', '--no-input'], dir);
    expect(code).toBe(2);
    expect(err).toContain('答案文件有误');
    expect(err).toContain('birthdate');
  });

  it('refuses to replace an existing profile without --force', async () => {
    const dir = tempDir();
    const flags = ['--no-input', '--region', 'beijing', '--birth-date', '2026-09-01', '--hukou', 'local', '--stage', 'newborn', '--no-paid', '--applicant', 'guardian', '--channel', 'online'];
    writeFileSync(path.join(dir, 'shebao-profile.json'), 'keep me');
    const refused = await run(flags, dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('档案文件已存在');
    expect(refused.err).toContain('--force');
    expect(readFileSync(path.join(dir, 'shebao-profile.json'), 'utf8')).toBe('keep me');
    const forced = await run([...flags, '--force'], dir);
    expect(forced.code).toBe(0);
    expect(statSync(path.join(dir, 'shebao-profile.json')).mode & 0o777).toBe(0o600);
  });

  it('reports a bad flag value with its reason (exit 2, no stack trace)', async () => {
    const dir = tempDir();
    const { code, err } = await run(['--child-id', '110105202405010021'], dir);
    expect(code).toBe(2);
    expect(err).toContain('--child-id');
    expect(err).toContain('校验码对不上');
    expect(err).not.toContain('110105202405010021');
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('never echoes an answers file that is not JSON', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'answers.json'), `{ "childId": "110105202609010021", }`);
    const { code, err } = await run(['--answers', 'answers.json', '--no-input'], dir);
    expect(code).toBe(2);
    expect(err).toContain('answers.json 不是有效的 JSON');
    expect(err).not.toContain('110105202609010021');
  });

  it('speaks English with --lang en: errors and help', async () => {
    const dir = tempDir();
    const ctx = fakeContext({ cwd: dir });
    expect(await runCli(['--lang', 'en', 'profile', '--today', today, '--region', 'shanghai', '--no-input'], ctx)).toBe(2);
    expect(ctx.err()).toContain('missing answers (not asking: no terminal, or --no-input):');
    expect(ctx.err()).not.toMatch(cjk);
    const help = fakeContext();
    await runCli(['--lang', 'en', 'profile', '--help'], help);
    expect(help.out()).toContain('never prompt: fail with exit 2');
    expect(help.out()).not.toMatch(cjk);
  });
});
