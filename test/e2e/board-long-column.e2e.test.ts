/**
 * A column with many more cards than fit: past 60 loaded cards the column draws only those in
 * view, loads the next page by itself as its end comes near, and every card can still be
 * reached by scrolling. Counted on the page's elements, in Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, openBrowserApp } from '../browser-app.js';
import { setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;
const DEALS = 160;

beforeAll(async () => {
  app = await openBrowserApp({ width: 1600, height: 900 });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('a column of 160 cards', () => {
  it('keeps a bounded number of cards in the page while scrolling to the last one', async () => {
    await setUpWorkspace(page, app.base);
    // Created in parallel from the page, ten at a time.
    const created = await page.evaluate(async (count) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      let ok = 0;
      for (let start = 0; start < count; start += 10) {
        const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) =>
          fetch('/api/v1/deals', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({
              title: `Long column deal ${String(start + i + 1).padStart(3, '0')}`,
            }),
          }),
        );
        ok += (await Promise.all(batch)).filter((r) => r.status === 201).length;
      }
      return ok;
    }, DEALS);
    expect(created).toBe(DEALS);
    await page.reload();
    const column = page.locator('section.column').first();
    const cards = column.locator('li.deal-card');
    await expect.poll(() => cards.count()).toBe(25);
    const more = column.getByRole('button', { name: /^Show more/ });
    await more.click();
    await expect.poll(() => cards.count()).toBe(50);
    await more.click();
    // 75 loaded: from here only what is in view is drawn.
    await expect.poll(async () => (await cards.count()) < 60).toBe(true);

    let mostDrawn = 0;
    const last = column.getByRole('listitem', { name: 'Long column deal 001', exact: true });
    for (let step = 0; step < 200 && (await last.count()) === 0; step += 1) {
      await column.locator('.column__scroll').evaluate((box) => {
        box.scrollTop += box.clientHeight;
      });
      await page.waitForTimeout(50);
      mostDrawn = Math.max(mostDrawn, await cards.count());
    }
    // The oldest deal (the column's last card) was reached, with never more than a screenful
    // and its margin in the page.
    await last.waitFor();
    expect(mostDrawn).toBeGreaterThan(0);
    expect(mostDrawn).toBeLessThan(45);
    // The last page may still be settling into the list: at its end, the last row is drawn.
    await expect
      .poll(async () => {
        await column.locator('.column__scroll').evaluate((box) => {
          box.scrollTop = box.scrollHeight;
        });
        const indexes = await cards.evaluateAll((items) =>
          items.map((item) => Number(item.getAttribute('data-index'))),
        );
        return Math.max(...indexes);
      })
      .toBe(DEALS - 1);
  }, 120_000);
});
