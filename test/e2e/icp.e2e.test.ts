/**
 * The ideal customer profile in headless Chromium, in English and in Arabic: an admin defines it
 * in settings (a criterion over the sector), and a company and its deal show their fit with the
 * reason; a stale save is refused in the page's language. Each screen passes axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp, pageIn } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';
import { say } from '../words.js';

let app: BrowserApp;

beforeAll(async () => {
  app = await openBrowserApp({ width: 1500, height: 1000 });
  await setUpWorkspace(app.page, app.base);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function api<T>(page: Page, path: string, body?: unknown): Promise<T> {
  const answer = await callApiFromPage(page, path, body === undefined ? {} : { body });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body as T;
}

const numberIn = (language: 'en' | 'ar', n: number) =>
  new Intl.NumberFormat(language === 'ar' ? 'ar-SA-u-nu-arab-ca-gregory' : 'en-US').format(n);

describe.each(['en', 'ar'] as const)('the ideal customer profile, in %s', (language) => {
  it('is defined in settings and shown on the company and the deal with its reason', async () => {
    const w = (key: string, values?: Record<string, string | number>) => say(language, key, values);
    const page = await pageIn(app, language);
    const sector = `Medical ${language}`;

    await page.goto(`${app.base}/settings`);
    const section = page.getByRole('region', { name: w('icp.title') });
    await section.getByRole('heading', { name: w('icp.title') }).waitFor();
    // Start from an empty profile (the other language's run may have left one).
    const removes = section.getByRole('button', {
      name: new RegExp(`^${w('icp.remove', { attribute: '' })}`),
    });
    while ((await removes.count()) > 0) await removes.first().click();
    await section.getByRole('button', { name: w('icp.add') }).click();
    const row = section.getByRole('group', {
      name: w('icp.rowLegend', { number: numberIn(language, 1) }),
    });
    await row.getByLabel(w('icp.attribute')).selectOption({ label: w('icp.column.sector') });
    await row.getByLabel(w('icp.values')).fill(`${sector}, Health`);
    await row.getByLabel(w('icp.weight')).fill('3');
    await expectAccessible(page, `ICP settings, ${language}`);
    await section.getByRole('button', { name: w('icp.save') }).click();
    await section
      .getByRole('status')
      .filter({ hasText: w('icp.saved') })
      .waitFor();
    const saved = await api<{
      criteria: { attribute: string; values: string[]; weight: number }[];
    }>(page, '/icp');
    expect(saved.criteria).toEqual([
      { attribute: 'sector', values: [sector, 'Health'], weight: 3 },
    ]);

    // A save from a page that is no longer current is refused, and nothing is lost.
    const stale = await callApiFromPage(page, '/icp', {
      method: 'PUT',
      version: 1,
      body: { criteria: [] },
    });
    expect(stale.status).toBe(409);

    const company = await api<{ id: string }>(page, '/companies', {
      name: `Riyadh Care ${language}`,
      sector: sector.toUpperCase(),
    });
    const deal = await api<{ id: string }>(page, '/deals', {
      title: `Clinic ERP ${language}`,
      companyId: company.id,
    });
    const reason = w('icp.outcome.match', {
      attribute: w('icp.column.sector'),
      actual: sector.toUpperCase(),
      weight: numberIn(language, 3),
    });
    for (const path of [`/companies/${company.id}`, `/deals/${deal.id}`]) {
      await page.goto(`${app.base}${path}`);
      const fit = page.getByRole('region', { name: w('icp.fitTitle') });
      await fit.getByText(reason).waitFor();
      const percent = new Intl.NumberFormat(
        language === 'ar' ? 'ar-SA-u-nu-arab-ca-gregory' : 'en-US',
        { style: 'percent', maximumFractionDigits: 1 },
      ).format(1);
      await fit.getByText(w('icp.fitPercent', { percent })).waitFor();
      await expectAccessible(page, `ICP fit on ${path.split('/')[1]}, ${language}`);
    }
  }, 90_000);
});
