/**
 * Saved views of the board in Chromium: the board as filtered is saved under a name, shared; a
 * plain board then takes the view back from the View menu (its filters and its pipeline land in
 * the address), and the view is updated and deleted. Checked with axe-core in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await openBrowserApp({ width: 1600, height: 900 });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const card = (title: string) => page.getByRole('listitem', { name: title, exact: true });

describe('saved board views', () => {
  it('saves the board as filtered, brings it back, updates and deletes it', async () => {
    await setUpWorkspace(page, app.base);
    for (const [title, source] of [
      ['Referral deal', 'Referral'],
      ['Website deal', 'Website'],
    ]) {
      expect((await callApiFromPage(page, '/deals', { body: { title, source } })).status).toBe(201);
    }
    const pipeline = await callApiFromPage(page, '/pipelines', {
      body: { nameEn: 'Renewals', nameAr: 'التجديدات' },
    });
    const renewalsId = (pipeline.body as { id: string }).id;
    await page.goto(`${app.base}/?source=Referral`);
    await card('Referral deal').waitFor();
    await expect.poll(() => card('Website deal').count()).toBe(0);

    await page.getByRole('button', { name: 'Save view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this view of the board' });
    await dialog.getByLabel('Name').fill('Referrals');
    await dialog.getByLabel('Shared with the workspace').check();
    await expectAccessible(page, 'save a view, English');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const views = await callApiFromPage(page, '/views?kind=board', { method: 'GET' });
    const saved = (
      views.body as { items: { id: string; name: string; filters: unknown; isShared: boolean }[] }
    ).items;
    expect(saved).toEqual([
      expect.objectContaining({
        name: 'Referrals',
        filters: { source: 'Referral' },
        isShared: true,
      }),
    ]);

    // A plain board takes the view back.
    await page.goto(app.base);
    await card('Website deal').waitFor();
    await page
      .getByRole('combobox', { name: 'View' })
      .selectOption({ label: 'Referrals (shared)' });
    await expect.poll(() => card('Website deal').count()).toBe(0);
    await card('Referral deal').waitFor();
    expect(new URL(page.url()).searchParams.get('source')).toBe('Referral');

    // Updated with another pipeline, then deleted.
    await page.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'Renewals' });
    // The view saves the board as it is: wait until the board has taken the new pipeline.
    await expect.poll(() => new URL(page.url()).searchParams.get('pipeline')).toBe(renewalsId);
    await page.getByRole('button', { name: 'Update “Referrals”' }).click();
    await expect
      .poll(async () => {
        const body = (await callApiFromPage(page, '/views?kind=board', { method: 'GET' })).body as {
          items: { pipelineId: string | null }[];
        };
        return body.items[0]?.pipelineId;
      })
      .toBe(renewalsId);
    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    await page.getByRole('button', { name: 'احفظ العرض…' }).waitFor();
    await expectAccessible(page, 'board with a view, Arabic');
    await page.getByRole('banner').getByLabel('اللغة').selectOption('en');
    page.once('dialog', (confirm) => void confirm.accept());
    await page.getByRole('button', { name: 'Delete “Referrals”' }).click();
    await expect
      .poll(async () => {
        const body = (await callApiFromPage(page, '/views?kind=board', { method: 'GET' })).body as {
          items: unknown[];
        };
        return body.items.length;
      })
      .toBe(0);
  }, 90_000);
});
