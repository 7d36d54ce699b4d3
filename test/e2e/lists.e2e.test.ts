/**
 * The list pages and settings in headless Chromium, as a person would use them: find deals by an
 * Arabic name typed with other letter forms, export what is on screen, give deals another owner
 * while someone else edits one of them, read configured beside historical probabilities, and see
 * the list mirror in Arabic. Elements are found by role and label.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

const ARABIC_DEAL = 'توريد أحمد للمعدات';
const OTHER_DEAL = 'Jeddah port cranes';

const dealsTable = (name = 'Deals') => page.getByRole('table', { name, exact: true });
const dealRow = (title: string) =>
  dealsTable()
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: title }) });

async function createDeal(title: string) {
  const created = await callApiFromPage(page, '/deals', {
    body: { title, amountMinor: 1_500_000, currency: 'USD' },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number };
}

/** The other list pages, by their name in the main navigation (and title) in each language. */
const OTHER_LISTS = {
  en: ['Companies', 'Contacts', 'Activities'],
  ar: ['الشركات', 'جهات الاتصال', 'الأنشطة'],
};

/** Opens each of the other list pages from the main navigation and checks it with axe-core. */
async function checkOtherLists(language: 'en' | 'ar') {
  for (const name of OTHER_LISTS[language]) {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    // The table's rows have come: the count under it says so.
    await page.locator('.load-more [role=status]').waitFor();
    await expectAccessible(page, `${name} list, ${language === 'en' ? 'English' : 'Arabic'}`);
  }
}

beforeAll(async () => {
  app = await openBrowserApp({ width: 1600, height: 900 });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the list pages and settings in Chromium', () => {
  it('filters, exports and reassigns deals, shows probabilities, and mirrors in Arabic', async () => {
    await setUpWorkspace(page, app.base);
    await createDeal(ARABIC_DEAL);
    const other = await createDeal(OTHER_DEAL);
    const company = await callApiFromPage(page, '/companies', { body: { name: 'Almarai' } });
    expect(company.status).toBe(201);
    const contact = await callApiFromPage(page, '/contacts', {
      body: { name: 'Khalid', companyId: (company.body as { id: string }).id },
    });
    expect(contact.status).toBe(201);
    const added = await callApiFromPage(page, '/users', {
      body: {
        name: 'Omar',
        email: 'omar@example.com',
        password: 'another long password',
        role: 'rep',
      },
    });
    expect(added.status).toBe(201);
    // The page learned the workspace's people before Omar joined.
    await page.reload();

    await page.getByRole('navigation').getByRole('link', { name: 'Deals', exact: true }).click();
    await expect.poll(() => dealRow(ARABIC_DEAL).count()).toBe(1);
    await expect.poll(() => dealRow(OTHER_DEAL).count()).toBe(1);

    // "احمد" without the hamza finds "أحمد"; the other deal goes.
    await page.getByLabel('Search deals').fill('احمد');
    await expect.poll(() => dealRow(OTHER_DEAL).count()).toBe(0);
    await expect.poll(() => dealRow(ARABIC_DEAL).count()).toBe(1);
    await expect
      .poll(() =>
        dealRow(ARABIC_DEAL).getByRole('link', { name: ARABIC_DEAL }).getAttribute('href'),
      )
      .toMatch(/^\/deals\/.+/);
    await expectAccessible(page, 'deals list, English');

    // The export link carries the same filter, and the file holds the row on screen only.
    const exportLink = page.getByRole('link', { name: 'Export CSV', exact: true });
    await expect
      .poll(async () =>
        new URL((await exportLink.getAttribute('href')) ?? '', app.base).searchParams.get('q'),
      )
      .toBe('احمد');
    const href = (await exportLink.getAttribute('href')) ?? '';
    expect(href.startsWith('/api/v1/exports/deals.csv?')).toBe(true);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv).toContain(ARABIC_DEAL);
    expect(csv).not.toContain(OTHER_DEAL);
    const xlsx = page.getByRole('link', { name: 'Export XLSX', exact: true });
    expect(await xlsx.getAttribute('href')).toMatch(/^\/api\/v1\/exports\/deals\.xlsx\?.*q=/);

    // Both deals to Omar, while someone else edits one of them first: that one is refused
    // (409) and said so; the other changes.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => dealRow(OTHER_DEAL).count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Select all rows' }).check();
    const edited = await callApiFromPage(page, `/deals/${other.id}`, {
      method: 'PATCH',
      version: other.version,
      body: { amountMinor: 2_000_000 },
    });
    expect(edited.status).toBe(200);
    const bulk = page.getByRole('form', { name: 'Change the owner of the selected deals' });
    await bulk.getByLabel('New owner').selectOption({ label: 'Omar' });
    await bulk.getByRole('button', { name: 'Change owner' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Owner changed on 1 deal.' }).count())
      .toBe(1);
    await expect
      .poll(() => dealRow(OTHER_DEAL).getByText('Changed by someone else').count())
      .toBe(1);
    await expect
      .poll(() => dealRow(ARABIC_DEAL).getByRole('cell', { name: 'Omar' }).count())
      .toBe(1);
    await expect
      .poll(() => dealRow(OTHER_DEAL).getByRole('cell', { name: 'Amira' }).count())
      .toBe(1);
    await expectAccessible(page, 'deals list with a selection and a bulk change, English');

    // A deal's page, opened from the list.
    await dealRow(ARABIC_DEAL).getByRole('link', { name: ARABIC_DEAL }).click();
    await page.getByRole('heading', { name: ARABIC_DEAL, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Next step', level: 2 }).waitFor();
    await expectAccessible(page, 'deal page, English');
    await checkOtherLists('en');

    // Settings: each stage's configured probability beside its historical one.
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const stages = page.getByRole('table', { name: 'Stages of Sales' });
    await expect
      .poll(() => stages.getByRole('columnheader', { name: 'Configured probability' }).count())
      .toBe(1);
    await expect
      .poll(() => stages.getByRole('columnheader', { name: 'Historical probability' }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByLabel('Configured probability of Prospecting (%)').inputValue())
      .toBe('10');

    // A value the API refuses is shown next to its field; a good one is kept.
    const englishName = page.getByLabel('English name of Prospecting');
    await englishName.fill('   ');
    await page.getByRole('button', { name: 'Save Prospecting' }).click();
    await expect.poll(() => englishName.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await englishName.getAttribute('aria-describedby')) ?? '';
    await expect.poll(() => page.locator(`[id="${errorId}"]`).textContent()).toMatch(/\S/);
    await expectAccessible(page, 'settings with a refused value, English');
    await englishName.fill('Prospecting');
    await page.getByLabel('Configured probability of Prospecting (%)').fill('15');
    await page.getByRole('button', { name: 'Save Prospecting' }).click();
    await expect.poll(() => englishName.getAttribute('aria-invalid')).toBe('false');
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Configured probability of Prospecting (%)').inputValue())
      .toBe('15');

    // Arabic: the list page runs right to left.
    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    await page.getByRole('navigation').getByRole('link', { name: 'الصفقات', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(() => dealsTable('الصفقات').getByRole('rowheader').count()).toBe(2);
    await expect
      .poll(() => page.getByRole('link', { name: 'تصدير CSV', exact: true }).getAttribute('href'))
      .toContain('lang=ar');
    await expectAccessible(page, 'deals list, Arabic');
    await dealsTable('الصفقات').getByRole('link', { name: ARABIC_DEAL }).click();
    await page.getByRole('heading', { name: 'الخطوة التالية', level: 2 }).waitFor();
    await expectAccessible(page, 'deal page, Arabic');
    await checkOtherLists('ar');
  }, 180_000);
});
