/**
 * The machine contract: every `--json` output validates against its published schema (schema/*.json)
 * over representative inputs, in both languages; the schemas are not vacuous (a broken document
 * fails them); their id lists follow the code and rules data; and every schema is used by a test.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChecklist, renderChecklistJson } from '../src/checklist/index.js';
import { runCli } from '../src/cli/main.js';
import { ShebaoError } from '../src/core/errors.js';
import { rulesPath } from '../src/core/rules-loader.js';
import { photoChecks } from '../src/photo/checks/index.js';
import { deadlineRules, regionIds } from '../src/plan/index.js';
import type { Profile } from '../src/profile/index.js';
import { fakeContext } from './helpers/context.js';
import { schema, schemaErrors } from './helpers/schema.js';
import { sampleProfile } from './helpers/profile.js';

const root = new URL('..', import.meta.url).pathname;
const today = '2026-11-22';
const langs = ['zh', 'en'] as const;

async function run(args: string[], cwd = root) {
  const ctx = fakeContext({ cwd });
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** Run a `--json` command and return its one document, failing on anything but one JSON value. */
async function json(args: string[], expectedCode = 0, cwd = root): Promise<Record<string, unknown>> {
  const { code, out, err } = await run(args, cwd);
  expect(code, `${args.join(' ')}\n${err}`).toBe(expectedCode);
  return JSON.parse(out) as Record<string, unknown>;
}

/** A deep copy changed by `change`: a document that should no longer match its schema. */
function broken<T>(doc: T, change: (copy: any) => void): T {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
}

/** The `enum` of a definition in a schema file, e.g. enumOf('plan', '$defs', 'milestoneId'). */
function schemaFile(name: string): any {
  return JSON.parse(readFileSync(path.join(root, 'schema', `${name}.json`), 'utf8'));
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('shebao plan --json (schema/plan.json)', () => {
  /** Birth dates (and application dates) that reach every status, warning and branch of the facts. */
  const scenarios: Record<string, { args: string[] }> = {
    newborn: { args: ['--newborn', '2026-10-10', '--today', today] },
    overdue: { args: ['--newborn', '2024-05-01', '--today', today] },
    applied: { args: ['--newborn', '2026-09-01', '--applied', '2026-11-02', '--today', today] },
    'applied in the future': { args: ['--newborn', '2026-10-10', '--applied', '2026-12-01', '--today', today] },
    'future birth at year end': { args: ['--newborn', '2027-11-20', '--today', today] },
    'deadline moved off a holiday': { args: ['--newborn', '2024-07-03', '--today', '2024-07-22'] },
    'card over a holiday': { args: ['--newborn', '2024-08-01', '--applied', '2024-09-27', '--today', '2024-09-28'] },
  };
  const cases = regionIds().flatMap((region) => Object.keys(scenarios).flatMap((scenario) => langs.map((lang) => [region, scenario, lang] as const)));
  const seen = { milestones: new Set<string>(), warnings: new Set<string>(), statuses: new Set<string>(), overdue: false, moved: false, holiday: false };

  it.each(cases)('%s, %s, --lang %s', async (region, scenario, lang) => {
    const doc = await json(['plan', ...scenarios[scenario]!.args, '--region', region, '--json', '--lang', lang]);
    expect(schemaErrors('plan', doc)).toEqual([]);
    expect(doc.region).toBe(region);
    const milestones = doc.milestones as Array<{ id: string; status: string; facts: Record<string, any> }>;
    for (const milestone of milestones) {
      seen.milestones.add(milestone.id);
      seen.statuses.add(milestone.status);
      if (milestone.facts.overdue) seen.overdue = true;
      if (milestone.facts.moved) seen.moved = true;
      if (milestone.facts.moved?.holiday) seen.holiday = true;
    }
    for (const warning of doc.warnings as Array<{ id: string }>) seen.warnings.add(warning.id);
  });

  it('the scenarios above reach every milestone, status and warning the schema lists', () => {
    const defs = schemaFile('plan').$defs;
    expect(sorted(seen.milestones)).toEqual(sorted(defs.milestoneId.enum));
    expect(sorted(seen.statuses)).toEqual(sorted(defs.milestoneStatus.enum));
    expect(sorted(seen.warnings)).toEqual(sorted(defs.warningId.enum));
    expect(seen).toMatchObject({ overdue: true, moved: true, holiday: true });
  });

  it.each(langs)('--list-regions --json, --lang %s', async (lang) => {
    const doc = await json(['plan', '--list-regions', '--json', '--lang', lang]);
    expect(schemaErrors('plan', doc)).toEqual([]);
    expect((doc as unknown as Array<{ id: string }>).map((region) => region.id)).toEqual(regionIds());
  });

  it('a plan that breaks the contract fails the schema', async () => {
    const doc = await json(['plan', '--newborn', '2024-05-01', '--region', 'wuhan', '--applied', '2026-11-02', '--today', today, '--json']);
    const milestones = (d: any) => d.milestones as any[];
    const byId = (d: any, id: string) => milestones(d).find((m) => m.id === id);
    expect(schemaErrors('plan', doc)).toEqual([]);
    const breakages: Array<[string, (d: any) => void]> = [
      ['a fact missing', (d) => delete byId(d, 'newborn-enrollment-deadline').facts.window],
      ['a fact of another milestone', (d) => (byId(d, 'card-collection').facts.coverYear = 2027)],
      ['a period in weeks', (d) => (byId(d, 'newborn-enrollment-deadline').facts.window.unit = 'weeks')],
      ['a rules text left in two languages', (d) => (byId(d, 'newborn-enrollment-deadline').facts.where.office = { zh: '医保', en: 'office' })],
      ['a date as a sentence', (d) => (byId(d, 'card-ready-earliest').date = '2026年12月1日')],
      ['the wrong kind for the id', (d) => (byId(d, 'card-application').kind = 'deadline')],
      ['a window without its start', (d) => (byId(d, 'annual-payment-window').start = null)],
      ['an unknown milestone id', (d) => (milestones(d)[0].id = 'card-lost')],
      ['a word field gone', (d) => delete milestones(d)[0].title],
      ['an unknown top-level field', (d) => (d.language = 'zh')],
      ['the language unnamed', (d) => delete d.lang],
      ['warning data of the wrong type', (d) => (d.warnings[0].hotlines = '12333')],
      ['warning data missing', (d) => delete d.warnings[0].regionName],
      ['warning data of another warning', (d) => (d.warnings[0].years = [2027])],
    ];
    for (const [why, change] of breakages) expect(schemaErrors('plan', broken(doc, change)), why).not.toEqual([]);
  });
});

describe('shebao checklist --json (schema/checklist.json)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shebao-schemas-'));
  const photo = (name: string) => path.join(root, 'fixtures/photo', name);
  const base = sampleProfile({}, today);
  const profiles: Record<string, Partial<Profile>> = {
    'newborn, Shanghai, non-local, by an agent, a photo that fails': {
      region: 'shanghai',
      hukou: 'non-local',
      residencePermit: true,
      shanghai120Points: false,
      applicant: 'agent',
      special: ['low-income', 'disability'],
      photo: photo('background.fail-blue.jpg'),
    },
    'older child, Beijing, at the bank': { region: 'beijing', child: { birthDate: '2024-05-01' }, stage: 'preschool', channel: 'bank' },
    'school child already paid, Wuhan, a photo that passes': { region: 'wuhan', paid: true, stage: 'school', child: { birthDate: '2016-01-01' }, photo: photo('pass.jpg') },
    'non-local without a permit, a photo with a warning': { hukou: 'non-local', residencePermit: false, stage: 'kindergarten', child: { birthDate: '2022-03-15' }, photo: photo('resolution.warn-72dpi.jpg') },
    'Shanghai kindergarten with 120 points, extreme poverty': {
      region: 'shanghai',
      hukou: 'non-local',
      residencePermit: true,
      shanghai120Points: true,
      stage: 'kindergarten',
      child: { birthDate: '2022-03-15' },
      special: ['extreme-poverty'],
    },
    'born at year end, Shenzhen, a photo that has gone': { region: 'shenzhen', child: { birthDate: '2025-12-20' }, photo: path.join(dir, 'gone.jpg') },
  };
  for (const [name, changes] of Object.entries(profiles)) writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ ...base, ...changes }));
  const cases = Object.keys(profiles).flatMap((name) => langs.flatMap((lang) => [[name, lang, false], [name, lang, true]] as const));
  const seen = { photo: new Set<string>(), steps: new Set<string>(), tips: new Set<string>(), done: false };

  it.each(cases)('%s, --lang %s, applied: %s', async (name, lang, applied) => {
    const doc = await json(['checklist', '--profile', `${name}.json`, '--json', '--today', today, '--lang', lang, ...(applied ? ['--applied', '2026-11-20'] : [])], 0, dir);
    expect(schemaErrors('checklist', doc)).toEqual([]);
    expect(doc.lang).toBe(lang);
    seen.photo.add((doc.photo as { status: string }).status);
    for (const step of doc.steps as Array<{ id: string; done: boolean; tips: Array<{ kind: string }> }>) {
      seen.steps.add(step.id);
      if (step.done) seen.done = true;
      for (const tip of step.tips) seen.tips.add(tip.kind);
    }
  });

  it('the profiles reach a failing, a passing and no photo, a done step and both kinds of tip', () => {
    expect(sorted(seen.photo)).toEqual(['fail', 'not-given', 'pass']);
    expect(seen.done).toBe(true);
    expect(sorted(seen.tips)).toEqual(['card-duration', 'rule']);
  });

  it.each(langs)('a photo that could not be checked (library, --lang %s)', (lang) => {
    const profile = { ...base, region: 'beijing' };
    const coded = buildChecklist(profile, { today, photo: { file: 'photo.jpg', error: new ShebaoError('file-unreadable', { file: 'photo.jpg', reason: 'EACCES' }) } });
    const codedDoc = JSON.parse(renderChecklistJson(coded, lang));
    expect(schemaErrors('checklist', codedDoc)).toEqual([]);
    expect(codedDoc.photo).toMatchObject({ status: 'unreadable', errorCode: 'file-unreadable' });
    const plain = JSON.parse(renderChecklistJson(buildChecklist(profile, { today, photo: { file: 'photo.jpg', error: new Error('EIO') } }), lang));
    expect(schemaErrors('checklist', plain)).toEqual([]);
    expect(plain.photo).toMatchObject({ status: 'unreadable', errorCode: null });
  });

  it('a checklist that breaks the contract fails the schema', async () => {
    const doc = await json(['checklist', '--profile', `${Object.keys(profiles)[0]}.json`, '--json', '--today', today, '--applied', '2026-11-20'], 0, dir);
    expect(schemaErrors('checklist', doc)).toEqual([]);
    const breakages: Array<[string, (d: any) => void]> = [
      ['steps out of order', (d) => d.steps.reverse()],
      ['a step missing', (d) => d.steps.pop()],
      ['a date in the wrong step', (d) => (d.steps[0].dates[0].id = 'card-collection')],
      ['an unknown item', (d) => (d.steps[0].items[0].id = 'passport')],
      ['a rules text left in two languages', (d) => (d.steps[0].items[0].text = { zh: '户口簿', en: 'household register' })],
      ['a place without its office', (d) => delete d.steps[0].places[0].office],
      ['a card-duration tip without its periods', (d) => delete d.steps[2].tips.find((t: any) => t.kind === 'card-duration').earliest],
      ['a fix command that is not one', (d) => (d.photo.fixCommand = 'rm -rf photos')],
      ['a failed check that passed', (d) => (d.photo.failed[0].status = 'pass')],
      ['a warning without its data', (d) => delete d.warnings[0].hotlines],
      ['the language unnamed', (d) => delete d.lang],
    ];
    for (const [why, change] of breakages) expect(schemaErrors('checklist', broken(doc, change)), why).not.toEqual([]);
  });
});

describe('shebao id --json (schema/id.json)', () => {
  const numbers: Array<[string, string[], number]> = [
    ['valid', ['11010519491231002X'], 0],
    ['valid, lowercase x in groups', ['1101', '0519', '4912', '3100', '2x'], 0],
    ['valid, full-width digits', ['１１０１０５１９４９１２３１００２Ｘ'], 0],
    ['valid, 15 digits upgraded', ['110105491231002'], 0],
    ['valid, Hong Kong permit', ['810000199001011230'], 0],
    ['empty (nothing on stdin)', [], 1],
    ['too short', ['11010519491231002'], 1],
    ['a letter', ['11010519491231002Y'], 1],
    ['no such province (a warning), wrong check character', ['991105194912310021'], 1],
    ['no such province, otherwise valid', ['000000199001010018'], 0],
    ['no such day', ['11010519491331002X'], 1],
    ['born after today', ['11010520991231002X'], 1],
    ['wrong check character', ['110105194912310021'], 1],
  ];
  const cases = numbers.flatMap(([why, parts, code]) => langs.flatMap((lang) => [[why, parts, code, lang, false], [why, parts, code, lang, true]] as const));
  const reasons = new Set<string>();

  it.each(cases)('%s (%j), exit %i, --lang %s, --show: %s', async (_why, parts, code, lang, show) => {
    const doc = await json(['id', ...parts, '--json', '--today', today, '--lang', lang, ...(show ? ['--show'] : [])], code);
    expect(schemaErrors('id', doc)).toEqual([]);
    expect(doc.valid).toBe(code === 0);
    expect(doc.masked).toBe(!show);
    for (const problem of doc.problems as Array<{ reason: string }>) reasons.add(problem.reason);
  });

  it('the numbers above reach every reason code', () => {
    expect(sorted(reasons)).toEqual(sorted(schemaFile('id').$defs.reason.enum));
  });

  it('an id document that breaks the contract fails the schema', async () => {
    const valid = await json(['id', '11010519491231002X', '--json', '--today', today]);
    const invalid = await json(['id', '110105194912310021', '--json', '--today', today], 1);
    const shown = await json(['id', '110105194912310021', '--json', '--show', '--today', today], 1);
    expect(schemaErrors('id', valid)).toEqual([]);
    expect(schemaErrors('id', invalid)).toEqual([]);
    const breakages: Array<[string, unknown]> = [
      ['the whole number while masked', broken(valid, (d) => (d.number = '11010519491231002X'))],
      ['valid with a reason', broken(valid, (d) => (d.reason = 'bad-check-digit'))],
      ['valid without a province', broken(valid, (d) => (d.province = null))],
      ['a province name left in two languages', broken(valid, (d) => (d.province.name = { zh: '北京', en: 'Beijing' }))],
      ['invalid without problems', broken(invalid, (d) => (d.problems = []))],
      ['a problem id that does not match its reason', broken(invalid, (d) => (d.problems[0].id = 'area'))],
      ['a problem without its data', broken(shown, (d) => delete d.problems[0].expected)],
      ['the check characters beside a masked number', broken(invalid, (d) => Object.assign(d.problems[0], { expected: 'X', actual: '1' }))],
      ['a masked number showing its area code', broken(valid, (d) => (d.number = '110105************'))],
      ['a problem with the number in it', broken(invalid, (d) => (d.problems[0].number = '110105194912310021'))],
      ['an unknown reason', broken(invalid, (d) => (d.reason = 'bad-luck'))],
    ];
    for (const [why, doc] of breakages) expect(schemaErrors('id', doc), why).not.toEqual([]);
  });
});

describe('shebao rules --json (schema/rules.json)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shebao-schemas-rules-'));
  writeFileSync(
    path.join(dir, 'my-city.json'),
    JSON.stringify({
      id: 'my-city',
      extends: 'shebao-card',
      name: { zh: '某市社保卡照片', en: "My city's card photo" },
      source: '某市人社局通知 2026-03',
      verified: '2026-11-01',
      checks: { 'file-size': { minBytes: 9216, maxBytes: 20480, source: '某市人社局通知 2026-03', verified: '2026-11-01' }, resolution: false, 'head-tilt': false },
    }),
  );
  const options: Array<[string, string[]]> = [
    ['the defaults', []],
    ['ga461 in Shanghai', ['--spec', 'ga461', '--region', 'shanghai']],
    ['shebao-card in Wuhan', ['--spec', 'shebao-card', '--region', 'wuhan']],
    ['a spec file that switches checks off, in Shenzhen', ['--spec', 'my-city.json', '--region', 'shenzhen']],
  ];
  const cases = options.flatMap(([why, args]) => langs.map((lang) => [why, args, lang] as const));

  it.each(cases)('%s (%j), --lang %s', async (_why, args, lang) => {
    const doc = await json(['rules', '--json', ...args, '--lang', lang], 0, dir);
    expect(schemaErrors('rules', doc)).toEqual([]);
    expect(doc.lang).toBe(lang);
    expect((doc.photoChecks as Array<{ id: string }>).map((check) => check.id)).toEqual(photoChecks.map((check) => check.id));
    expect((doc.deadlineRules as Array<{ id: string }>).map((rule) => rule.id)).toEqual(deadlineRules.map((rule) => rule.id));
  });

  it('a rules document that breaks the contract fails the schema', async () => {
    const doc = await json(['rules', '--json', '--spec', 'my-city.json'], 0, dir);
    const check = (d: any, id: string) => d.photoChecks.find((c: any) => c.id === id);
    const rule = (d: any, id: string) => d.deadlineRules.find((r: any) => r.id === id);
    expect(schemaErrors('rules', doc)).toEqual([]);
    const breakages: Array<[string, (d: any) => void]> = [
      ['a parameter of another check', (d) => (check(d, 'file-size').params.dpi = 350)],
      ['a parameter as a sentence', (d) => (check(d, 'file-size').params.maxBytes = '40 KB')],
      ['a disabled check with parameters', (d) => (check(d, 'resolution').params = { dpi: 350 })],
      ['an enabled check without a source', (d) => delete check(d, 'dimensions').source],
      ['a warning-level check made an error', (d) => (check(d, 'recent').severity = 'error')],
      ['a deadline rule without its figures', (d) => delete rule(d, 'annual-payment-window').params.start],
      ['a card period in weeks', (d) => (rule(d, 'card-ready-earliest').params.earliest.unit = 'weeks')],
    ];
    for (const [why, change] of breakages) expect(schemaErrors('rules', broken(doc, change)), why).not.toEqual([]);
  });
});

describe('the schemas themselves', () => {
  const names = readdirSync(path.join(root, 'schema'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length));

  it.each(names)('schema/%s.json compiles and names itself', (name) => {
    expect(typeof schema(name)).toBe('function');
    const file = schemaFile(name);
    expect(file.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(file.$id).toBe(`https://unpkg.com/shebao/schema/${name}.json`);
  });

  it('every schema is validated against real output by some test', () => {
    const tests = readdirSync(path.join(root, 'test'))
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => readFileSync(path.join(root, 'test', file), 'utf8'))
      .join('\n');
    const unused = names.filter((name) => !new RegExp(`schemaErrors\\(['"]${name}['"]`).test(tests));
    expect(unused).toEqual([]);
  });

  it('id lists follow the code and the rules data', () => {
    const materials = JSON.parse(readFileSync(rulesPath('materials.json'), 'utf8')) as { items: Array<{ id: string }> };
    const steps = JSON.parse(readFileSync(rulesPath('checklist-steps.json'), 'utf8')) as { steps: Array<{ id: string; tips: Array<{ id: string }> }> };
    const plan = schemaFile('plan').$defs;
    const checklist = schemaFile('checklist').$defs;
    expect(plan.milestoneId.enum).toEqual(deadlineRules.map((rule) => rule.id));
    expect(schemaFile('check-photo').$defs.check.properties.id.enum).toEqual(photoChecks.map((check) => check.id));
    expect(checklist.stepId.enum).toEqual(steps.steps.map((step) => step.id));
    expect(sorted(checklist.item.properties.id.enum)).toEqual(sorted(materials.items.map((item) => item.id)));
    // The rules file's tips, plus the two a region file gives (src/checklist/build.ts regionTips).
    expect(sorted(checklist.tip.else.properties.id.enum)).toEqual(sorted([...steps.steps.flatMap((step) => step.tips.map((tip) => tip.id)), 'birth-bundle', 'photo-not-needed']));
  });
});
