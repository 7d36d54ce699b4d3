/**
 * The pipeline-changes page in headless Chromium: deals made and one lost today appear as the
 * steps of the waterfall, each step opening onto its deals; grouped by stage; the same page in
 * Arabic, right to left; axe-clean in both languages. Then a forecast call, refused below its
 * commit and taken, beside the model in the roll-up.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

async function create(
  title: string,
  amountMinor: number,
): Promise<{ id: string; version: number }> {
  const created = await callApiFromPage(page, '/deals', { body: { title, amountMinor } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; version: number };
}

beforeAll(async () => {
  app = await openBrowserApp({ width: 1400, height: 900 });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** A row of the waterfall table by its header, and its amount cell's text. */
const amountOf = async (table: string, row: string) =>
  page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: row }) })
    .getByRole('cell')
    .nth(1)
    .textContent();

describe('pipeline changes in Chromium', () => {
  it('shows what came in and what left, by step and by stage, in English and Arabic', async () => {
    await setUpWorkspace(page, app.base);
    await create('Fleet tracking', 12_000_00);
    await create('Cloud hosting', 3_000_00);
    const lost = await create('Training', 1_000_00);
    const reasons = (await callApiFromPage(page, '/lost-reasons')).body as {
      items: { id: string }[];
    };
    const lose = await callApiFromPage(page, `/deals/${lost.id}/lose`, {
      body: { lostReasonId: reasons.items[0]?.id },
      version: lost.version,
    });
    expect(lose.status, JSON.stringify(lose.body)).toBe(200);

    await page.getByRole('navigation').getByRole('link', { name: 'Pipeline changes' }).click();
    await page.getByRole('heading', { name: 'Pipeline changes', level: 1 }).waitFor();
    const table = 'From the start to the end: Sales';
    await page.getByRole('table', { name: table }).waitFor();
    expect(await amountOf(table, '+ Created')).toBe('$16,000.00');
    expect(await amountOf(table, '− Lost')).toBe('-$1,000.00');
    expect(await amountOf(table, 'Open at the end')).toBe('$15,000.00');
    // A step opens onto its deals, the largest first, each a link to its page.
    await page.getByText('Deals: + Created', { exact: true }).click();
    const links = page.getByRole('table', { name: table }).getByRole('link');
    await expect
      .poll(() => links.allTextContents())
      .toEqual(['Fleet tracking', 'Cloud hosting', 'Training']);
    await expectAccessible(page, 'pipeline changes, English');

    await page.getByLabel('Group by').selectOption({ label: 'Stage' });
    const byStage = page.getByRole('table', { name: 'Changes by stage' });
    await byStage.waitFor();
    expect(new URL(page.url()).searchParams.get('groupBy')).toBe('stage');
    await expect
      .poll(() => byStage.getByRole('rowheader').allTextContents())
      .toContain('Lead generation');

    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'تغيّرات خط المبيعات', level: 1 }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('table', { name: 'التغيّرات حسب المرحلة' }).waitFor();
    const arabicTable = page.getByRole('table', { name: /^من البداية إلى النهاية/ });
    await expect
      .poll(() =>
        arabicTable
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: '+ أُنشئت' }) })
          .getByRole('cell')
          .nth(1)
          .textContent(),
      )
      .toMatch(/١٦٬٠٠٠/);
    await expectAccessible(page, 'pipeline changes, Arabic');
    await page.getByRole('banner').getByLabel('اللغة').selectOption('en');
  });

  it('takes a forecast call on the forecast page and puts it beside the model', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Forecast', exact: true }).click();
    const form = page.getByRole('form', { name: /^Your call for \d{4}-Q\d$/ });
    await form.waitFor();
    await form.getByLabel('For').selectOption({ label: 'The whole workspace' });
    await form.getByLabel('Commit (USD)').fill('10000');
    await form.getByLabel('Best case (USD)').fill('5000');
    await form.getByRole('button', { name: /^Submit the call/ }).click();
    // Below the commit: refused, said at the field, nothing kept.
    await form.getByText(/at least the commit/i).waitFor();
    await form.getByLabel('Best case (USD)').fill('15000');
    await form.getByLabel('Note').fill('Two renewals signed');
    await form.getByRole('button', { name: /^Submit the call/ }).click();
    const rollup = page.getByRole('table', { name: /^Calls and the model/ });
    const workspaceRow = rollup
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /The whole workspace/ }) });
    await expect
      .poll(() => workspaceRow.getByRole('cell').first().textContent())
      .toBe('$10,000.00');
    expect(await workspaceRow.getByRole('cell').nth(1).textContent()).toBe('$15,000.00');
    await expectAccessible(page, 'forecast calls, English');
    // The backtest by quarter: the last four whole quarters.
    await page.getByLabel('By', { exact: true }).selectOption({ label: 'Quarter' });
    const quarters = page.getByRole('table', { name: 'Forecast against won, by quarter' });
    await expect.poll(() => quarters.getByRole('rowheader').count(), { timeout: 8000 }).toBe(4);
    expect(await quarters.getByRole('rowheader').first().textContent()).toMatch(/^Q[1-4] \d{4}$/);

    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    const arabic = page.getByRole('table', { name: /^التوقّعات والنموذج/ });
    await arabic.waitFor();
    await expect
      .poll(() =>
        arabic
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: /مساحة العمل كلّها/ }) })
          .getByRole('cell')
          .first()
          .textContent(),
      )
      .toMatch(/١٠٬٠٠٠/);
    await expectAccessible(page, 'forecast calls, Arabic');
    await page.getByRole('banner').getByLabel('اللغة').selectOption('en');
  });
});
