/**
 * The board's team and source filters in headless Chromium: each narrows the cards, lives in the
 * address (a reload keeps it), and speaks Arabic too. Elements are found by role and label.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

const cards = () => page.getByRole('main').getByRole('listitem');
const titles = async () => (await cards().allInnerTexts()).map((t) => t.split('\n')[0]).sort();

beforeAll(async () => {
  app = await openBrowserApp();
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('filtering the board', () => {
  it('by team and by source, kept in the address, in English and Arabic', async () => {
    await setUpWorkspace(page, app.base);
    const omar = await callApiFromPage(page, '/users', {
      body: {
        name: 'Omar',
        email: 'omar@example.com',
        password: 'another long password',
        role: 'rep',
      },
    });
    expect(omar.status).toBe(201);
    const omarId = (omar.body as { id: string }).id;
    const team = await callApiFromPage(page, '/teams', { body: { name: 'Riyadh desk' } });
    expect(team.status).toBe(201);
    const joined = await callApiFromPage(page, `/users/${omarId}/team`, {
      method: 'PUT',
      body: { teamId: (team.body as { id: string }).id },
    });
    expect(joined.status).toBe(200);
    for (const [title, source, ownerId] of [
      ['Omar referral', 'Referral', omarId],
      ['Amira website', 'Website', undefined],
      ['Amira referral', 'Referral', undefined],
    ] as const) {
      const created = await callApiFromPage(page, '/deals', {
        body: { title, source, ...(ownerId ? { ownerId } : {}) },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await page.reload();
    await page.getByRole('listitem', { name: 'Amira website' }).waitFor();
    expect(await titles()).toEqual(['Amira referral', 'Amira website', 'Omar referral']);

    await page.getByLabel('Team').selectOption({ label: 'Riyadh desk' });
    await expect.poll(titles).toEqual(['Omar referral']);
    await expectAccessible(page, 'board filtered by team, English');
    await page.getByLabel('Team').selectOption({ label: 'Every team' });
    await page.getByLabel('Source').fill('Referral');
    await expect.poll(titles).toEqual(['Amira referral', 'Omar referral']);
    expect(new URL(page.url()).searchParams.get('source')).toBe('Referral');

    // The filter is in the address: a reload keeps it, and so does the Arabic board.
    await page.reload();
    await page.getByRole('listitem', { name: 'Omar referral' }).waitFor();
    await expect.poll(titles).toEqual(['Amira referral', 'Omar referral']);
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(() => page.getByLabel('المصدر').inputValue()).toBe('Referral');
    await page.getByLabel('الفريق').selectOption({ label: 'Riyadh desk' });
    await expect.poll(titles).toEqual(['Omar referral']);
    await expectAccessible(page, 'board filtered by team, Arabic');
  }, 120_000);
});
