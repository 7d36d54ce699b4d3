/**
 * After the sale in headless Chromium, in English and in Arabic: a won deal's page makes a
 * survey link; the customer opens it in a browser that is signed in to nothing, answers 4 of 5
 * with a comment, and cannot answer twice; the answer appears on the deal's page. Each screen
 * passes axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp, pageIn } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';
import { say } from '../words.js';

let app: BrowserApp;

beforeAll(async () => {
  app = await openBrowserApp({ width: 1400, height: 1000 });
  await setUpWorkspace(app.page, app.base);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function api<T>(path: string, body?: unknown): Promise<T> {
  const answer = await callApiFromPage(app.page, path, body === undefined ? {} : { body });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body as T;
}

async function wonDeal(title: string): Promise<string> {
  const company = await api<{ id: string }>('/companies', { name: `${title} Co` });
  const person = await api<{ id: string }>('/contacts', { name: `${title} buyer` });
  const deal = await api<{ id: string; version: number }>('/deals', {
    title,
    companyId: company.id,
    contacts: [{ contactId: person.id, role: null }],
    amountMinor: 500_000,
    expectedCloseDate: '2027-01-31',
  });
  const won = await callApiFromPage(app.page, `/deals/${deal.id}/win`, {
    body: {},
    version: deal.version,
  });
  expect(won.status).toBe(200);
  return deal.id;
}

describe.each(['en', 'ar'] as const)('a satisfaction survey, in %s', (language) => {
  it('is answered once without signing in, and the answer shows on the deal', async () => {
    const w = (key: string, values?: Record<string, string | number>) => say(language, key, values);
    const dealId = await wonDeal(`Clinic suite ${language}`);
    const page = await pageIn(app, language);
    await page.goto(`${app.base}/deals/${dealId}`);
    const panel = page.getByRole('region', { name: w('survey.panelTitle') });
    await panel.getByRole('button', { name: w('survey.make') }).click();
    const linkBox = panel.getByLabel(w('survey.link'));
    await expect.poll(() => linkBox.inputValue()).toMatch(/\/survey\/srv_/);
    const link = await linkBox.inputValue();
    await expectAccessible(page, `Deal with a survey link, ${language}`);

    // The customer: a browser of their own, signed in to nothing.
    const customer = await (
      await app.browser.newContext({ locale: language === 'ar' ? 'ar-SA' : 'en-US' })
    ).newPage();
    await customer.goto(link);
    await customer.getByRole('heading', { name: w('survey.title') }).waitFor();
    expect(await customer.evaluate(() => document.documentElement.dir)).toBe(
      language === 'ar' ? 'rtl' : 'ltr',
    );
    await expectAccessible(customer, `Survey, ${language}`);
    await customer.getByLabel(w('survey.scores.4')).check();
    await customer.getByLabel(w('survey.comment')).fill(`Helpful team (${language})`);
    await customer.getByRole('button', { name: w('survey.submit') }).click();
    await customer.getByText(w('survey.thanks')).waitFor();
    await expectAccessible(customer, `Survey answered, ${language}`);
    // Opening the link again: answered, no form.
    await customer.reload();
    await customer.getByText(w('survey.thanks')).waitFor();
    expect(await customer.getByRole('button', { name: w('survey.submit') }).count()).toBe(0);

    // On the deal: the answer, and the note on its timeline.
    await page.reload();
    await expect.poll(() => panel.getByText(w('survey.scoreOf', { score: 4 })).count()).toBe(1);
    expect(await panel.getByText(`Helpful team (${language})`).count()).toBe(1);
    await expectAccessible(page, `Deal with a survey answer, ${language}`);
  });
});
