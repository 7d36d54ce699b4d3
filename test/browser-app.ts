import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { vi } from 'vitest';
import { ensureWebBuild, freePort, launchChromium } from './browser.js';
import { startServer } from './cli.js';
import { say } from './words.js';

export interface BrowserApp {
  /** The server's address, e.g. http://127.0.0.1:41234 */
  base: string;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

/**
 * What every browser test starts from: `qanat serve` on a SQLite file of its own, and a page in a
 * fresh Chromium, in English. Each poll may take a few seconds: the page waits on a server and a
 * browser that share the machine with other tests.
 */
export async function openBrowserApp(
  viewport: { width: number; height: number } = { width: 2100, height: 900 },
): Promise<BrowserApp> {
  vi.setConfig({ expect: { poll: { timeout: 5_000 } } });
  ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'qanat-e2e-'));
  const server = await startServer(
    { DATABASE_URL: `sqlite:${join(dir, 'qanat.sqlite')}` },
    await freePort(),
  );
  const browser = await launchChromium();
  const page = await (await browser.newContext({ locale: 'en-US', viewport })).newPage();
  return {
    base: server.base,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Drags with real pointer events, in small steps, as a hand would; `beforeRelease` runs with the
 * pointer over the target, just before the button goes up.
 */
export async function drag(
  page: Page,
  item: Locator,
  target: Locator,
  beforeRelease?: () => Promise<void>,
): Promise<void> {
  await item.scrollIntoViewIfNeeded();
  const from = await item.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('element not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await beforeRelease?.();
  await page.mouse.up();
}

/** axe-core's browser build, injected into the page under test. */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core');

/** The rules of WCAG 2.0 and 2.1, levels A and AA: the project's standard. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation as lines a test failure can be read from: rule, impact, help, the elements. */
function describeViolation(violation: Result): string {
  const targets = violation.nodes.map((node) => {
    const summary = node.failureSummary?.replace(/\s+/g, ' ').trim();
    return `    - ${node.target.join(' ')}${summary ? `: ${summary}` : ''}`;
  });
  return [
    `  ${violation.id} [${violation.impact ?? 'no impact'}] ${violation.help} (${violation.helpUrl})`,
    ...targets,
  ].join('\n');
}

/**
 * Checks the page as it stands against WCAG 2.0 and 2.1, levels A and AA, with axe-core, and
 * fails naming each violation, its impact, what it asks for and the elements at fault. `context`
 * names the screen and language for the failure message, e.g. 'board, Arabic'.
 */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    await page.addScriptTag({ path: AXE_SCRIPT });
  }
  const results = await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as { axe: { run: (options: RunOptions) => Promise<AxeResults> } }
      ).axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_AA,
  );
  const { violations } = results;
  if (violations.length > 0) {
    throw new Error(
      `${violations.length} accessibility violation(s) on ${context} (${page.url()}):\n` +
        violations.map(describeViolation).join('\n'),
    );
  }
}

/**
 * A page of the app signed in as the workspace's first admin (setUpWorkspace's), in `language`:
 * the app's own page for English, a new Arabic browser context signed in for Arabic.
 */
export async function pageIn(app: BrowserApp, language: 'en' | 'ar'): Promise<Page> {
  if (language === 'en') return app.page;
  const context = await app.browser.newContext({
    locale: 'ar-SA',
    viewport: app.page.viewportSize() ?? { width: 1500, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(app.base);
  await page.getByLabel(say('ar', 'login.email')).fill('amira@example.com');
  await page.getByLabel(say('ar', 'login.password')).fill('a long enough password');
  await page.getByRole('button', { name: say('ar', 'login.submit') }).click();
  // Signed in: the main menu is there.
  await page.getByRole('link', { name: say('ar', 'nav.myDay') }).waitFor();
  return page;
}
