/**
 * "Search everywhere" in headless Chromium, as a person would use it: Ctrl+K opens the command
 * palette, an Arabic name typed without its hamza finds the deal, the arrow keys choose it and
 * Enter opens its page; a phone number in Arabic-Indic digits typed in the header's box finds the
 * contact; Escape closes; the same in the Arabic interface. Elements are found by role and label.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

const DEAL = 'أحمد للتجارة';

async function create(path: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const created = await callApiFromPage(page, path, { body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string };
}

const palette = (name: string) => page.getByRole('dialog', { name });
const option = (dialog: string, title: string) =>
  palette(dialog).getByRole('option').filter({ hasText: title });

/** Opens the palette with Ctrl+K and types `query` into its combobox. */
async function searchWithShortcut(dialog: string, query: string) {
  await page.keyboard.press('Control+K');
  await palette(dialog).waitFor();
  const combobox = palette(dialog).getByRole('combobox', { name: dialog });
  await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true);
  await combobox.fill(query);
  return combobox;
}

/** Moves down to the result titled `title`, checking that the combobox points at it. */
async function chooseWithArrows(dialog: string, title: string, steps: number) {
  const combobox = palette(dialog).getByRole('combobox');
  for (let i = 0; i < steps; i += 1) await combobox.press('ArrowDown');
  const chosen = option(dialog, title);
  await expect.poll(() => chosen.getAttribute('aria-selected')).toBe('true');
  const chosenId = await chosen.getAttribute('id');
  expect(await combobox.getAttribute('aria-activedescendant')).toBe(chosenId);
}

beforeAll(async () => {
  app = await openBrowserApp({ width: 1400, height: 900 });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('search everywhere in Chromium', () => {
  it('finds records from the palette and the header, by keyboard, in English and Arabic', async () => {
    await setUpWorkspace(page, app.base);
    const company = await create('/companies', { name: 'مؤسسة الأمل' });
    const deal = await create('/deals', { title: DEAL, companyId: company.id });
    await create('/deals', { title: 'Jeddah port cranes' });
    await create('/activities', { kind: 'call', subject: 'اتصال مع أحمد' });
    await create('/contacts', { name: 'Sara Al-Harbi', phones: [{ value: '+966 50 123 4567' }] });

    // Ctrl+K, "احمد" without the hamza: the deal first, labelled as a deal, then the activity.
    const en = 'Search everywhere';
    await searchWithShortcut(en, 'احمد');
    await expect.poll(() => option(en, DEAL).count()).toBe(1);
    await expect.poll(() => palette(en).getByRole('option').count()).toBe(2);
    expect(await palette(en).getByRole('option').first().textContent()).toContain(DEAL);
    expect(await option(en, DEAL).textContent()).toContain('Deal');
    expect(await option(en, DEAL).textContent()).toContain('مؤسسة الأمل');
    expect(await option(en, 'اتصال مع أحمد').textContent()).toContain('Activity');
    await expect.poll(() => palette(en).getByRole('status').textContent()).toBe('2 results');
    await chooseWithArrows(en, DEAL, 1);
    await expectAccessible(page, 'command palette, English');

    // Down wraps round to the first again after the last; Enter opens the deal's page.
    await chooseWithArrows(en, 'اتصال مع أحمد', 1);
    await chooseWithArrows(en, DEAL, 1);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: DEAL, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/deals/${deal.id}`);
    await expect.poll(() => palette(en).count()).toBe(0);

    // Escape closes the palette.
    await searchWithShortcut(en, 'Jeddah');
    await expect.poll(() => option(en, 'Jeddah port cranes').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette(en).count()).toBe(0);

    // The header's box: a phone number in Arabic-Indic digits finds the contact by phone.
    const box = page.getByRole('banner').getByRole('searchbox', { name: en });
    await box.click();
    await palette(en).getByRole('combobox').fill('٠٥٠ ١٢٣ ٤٥٦٧');
    await expect.poll(() => option(en, 'Sara Al-Harbi').count()).toBe(1);
    expect(await option(en, 'Sara Al-Harbi').textContent()).toContain('+966 50 123 4567');
    await chooseWithArrows(en, 'Sara Al-Harbi', 1);
    await page.keyboard.press('Enter');
    // The contact's own page.
    await page.getByRole('heading', { name: 'Sara Al-Harbi', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[\w-]+$/);

    // Arabic: the same by keyboard, the results labelled in Arabic, right to left.
    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'Sara Al-Harbi', level: 1 }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    const ar = 'البحث في كل مكان';
    await searchWithShortcut(ar, 'احمد');
    await expect.poll(() => palette(ar).getByRole('option').count()).toBe(2);
    expect(await option(ar, DEAL).textContent()).toContain('صفقة');
    expect(await option(ar, 'اتصال مع أحمد').textContent()).toContain('نشاط');
    await expect.poll(() => palette(ar).getByRole('status').textContent()).toBe('نتيجتان');
    await chooseWithArrows(ar, DEAL, 1);
    await expectAccessible(page, 'command palette, Arabic');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: DEAL, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/deals/${deal.id}`);
  }, 180_000);
});
