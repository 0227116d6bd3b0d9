import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { ShebaoError } from '../src/core/errors.js';
import { checkCharacterOf, maskIdNumber, normalizeIdInput, parseIdNumber, type IdReason } from '../src/id/index.js';
import { wording } from '../src/i18n/index.js';
import { sayIdProblem } from '../src/i18n/id.js';
import { fakeContext } from './helpers/context.js';
import { cjk, englishSentence } from './helpers/language.js';

const today = '2026-11-22';

describe('parseIdNumber', () => {
  // Expected check characters computed independently with the GB 11643 weights (see DOMAIN.md §4).
  const valid: Array<[string, string, string, 'male' | 'female', string, string]> = [
    // input, normalized number, birth date, sex, province code, kind
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female', '11', 'resident'],
    ['440524188001010014', '440524188001010014', '1880-01-01', 'male', '44', 'resident'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female', '11', 'resident'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', 'female', '11', 'resident'],
    [' 110105 19491231 002X ', '11010519491231002X', '1949-12-31', 'female', '11', 'resident'],
    ['110105\u300019491231002x', '11010519491231002X', '1949-12-31', 'female', '11', 'resident'],
    ['110105194912310038', '110105194912310038', '1949-12-31', 'male', '11', 'resident'],
    ['31011520240501002X', '31011520240501002X', '2024-05-01', 'female', '31', 'resident'],
    ['810000199001010019', '810000199001010019', '1990-01-01', 'male', '81', 'hk-macao-taiwan-permit'],
    ['820000200002290021', '820000200002290021', '2000-02-29', 'female', '82', 'hk-macao-taiwan-permit'],
    ['830000198512310039', '830000198512310039', '1985-12-31', 'male', '83', 'hk-macao-taiwan-permit'],
    ['911840199001010018', '911840199001010018', '1990-01-01', 'male', '11', 'foreign-permanent-resident'],
  ];
  it.each(valid)('accepts %s', (input, number, birthDate, sex, province, kind) => {
    const info = parseIdNumber(input, { today });
    expect(info.problems).toEqual([]);
    expect(info).toMatchObject({ valid: true, number, birthDate, sex, kind, upgradedFrom15: false });
    expect(info.province?.code).toBe(province);
  });

  it('upgrades a 15-digit legacy number by inserting 19 and a check character', () => {
    const info = parseIdNumber('110105491231002', { today });
    expect(info).toMatchObject({ valid: true, upgradedFrom15: true, number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
  });

  const invalid: Array<[string, IdReason, Record<string, unknown>]> = [
    // input, reason, details
    ['', 'empty', {}],
    ['1101051949123100', 'bad-length', { expected: '18', actual: '16' }],
    ['1101051949123100211', 'bad-length', { actual: '19' }],
    ['11010519491231A02X', 'bad-characters', { position: 15, actual: 'A' }],
    ['X10105194912310021', 'bad-characters', { position: 1, actual: 'X' }],
    ['11010549123100X', 'bad-characters', { position: 15, actual: 'X' }],
    ['110105194912310021', 'bad-check-digit', { expected: 'X', actual: '1' }],
    ['440524188001010015', 'bad-check-digit', { expected: '4', actual: '5' }],
    ['110105202402300021', 'bad-birth-date', { actual: '20240230' }],
    ['110105202612310025', 'future-birth-date', { actual: '2026-12-31', today }],
  ];
  it.each(invalid)('rejects %j as %s', (input, reason, details) => {
    const info = parseIdNumber(input, { today });
    expect(info.valid).toBe(false);
    const problem = info.problems.find((p) => p.reason === reason);
    expect(problem, JSON.stringify(info.problems)).toMatchObject(details);
    expect(info.reason).toBe(info.problems[0]?.reason);
  });

  // A province code outside today's list may be an area abolished after the number was issued:
  // libraries that reject such numbers reject real people, so it is a warning with the number valid.
  it.each([
    ['990000199001010017', '90'], // 9-prefixed: digits 2–3 are the issuing province
    ['000000199001010018', '00'],
  ])('an unknown area code in %s is a warning, not a rejection', async (input, actual) => {
    const info = parseIdNumber(input, { today });
    expect(info).toMatchObject({ valid: true, problems: [], warnings: [{ reason: 'unknown-region', actual }] });
    expect(info.province).toBeUndefined();
    const ctx = fakeContext();
    expect(await runCli(['id', input, '--today', today], ctx)).toBe(0);
    expect(ctx.out()).toContain('有效');
    expect(ctx.out()).toContain(`地区代码开头 ${actual} 不在现行省级代码表中`);
    expect(ctx.out()).not.toContain(input);
    const json = fakeContext();
    await runCli(['id', input, '--json', '--lang', 'en', '--today', today], json);
    expect(JSON.parse(json.out())).toMatchObject({ valid: true, reason: null, province: null, warnings: [{ id: 'area', reason: 'unknown-region', actual }] });
  });

  it('says why in the words of each reason: check character, date, length, characters', async () => {
    const said = async (input: string) => {
      const ctx = fakeContext();
      expect(await runCli(['id', input, '--today', today], ctx)).toBe(1);
      return ctx.out();
    };
    expect(await said('110105194912310021')).toContain('校验码对不上');
    expect(await said('110105202402300021')).toContain('出生日期 20240230 不存在');
    expect(await said('1101051949123100')).toContain('长度应为 18 位');
    expect(await said('11010519491231A02X')).toContain('第 15 位是“A”');
  });

  it('gives the age on today in whole years and in days', () => {
    expect(parseIdNumber('31011520240501002X', { today }).age).toEqual({ years: 2, days: 935 });
    expect(parseIdNumber('110105202612310025', { today }).age).toBeUndefined();
    expect(parseIdNumber('110105202402300021', { today }).age).toBeUndefined();
  });

  it('needs today, as a real date', () => {
    expect(() => parseIdNumber('11010519491231002X', {} as { today: string })).toThrow(expect.objectContaining({ code: 'missing-option' }));
    expect(() => parseIdNumber('11010519491231002X', { today: '2026-02-30' })).toThrow(ShebaoError);
  });

  it('reports an impossible date alone when the check character is right for it', () => {
    expect(parseIdNumber('110105202402300021', { today }).problems.map((p) => p.reason)).toEqual(['bad-birth-date']);
  });

  it('accepts a child born today but not tomorrow', () => {
    const bornToday = `11010520261122002`;
    expect(parseIdNumber(bornToday + checkCharacterOf(bornToday), { today }).valid).toBe(true);
    const bornTomorrow = `11010520261123002`;
    expect(parseIdNumber(bornTomorrow + checkCharacterOf(bornTomorrow), { today }).reason).toBe('future-birth-date');
  });
});

describe('the problems in words', () => {
  const say = (input: string, lang: 'zh' | 'en') => parseIdNumber(input, { today }).problems.map((p) => sayIdProblem(wording(lang).id, p));
  it.each([
    ['1101051949123100', '长度应为 18 位（旧版 15 位），实际为 16 位', 'expected 18 characters (or a legacy 15-digit number), found 16'],
    ['11010519491231A02X', '只能是数字，最后一位可以是 X；第 15 位是“A”', 'only digits are allowed, with X as the last character; character 15 is "A"'],
    ['110105194912310021', '校验码应为 X，实际为 1', 'the check character should be X, found 1'],
    ['110105202612310025', '出生日期 2026-12-31 晚于今天（2026-11-22）', 'birth date 2026-12-31 is after today (2026-11-22)'],
  ])('%s', (input, zh, en) => {
    expect(say(input, 'zh')).toEqual([zh]);
    expect(say(input, 'en')).toEqual([en]);
  });
});

describe('normalizeIdInput and maskIdNumber', () => {
  it('normalizes what people paste', () => {
    expect(normalizeIdInput(' １１０１ ０５１９４９１２３１００２ｘ\n')).toBe('11010519491231002X');
  });
  it.each([
    ['11010519491231002X', '******19491231****'],
    ['110105491231002', '******491231***'],
    ['12345', '*****'],
    ['11010519491231002', '*****************'],
    ['123', '***'],
  ])('masks %s as %s', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
  });
});

describe('shebao id', () => {
  it('prints validity, birth date, sex and province with the number masked, exit 0', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '11010519491231002X'], ctx)).toBe(0);
    const out = ctx.out();
    expect(out).toContain('******19491231****  有效');
    expect(out).toContain('1949-12-31');
    expect(out).toContain('性别：女');
    expect(out).toContain('北京市');
    expect(out).not.toContain('11010519491231002X');
  });

  it('joins a number typed in groups and speaks English with --lang en', async () => {
    const ctx = fakeContext();
    expect(await runCli(['--lang', 'en', 'id', '1101', '0519', '4912', '3100', '2x'], ctx)).toBe(0);
    expect(ctx.out()).toContain('valid');
    expect(ctx.out()).toContain('sex: female');
    expect(ctx.out()).toContain('province: Beijing');
  });

  it('shows the upgraded number of a 15-digit legacy number with --show', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '110105491231002', '--show'], ctx)).toBe(0);
    expect(ctx.out()).toContain('11010519491231002X');
    expect(ctx.out()).toContain('15 位');
  });

  it('exits 1 and names the expected check character when invalid, with --show only', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '110105194912310021'], ctx)).toBe(1);
    expect(ctx.out()).toContain('无效');
    expect(ctx.out()).toContain('校验码对不上');
    const shown = fakeContext();
    expect(await runCli(['id', '110105194912310021', '--show'], shown)).toBe(1);
    expect(shown.out()).toContain('校验码应为 X，实际为 1');
  });

  it('prints one JSON document with stable problem ids, the reasons and the data', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '110105202402300021', '--json'], ctx)).toBe(1);
    const json = JSON.parse(ctx.out());
    expect(json).toMatchObject({ valid: false, reason: 'bad-birth-date', number: '******20240230****', masked: true, birthDate: null, age: null, sex: 'female' });
    expect(json.problems).toEqual([{ id: 'birth-date-impossible', reason: 'bad-birth-date', message: '出生日期 20240230 不存在', actual: '20240230' }]);
    const valid = fakeContext();
    expect(await runCli(['--lang', 'en', 'id', '31011520240501002X', '--json'], valid)).toBe(0);
    expect(JSON.parse(valid.out())).toMatchObject({
      valid: true,
      reason: null,
      kind: 'resident',
      birthDate: '2024-05-01',
      age: { years: 2, days: 935 },
      sex: 'female',
      province: { code: '31', name: 'Shanghai' },
      problems: [],
    });
  });

  it('judges future dates against --today', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '110105202612310025', '--today', '2027-01-01'], ctx)).toBe(0);
  });

  it('reads the number from stdin so it stays out of the shell history', async () => {
    const { Readable } = await import('node:stream');
    const ctx = fakeContext({ stdin: Object.assign(Readable.from(['11010519491231002X\n']), { isTTY: false }) });
    expect(await runCli(['id'], ctx)).toBe(0);
    expect(ctx.out()).toContain('有效');
  });

  it('never shows the number when stdin is a terminal and no number is given', async () => {
    const ctx = fakeContext({ tty: true });
    expect(await runCli(['id'], ctx)).toBe(2);
    expect(ctx.err()).toContain('缺少身份证号码');
  });
});

describe('one language per output', () => {
  const numbers = ['11010519491231002X', '110105491231002', '911840199001010018', '110105194912310021', '11010519491231A02X', '1101', '110105202612310025'];

  it.each(numbers)('--lang en has no Chinese for %s (text and JSON)', async (number) => {
    for (const args of [['id', number], ['id', number, '--json']]) {
      const ctx = fakeContext();
      await runCli(['--lang', 'en', ...args], ctx);
      expect(ctx.out()).not.toMatch(cjk);
    }
  });

  it.each(numbers)('Chinese by default has no English sentence for %s (text and JSON)', async (number) => {
    for (const args of [['id', number], ['id', number, '--json']]) {
      const ctx = fakeContext();
      await runCli(args, ctx);
      expect(englishSentence(ctx.out())).toBeUndefined();
    }
  });

  it('help follows --lang', async () => {
    const en = fakeContext();
    await runCli(['--lang', 'en', 'id', '--help'], en);
    expect(en.out()).toContain('print the number in full (masked by default)');
    expect(en.out()).not.toMatch(cjk);
    const zh = fakeContext();
    await runCli(['id', '--help'], zh);
    expect(zh.out()).toContain('完整显示号码（默认打码）');
  });
});
