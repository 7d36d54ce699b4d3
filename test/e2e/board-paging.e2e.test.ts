/**
 * A long column in headless Chromium: the board shows its first 25 cards, "Show more" appends
 * the rest, an appended card can still be dragged to another column, and the button speaks
 * Arabic too. Elements are found by role and label.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, drag, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

const column = (name: string) => page.getByRole('region', { name, exact: true });
const cardsIn = (name: string) =>
  column(name).getByRole('list', { name, exact: true }).getByRole('listitem');

beforeAll(async () => {
  app = await openBrowserApp();
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('a long board column in Chromium', () => {
  it('shows 25 cards, then the rest on "Show more", and still drags them', async () => {
    await setUpWorkspace(page, app.base);
    const board = await callApiFromPage(page, '/board');
    const stages = (board.body as { columns: { stage: { id: string; key: string } }[] }).columns;
    const proposal = stages.find((c) => c.stage.key === 'proposal')?.stage.id;
    for (let i = 1; i <= 30; i += 1) {
      const created = await callApiFromPage(page, '/deals', {
        body: {
          title: `Paging deal ${String(i).padStart(2, '0')}`,
          stageId: proposal,
          expectedCloseDate: '2026-12-31',
        },
      });
      expect(created.status).toBe(201);
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Pipeline board' }).waitFor();

    await expect.poll(() => cardsIn('Proposal').count()).toBe(25);
    await expect.poll(() => column('Proposal').getByText('30 deals').count()).toBe(1);
    const appended = page.getByRole('listitem', { name: 'Paging deal 01', exact: true });
    expect(await appended.count()).toBe(0);
    const showMore = column('Proposal').getByRole('button', { name: 'Show more in Proposal' });
    await showMore.click();
    await expect.poll(() => cardsIn('Proposal').count()).toBe(30);
    await expect.poll(() => showMore.count()).toBe(0);
    await expect.poll(() => column('Proposal').getByText('30 deals').count()).toBe(1);

    // The oldest deal came with the appended page; it moves like any other card.
    await drag(page, appended, column('Negotiation & closing'));
    await expect.poll(() => cardsIn('Negotiation & closing').count()).toBe(1);
    await expect
      .poll(() => cardsIn('Negotiation & closing').first().getAttribute('aria-label'))
      .toBe('Paging deal 01');
    await expect.poll(() => column('Proposal').getByText('29 deals').count()).toBe(1);
    await expect.poll(() => cardsIn('Proposal').count()).toBe(29);

    // After a reload the column is back to its first page; the button speaks Arabic too.
    await page.reload();
    await expect.poll(() => cardsIn('Proposal').count()).toBe(25);
    await page.getByLabel('Language').selectOption('ar');
    await expect
      .poll(() =>
        column('العرض').getByRole('button', { name: 'عرض المزيد في العرض', exact: true }).count(),
      )
      .toBe(1);
  }, 120_000);
});
