/**
 * The import wizard in headless Chromium: an admin uploads a zipped Salesforce export whose
 * opportunities name a stage the org does not have, reads the dry run's refusal, maps the stage
 * with the suggestion, runs the dry run again, imports with the progress bar, and finds a deal
 * with its history; axe-clean in English and Arabic.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';
import { zipFolder } from '../zip-folder.js';

const SALESFORCE = fileURLToPath(new URL('../fixtures/migrations/salesforce', import.meta.url));

let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await openBrowserApp({ width: 1400, height: 900 });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** The Salesforce export with one opportunity in a misspelt stage, zipped as downloaded. */
async function exportZip(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'qanat-wizard-'));
  const folder = join(dir, 'export');
  cpSync(SALESFORCE, folder, { recursive: true });
  const file = join(folder, 'Opportunity.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace(',Prospecting,', ',Prospectin,'));
  const zip = join(dir, 'WE_00D5g000001.zip');
  writeFileSync(zip, await zipFolder(folder));
  return zip;
}

describe('the import wizard in Chromium', () => {
  it('imports a Salesforce zip after one stage is mapped, with its history', {
    timeout: 90_000,
  }, async () => {
    await setUpWorkspace(page, app.base);
    await page.getByRole('navigation').getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByLabel('CSV, XLSX or zip file').setInputFiles(await exportZip());
    await page.getByText('A Salesforce export: its files are imported together').waitFor();
    expect(await page.getByLabel('Import as').inputValue()).toBe('salesforce');

    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('Dry run: the import would be refused.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
    const values = page.getByRole('table', { name: 'Values to map' });
    await values.getByRole('cell', { name: 'Prospectin', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Download the rejected rows (CSV)' }).waitFor();
    const rowsLink = page.getByRole('link', {
      name: 'Download the 1 rejected row of Opportunity.csv, with its cells',
    });
    const href = (await rowsLink.getAttribute('href')) ?? '';
    const rows = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(rows).toContain('0064,Société Générale – expansion,0011,0051,Prospectin');
    await expectAccessible(page, 'import wizard, English');
    // Each file says what its columns became, and a column can be sent elsewhere.
    const opportunities = page.locator('details', { hasText: 'Opportunity.csv' });
    await opportunities.locator('summary').click();
    const leadSource = opportunities.getByLabel('Field of the column “LeadSource”');
    expect(await leadSource.locator('option:checked').textContent()).toBe('Guess: source');
    await opportunities.getByLabel('Field of the column “Type”').selectOption('');

    await values.getByRole('button', { name: 'Use “Prospecting”' }).click();
    expect(await page.getByLabel('Map “Prospectin” to').inputValue()).toBe('Prospecting');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('Dry run: nothing was written.').waitFor();

    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported.', { exact: true }).waitFor();
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).position)).toBe(1);
    const report = page.getByRole('table', { name: 'Report' });
    const deals = report
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Opportunity.csv' }) });
    expect(await deals.getByRole('cell').nth(1).textContent()).toBe('4');

    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'الاستيراد', level: 1 }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByText('تم الاستيراد.').waitFor();
    await expectAccessible(page, 'import wizard, Arabic');
    await page.getByRole('banner').getByLabel('اللغة').selectOption('en');

    await page.getByRole('link', { name: 'See the deals' }).click();
    await page.getByRole('link', { name: 'Nile Foods – Analytics' }).click();
    await page.getByRole('heading', { name: 'Nile Foods – Analytics', level: 1 }).waitFor();
    // The history as Salesforce kept it, the move back to Qualification included.
    await page.getByRole('article', { name: 'Moved to Negotiation/Review' }).waitFor();
    await page.getByRole('article', { name: 'Moved to Qualification' }).first().waitFor();
    await page.getByRole('article', { name: 'Amount: $200,000.00 → $180,000.00' }).waitFor();
  });
});

describe('a file of one kind in the wizard', () => {
  it('maps a column its header does not name, then imports the deals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qanat-wizard-'));
    const file = join(dir, 'deals.csv');
    writeFileSync(file, 'Titel,Amount,Stage\nDesert logistics,1200,Prospecting\n');
    await page.goto(`${app.base}/import`);
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByLabel('CSV, XLSX or zip file').setInputFiles(file);
    await page.getByText('A file of one kind of records.').waitFor();
    await page.getByLabel('Records').selectOption('deals');
    await page.locator('summary', { hasText: 'deals.csv' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    // No column the title can come from: said, nothing written.
    await page
      .getByRole('alert')
      .getByText(/^deals\.csv: .*No column for title/)
      .waitFor();
    await page.getByLabel('Field of the column “Titel”').selectOption('title');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('Dry run: nothing was written.').waitFor();
    await expectAccessible(page, 'import wizard, one file');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported.', { exact: true }).waitFor();
    const deals = (await callApiFromPage(page, '/deals?q=Desert')).body as {
      items: { title: string }[];
    };
    expect(deals.items.map((d) => d.title)).toEqual(['Desert logistics']);
  });
});
