/**
 * Issue 10, finding 6: what shebao prints never gives away an ID number. The masked number shows
 * the birth date only (the output prints it anyway), never with the area code or the check
 * character; errors never quote a file's contents, and an ID number among what an error names
 * is masked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { maskIdNumber, maskIdNumbersIn, parseIdNumber, renderIdJson, renderIdText } from '../src/id/index.js';
import { fakeContext } from './helpers/context.js';

const dir = mkdtempSync(path.join(tmpdir(), 'shebao-privacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const today = '2026-11-22';

async function cli(args: string[]) {
  const ctx = fakeContext({ cwd: dir });
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/**
 * How many numbers fit everything an output shows: the masked number's visible characters, the
 * birth date, the sex (one in two) and the province it decodes, and a visible check character
 * (one in eleven). The issue's `1101**********002X` beside the birth date left about 5.
 */
function candidates(output: string, number: string): number {
  const masked = /[\d*X]{18}/.exec(output)?.[0] ?? '*'.repeat(18);
  const birthShown = output.includes(`${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`);
  let unknown = 0;
  // Positions 0–1 are printed anyway as the province; 17 follows from the others.
  for (let i = 2; i < 17; i++) if (masked[i] === '*' && !(birthShown && i >= 6 && i < 14)) unknown++;
  let count = 10 ** unknown;
  if (/[男女]|\bmale\b|\bfemale\b/.test(output)) count /= 2;
  if (masked[17] !== '*') count /= 11;
  return count;
}

describe('the masked ID number', () => {
  const number = '11010519491231002X';

  it('shows the birth date only: not the area code, not the sequence, not the check character', () => {
    expect(maskIdNumber(number)).toBe('******19491231****');
    expect(maskIdNumber('110105491231002')).toBe('******491231***');
    // Any other length (a mistyped number is still someone's) shows nothing.
    expect(maskIdNumber('11010519491231002')).toBe('*****************');
  });

  it.each([[['id', number]], [['id', number, '--json']], [['--lang', 'en', 'id', number]], [['--lang', 'en', 'id', number, '--json']]])('`shebao %j` leaves at least a million numbers possible', async (args) => {
    const { code, out } = await cli([...args, '--today', today]);
    expect(code).toBe(0);
    expect(out).not.toContain('110105');
    expect(out).not.toContain('002X');
    expect(out).not.toContain('1101');
    expect(out).toContain('1949-12-31');
    expect(candidates(out, number)).toBeGreaterThanOrEqual(1_000_000);
  });

  it('a wrong check character is reported without naming either character, unless --show', async () => {
    const wrong = '110105194912310021';
    for (const args of [['id', wrong], ['id', wrong, '--json'], ['--lang', 'en', 'id', wrong]]) {
      const { code, out } = await cli([...args, '--today', today]);
      expect(code).toBe(1);
      expect(out).not.toMatch(/校验码应为|should be X|"expected"|"actual"/);
      expect(out).not.toContain('0021');
    }
    const json = JSON.parse((await cli(['id', wrong, '--json', '--today', today])).out);
    expect(json.problems).toEqual([{ id: 'check-digit', reason: 'bad-check-digit', message: '校验码对不上：有字符输错了' }]);
    const shown = JSON.parse((await cli(['id', wrong, '--json', '--show', '--today', today])).out);
    expect(shown.problems[0]).toMatchObject({ expected: 'X', actual: '1' });
    expect(shown.number).toBe(wrong);
  });

  it('the renderers mask problems unless told the number is shown', () => {
    const info = parseIdNumber('110105194912310021', { today });
    const plain = new Chalk({ level: 0 });
    expect(renderIdText(info, maskIdNumber('110105194912310021'), 'en', plain)).not.toContain('should be X');
    expect(renderIdText(info, '110105194912310021', 'en', plain, false)).toContain('should be X, found 1');
    expect(JSON.parse(renderIdJson(info, '110105194912310021', false, 'en')).problems[0].expected).toBe('X');
  });

  it('masks ID numbers standing alone in text, and nothing else', () => {
    expect(maskIdNumbersIn('unknown region "11010519491231002x"')).toBe('unknown region "******19491231****"');
    expect(maskIdNumbersIn('IMG_20240501_123456.jpg 1716800000000 110105491231002')).toBe('IMG_20240501_123456.jpg 1716800000000 ******491231***');
    expect(maskIdNumbersIn('a1101051949123100210')).toBe('a1101051949123100210');
  });
});

describe('errors never echo an ID number or a file', () => {
  const id = '11010519491231002X';

  it('an answers file in single quotes holding an ID: where it breaks, not what it says', async () => {
    writeFileSync(path.join(dir, 'answers.json'), `{'childId': '${id}', 'region': 'beijing'}`);
    const { code, out, err } = await cli(['profile', '--answers', 'answers.json', '--no-input']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('answers.json');
    expect(err).toMatch(/1 行|line 1/);
    expect(err).not.toContain(id);
    expect(err).not.toContain('childId');
  });

  it('--spec /etc/passwd names the file, never its first line', async () => {
    const { code, err } = await cli(['check-photo', '--no-face', '--today', today, '--spec', '/etc/passwd', 'x.jpg']);
    expect(code).toBe(2);
    expect(err).toContain('/etc/passwd');
    expect(err).not.toContain('root');
    expect(err).not.toContain(':x:');
  });

  it('a profile with a syntax error, holding an ID, is not quoted', async () => {
    writeFileSync(path.join(dir, 'profile.json'), `{"version": 1, "child": {"idNumber": "${id}",}}`);
    const { code, err } = await cli(['checklist', '--profile', 'profile.json', '--today', today]);
    expect(code).toBe(2);
    expect(err).toContain('profile.json');
    expect(err).not.toContain(id);
    expect(err).not.toContain('idNumber');
  });

  it('an ID number in the wrong answer or option is masked in the error', async () => {
    writeFileSync(path.join(dir, 'wrong-key.json'), JSON.stringify({ region: id, childId: null }));
    const wrongKey = await cli(['--lang', 'en', 'profile', '--answers', 'wrong-key.json', '--no-input']);
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.err).toContain('unknown region "******19491231****"');
    expect(wrongKey.err).not.toContain(id);

    writeFileSync(path.join(dir, 'as-number.json'), `{"region": 110105194912310021}`);
    const asNumber = await cli(['--lang', 'en', 'profile', '--answers', 'as-number.json', '--no-input']);
    expect(asNumber.err).not.toMatch(/1101051949123100/);

    const option = await cli(['plan', '--newborn', id]);
    expect(option.code).toBe(2);
    expect(option.err).toContain('--newborn');
    expect(option.err).not.toContain(id);
  });

  it('an answer that is an object is shown by its shape, not its contents', async () => {
    writeFileSync(path.join(dir, 'object.json'), JSON.stringify({ region: { name: 'Zhang San', phone: '13800138000' } }));
    const { code, err } = await cli(['--lang', 'en', 'profile', '--answers', 'object.json', '--no-input']);
    expect(code).toBe(2);
    expect(err).not.toContain('Zhang San');
    expect(err).not.toContain('13800138000');
  });

  it("a wrong ID in the interview's answers does not name the check characters", async () => {
    const { code, err } = await cli(['profile', '--child-id', '110105202405010021', '--no-input', '--today', today]);
    expect(code).toBe(2);
    expect(err).toContain('校验码对不上');
    expect(err).not.toContain('校验码应为');
    expect(err).not.toContain('110105202405010021');
  });
});
