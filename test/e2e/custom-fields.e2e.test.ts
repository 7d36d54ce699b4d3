/**
 * Custom fields in headless Chromium, in English and in Arabic: an admin defines a field with
 * options in both languages in the settings; a rep fills it on a deal's page, filters the deal
 * list and the board by it, and exports the list with it as a column.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let admin: Page;
const REP_PASSWORD = 'a rep’s long password';

const WORDS = {
  en: {
    settings: 'Settings',
    language: 'Language',
    addField: 'Add a field',
    on: 'On',
    deals: 'deals',
    labelEn: 'Label in English',
    labelAr: 'Label in Arabic',
    type: 'Type',
    oneOfList: 'One of a list',
    options: 'Options, one per line: English | Arabic',
    addSubmit: 'Add the field',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    edit: (field: string) => `Edit ${field}`,
    save: 'Save',
    dealsNav: 'Deals',
    boardNav: 'Board',
    customField: 'Custom field',
    value: (field: string) => `${field}: Value`,
    exportCsv: 'Export CSV',
    open: 'Open deal',
  },
  ar: {
    settings: 'الإعدادات',
    language: 'اللغة',
    addField: 'أضف حقلًا',
    on: 'في',
    deals: 'الصفقات',
    labelEn: 'التسمية بالإنجليزية',
    labelAr: 'التسمية بالعربية',
    type: 'النوع',
    oneOfList: 'خيار واحد من قائمة',
    options: 'الخيارات، واحد في كل سطر: الإنجليزية | العربية',
    addSubmit: 'أضف الحقل',
    email: 'البريد الإلكتروني',
    password: 'كلمة المرور',
    signIn: 'دخول',
    edit: (field: string) => `تعديل ${field}`,
    save: 'حفظ',
    dealsNav: 'الصفقات',
    boardNav: 'لوحة الصفقات',
    customField: 'حقل مخصص',
    value: (field: string) => `${field}: القيمة`,
    exportCsv: 'تصدير CSV',
    open: 'فتح الصفقة',
  },
};

beforeAll(async () => {
  app = await openBrowserApp({ width: 1600, height: 900 });
  admin = app.page;
  await setUpWorkspace(admin, app.base);
  const rep = await callApiFromPage(admin, '/users', {
    body: { email: 'salma@example.com', name: 'Salma', password: REP_PASSWORD, role: 'rep' },
  });
  expect(rep.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe.each(['en', 'ar'] as const)('custom fields, in %s', (language) => {
  it('defined in settings, filled on a deal, filtering the list and the board, exported', async () => {
    const w = WORDS[language];
    const labelEn = `Contract tier ${language}`;
    const labelAr = `فئة العقد ${language}`;
    const label = language === 'ar' ? labelAr : labelEn;
    const gold = language === 'ar' ? 'ذهبي' : 'Gold';

    // The admin defines the field, in the run's language.
    await admin.goto(`${app.base}/settings`);
    await admin
      .getByRole('banner')
      .getByLabel(WORDS.en.language)
      .or(admin.getByRole('banner').getByLabel(WORDS.ar.language))
      .selectOption(language);
    const form = admin.getByRole('form', { name: w.addField });
    await form.getByLabel(w.on, { exact: true }).selectOption({ label: w.deals });
    await form.getByLabel(w.labelEn).fill(labelEn);
    await form.getByLabel(w.labelAr).fill(labelAr);
    await form.getByLabel(w.type, { exact: true }).selectOption({ label: w.oneOfList });
    await form.getByLabel(w.options).fill('Gold | ذهبي\nSilver | فضي');
    await form.getByRole('button', { name: w.addSubmit }).click();
    await admin.getByRole('rowheader', { name: label }).waitFor();
    await expectAccessible(admin, `custom fields in settings, ${language}`);
    const fields = await callApiFromPage(admin, '/custom-fields', { method: 'GET' });
    const field = (fields.body as { items: { key: string; labelEn: string }[] }).items.find(
      (f) => f.labelEn === labelEn,
    );
    expect(field?.key).toBe(`contract_tier_${language}`);

    const goldDeal = `Gold deal ${language}`;
    const otherDeal = `Plain deal ${language}`;
    const users = (await callApiFromPage(admin, '/users', { method: 'GET' })).body as {
      items: { id: string; email: string }[];
    };
    const repId = users.items.find((u) => u.email === 'salma@example.com')?.id;
    const created = await callApiFromPage(admin, '/deals', {
      body: { title: goldDeal, ownerId: repId },
    });
    const deal = created.body as { id: string };
    await callApiFromPage(admin, '/deals', { body: { title: otherDeal, ownerId: repId } });

    // The rep fills it on the deal's page.
    const context = await app.browser.newContext({
      locale: language === 'ar' ? 'ar-SA' : 'en-US',
      viewport: { width: 1600, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(app.base);
    await page.getByLabel(w.email).fill('salma@example.com');
    await page.getByLabel(w.password).fill(REP_PASSWORD);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('banner').waitFor();
    await page.goto(`${app.base}/deals/${deal.id}`);
    await page.getByRole('heading', { name: goldDeal, level: 1 }).waitFor();
    await page.getByRole('button', { name: w.edit(label), exact: true }).click();
    await page.getByLabel(label, { exact: true }).selectOption({ label: gold });
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await page.getByRole('button', { name: w.edit(label), exact: true }).waitFor();
    const saved = await callApiFromPage(page, `/deals/${deal.id}`, { method: 'GET' });
    expect((saved.body as { customFields: Record<string, unknown> }).customFields).toMatchObject({
      [`contract_tier_${language}`]: 'gold',
    });

    // The deal list, filtered by it: only the gold deal.
    await page.getByRole('banner').getByRole('link', { name: w.dealsNav, exact: true }).click();
    await page.getByRole('rowheader', { name: otherDeal }).waitFor();
    await page.getByLabel(w.customField).selectOption({ label });
    await page.getByLabel(w.value(label)).selectOption({ label: gold });
    await expect.poll(() => page.getByRole('rowheader', { name: otherDeal }).count()).toBe(0);
    await page.getByRole('rowheader', { name: goldDeal }).waitFor();
    await page.getByRole('columnheader', { name: new RegExp(label) }).waitFor();
    await expectAccessible(page, `deal list filtered by a custom field, ${language}`);

    // Its export holds the column and the value, and only the filtered deal.
    const href = await page.getByRole('link', { name: w.exportCsv }).getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href ?? '');
    expect(csv).toContain(label);
    expect(csv).toContain(goldDeal);
    expect(csv).toContain(gold);
    expect(csv).not.toContain(otherDeal);

    // The board, filtered by it.
    await page.getByRole('banner').getByRole('link', { name: w.boardNav, exact: true }).click();
    const cards = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: w.open }) });
    await cards.filter({ hasText: otherDeal }).waitFor();
    await page.getByLabel(w.customField).selectOption({ label });
    await page.getByLabel(w.value(label)).selectOption({ label: gold });
    await expect.poll(() => cards.filter({ hasText: otherDeal }).count()).toBe(0);
    await cards.filter({ hasText: goldDeal }).waitFor();
    await context.close();
  }, 120_000);
});
