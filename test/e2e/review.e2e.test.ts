/**
 * The pipeline review in headless Chromium, in English and in Arabic: deals imported with a
 * creation date two months back have rotted in Lead generation; the review lists them as stale;
 * a bulk action (a next step in English, marking lost in Arabic) takes the deal off the list and
 * is recorded as a decision of the review, which is finished and reopened. The dashboard shows
 * the bottleneck finding. Every screen passes axe in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp, pageIn } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';
import { say, sayCount } from '../words.js';

let app: BrowserApp;

beforeAll(async () => {
  app = await openBrowserApp({ width: 1500, height: 1000 });
  await setUpWorkspace(app.page, app.base);
  // Two months ago: Lead generation rots after 30 days, so these deals are stale now.
  const created = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const csv = [
    'Title,Stage,Created,Owner',
    ...['en', 'ar'].flatMap((language) => [
      `Dormant Alpha ${language},Lead generation,${created},amira@example.com`,
      `Dormant Bravo ${language},Lead generation,${created},amira@example.com`,
    ]),
  ].join('\n');
  const status = await app.page.evaluate(async (body) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const response = await fetch('/api/v1/imports/deals', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': me.csrfToken },
      body,
    });
    return response.status;
  }, csv);
  expect(status).toBe(200);
  // A fresh deal with a next step ahead is in no section but "value not verified".
  const fresh = await callApiFromPage(app.page, '/deals', {
    body: { title: 'Fresh lead', amountMinor: 500_000, currency: 'USD' },
  });
  expect(fresh.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe.each(['en', 'ar'] as const)('the pipeline review, in %s', (language) => {
  it('lists a stale deal, clears it with a bulk action, and records the review', async () => {
    const w = (key: string, values?: Record<string, string | number>) => say(language, key, values);
    const page = await pageIn(app, language);
    // My day opens with today's stale digest: four deals rotted, all since no digest before.
    await page.getByRole('link', { name: w('nav.myDay') }).click();
    const summary = sayCount(language, 'myDay.digest.summary', 4, { fresh: 4 });
    if (language === 'en') {
      const digest = page.getByRole('region', { name: w('myDay.digest.title') });
      await expect.poll(() => digest.getByText(summary).count()).toBe(1);
      expect(await digest.getByRole('link', { name: /^Dormant/ }).count()).toBe(4);
      await expectAccessible(page, `My day with the stale digest, ${language}`);
      await digest.getByRole('button', { name: w('myDay.digest.markRead') }).click();
      await expect.poll(() => digest.count()).toBe(0);
    }
    // Once read, the digest is one line (in Arabic: read in the English run, the same day).
    await expect.poll(() => page.getByText(summary).count()).toBe(1);
    await page.getByRole('link', { name: w('nav.review') }).click();
    await page.getByRole('heading', { name: w('review.title'), level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(
      language === 'ar' ? 'rtl' : 'ltr',
    );
    const stale = page.getByRole('region', { name: new RegExp(`^${w('review.sections.stale')}`) });
    const alpha = `Dormant Alpha ${language}`;
    await expect.poll(() => stale.getByRole('link', { name: alpha }).count()).toBe(1);
    await expect(
      stale.getByRole('link', { name: `Dormant Bravo ${language}` }).count(),
    ).resolves.toBe(1);
    await expectAccessible(page, `Pipeline review, ${language}`);

    await stale.getByLabel(w('lists.selectRow', { name: alpha })).check();
    const bulk = page.getByRole('form', { name: w('review.bulk') });
    await expect.poll(() => bulk.isVisible()).toBe(true);
    if (language === 'en') {
      // The default action: a next step, due tomorrow.
      await bulk.getByLabel(w('activity.subject')).fill('Call to re-engage');
    } else {
      await bulk.getByLabel(w('review.action')).selectOption('lose');
      await bulk.getByLabel(w('lose.note')).fill('لا ميزانية هذا العام');
    }
    await expectAccessible(page, `Pipeline review with a bulk action, ${language}`);
    await bulk.getByRole('button', { name: w('review.apply') }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: w('review.outcome', { done: 1, conflict: 0, refused: 0 }) })
          .count(),
      )
      .toBe(1);
    // The deal has left the stale section; its neighbour is still there.
    await expect.poll(() => stale.getByRole('link', { name: alpha }).count()).toBe(0);
    expect(await stale.getByRole('link', { name: `Dormant Bravo ${language}` }).count()).toBe(1);

    // The action started a review, which records the decision.
    const decisions = page.getByRole('region', { name: w('review.decisions') });
    await expect.poll(() => decisions.getByRole('link', { name: alpha }).count()).toBe(1);
    const action = language === 'en' ? 'nextStep' : 'lose';
    expect(await decisions.textContent()).toContain(w(`review.actions.${action}`));

    // Finishing it keeps its summary; it can be reopened later.
    await page.getByLabel(w('review.summary')).fill(`Cleaned up (${language})`);
    await page.getByRole('button', { name: w('review.finish') }).click();
    await page.getByRole('button', { name: w('review.reopen') }).waitFor();
    expect(await page.getByText(`Cleaned up (${language})`).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: w('review.reopen') }).click();
    await page.getByRole('button', { name: w('review.finish') }).waitFor();
    await expectAccessible(page, `Pipeline review reopened, ${language}`);

    // What the API says: the deal is planned (English) or lost (Arabic), in the history too.
    const deals = await callApiFromPage(page, `/deals?q=${encodeURIComponent(alpha)}`);
    const deal = (deals.body as { items: { id: string; status: string }[] }).items[0];
    expect(deal?.status).toBe(language === 'en' ? 'open' : 'lost');

    // Qualifying the neighbour on its page: a budget fairly sure of is 17 points of 100.
    await stale.getByRole('link', { name: `Dormant Bravo ${language}` }).click();
    const card = page.getByRole('region', { name: w('qualification.title') });
    await card
      .getByRole('button', {
        name: w('record.editField', { field: w('qualification.parts.budget') }),
      })
      .click();
    await card.getByLabel(w('qualification.parts.budget')).fill('SAR 400k in the FY27 plan');
    await card.getByLabel(w('qualification.howSure')).selectOption('medium');
    await expectAccessible(page, `BANT card being edited, ${language}`);
    await card.getByRole('button', { name: w('record.save') }).click();
    await expect
      .poll(() => card.getByText(w('qualification.scoreIs', { score: 17 })).count())
      .toBe(1);
    expect(await card.getByText('SAR 400k in the FY27 plan').count()).toBe(1);
    await expectAccessible(page, `Deal page with its BANT card, ${language}`);

    // The dashboard shows the bottleneck finding beside the stage tables.
    await page.getByRole('link', { name: w('nav.dashboard') }).click();
    await page.getByRole('heading', { name: w('bottlenecks.title') }).waitFor();
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: w('bottlenecks.title') })
          .getByRole('row')
          .count(),
      )
      .toBeGreaterThan(1);
    await expectAccessible(page, `Dashboard with bottlenecks, ${language}`);
  });
});
