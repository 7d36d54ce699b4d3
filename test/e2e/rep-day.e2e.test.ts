/**
 * A rep's day in headless Chromium, once in English and once in Arabic: from the board into a
 * deal, change its amount and close date, add a decision maker, add two line items and take
 * their total as the amount, log a call, plan the next step, make a company from the deal page,
 * complete the step from My day, merge two duplicate companies, and find a deal and a contact
 * from the command palette by an Arabic name typed without its hamza. Words are looked up in the
 * app's own translation files, so each run speaks the language it tests.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';
import { type Language, say } from '../words.js';

let app: BrowserApp;
let admin: Page;
const REP_PASSWORD = 'a rep’s long password';

async function api<T>(page: Page, path: string, body?: unknown, method?: string): Promise<T> {
  const answer = await callApiFromPage(page, path, {
    ...(body === undefined ? { method: method ?? 'GET' } : { body }),
    ...(method ? { method } : {}),
  });
  expect(answer.status, `${method ?? 'POST'} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(
    300,
  );
  return answer.body as T;
}

interface Record_ {
  id: string;
  version: number;
}

beforeAll(async () => {
  app = await openBrowserApp({ width: 1400, height: 900 });
  admin = app.page;
  await setUpWorkspace(admin, app.base);
  await api(admin, '/users', {
    email: 'omar@example.com',
    name: 'Omar',
    password: REP_PASSWORD,
    role: 'rep',
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function signInAsRep(language: Language): Promise<Page> {
  const context = await app.browser.newContext({
    locale: language === 'ar' ? 'ar-SA' : 'en-US',
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(app.base);
  // The sign-in page speaks the browser's language.
  await page.getByLabel(say(language, 'login.email')).fill('omar@example.com');
  await page.getByLabel(say(language, 'login.password')).fill(REP_PASSWORD);
  await page.getByRole('button', { name: say(language, 'login.submit') }).click();
  await page.getByRole('heading', { name: say(language, 'myDay.title'), level: 1 }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(
    language === 'ar' ? 'rtl' : 'ltr',
  );
  return page;
}

/** A local datetime-local value an hour before now, in the page's zone. */
function anHourAgo(page: Page): Promise<string> {
  return page.evaluate(() => {
    const at = new Date(Date.now() - 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  });
}

describe.each(['en', 'ar'] as const)('a rep’s day, in %s', (language) => {
  it('works a deal from the board to My day, merges duplicates, finds by Arabic name', async () => {
    const w = (key: string, values?: Record<string, string | number>) => say(language, key, values);
    const me = await api<{ user: { id: string } }>(admin, '/auth/me');
    const users = await api<{ items: { id: string; email: string }[] }>(admin, '/users');
    const repId = users.items.find((u) => u.email === 'omar@example.com')?.id;
    const dealTitle = `Fleet renewal ${language}`;
    const deal = await api<Record_>(admin, '/deals', {
      title: dealTitle,
      amountMinor: 1_000_000,
      currency: 'USD',
      ownerId: repId,
    });
    const seats = await api<Record_>(admin, '/products', {
      name: `Seat licence ${language}`,
      listPriceMinor: 100_000,
      currency: 'USD',
    });
    await api(admin, '/products', {
      name: `Onboarding ${language}`,
      listPriceMinor: 250_000,
      currency: 'USD',
    });
    const personName = `أحمد الزهراني ${language}`;
    await api(admin, '/contacts', { name: personName });
    const arabicDeal = await api<Record_>(admin, '/deals', {
      title: `توريد أحمد ${language}`,
      ownerId: repId,
    });
    const kept = await api<Record_>(admin, '/companies', {
      name: `Gulf Trading ${language}`,
      domain: `gulf-${language}.example`,
    });
    const duplicate = await api<Record_>(admin, '/companies', {
      name: `Gulf Trading Co ${language}`,
    });
    const dupDeal = await api<Record_>(admin, '/deals', {
      title: `Duplicate’s deal ${language}`,
      companyId: duplicate.id,
      ownerId: repId,
    });
    expect(me.user.id).not.toBe(repId);

    const page = await signInAsRep(language);
    // A rep's day starts at My day.
    await page.getByRole('heading', { name: w('myDay.title'), level: 1 }).waitFor();
    await expectAccessible(page, `My day, ${language}`);

    // From the board into the deal.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: w('nav.board'), exact: true })
      .click();
    const card = page.getByRole('listitem').filter({ hasText: dealTitle });
    await card.getByRole('link', { name: w('board.open') }).click();
    await page.getByRole('heading', { name: dealTitle, level: 1 }).waitFor();

    const edit = async (field: string, fill: () => Promise<void>) => {
      const button = page.getByRole('button', {
        name: w('record.editField', { field }),
        exact: true,
      });
      await button.click();
      await fill();
      await page.getByRole('button', { name: w('record.save'), exact: true }).click();
      await button.waitFor();
    };
    const dealNow = () =>
      api<{
        amountMinor: number;
        expectedCloseDate: string | null;
        contacts: unknown[];
        companyId: string | null;
      }>(page, `/deals/${deal.id}`);

    await edit(w('deal.amount'), () =>
      page.getByLabel(w('deal.amount'), { exact: true }).fill('30000'),
    );
    await expect.poll(async () => (await dealNow()).amountMinor).toBe(3_000_000);
    await edit(w('deal.expectedCloseDate'), () =>
      page.getByLabel(w('deal.expectedCloseDate')).fill('2027-02-15'),
    );
    await expect.poll(async () => (await dealNow()).expectedCloseDate).toBe('2027-02-15');

    // A decision maker.
    await page.getByRole('button', { name: w('record.addContact') }).click();
    await page.getByLabel(w('records.findContact')).fill('احمد');
    await page.getByLabel(w('record.contact'), { exact: true }).selectOption({ label: personName });
    await page
      .getByLabel(w('record.role'))
      .selectOption({ label: w('lists.contacts.roleNames.decisionMaker') });
    await page.getByRole('button', { name: w('record.addContact') }).click();
    await page.getByRole('link', { name: personName }).waitFor();
    await expect
      .poll(async () => (await dealNow()).contacts)
      .toEqual([{ contactId: expect.any(String), role: 'decision_maker' }]);

    // Two line items, then their total as the amount: 2 × 1,000 + 2,500 less 10 % = 4,250.
    const addItem = async (product: string, quantity: string, discount?: string) => {
      await page.getByRole('button', { name: w('items.add') }).click();
      const form = page.getByRole('form', { name: w('items.add') });
      const select = form.getByRole('combobox', { name: w('items.product') });
      const value = await select.locator('option', { hasText: product }).getAttribute('value');
      await select.selectOption(value ?? '');
      await form.getByLabel(w('items.quantity')).fill(quantity);
      if (discount) await form.getByLabel(w('items.discountPercent')).fill(discount);
      await form.getByRole('button', { name: w('items.addSubmit') }).click();
      await form.waitFor({ state: 'detached' });
    };
    await addItem(`Seat licence ${language}`, '2');
    await addItem(`Onboarding ${language}`, '1', '10');
    await page
      .getByText(w('items.mismatch', { amount: '', total: '' }).split('(')[0] ?? '')
      .first()
      .waitFor();
    await page.getByRole('button', { name: w('items.useAsAmount') }).click();
    await expect.poll(async () => (await dealNow()).amountMinor).toBe(425_000);
    const items = await api<{ items: { productId: string }[]; amountMatchesItems: boolean }>(
      page,
      `/deals/${deal.id}/items`,
    );
    expect(items.items.map((i) => i.productId)).toContain(seats.id);
    expect(items.amountMatchesItems).toBe(true);

    // Log a call: two taps.
    await page.getByRole('button', { name: w('activity.logOne') }).click();
    await page.getByRole('button', { name: w('activity.log') }).click();
    const call = w('lists.activities.kind_call');
    await page.getByRole('article', { name: `${call}: ${call}` }).waitFor();

    // The next step, due an hour ago: it waits in My day as overdue.
    const stepSubject = `Send the contract ${language}`;
    await page.getByRole('button', { name: w('activity.setNextStep') }).click();
    await page.getByLabel(w('activity.subject')).fill(stepSubject);
    await page.getByLabel(w('activity.dueAt')).fill(await anHourAgo(page));
    await page.getByRole('button', { name: w('activity.schedule'), exact: true }).click();
    await page
      .getByRole('region', { name: w('activity.nextStep') })
      .getByText(stepSubject)
      .waitFor();

    // A company made from the deal page.
    const companyName = `Al Noor ${language}`;
    await page
      .getByRole('button', { name: w('record.editField', { field: w('deal.company') }) })
      .click();
    await page.getByRole('button', { name: w('records.newCompany') }).click();
    const dialog = page.getByRole('dialog', { name: w('records.newCompany') });
    await dialog.getByLabel(w('records.company.name')).fill(companyName);
    await dialog.getByRole('button', { name: w('records.createCompany') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: w('record.save'), exact: true }).click();
    await page.getByRole('link', { name: companyName }).waitFor();
    await expectAccessible(page, `deal page, ${language}`);

    // Complete the step from My day.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: w('myDay.title'), exact: true })
      .click();
    // Due an hour ago: today's, or overdue just after midnight.
    const dueNow = page.getByRole('region', {
      name: new RegExp(`${w('myDay.today')}|${w('myDay.overdue')}`),
    });
    await dueNow.getByText(stepSubject).waitFor();
    await dueNow
      .getByRole('button', { name: w('activity.completeNamed', { subject: stepSubject }) })
      .click();
    await expect.poll(() => dueNow.getByText(stepSubject).count()).toBe(0);
    const activities = await api<{ items: { subject: string; isDone: boolean }[] }>(
      page,
      `/activities?dealId=${deal.id}`,
    );
    expect(activities.items.find((a) => a.subject === stepSubject)?.isDone).toBe(true);

    // Merge the duplicate company into the kept one, from the kept one's page.
    await page.goto(`${app.base}/companies/${kept.id}`);
    await page.getByRole('heading', { name: `Gulf Trading ${language}`, level: 1 }).waitFor();
    await page.getByLabel(w('merge.find')).fill('Gulf Trading Co');
    await page
      .getByRole('combobox', { name: w('merge.duplicate') })
      .selectOption({ label: `Gulf Trading Co ${language}` });
    await page.getByRole('button', { name: w('merge.mergeHere') }).click();
    const confirm = page.getByRole('dialog', {
      name: w('merge.confirmTitle', {
        duplicate: `Gulf Trading Co ${language}`,
        kept: `Gulf Trading ${language}`,
      }),
    });
    await confirm.waitFor();
    await expectAccessible(page, `merge dialog, ${language}`);
    await confirm.getByRole('button', { name: w('merge.confirm') }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: `Duplicate’s deal ${language}` }).waitFor();
    expect((await api<{ companyId: string }>(page, `/deals/${dupDeal.id}`)).companyId).toBe(
      kept.id,
    );
    expect(
      (await callApiFromPage(page, `/companies/${duplicate.id}`, { method: 'GET' })).status,
    ).toBe(404);
    await page.getByText(w('merge.mergedFrom', { name: `Gulf Trading Co ${language}` })).waitFor();
    await expectAccessible(page, `company page, ${language}`);

    // The palette finds the deal and the person by "احمد", typed without the hamza.
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: w('search.title') });
    await palette.getByRole('combobox').fill('احمد');
    await palette
      .getByRole('option')
      .filter({ hasText: `توريد أحمد ${language}` })
      .waitFor();
    const person = palette.getByRole('option').filter({ hasText: personName });
    await person.click();
    await page.getByRole('heading', { name: personName, level: 1 }).waitFor();
    await expectAccessible(page, `contact page, ${language}`);
    expect(arabicDeal.id).toBeTruthy();
    await page.context().close();
  }, 120_000);
});
