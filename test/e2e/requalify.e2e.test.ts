/**
 * Re-qualification in headless Chromium, in English and in Arabic: a decision maker is marked
 * as having left their company on the contact's page; their open deal at Proposal is flagged;
 * from the deal's page one click sends it back to Qualification, with the reason in its history,
 * while the funnel still counts it as having reached Proposal. Each screen passes axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp, pageIn } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';
import { say, sayCount } from '../words.js';

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

describe.each(['en', 'ar'] as const)('a decision maker leaves, in %s', (language) => {
  it('flags the deal, and one click sends it back to Qualification with the reason', async () => {
    const w = (key: string, values?: Record<string, string | number>) => say(language, key, values);
    const page = await pageIn(app, language);
    const pipelines = await api<{
      items: { stages: { id: string; key: string; nameEn: string; nameAr: string }[] }[];
    }>(page, '/pipelines');
    const stages = pipelines.items[0]?.stages ?? [];
    const stage = (key: string) => stages.find((s) => s.key === key);
    const name = `Huda Al-Otaibi ${language}`;
    const person = await api<{ id: string }>(page, '/contacts', { name, role: 'decision_maker' });
    const deal = await api<{ id: string }>(page, '/deals', {
      title: `Hospital ERP ${language}`,
      stageId: stage('proposal')?.id,
      contacts: [{ contactId: person.id, role: null }],
    });

    await page.goto(`${app.base}/contacts/${person.id}`);
    const section = page.getByRole('region', { name: w('requalify.contactTitle') });
    await section.getByRole('button', { name: w('requalify.markLeft') }).click();
    await section.getByLabel(w('requalify.note')).fill('Moved to a competitor');
    await expectAccessible(page, `Contact leaving, ${language}`);
    await section.getByRole('button', { name: w('requalify.confirmLeft') }).click();
    await expect
      .poll(() => section.getByText(sayCount(language, 'requalify.flagged', 1)).count())
      .toBe(1);

    await page.goto(`${app.base}/deals/${deal.id}`);
    const flag = page.getByRole('group', { name: w('requalify.flagTitle') });
    await expect.poll(() => flag.getByText(name, { exact: false }).count()).toBe(1);
    await expectAccessible(page, `Deal with its decision maker gone, ${language}`);
    await flag.getByRole('button', { name: w('requalify.moveBack') }).click();
    await expect.poll(() => flag.count()).toBe(0);
    const qualification = stage('qualification');
    const qualificationName =
      language === 'ar' ? (qualification?.nameAr ?? '') : (qualification?.nameEn ?? '');
    await expect
      .poll(() => page.locator('.record-status').textContent())
      .toContain(qualificationName);
    // The move and its reason are in the deal's history on the page.
    const reason = w('requalify.reason', { name });
    await expect.poll(() => page.getByText(reason, { exact: false }).count()).toBeGreaterThan(0);
    await expectAccessible(page, `Deal sent back to Qualification, ${language}`);

    // The funnel still counts the deal as having reached Proposal.
    const today = new Date().toISOString().slice(0, 10);
    const next = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const metrics = await api<{ funnel: { stage: string; reached: number }[] }>(
      page,
      `/metrics?from=${today}&to=${next}`,
    );
    const reachedProposal = metrics.funnel.find((s) => s.stage === 'proposal')?.reached ?? 0;
    expect(reachedProposal).toBe(language === 'en' ? 1 : 2);
  });
});
