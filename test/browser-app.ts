import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { vi } from 'vitest';
import { ensureWebBuild, freePort, launchChromium } from './browser.js';
import { startServer } from './cli.js';

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
