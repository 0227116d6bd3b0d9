import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ICAL from 'ical.js';
import { wording } from '../src/i18n/index.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { planDeadlines, sayMilestone, type Plan, type PlanInput } from '../src/plan/index.js';
import { fakeContext } from './helpers/context.js';

const stackTrace = /\bat .*\.[jt]s:\d+/;

/** `plan --json` as parsed: the plan's data plus the sentences of the contract. */
interface PlanJson extends Omit<Plan, 'milestones' | 'warnings'> {
  milestones: Array<Plan['milestones'][number] & { title: string; action: string; where: string; source: string }>;
  warnings: Array<Plan['warnings'][number] & { message: string }>;
}

async function run(args: string[], overrides: Parameters<typeof fakeContext>[0] = {}) {
  const ctx = fakeContext(overrides);
  const code = await runCli(['plan', ...args], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe('shebao plan (in-process)', () => {
  it('prints a Chinese timeline with dates, days left, status, action, where and source', async () => {
    const { code, out, err } = await run(['--newborn', '2024-05-01', '--today', '2026-11-22']);
    expect(code).toBe(0);
    expect(out).toContain('出生日期 2024-05-01 · 今天 2026-11-22');
    expect(out).toMatch(/\[已逾期\] 新生儿参保登记截止\n {2}2024-07-30 周二 · 已过 845 天/);
    expect(out).toContain('做什么：已过截止日 845 天');
    expect(out).toContain('在哪里：');
    expect(out).toContain('依据：医保办函〔2021〕11号');
    expect(out).toContain('2026-10-01 周四 至 2026-12-20 周日（估算） · 28 天后截止');
    expect(out).toContain('12333');
    expect(out).not.toMatch(/\u001b\[/);
    expect(err).toBe('');
  });

  it('speaks English with --lang en', async () => {
    const { out } = await run(['--lang', 'en', '--newborn', '2024-07-03', '--today', '2024-07-04']);
    expect(out).toContain('[upcoming] Newborn enrolment deadline');
    expect(out).toContain('2024-10-08 Tue · 96 days left');
    expect(out).toContain('is a rest day (National Day), so by law it moves to 2024-10-08');
  });

  it("takes today from the clock as China's date, whatever the machine's zone", async () => {
    // 20:00 UTC on 22 Nov is already 23 Nov in Beijing.
    const { out } = await run(['--newborn', '2024-05-01', '--json'], { now: () => new Date('2026-11-22T20:00:00Z') });
    expect((JSON.parse(out) as Plan).today).toBe('2026-11-23');
  });

  it('--json prints exactly one JSON document, warnings inside it, nothing on stderr', async () => {
    const { code, out, err } = await run(['--newborn', '2024-05-01', '--region', 'guangzhou', '--today', '2026-11-22', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out) as PlanJson;
    expect(plan.region).toBe('guangzhou');
    expect(plan.warnings.map((w) => w.id)).toEqual(['provisional-region', 'region-fallback', 'source-conflict']);
    expect(err).toBe('');
  });

  it('--json keeps the sentences of the contract in the chosen language and adds the facts after them', async () => {
    const input: PlanInput = { birthDate: '2024-07-03', today: '2024-09-28', applied: '2024-09-27' };
    const data = planDeadlines(input);
    for (const lang of ['zh', 'en'] as const) {
      const { out } = await run(['--lang', lang, '--newborn', input.birthDate, '--today', input.today, '--applied', '2024-09-27', '--json']);
      const plan = JSON.parse(out) as PlanJson;
      expect(plan.milestones.map((m) => m.id)).toEqual(data.milestones.map((m) => m.id));
      for (const [index, m] of plan.milestones.entries()) {
        expect(Object.keys(m)).toEqual(['id', 'kind', 'date', 'start', 'end', 'daysLeft', 'status', 'estimate', 'title', 'action', 'where', 'source', 'facts']);
        expect(m).toMatchObject(sayMilestone(data.milestones[index]!, lang));
      }
    }
    const { out } = await run(['--lang', 'en', '--newborn', '2024-07-03', '--today', '2024-07-04', '--json']);
    const enrolment = (JSON.parse(out) as PlanJson).milestones[0]!;
    // Rules-file texts in the facts come in the chosen language too.
    expect(enrolment.facts).toMatchObject({ moved: { from: '2024-10-01', holiday: 'National Day' }, window: { unit: 'days', count: 90 } });
  });

  it('--json warnings keep their message and add their data', async () => {
    const { out } = await run(['--lang', 'en', '--newborn', '2024-05-01', '--region', 'guangzhou', '--today', '2026-11-22', '--json']);
    const conflict = (JSON.parse(out) as PlanJson).warnings[2]!;
    expect(Object.keys(conflict)).toEqual(['id', 'message', 'region', 'regionName', 'field', 'summary', 'sources', 'alternatives']);
    expect(conflict).toMatchObject({ id: 'source-conflict', regionName: 'Guangzhou', field: 'newborn', alternatives: [{ deadline: '2024-10-28' }] });
    expect(conflict.message).toContain('180 days → 2024-10-28');
  });

  it('shows warnings on stderr in human mode, coloured only when asked', async () => {
    const plain = await run(['--newborn', '2024-05-01', '--region', 'guangzhou', '--today', '2026-11-22']);
    expect(plain.err).toMatch(/^注意：/);
    expect(plain.err).toContain('广州资料有冲突');
    expect(plain.err).toContain('180 天 → 2024-10-28');
    const coloured = await run(['--newborn', '2024-05-01', '--today', '2026-11-22'], { env: { FORCE_COLOR: '1' } });
    expect(coloured.out).toMatch(/\u001b\[/);
    const none = await run(['--no-color', '--newborn', '2024-05-01', '--today', '2026-11-22'], { env: { FORCE_COLOR: '1' }, tty: true });
    expect(none.out).not.toMatch(/\u001b\[/);
  });

  it('labels a future birth date as planning ahead', async () => {
    const { code, out, err } = await run(['--newborn', '2027-03-01', '--today', '2026-11-22']);
    expect(code).toBe(0);
    expect(out).toContain('预产期 2027-03-01（尚未出生，提前规划）');
    expect(err).toContain('按预产期提前规划');
  });

  it('tells the terminal what to type next, and only the terminal: --json and --ics name no command', async () => {
    const args = ['--newborn', '2026-09-01', '--today', '2026-09-10'];
    const zh = await run(args);
    expect(zh.out).toContain('做什么：这不是法定期限，但缴费后就该申领，最好和参保同一天办。需要合格的电子证件照，申领时选好取卡的银行网点。可用 shebao check-photo 检查照片。申领后加上 --applied <申领日期> 重新运行');
    const en = await run(['--lang', 'en', ...args]);
    expect(en.out).toContain('when applying. Check the photo with shebao check-photo. After applying, run again with --applied <date> to see when the card will be ready.');
    expect((await run([...args, '--applied', '2026-09-20'])).out).toContain('计划在 2026-09-20 申领：需要合格的电子证件照，申领时选好取卡的银行网点。可用 shebao check-photo 检查照片。');
    const command = /(^|[\s(（])--[a-z]|shebao (check-photo|plan)\b/;
    for (const lang of ['zh', 'en']) {
      const plan = JSON.parse((await run(['--lang', lang, ...args, '--json'])).out) as PlanJson;
      expect(plan.milestones.map((milestone) => milestone.action).filter((action) => command.test(action))).toEqual([]);
      const cwd = mkdtempSync(path.join(tmpdir(), 'shebao-ics-'));
      await run(['--lang', lang, ...args, '--ics', 'baby.ics'], { cwd });
      const texts = readFileSync(path.join(cwd, 'baby.ics'), 'utf8').replace(/\r\n /g, '').split('\r\n').filter((line) => /^(SUMMARY|DESCRIPTION)[:;]/.test(line));
      expect(texts.filter((line) => command.test(line))).toEqual([]);
    }
  });

  it('lists the regions, as text and as JSON', async () => {
    const text = await run(['--list-regions']);
    expect(text.code).toBe(0);
    for (const id of ['national', 'shanghai', 'beijing', 'guangzhou', 'shenzhen', 'hangzhou', 'wuhan', 'chengdu', 'tianjin']) expect(text.out).toContain(id);
    expect(text.out).toContain('暂定');
    const json = await run(['--list-regions', '--json']);
    const regions = JSON.parse(json.out) as Array<{ id: string; apps: unknown[]; hotlines: unknown[] }>;
    expect(regions[0]?.id).toBe('national');
    expect(regions.every((r) => r.apps.length > 0 && r.hotlines.length > 0)).toBe(true);
  });

  it.each([
    [['--newborn', '2024-02-30'], ['--newborn', '"2024-02-30"']],
    [['--newborn', '05/01/2024'], ['--newborn', '"05/01/2024"']],
    [['--newborn', '2024-05-01', '--region', 'xian'], ['"xian"', 'shebao plan --list-regions']],
    [['--newborn', '2024-05-01', '--applied', '2024-04-01'], ['2024-04-01', '2024-05-01']],
    [['--newborn', '2024-05-01', '--today', 'tomorrow'], ['--today', '"tomorrow"']],
    [[], ['--newborn', '2024-05-01']],
  ])('exits 2 on %j, naming the value and the expected form', async (args, fragments) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    for (const fragment of fragments) expect(err).toContain(fragment);
    expect(err).not.toMatch(stackTrace);
  });
});

describe('shebao plan speaks one language', () => {
  const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
  // Three English words in a row; ids, units, options and commands are single tokens.
  const englishSentence = /[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}/;
  const inputs: PlanInput[] = [
    { birthDate: '2024-05-01', today: '2026-11-22' },
    { birthDate: '2024-07-03', today: '2024-07-04' },
    { birthDate: '2024-07-03', today: '2024-09-28', applied: '2024-09-27' },
    { birthDate: '2024-07-03', today: '2024-09-20', applied: '2024-09-27' },
    { birthDate: '2024-05-01', today: '2026-11-22', region: 'guangzhou' },
    { birthDate: '2024-07-03', today: '2024-07-04', region: 'wuhan', applied: '2024-07-05' },
    { birthDate: '2027-03-01', today: '2026-11-22' },
    { birthDate: '2024-11-15', today: '2024-11-20' },
  ];
  const scenarios = inputs.map((input) => ({
    input,
    args: ['--newborn', input.birthDate, '--today', input.today, ...(input.region ? ['--region', input.region] : []), ...(input.applied ? ['--applied', input.applied] : [])],
  }));

  /**
   * The text without the rules files' citations: they quote documents by their own titles
   * (医保办函〔2021〕11号, "shebao DOMAIN.md §2.2: …") and stay as written in every language.
   */
  function withoutCitations(text: string, input: PlanInput): string {
    const plan = planDeadlines(input);
    const citations = [
      ...plan.milestones.map((m) => m.facts.source),
      ...plan.warnings.flatMap((w) => (w.id === 'source-conflict' ? w.sources : [])),
      ...(plan.premium ? [plan.premium.source] : []),
    ];
    // English shows a citation by its document number and address (wording cite()): those go too.
    const cited = citations.map((citation) => wording('en').plan.cite(citation));
    // Longest first: one region's citation can begin with another's.
    return [...citations, ...cited]
      .sort((a, b) => b.length - a.length)
      .reduce((rest, citation) => rest.split(citation).join('').split(JSON.stringify(citation).slice(1, -1)).join(''), text);
  }

  /** Everything a person reads: human stdout and stderr, the JSON, and the calendar's texts. */
  async function everything(args: string[]): Promise<string[]> {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shebao-lang-'));
    const human = await run([...args, '--ics', 'plan.ics'], { cwd });
    const json = await run([...args, '--json']);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(path.join(cwd, 'plan.ics'), 'utf8')));
    const events = calendar.getAllSubcomponents('vevent').flatMap((e) => [e.getFirstPropertyValue('summary'), e.getFirstPropertyValue('description')]);
    return [human.out, human.err, json.out, String(calendar.getFirstPropertyValue('x-wr-calname')), ...events.map(String)];
  }

  it.each(scenarios)('--lang en has no Chinese character: $args', async ({ args, input }) => {
    for (const text of await everything(['--lang', 'en', ...args])) expect(withoutCitations(text, input)).not.toMatch(cjk);
  });

  it.each(scenarios)('the default Chinese has no English sentence: $args', async ({ args, input }) => {
    for (const text of await everything(args)) expect(withoutCitations(text, input)).not.toMatch(englishSentence);
  });

  it('help follows --lang', async () => {
    const zh = await run(['--help']);
    expect(zh.out).toContain('出生日期或预产期（YYYY-MM-DD）');
    expect(zh.out).toContain('示例：');
    const en = await run(['--lang', 'en', '--help']);
    expect(en.out).toContain('birth date or due date (YYYY-MM-DD)');
    expect(en.out).toContain('Examples:');
    expect(en.out).not.toMatch(cjk);
  });
});

describe('shebao plan --ics', () => {
  const args = ['--newborn', '2026-09-01', '--today', '2026-09-10'];

  it('writes the calendar file and says so', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shebao-ics-'));
    const { code, out } = await run([...args, '--ics', 'baby.ics'], { cwd });
    expect(code).toBe(0);
    expect(readFileSync(path.join(cwd, 'baby.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(out).toContain('已写入日历文件 baby.ics（4 个日程）');
  });

  it('refuses to overwrite an existing file unless --force, and keeps stdout pure JSON', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shebao-ics-'));
    const file = path.join(cwd, 'mine.ics');
    writeFileSync(file, 'my own calendar');
    const refused = await run([...args, '--ics', 'mine.ics'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('my own calendar');

    const forced = await run([...args, '--ics', 'mine.ics', '--force', '--json'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
    expect(() => JSON.parse(forced.out)).not.toThrow();
    expect(forced.err).toContain('mine.ics');
  });

  it('exits 2 when the folder does not exist', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shebao-ics-'));
    const { code, err } = await run([...args, '--ics', 'no/such/dir/x.ics'], { cwd });
    expect(code).toBe(2);
    expect(err).toContain('ENOENT');
    expect(existsSync(path.join(cwd, 'no'))).toBe(false);
  });
});

describe('shebao plan in a real process under different time zones', () => {
  const exec = promisify(execFile);
  const root = fileURLToPath(new URL('..', import.meta.url));

  async function spawnPlan(tz: string, args: string[]) {
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'scripts/dev.ts', 'plan', ...args], {
        cwd: root,
        env: { ...process.env, TZ: tz, NO_COLOR: '1', FORCE_COLOR: undefined },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('prints identical JSON in UTC, Los Angeles, Shanghai and Kiritimati', async () => {
    const args = ['--newborn', '2024-07-03', '--applied', '2024-09-27', '--today', '2024-09-28', '--json'];
    const zones = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'];
    const runs = await Promise.all(zones.map((tz) => spawnPlan(tz, args)));
    for (const result of runs) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(runs[0]!.stdout);
    }
    const plan = JSON.parse(runs[0]!.stdout) as Plan;
    const dates = Object.fromEntries(plan.milestones.map((m) => [m.id, m.date]));
    expect(dates).toMatchObject({
      'newborn-enrollment-deadline': '2024-10-08',
      'card-ready-earliest': '2024-10-16',
      'card-ready-latest': '2024-10-27',
    });
  });

  it('exits 2 without a stack trace on a bad date', async () => {
    const result = await spawnPlan('America/Los_Angeles', ['--newborn', '2024-02-30']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"2024-02-30"');
    expect(result.stderr).not.toMatch(stackTrace);
  });
});
