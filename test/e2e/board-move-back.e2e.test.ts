/// <reference lib="dom" />
/**
 * A card dropped on an earlier stage opens the move-back dialog at once, its reason field focused,
 * while dnd-kit's pointer sensor still handles the drop: for 50 ms after it, the sensor clears the
 * page's text selection on every change (clauderic/dnd-kit#1037), which took the caret out of the
 * field and lost what was typed then. The page's clock is paused at the drop, so that window stays
 * open for as long as the test needs: the field keeps its caret, and the reason typed in it is
 * kept and sent with the move.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, drag, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

const column = (name: string) => page.getByRole('region', { name, exact: true });
const card = (title: string) => page.getByRole('listitem', { name: title, exact: true });

beforeAll(async () => {
  app = await openBrowserApp();
  page = app.page;
  // The page's timers run as usual until the test pauses them.
  await page.clock.install();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('moving a deal back on the board', () => {
  it('keeps the reason typed as soon as the dialog opens, and sends it', async () => {
    await setUpWorkspace(page, app.base);
    const board = await callApiFromPage(page, '/board');
    const stages = (board.body as { columns: { stage: { id: string; key: string } }[] }).columns;
    const prospecting = stages.find((c) => c.stage.key === 'prospecting')?.stage.id;
    const created = await callApiFromPage(page, '/deals', {
      body: { title: 'Jeddah port tender', stageId: prospecting },
    });
    expect(created.status).toBe(201);
    await page.reload();
    await card('Jeddah port tender').waitFor();

    // Counts the selection changes seen while a field of a dialog has focus. This listener, on the
    // window, runs before any on the document for the same change: once it has counted one, the
    // sensor's listener has had that change too.
    await page.evaluate(() => {
      const counter = window as unknown as { fieldSelectionChanges: number };
      counter.fieldSelectionChanges = 0;
      window.addEventListener(
        'selectionchange',
        () => {
          const active = document.activeElement;
          if (active instanceof HTMLInputElement && active.closest('dialog')) {
            counter.fieldSelectionChanges += 1;
          }
        },
        true,
      );
    });

    // Drag to Lead generation with real pointer events; the clock stops just before the release,
    // so the sensor's 50 ms after the drop never run out on their own.
    await drag(page, card('Jeddah port tender'), column('Lead generation'), () =>
      page.clock.pauseAt(Date.now() + 1_000),
    );

    const back = page.getByRole('dialog', { name: 'Move back to Lead generation' });
    const why = back.getByLabel('Why is this deal moving back?');
    await expect.poll(() => why.evaluate((field) => field === document.activeElement)).toBe(true);
    await page.waitForFunction(
      () => (window as unknown as { fieldSelectionChanges: number }).fieldSelectionChanges > 0,
    );
    // The caret is still in the field: nothing took the selection away.
    expect(await page.evaluate(() => document.getSelection()?.rangeCount)).toBe(1);

    await why.pressSequentially('The decision maker left');
    expect(await why.inputValue()).toBe('The decision maker left');

    // Time runs again (and the sensor, done with the drop, lets clicks through): send the move.
    await page.clock.runFor(100);
    await page.clock.resume();
    const move = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/move'),
    );
    await back.getByRole('button', { name: 'Move back' }).click();
    expect((await move).postDataJSON()).toMatchObject({ reason: 'The decision maker left' });
    await expect.poll(() => back.count()).toBe(0);
    await expect
      .poll(() =>
        column('Lead generation').getByRole('listitem', { name: 'Jeddah port tender' }).count(),
      )
      .toBe(1);
  }, 120_000);
});
