/**
 * The deal page in headless Chromium, worked as a rep works a deal: change the amount and the
 * close date in place, add a person as decision maker, make the deal's company without leaving
 * the page, log a call, schedule the next step, and meet someone else's change as the conflict
 * dialog rather than a silent overwrite. Elements are found by role and label.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

interface DealBody {
  id: string;
  version: number;
  amountMinor: number | null;
  expectedCloseDate: string | null;
  companyId: string | null;
  title: string;
  contacts: { contactId: string; role: string | null }[];
}

async function dealNow(id: string): Promise<DealBody> {
  const answer = await callApiFromPage(page, `/deals/${id}`, { method: 'GET' });
  return answer.body as DealBody;
}

async function editField(label: string, fill: () => Promise<void>) {
  await page.getByRole('button', { name: `Edit ${label}`, exact: true }).click();
  await fill();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: `Edit ${label}`, exact: true }).waitFor();
}

beforeAll(async () => {
  app = await openBrowserApp({ width: 1400, height: 900 });
  page = app.page;
  await setUpWorkspace(page, app.base);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the deal page', () => {
  it('edits fields in place, adds people and a company, logs and plans activities', async () => {
    const created = await callApiFromPage(page, '/deals', {
      body: { title: 'Riyadh fleet renewal', amountMinor: 1_000_000, currency: 'USD' },
    });
    const deal = created.body as DealBody;
    const contact = await callApiFromPage(page, '/contacts', { body: { name: 'Huda Saleh' } });
    const contactId = (contact.body as { id: string }).id;

    await page.goto(`${app.base}/deals/${deal.id}`);
    await page.getByRole('heading', { name: 'Riyadh fleet renewal', level: 1 }).waitFor();
    await page.getByText('No next step').waitFor();
    await expectAccessible(page, 'deal page, English');

    await editField('Amount', () => page.getByLabel('Amount', { exact: true }).fill('25000'));
    await editField('Expected close date', () =>
      page.getByLabel('Expected close date').fill('2027-01-31'),
    );
    await expect.poll(async () => (await dealNow(deal.id)).amountMinor).toBe(2_500_000);
    expect((await dealNow(deal.id)).expectedCloseDate).toBe('2027-01-31');
    await page.getByText('$25,000.00 Estimate').waitFor();
    // The timeline tells what changed, from what to what.
    await page.getByRole('article', { name: 'Amount: $10,000.00 → $25,000.00' }).waitFor();
    await page.getByRole('article', { name: /^Expected close date: — → / }).waitFor();

    // A company made from the deal page, without leaving it.
    await page.getByRole('button', { name: 'Edit Company', exact: true }).click();
    await page.getByRole('button', { name: 'New company' }).click();
    const dialog = page.getByRole('dialog', { name: 'New company' });
    await dialog.getByLabel('Name').fill('Al Noor Logistics');
    await dialog.getByLabel('Web domain').fill('alnoor.example');
    await dialog.getByRole('button', { name: 'Create company' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('link', { name: 'Al Noor Logistics' }).waitFor();
    expect((await dealNow(deal.id)).companyId).not.toBeNull();

    // A person on the deal, then made its decision maker.
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel('Find a person').fill('Huda');
    await page.getByLabel('Contact', { exact: true }).selectOption({ label: 'Huda Saleh' });
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByRole('link', { name: 'Huda Saleh' }).waitFor();
    await page.getByRole('button', { name: 'Mark Huda Saleh decision maker' }).click();
    await expect
      .poll(async () => (await dealNow(deal.id)).contacts)
      .toEqual([{ contactId, role: 'decision_maker' }]);
    await page.getByText('Decision maker').waitFor();

    // Log a call: two taps.
    await page.getByRole('button', { name: 'Log a call or note' }).click();
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.getByRole('article', { name: 'Call: Call' }).waitFor();

    // Schedule the next step: it is shown first.
    await page.getByRole('button', { name: 'Set a next step' }).click();
    await page.getByLabel('Subject').fill('Send the revised quote');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const nextStep = page.getByRole('region', { name: 'Next step' });
    await nextStep.getByText('Send the revised quote').waitFor();
    await expectAccessible(page, 'deal page with activities, English');
  });

  it('shows the conflict dialog when someone else changed the deal meanwhile', async () => {
    const created = await callApiFromPage(page, '/deals', {
      body: { title: 'Dammam warehouse racks', amountMinor: 500_000, currency: 'USD' },
    });
    const deal = created.body as DealBody;
    await page.goto(`${app.base}/deals/${deal.id}`);
    await page.getByRole('heading', { name: 'Dammam warehouse racks', level: 1 }).waitFor();
    // Someone else renames the deal after the page was read.
    const theirs = await callApiFromPage(page, `/deals/${deal.id}`, {
      method: 'PATCH',
      version: deal.version,
      body: { title: 'Dammam warehouse racks (phase 2)' },
    });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: 'Edit Amount', exact: true }).click();
    await page.getByLabel('Amount', { exact: true }).fill('7000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.getByRole('dialog', { name: 'Someone else changed this meanwhile' });
    await conflict.waitFor();
    // Their change is on screen; mine was not written over it.
    await page
      .getByRole('heading', { name: 'Dammam warehouse racks (phase 2)', level: 1 })
      .waitFor();
    expect((await dealNow(deal.id)).amountMinor).toBe(500_000);
    await expectAccessible(page, 'conflict dialog, English');
    await conflict.getByRole('button', { name: 'Save mine' }).click();
    await conflict.waitFor({ state: 'detached' });
    await expect.poll(async () => (await dealNow(deal.id)).amountMinor).toBe(700_000);
    expect((await dealNow(deal.id)).title).toBe('Dammam warehouse racks (phase 2)');
  });

  it('meets a stale version with the conflict dialog on every kind of edit', async () => {
    const conflict = page.getByRole('dialog', { name: 'Someone else changed this meanwhile' });
    /** Someone else's change lands after the page was read; mine then meets the dialog. */
    const expectConflict = async (mine: () => Promise<void>) => {
      await mine();
      await conflict.waitFor();
      await conflict.getByRole('button', { name: 'Keep theirs' }).click();
      await conflict.waitFor({ state: 'detached' });
    };
    const company = (await callApiFromPage(page, '/companies', { body: { name: 'Qassim Dates' } }))
      .body as { id: string; version: number };
    const contact = (await callApiFromPage(page, '/contacts', { body: { name: 'Nasser Ali' } }))
      .body as { id: string; version: number };
    const deal = (
      await callApiFromPage(page, '/deals', {
        body: { title: 'Qassim cold store', amountMinor: 100_000, currency: 'USD' },
      })
    ).body as DealBody;
    const product = (
      await callApiFromPage(page, '/products', {
        body: { name: 'Cold room', listPriceMinor: 50_000, currency: 'USD' },
      })
    ).body as { id: string };
    const task = (
      await callApiFromPage(page, '/activities', {
        body: {
          kind: 'task',
          subject: 'Site survey',
          dealId: deal.id,
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      })
    ).body as { id: string; version: number };

    // A company's field.
    await page.goto(`${app.base}/companies/${company.id}`);
    await page.getByRole('heading', { name: 'Qassim Dates', level: 1 }).waitFor();
    await callApiFromPage(page, `/companies/${company.id}`, {
      method: 'PATCH',
      version: company.version,
      body: { sector: 'Agriculture' },
    });
    await expectConflict(async () => {
      await page.getByRole('button', { name: 'Edit Sector', exact: true }).click();
      await page.getByLabel('Sector').fill('Retail');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
    });
    await page.getByText('Agriculture').waitFor();

    // A contact's field.
    await page.goto(`${app.base}/contacts/${contact.id}`);
    await page.getByRole('heading', { name: 'Nasser Ali', level: 1 }).waitFor();
    await callApiFromPage(page, `/contacts/${contact.id}`, {
      method: 'PATCH',
      version: contact.version,
      body: { jobTitle: 'Buyer' },
    });
    await expectConflict(async () => {
      await page.getByRole('button', { name: 'Edit Job title', exact: true }).click();
      await page.getByLabel('Job title').fill('Owner');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
    });
    await page.getByText('Buyer').waitFor();

    // The deal's items, its stage, and an activity on it.
    await page.goto(`${app.base}/deals/${deal.id}`);
    await page.getByRole('heading', { name: 'Qassim cold store', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Next step' }).getByText('Site survey').waitFor();
    const renamed = await callApiFromPage(page, `/deals/${deal.id}`, {
      method: 'PATCH',
      version: deal.version,
      body: { title: 'Qassim cold store (2 rooms)' },
    });
    expect(renamed.status).toBe(200);
    await expectConflict(async () => {
      await page.getByRole('button', { name: 'Add a product' }).click();
      const form = page.getByRole('form', { name: 'Add a product' });
      await form.getByRole('combobox', { name: 'Product' }).selectOption(product.id);
      await form.getByRole('button', { name: 'Add', exact: true }).click();
    });
    const items = await callApiFromPage(page, `/deals/${deal.id}/items`, { method: 'GET' });
    expect((items.body as { items: unknown[] }).items).toEqual([]);

    const again = await dealNow(deal.id);
    await callApiFromPage(page, `/deals/${deal.id}`, {
      method: 'PATCH',
      version: again.version,
      body: { source: 'Referral' },
    });
    await expectConflict(async () => {
      await page.getByLabel('Move to').selectOption({ label: 'Lead qualification' });
      await page.getByRole('button', { name: 'Move', exact: true }).click();
    });
    expect(
      (await callApiFromPage(page, `/deals/${deal.id}`, { method: 'GET' })).body,
    ).toMatchObject({ source: 'Referral' });

    await callApiFromPage(page, `/activities/${task.id}`, {
      method: 'PATCH',
      version: task.version,
      body: { subject: 'Site survey with the owner' },
    });
    await expectConflict(() =>
      page.getByRole('button', { name: 'Complete Site survey', exact: true }).click(),
    );
    const survey = await callApiFromPage(page, `/activities/${task.id}`, { method: 'GET' });
    expect(survey.body).toMatchObject({ isDone: false, subject: 'Site survey with the owner' });
  }, 90_000);

  it('moves a deal into another pipeline from its page, the pipeline picker of the board then shows it', async () => {
    const pipeline = await callApiFromPage(page, '/pipelines', {
      body: { nameEn: 'Renewals', nameAr: 'التجديدات' },
    });
    expect(pipeline.status).toBe(201);
    const renewals = pipeline.body as { id: string; stages: { nameEn: string }[] };
    const deal = (
      await callApiFromPage(page, '/deals', { body: { title: 'Support renewal 2027' } })
    ).body as DealBody;
    await page.goto(`${app.base}/deals/${deal.id}`);
    await page.getByRole('heading', { name: 'Support renewal 2027', level: 1 }).waitFor();
    await editField('Pipeline', async () => {
      await page.getByLabel('Pipeline').selectOption({ label: 'Renewals' });
    });
    await expect
      .poll(async () => ((await dealNow(deal.id)) as unknown as { pipelineId: string }).pipelineId)
      .toBe(renewals.id);
    await page.getByText(`Renewals · ${renewals.stages[0]?.nameEn ?? ''}`).waitFor();

    await page.goto(app.base);
    await page.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'Renewals' });
    await page.getByRole('listitem', { name: 'Support renewal 2027' }).waitFor();
    expect(new URL(page.url()).searchParams.get('pipeline')).toBe(renewals.id);
  }, 60_000);
});
