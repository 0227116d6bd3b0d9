/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 13: the page for parents, clicked through in Debian's chromium against the real server.
 * Each flow is asserted as a person sees it (text on screen, pictures loaded, files downloaded) and
 * photographed into test-artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { ElementHandle, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cjk, englishSentence } from '../helpers/language.js';
import { fixture, openPage, photosSettled, screenshot, start, today, type Harness } from './browser.js';

let harness: Harness;

beforeAll(async () => {
  harness = await start();
});
afterEach(async () => harness?.closePages());
afterAll(async () => harness?.close());

/** A date typed into a date field (its keys depend on the browser's locale; the keyboard test types one). */
async function setDate(page: Page, selector: string, date: string): Promise<void> {
  await page.$eval(selector, (input, value) => {
    (input as HTMLInputElement).value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, date);
}

async function pickPhotos(page: Page, ...names: string[]): Promise<void> {
  const input = (await page.$('#photo-input')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(...names.map(fixture));
  await photosSettled(page, names.length);
  // The annotated pictures arrive as blobs; wait until each is decoded.
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#photo-cards img')].every((img) => img.complete && img.naturalWidth > 0));
}

interface CardSeen {
  name: string;
  verdict: string;
  failed: string[];
  text: string;
  annotated: number;
  fixOffered: boolean;
}

function cardsSeen(page: Page): Promise<CardSeen[]> {
  return page.$$eval('#photo-cards .card', (cards) =>
    cards.map((card) => ({
      name: card.querySelector('h3')?.textContent ?? '',
      verdict: card.querySelector('.verdict')?.textContent ?? '',
      failed: [...card.querySelectorAll<HTMLElement>('.findings li.check.fail')].map((item) => item.dataset.check ?? ''),
      text: (card as HTMLElement).innerText,
      annotated: card.querySelector<HTMLImageElement>('figure.annotated img')?.naturalWidth ?? 0,
      fixOffered: card.querySelector('.offer:not([hidden]) button') !== null,
    })),
  );
}

async function showPlan(page: Page, region: string, birthDate: string): Promise<void> {
  await page.select('#region', region);
  await setDate(page, '#plan-birth', birthDate);
  await page.click('#plan-form button[type="submit"]');
  await page.waitForSelector('#plan-result .timeline');
}

async function showChecklist(page: Page): Promise<void> {
  await page.click('#checklist-form button[type="submit"]');
  await page.waitForSelector('#checklist-result .sheet');
}

/**
 * The page's Chinese texts, and whether each is in the checklist sheet. The language switch names
 * Chinese in Chinese (lang="zh"), as language switches do, and noscript is not shown: both left out.
 */
function chineseOnScreen(page: Page): Promise<Array<{ text: string; inSheet: boolean }>> {
  return page.evaluate((pattern) => {
    const found: Array<{ text: string; inSheet: boolean }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[lang="zh"], noscript')) continue;
      if (new RegExp(pattern).test(node.textContent ?? '')) found.push({ text: (node.textContent ?? '').trim(), inSheet: parent.closest('.sheet') !== null });
    }
    return found;
  }, cjk.source);
}

const visibleText = (page: Page) => page.$eval('body', (body) => body.innerText);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the page (issue 13)', () => {
  it('checks several photos, each with its annotated picture and its problems in plain words', async () => {
    const { page, problems } = await openPage(harness);
    expect(await page.$eval('html', (html) => html.lang)).toBe('zh-CN');
    await pickPhotos(page, 'photo/background.fail-blue.jpg', 'phone/format.fail-heic.heic');
    const [blue, heic] = await cardsSeen(page);
    expect(blue).toMatchObject({ name: 'background.fail-blue.jpg', failed: ['background'], fixOffered: true });
    expect(blue?.annotated).toBeGreaterThan(0);
    expect(blue?.verdict).toContain('有 1 个问题需要处理');
    expect(blue?.text).toContain('白色背景');
    expect(blue?.text).toContain('可自动修复');
    // A phone's HEIC: the browser cannot show it, the server reads it; dark clothing needs a new photo.
    expect(heic).toMatchObject({ name: 'format.fail-heic.heic', failed: ['format', 'clothing-contrast'], fixOffered: false });
    expect(heic?.annotated).toBeGreaterThan(0);
    expect(heic?.text).toContain('需要按提示重新拍照');
    // The command line's advice ("用 shebao fix-photo") has no place on the page.
    expect(blue?.text).not.toContain('shebao fix-photo');
    expect(englishSentence(await visibleText(page))).toBeUndefined();
    await screenshot(page, 'photo-check');
    expect(problems()).toEqual([]);
  });

  it('fixes a phone photo: before and after side by side, and a 358×441 JPEG to download; or says why not', async () => {
    const { page, problems, nextDownload } = await openPage(harness);
    await pickPhotos(page, 'fix/phone-rotated-gps.jpg', 'fix/edge-left.jpg');
    for (const button of await page.$$('.offer button')) await button.click();
    await page.waitForFunction(() => document.querySelectorAll('.fix .verdict, .fix .error').length === 2 && !document.querySelector('.card[aria-busy="true"]'), { timeout: 120_000 });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.compare img')].every((img) => img.complete && img.naturalWidth > 0));
    const [fixed, refused] = await page.$$('#photo-cards .card');
    const compare = await fixed!.$$eval('.compare figure', (figures) => figures.map((figure) => figure.querySelector('figcaption')?.textContent));
    expect(compare).toEqual(['修复前', '修复后']);
    expect(await fixed!.$eval('.fix .verdict', (p) => p.textContent)).toContain('修好了');
    const download = nextDownload();
    await (await fixed!.$('.fix a[download]'))!.click();
    const { file, name } = await download;
    expect(name).toBe('phone-rotated-gps-修复.jpg');
    expect(await sharp(readFileSync(file)).metadata()).toMatchObject({ format: 'jpeg', width: 358, height: 441 });
    // The head is too near the left edge: the reason, and what to do, in the page's words.
    const reason = await refused!.$eval('.fix .error', (box) => (box as HTMLElement).innerText);
    expect(reason).toContain('无法自动修复');
    expect(reason).toContain('左');
    expect(await refused!.$('.fix a[download]')).toBeNull();
    await screenshot(page, 'photo-fix');
    expect(problems()).toEqual([]);
  });

  it('shows the deadlines for a birth date and region on a timeline, and downloads the .ics', async () => {
    const { page, problems, nextDownload } = await openPage(harness);
    await showPlan(page, 'shanghai', '2026-03-01');
    const milestones = await page.$$eval('.milestone', (items) =>
      items.map((item) => ({ id: (item as HTMLElement).dataset.milestone, when: item.querySelector('.when')?.textContent, title: item.querySelector('h4')?.textContent, text: (item as HTMLElement).innerText })),
    );
    expect(milestones.map((milestone) => milestone.id)).toEqual(['newborn-enrollment-deadline', 'newborn-payment-deadline', 'card-application', 'annual-payment-window']);
    expect(milestones[0]).toMatchObject({ when: expect.stringContaining('2026-06-01'), title: '新生儿参保登记截止' });
    expect(milestones[0]?.when).toContain('还有 83 天');
    // What to bring, and where.
    expect(milestones[0]?.text).toContain('出生医学证明');
    expect(milestones[0]?.text).toContain('在哪里办');
    expect(await page.$eval('#plan-result .notes', (notes) => notes.textContent)).toContain('上海的规则是暂定的');
    // What to do next, in words for the page: no command-line option to type.
    expect(milestones[2]?.text).toContain('填上申领日期');
    expect(await visibleText(page)).not.toMatch(/--[a-z]|shebao [a-z]/);
    const download = nextDownload();
    await page.click('#plan-result .ics a');
    const { file, name } = await download;
    expect(name).toBe('shebao-2026-03-01.ics');
    const calendar = readFileSync(file, 'utf8');
    expect(calendar).toMatch(/^BEGIN:VCALENDAR/);
    expect(calendar).toContain('20260601');
    await screenshot(page, 'plan');
    expect(problems()).toEqual([]);
  });

  it('gives the card dates once the day of application is filled in', async () => {
    const { page, problems } = await openPage(harness);
    await setDate(page, '#plan-applied', '2026-03-05');
    await showPlan(page, 'shanghai', '2026-03-01');
    const ids = await page.$$eval('.milestone', (items) => items.map((item) => (item as HTMLElement).dataset.milestone));
    expect(ids).toEqual(expect.arrayContaining(['card-application', 'card-ready-earliest', 'card-ready-latest']));
    expect(await page.$eval('[data-milestone="card-application"]', (item) => (item as HTMLElement).innerText)).toContain('已于 2026-03-05 申领');
    await screenshot(page, 'plan-applied');
    expect(problems()).toEqual([]);
  });

  it('asks only the questions that apply, and shows a printable checklist', async () => {
    const { page, problems } = await openPage(harness);
    await page.select('#region', 'shanghai');
    await setDate(page, '#checklist-birth', '2026-03-01');
    const shown = (name: string) => page.$eval(`[data-when="${name}"]`, (fieldset) => !(fieldset as HTMLFieldSetElement).hidden);
    expect(await shown('residencePermit')).toBe(false);
    await page.click('input[name="hukou"][value="non-local"]');
    expect(await shown('residencePermit')).toBe(true);
    expect(await shown('shanghai120Points')).toBe(true);
    expect(await page.$eval('input[name="stage"]:checked', (input) => (input as HTMLInputElement).value)).toBe('newborn');
    await showChecklist(page);
    const steps = await page.$$eval('.sheet .step', (items) => items.map((item) => (item as HTMLElement).dataset.step));
    expect(steps).toEqual(['enroll', 'apply', 'production', 'collect', 'after']);
    const sheet = await page.$eval('.sheet', (node) => (node as HTMLElement).innerText);
    expect(sheet).toContain('上海 · 出生日期 2026-03-01');
    expect(sheet).toContain('父母一方的上海市居住证（积分达到 120 分）');
    expect(sheet).toContain('原件、复印件');
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.click('.sheet-head button');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await screenshot(page, 'checklist');
    // On paper: the checklist alone.
    await page.emulateMediaType('print');
    expect(await page.$eval('#photo', (section) => getComputedStyle(section).display)).toBe('none');
    expect(await page.$eval('#checklist-form', (form) => getComputedStyle(form).display)).toBe('none');
    await screenshot(page, 'checklist-print');
    await page.emulateMediaType('screen');
    expect(problems()).toEqual([]);
  });

  it('switches to English, and then nothing on screen is Chinese but what the API says in Chinese on purpose', async () => {
    const { page, problems } = await openPage(harness);
    await pickPhotos(page, 'photo/background.fail-blue.jpg');
    await showPlan(page, 'shanghai', '2026-03-01');
    let profile: string | undefined;
    page.on('request', (request) => {
      if (request.url().includes('/api/checklist')) profile = request.postData();
    });
    await showChecklist(page);
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && !document.querySelector('.busy') && document.querySelector('.timeline') && document.querySelector('.sheet'), { timeout: 120_000 });
    await photosSettled(page, 1);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe("Your child's social security card: photo, deadlines, papers");
    // The checklist names papers as the counter names them ("birth certificate (出生医学证明)"):
    // those words are the API's, so they are checked against the API's own English document.
    const api = await fetch(`${harness.base}/api/checklist?lang=en&today=${today}`, { method: 'POST', body: profile, headers: { 'content-type': 'application/json' } });
    const apiTexts = JSON.stringify(collectStrings(await api.json()));
    const chinese = await chineseOnScreen(page);
    expect(chinese.filter((found) => !found.inSheet)).toEqual([]);
    for (const found of chinese) expect(apiTexts).toContain(JSON.stringify(found.text).slice(1, -1));
    await screenshot(page, 'english');
    // The choice is remembered.
    await page.reload({ waitUntil: 'networkidle0' });
    expect(await page.$eval('html', (html) => html.lang)).toBe('en');
    expect(problems()).toEqual([]);
  });

  it("speaks English when the browser's language is English", async () => {
    const { page } = await openPage(harness, { acceptLanguage: 'en-GB,en' });
    expect(await page.$eval('html', (html) => html.lang)).toBe('en');
    expect(await chineseOnScreen(page)).toEqual([]);
  });

  it('can be used with the keyboard alone: pick a photo, fix it, download it', async () => {
    const { page, problems, nextDownload } = await openPage(harness);
    // From the top of the page, Tab reaches the photo picker, with a focus ring that can be seen.
    let presses = 0;
    for (; presses < 20 && (await focusedId(page)) !== 'photo-input'; presses += 1) await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('photo-input');
    expect(await page.$eval('label[for="photo-input"]', (label) => getComputedStyle(label).outlineStyle)).not.toBe('none');
    const choosing = page.waitForFileChooser();
    // A round trip first, so the picker is intercepted before the key that opens it arrives.
    await page.evaluate(() => undefined);
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    await chooser.accept([fixture('fix/phone-rotated-gps.jpg')]);
    await photosSettled(page, 1);
    const fixLabel = '修复这张照片';
    for (presses = 0; presses < 40 && (await page.evaluate(() => document.activeElement?.textContent)) !== fixLabel; presses += 1) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(fixLabel);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.fix .verdict', { timeout: 120_000 });
    // The button gave way to the result: focus is on the download.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('download'))).toBe('phone-rotated-gps-修复.jpg');
    const download = nextDownload();
    await page.keyboard.press('Enter');
    const { file } = await download;
    expect(await sharp(readFileSync(file)).metadata()).toMatchObject({ format: 'jpeg', width: 358, height: 441 });
    await screenshot(page, 'keyboard');
    expect(problems()).toEqual([]);
  });

  it('fits a 360 px wide phone screen', async () => {
    const { page, problems } = await openPage(harness, { width: 360, height: 740 });
    await pickPhotos(page, 'photo/background.fail-blue.jpg');
    await showPlan(page, 'beijing', '2026-03-01');
    await setDate(page, '#checklist-birth', '2026-03-01');
    await showChecklist(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'phone-360');
    expect(problems()).toEqual([]);
  });
});

/** Every string in a JSON document. */
function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}
