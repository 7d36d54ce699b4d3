/**
 * Takes the README's screenshots: the board, the funnel & dashboards page and the forecast (with
 * a target for this quarter), then a deal's page, a company's page and a rep's My day on a
 * desktop and on a phone (390 × 844), in English and Arabic, on the bilingual demo data.
 * Run: node --import tsx scripts/screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureWebBuild, launchChromium } from '../test/browser.js';
import { startServer } from '../test/cli.js';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const PASSWORD = 'a long enough password';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

ensureWebBuild();
const dir = mkdtempSync(join(tmpdir(), 'qanat-shots-'));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'qanat.sqlite')}`,
  LOG_LEVEL: 'silent',
};
const bin = new URL('../bin/qanat.js', import.meta.url).pathname;
execFileSync(
  process.execPath,
  [
    bin,
    'user',
    'add',
    '--admin',
    '--email',
    'layla@example.com',
    '--name',
    'Layla',
    '--password-stdin',
  ],
  { env, input: PASSWORD },
);
execFileSync(process.execPath, [bin, 'demo', '--deals', '300', '--seed', '42'], { env });
const server = await startServer({ DATABASE_URL: env.DATABASE_URL }, await freePort());
const now = new Date();
const quarter = `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
const browser = await launchChromium();
try {
  for (const language of ['en', 'ar'] as const) {
    const context = await browser.newContext({
      locale: language === 'ar' ? 'ar-SA' : 'en-US',
      viewport: { width: 2100, height: 1000 },
    });
    const page = await context.newPage();
    await signIn(page, language);
    await page.getByRole('listitem').first().waitFor();
    await page.screenshot({ path: join(OUT, `board-${language}.png`) });
    if (language === 'en') await setQuarterTarget(page, quarter);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: language === 'ar' ? 'القمع والمؤشرات' : 'Funnel & dashboards' })
      .click();
    await page
      .getByLabel(language === 'ar' ? 'الفترة' : 'Period')
      .selectOption(language === 'ar' ? 'هذه السنة' : 'This year');
    await page
      .getByRole('table', { name: language === 'ar' ? 'قمع المبيعات' : 'Funnel' })
      .waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, `dashboard-${language}.png`), fullPage: true });
    await page.getByRole('link', { name: language === 'ar' ? 'التوقعات' : 'Forecast' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The target's progress and the accuracy check arrive after the forecast itself.
    await page
      .getByRole('table', { name: language === 'ar' ? 'الفرص المطلوبة' : 'Opportunities needed' })
      .waitFor();
    await page
      .getByRole('table', {
        name:
          language === 'ar' ? 'المتوقع مقابل المُحقَّق حسب الشهر' : 'Forecast against won, by month',
      })
      .waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, `forecast-${language}.png`), fullPage: true });
    await shootRecordPages(page, language, 'desktop');
    await context.close();
    const phone = await browser.newContext({
      locale: language === 'ar' ? 'ar-SA' : 'en-US',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const phonePage = await phone.newPage();
    await signIn(phonePage, language);
    await shootRecordPages(phonePage, language, 'phone');
    await phone.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Screenshots written to ${OUT}`);

async function signIn(page: Page, language: 'en' | 'ar'): Promise<void> {
  await page.goto(server.base);
  await page
    .getByLabel(language === 'ar' ? 'البريد الإلكتروني' : 'Email')
    .fill('layla@example.com');
  await page.getByLabel(language === 'ar' ? 'كلمة المرور' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: language === 'ar' ? 'دخول' : 'Sign in' }).click();
  await page.getByRole('banner').waitFor();
}

/** The busiest open deal, its company, and its owner's day (as the admin sees a member's). */
async function shootRecordPages(
  page: Page,
  language: 'en' | 'ar',
  device: 'desktop' | 'phone',
): Promise<void> {
  const { dealId, companyId, ownerId } = await page.evaluate(async () => {
    const deals = (await (
      await fetch('/api/v1/deals?status=open&sort=amount&direction=desc&limit=50')
    ).json()) as { items: { id: string; companyId: string | null; ownerId: string | null }[] };
    const deal = deals.items.find((d) => d.companyId !== null && d.ownerId !== null);
    if (!deal) throw new Error('no open deal with a company and an owner');
    return { dealId: deal.id, companyId: deal.companyId, ownerId: deal.ownerId };
  });
  const shots: [string, string][] = [
    ['deal', `/deals/${dealId}`],
    ['company', `/companies/${companyId}`],
    ['my-day', `/my-day?whose=member:${ownerId}`],
  ];
  for (const [name, path] of shots) {
    await page.goto(`${server.base}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({
      path: join(OUT, `${name}-${device}-${language}.png`),
      fullPage: device === 'desktop',
    });
  }
}

/** A workspace target for the quarter, set through the API from the signed-in page. */
async function setQuarterTarget(page: Page, period: string): Promise<void> {
  await page.evaluate(async (period) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const response = await fetch('/api/v1/targets', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ scope: 'workspace', period, amountMinor: 150_000_000 }),
    });
    if (!response.ok) throw new Error(`target: ${response.status} ${await response.text()}`);
  }, period);
}
