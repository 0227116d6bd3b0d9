/**
 * Issue 13: what the API words for the page (and a portal) never tells a person to type a command.
 * The words every surface shares name no command and no option; the terminal adds its own after
 * them (`terminal` in the plan and checklist tables), the server its page's (`web` in the serve
 * table), the .ics and the Markdown nothing. This sweeps every region in both languages, before
 * and after applying, through the JSON, the .ics and the Markdown, and the photo check's hints.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDeadlines, renderIcs } from '../src/plan/index.js';
import type { Profile } from '../src/profile/index.js';
import { buildServer, type Server } from '../src/serve/server.js';
import { sampleProfile } from './helpers/profile.js';

/** A command-line option, or a shebao command named as something to run. */
const command = /(^|[\s(（])--[a-z]|shebao (check-photo|fix-photo|plan|checklist|profile|id|rules|serve|interview)\b/;

/** Every text of a document a person reads (not the sources it cites, which are addresses and titles). */
function texts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'source' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((entry) => texts(entry, key));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([name, entry]) => texts(entry, name));
  return [];
}

const today = '2026-03-10';
let server: Server;
let regions: string[];
beforeAll(async () => {
  server = await buildServer({ now: () => new Date(`${today}T04:00:00Z`), concurrency: 1 });
  regions = [...(JSON.parse((await server.app.inject({ url: '/api/regions' })).body) as Array<{ id: string }>).map((region) => region.id), 'national'];
});
afterAll(() => server.app.close());

const found = (list: string[]) => list.filter((text) => command.test(text));

describe('the words the page is given', () => {
  it('has plans for every region and language without a command in them, applied for or not', async () => {
    for (const region of regions) {
      for (const lang of ['zh', 'en']) {
        for (const applied of ['', '&applied=2026-03-05', '&applied=2026-03-20']) {
          const url = `/api/plan?newborn=2026-03-01&region=${region}&lang=${lang}&today=${today}${applied}`;
          const response = await server.app.inject({ url });
          expect(response.statusCode, url).toBe(200);
          expect(found(texts(JSON.parse(response.body))), url).toEqual([]);
          const ics = (await server.app.inject({ url: `${url}&format=ics` })).body;
          expect(found(ics.replace(/\r\n /g, '').split('\r\n').filter((line) => /^(SUMMARY|DESCRIPTION|LOCATION)[:;]/.test(line))), `${url} (ics)`).toEqual([]);
        }
      }
    }
  });

  it('says what to do instead: give the application date, check the photo', async () => {
    const action = async (lang: string, applied = '') => {
      const plan = JSON.parse((await server.app.inject({ url: `/api/plan?newborn=2026-03-01&region=shanghai&lang=${lang}&today=${today}${applied}` })).body) as { milestones: Array<{ id: string; action: string }> };
      return plan.milestones.find((milestone) => milestone.id === 'card-application')?.action;
    };
    expect(await action('en')).toMatch(/when applying\. Check the photo before you apply\. Once you have applied, give the application date/);
    expect(await action('zh')).toMatch(/银行网点。申领前先检查一下照片。申领后填上申领日期/);
    expect(await action('en', '&applied=2026-03-20')).toMatch(/^Planned for 2026-03-20: .* Check the photo before you apply\.$/);
    // Applied: nothing left to say.
    expect(await action('en', '&applied=2026-03-05')).toBe('Applied on 2026-03-05.');
  });

  it('gives the .ics that plan --ics writes: a calendar carries neither the terminal’s words nor the page’s', async () => {
    const ics = (await server.app.inject({ url: `/api/plan?newborn=2026-03-01&region=beijing&lang=zh&today=${today}&format=ics` })).body;
    expect(ics).toBe(renderIcs(planDeadlines({ birthDate: '2026-03-01', region: 'beijing', today }), 'zh'));
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n /g, '')).toContain('需要合格的电子证件照，申领时选好取卡的银行网点。');
  });

  it('has checklists for every region and language without a command in them, as JSON and as Markdown', async () => {
    const profiles: Array<Partial<Profile>> = [
      { child: { birthDate: '2026-03-01' } },
      { child: { birthDate: '2024-01-01' }, stage: 'preschool', hukou: 'non-local', residencePermit: true, applicant: 'agent' },
      { child: { birthDate: '2018-01-01' }, stage: 'school', paid: true, channel: 'bank' },
    ];
    for (const region of regions) {
      for (const lang of ['zh', 'en']) {
        for (const [index, overrides] of profiles.entries()) {
          for (const applied of ['', '&applied=2026-03-05']) {
            const url = `/api/checklist?lang=${lang}&today=${today}${applied}`;
            const payload = sampleProfile({ ...overrides, region }, today);
            const response = await server.app.inject({ method: 'POST', url, payload });
            expect(response.statusCode, `${region} ${index} ${url}: ${response.body}`).toBe(200);
            expect(found(texts(JSON.parse(response.body))), `${region} ${index} ${url}`).toEqual([]);
            const markdown = (await server.app.inject({ method: 'POST', url: `${url}&format=markdown`, payload })).body;
            expect(found(markdown.split('\n')), `${region} ${index} ${url} (markdown)`).toEqual([]);
          }
        }
      }
    }
  });

  it("says in the checklist what to do on the page: the photo's check, the date that gives the card's", async () => {
    const body = async (applied: string) => {
      const response = await server.app.inject({ method: 'POST', url: `/api/checklist?lang=zh&today=${today}${applied}`, payload: sampleProfile({ region: 'shanghai', child: { birthDate: '2026-03-01' } }, today) });
      return JSON.parse(response.body) as { steps: Array<{ tips: Array<{ id: string; text: string }>; items: Array<{ id: string; note: string | null }> }> };
    };
    const list = await body('');
    expect(list.steps.flatMap((step) => step.items).find((item) => item.id === 'e-photo')?.note).toBe('358×441 像素、白底、14–40 KB 的 JPEG；申领前先检查一下');
    expect(list.steps.flatMap((step) => step.tips).find((tip) => tip.id === 'card-duration')?.text).toMatch(/制成。填上申领日期可算出具体日期。$/);
    // Applied: the card has its dates, so the tip asks for none.
    expect((await body('&applied=2026-03-05')).steps.flatMap((step) => step.tips).find((tip) => tip.id === 'card-duration')?.text).toMatch(/制成。$/);
  });

  it("words a fixable problem's hint without fix-photo: POST /api/fix mends it here, and `fixable` says so", async () => {
    const photo = readFileSync(new URL('../fixtures/photo/file-size.fail-large.jpg', import.meta.url));
    for (const lang of ['zh', 'en']) {
      const response = await server.app.inject({ method: 'POST', url: `/api/check?face=false&lang=${lang}`, payload: photo, headers: { 'content-type': 'image/jpeg' } });
      expect(response.statusCode).toBe(200);
      const checks = (JSON.parse(response.body) as { results: Array<{ checks: Array<{ id: string; fixable?: boolean; hint?: string }> }> }).results.flatMap((result) => result.checks);
      expect(checks.find((check) => check.id === 'file-size')).toMatchObject({ fixable: true, hint: expect.any(String) });
      expect(found(checks.flatMap((check) => check.hint ?? [])), lang).toEqual([]);
      // The face checks were turned off by the query, not by a flag: their skip message names none.
      const skipped = checks as Array<{ id: string; status?: string; message?: string }>;
      expect(skipped.find((check) => check.id === 'face-count')).toMatchObject({ status: 'skip' });
      expect(found(skipped.flatMap((check) => check.message ?? [])), lang).toEqual([]);
    }
  });
});
