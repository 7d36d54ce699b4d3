/**
 * End to end in headless Chromium, as a person would: set up, create a deal, drag it across the
 * board (and back with a reason), win one, lose one, watch the totals, switch to Arabic and see
 * the board mirror, open the forecast. Elements are found by role and label.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, launchChromium } from '../browser.js';
import { startServer } from '../cli.js';

let browser: Browser;
let page: Page;
let server: { base: string; stop: () => Promise<void> };
let dir: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const column = (name: string) => page.getByRole('region', { name, exact: true });
const card = (title: string) => page.getByRole('listitem', { name: title, exact: true });

/** Drags with real pointer events, in small steps, as a hand would. */
async function drag(item: Locator, target: Locator) {
  const from = await item.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('element not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
}

interface ApiResult {
  id: string;
  columns: { stage: { id: string; key: string } }[];
}

/** Calls the API from inside the signed-in page, with its cookie and CSRF token. */
function api(path: string, body?: unknown): Promise<ApiResult> {
  return page.evaluate(
    async ({ path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as ApiResult;
    },
    { path, body },
  );
}

beforeAll(async () => {
  ensureWebBuild();
  dir = mkdtempSync(join(tmpdir(), 'qanat-e2e-'));
  server = await startServer(
    { DATABASE_URL: `sqlite:${join(dir, 'qanat.sqlite')}` },
    await freePort(),
  );
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 2100, height: 900 },
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app in Chromium', () => {
  it('walks a deal through the board, in English and Arabic', async () => {
    await page.goto(server.base);
    await page.getByLabel('Workspace name').fill('Gulf Sales');
    await page.getByLabel('Base currency').selectOption('USD');
    await page.getByLabel('Your name').fill('Amira');
    await page.getByLabel('Email').fill('amira@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Pipeline board' }).count()).toBe(1);

    // Create a deal through the form.
    await page.getByRole('button', { name: 'New deal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New deal' });
    await dialog.getByLabel('Title').fill('Riyadh fleet renewal');
    await dialog.getByLabel('Amount').fill('12000');
    await dialog.getByRole('button', { name: 'Create deal' }).click();
    await expect.poll(() => card('Riyadh fleet renewal').count()).toBe(1);
    await expect
      .poll(() => column('Lead generation').getByText('1 deal', { exact: true }).count())
      .toBe(1);

    // Forward: drag to Prospecting; the totals follow.
    await drag(card('Riyadh fleet renewal'), column('Prospecting'));
    await expect
      .poll(() =>
        column('Prospecting').getByRole('listitem', { name: 'Riyadh fleet renewal' }).count(),
      )
      .toBe(1);
    await expect.poll(() => column('Prospecting').getByText('$12,000.00').count()).toBe(1);
    // Weighted at 10%.
    await expect.poll(() => column('Prospecting').getByText('$1,200.00').count()).toBe(1);
    await expect
      .poll(() => column('Lead generation').getByText('0 deals', { exact: true }).count())
      .toBe(1);

    // Backward, with a reason.
    await drag(card('Riyadh fleet renewal'), column('Lead generation'));
    const back = page.getByRole('dialog', { name: 'Move back to Lead generation' });
    await back.getByLabel('Why is this deal moving back?').fill('The decision maker left');
    await back.getByRole('button', { name: 'Move back' }).click();
    await expect
      .poll(() =>
        column('Lead generation').getByRole('listitem', { name: 'Riyadh fleet renewal' }).count(),
      )
      .toBe(1);

    // A deal ready to close (set up through the API), dragged into the won stage.
    const company = await api('/companies', { name: 'Almarai' });
    const contact = await api('/contacts', {
      name: 'Khalid',
      companyId: company.id,
      role: 'decision_maker',
    });
    const stages = (await api('/board')).columns.map(
      (c: { stage: { id: string; key: string } }) => c.stage,
    );
    const negotiation = stages.find((s: { key: string }) => s.key === 'negotiation');
    await api('/deals', {
      title: 'Almarai cold chain',
      stageId: negotiation?.id,
      companyId: company.id,
      contacts: [{ contactId: contact.id, role: 'decision_maker' }],
      amountMinor: 5_000_000,
      expectedCloseDate: '2026-12-20',
    });
    await page.reload();
    // This one moves by keyboard: pick up with space, one column right, drop with space.
    const handle = page.getByRole('button', { name: 'Move Almarai cold chain' });
    await handle.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.locator('[id^=DndLiveRegion]').textContent())
      .toBe('Almarai cold chain is over Post-sale follow-up.');
    await page.keyboard.press('Space');
    await expect
      .poll(() =>
        column('Post-sale follow-up').getByRole('listitem', { name: 'Almarai cold chain' }).count(),
      )
      .toBe(1);
    await expect
      .poll(() => column('Post-sale follow-up').getByText('$50,000.00').count())
      .toBeGreaterThan(0);

    // Lose one.
    await card('Riyadh fleet renewal').getByRole('button', { name: 'Mark as lost' }).click();
    const lose = page.getByRole('dialog', { name: 'Mark “Riyadh fleet renewal” as lost' });
    await lose.getByLabel('Lost reason').selectOption({ label: 'Price' });
    await lose.getByLabel('Note').fill('Chose a cheaper offer');
    await lose.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(() => card('Riyadh fleet renewal').count()).toBe(0);
    await expect
      .poll(() => column('Lead generation').getByText('0 deals', { exact: true }).count())
      .toBe(1);

    // Arabic: the layout mirrors, the first stage sits on the right.
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect
      .poll(() => page.getByRole('heading', { name: 'لوحة خط المبيعات' }).count())
      .toBe(1);
    const first = await column('توليد العملاء المحتملين').boundingBox();
    const second = await column('التنقيب').boundingBox();
    expect(first && second && first.x > second.x).toBe(true);

    // The forecast page opens.
    await page.getByRole('link', { name: 'التوقعات' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'التوقعات', level: 1 }).count())
      .toBe(1);
  }, 120_000);
});
