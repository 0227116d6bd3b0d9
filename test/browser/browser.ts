/**
 * What the browser tests share: the real server on a free port, the system's chromium driven by
 * puppeteer-core, downloads caught in a folder, and screenshots kept in test-artifacts/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildServer } from '../../src/serve/server.js';

export const root = path.resolve(import.meta.dirname, '../..');
export const fixture = (name: string) => path.join(root, 'fixtures', name);
const screenshots = path.join(root, 'test-artifacts', 'screenshots');

/** The day the tests count from: fixed, so the deadlines on screen do not move. */
export const today = '2026-03-10';

export interface Harness {
  base: string;
  browser: Browser;
  /** Close the pages a test opened (each in its own context). */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/** Debian's chromium (CHROMIUM_PATH, or `chromium` on the PATH); without it the tests cannot run at all. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('No chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  }
}

/** The server, and a browser. */
export async function start(): Promise<Harness> {
  const { app } = await buildServer();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  return {
    base,
    browser,
    // The default context's blank tab stays: the browser closes with its last window.
    closePages: async () => {
      await Promise.all(browser.browserContexts().filter((context) => context !== browser.defaultBrowserContext()).map((context) => context.close()));
    },
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

export interface Download {
  /** Where it was saved. */
  file: string;
  /** The name the browser offered it under. */
  name: string;
}

export interface Opened {
  page: Page;
  /** Requests to other hosts and uncaught errors on the page so far: the page works offline and without errors. */
  problems: () => string[];
  /** Resolves with the page's next download once it has finished. */
  nextDownload: () => Promise<Download>;
}

export interface PageOptions {
  width?: number;
  height?: number;
  /** More of the page's query, after the pinned date. */
  query?: string;
  /** The browser's languages (navigator.languages): Chinese unless given, as most parents' phones are. */
  acceptLanguage?: string;
}

/**
 * A page at `/` with the date pinned, loaded and settled, in a browser context of its own (no
 * language or region remembered from another test).
 */
export async function openPage(harness: Harness, options: PageOptions = {}): Promise<Opened> {
  const context = await harness.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: options.width ?? 1024, height: options.height ?? 800 });
  const session = await page.createCDPSession();
  await session.send('Network.setUserAgentOverride', { userAgent: await harness.browser.userAgent(), acceptLanguage: options.acceptLanguage ?? 'zh-CN,zh' });
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(harness.base) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(`fetched ${url}`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  const nextDownload = await catchDownloads(harness.browser, context.id);
  // The file picker opens only from the page in front.
  await page.bringToFront();
  await page.goto(`${harness.base}/?today=${today}${options.query ?? ''}`, { waitUntil: 'networkidle0' });
  return { page, problems: () => [...foreign, ...errors], nextDownload };
}

/** The context's downloads go to a new folder, each under its guid (two of one name never clash). */
async function catchDownloads(browser: Browser, browserContextId: string | undefined): Promise<() => Promise<Download>> {
  const folder = mkdtempSync(path.join(tmpdir(), 'shebao-downloads-'));
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: folder, eventsEnabled: true, ...(browserContextId ? { browserContextId } : {}) });
  const names = new Map<string, string>();
  session.on('Browser.downloadWillBegin', (event) => names.set(event.guid, event.suggestedFilename));
  return () =>
    new Promise((resolve, reject) => {
      const progress = (event: { guid: string; state: string }) => {
        if (event.state === 'inProgress') return;
        session.off('Browser.downloadProgress', progress);
        const name = names.get(event.guid) ?? '';
        if (event.state === 'completed') resolve({ file: path.join(folder, event.guid), name });
        else reject(new Error(`download of ${name} ${event.state}`));
      };
      session.on('Browser.downloadProgress', progress);
    });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

/** Wait until no photo card is busy and `count` cards are drawn. */
export async function photosSettled(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('#photo-cards .card[aria-busy="false"]').length === n, { timeout: 120_000 }, count);
}
