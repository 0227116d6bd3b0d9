import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { checkCharacterOf, maskIdNumber, normalizeIdInput, parseIdNumber } from '../src/id/index.js';
import { fakeContext } from './helpers/context.js';

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

  const invalid: Array<[string, string, string, { expected?: string; actual?: string }]> = [
    // input, problem id, text in the Chinese message, details
    ['', 'empty', '没有输入', {}],
    ['1101051949123100', 'length', '实际为 16 位', { expected: '18', actual: '16' }],
    ['1101051949123100211', 'length', '实际为 19 位', { actual: '19' }],
    ['11010519491231A02X', 'characters', '第 15 位是“A”', { actual: 'A' }],
    ['X10105194912310021', 'characters', '第 1 位', { actual: 'X' }],
    ['11010549123100X', 'characters', '第 15 位', { actual: 'X' }],
    ['110105194912310021', 'check-digit', '校验码应为 X，实际为 1', { expected: 'X', actual: '1' }],
    ['440524188001010015', 'check-digit', '校验码应为 4', { expected: '4', actual: '5' }],
    ['110105202402300021', 'birth-date-impossible', '20240230 不存在', { actual: '20240230' }],
    ['110105202612310025', 'birth-date-future', '晚于今天', { actual: '2026-12-31' }],
    ['990000199001010017', 'area', '地区代码 90', { actual: '90' }], // 9-prefixed: digits 2–3 are the issuing province,
    ['000000199001010018', 'area', '地区代码 00', { actual: '00' }],
  ];
  it.each(invalid)('rejects %j as %s', (input, id, text, details) => {
    const info = parseIdNumber(input, { today });
    expect(info.valid).toBe(false);
    const problem = info.problems.find((p) => p.id === id);
    expect(problem, JSON.stringify(info.problems)).toBeDefined();
    expect(problem?.message.zh).toContain(text);
    expect(problem?.message.en.length).toBeGreaterThan(0);
    expect(problem).toMatchObject(details);
  });

  it('reports an impossible date alone when the check character is right for it', () => {
    expect(parseIdNumber('110105202402300021', { today }).problems.map((p) => p.id)).toEqual(['birth-date-impossible']);
  });

  it('accepts a child born today but not tomorrow', () => {
    const bornToday = `11010520261122002`;
    expect(parseIdNumber(bornToday + checkCharacterOf(bornToday), { today }).valid).toBe(true);
    const bornTomorrow = `11010520261123002`;
    expect(parseIdNumber(bornTomorrow + checkCharacterOf(bornTomorrow), { today }).problems.map((p) => p.id)).toEqual(['birth-date-future']);
  });
});

describe('normalizeIdInput and maskIdNumber', () => {
  it('normalizes what people paste', () => {
    expect(normalizeIdInput(' １１０１ ０５１９４９１２３１００２ｘ\n')).toBe('11010519491231002X');
  });
  it.each([
    ['11010519491231002X', '1101**********002X'],
    ['110105491231002', '1101*******1002'],
    ['12345', '12***'],
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
    expect(out).toContain('1101**********002X  有效');
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

  it('exits 1 and names the expected check character when invalid', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '110105194912310021'], ctx)).toBe(1);
    expect(ctx.out()).toContain('无效');
    expect(ctx.out()).toContain('校验码应为 X，实际为 1');
  });

  it('prints one JSON document with stable problem ids', async () => {
    const ctx = fakeContext();
    expect(await runCli(['id', '110105202402300021', '--json'], ctx)).toBe(1);
    const json = JSON.parse(ctx.out());
    expect(json).toMatchObject({ valid: false, number: '1101**********0021', masked: true, birthDate: null, sex: 'female' });
    expect(json.problems).toEqual([{ id: 'birth-date-impossible', message: '出生日期 20240230 不存在', actual: '20240230' }]);
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
});
