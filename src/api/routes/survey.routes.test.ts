import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, DAY_MS, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

/** A won deal with a company (its survey belongs to both). */
async function wonDeal() {
  const company = expectStatus(
    await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Al Noor Clinics' },
    }),
    201,
  );
  const person = expectStatus(
    await api.admin.request({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Layla' },
    }),
    201,
  );
  const deal = await createDeal(api.admin, {
    title: 'Clinic suite',
    companyId: company.id,
    contacts: [{ contactId: person.id, role: null }],
    amountMinor: 100_000,
    expectedCloseDate: '2026-03-31',
  });
  const won = expectStatus(
    await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/win`,
      headers: ifMatch(deal.version),
      payload: {},
    }),
    200,
  );
  return { deal: won, company, person };
}

const publicGet = (token: string) =>
  api.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}` });
const publicAnswer = (token: string, payload: object) =>
  api.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}/answer`, payload });

describe('satisfaction surveys', () => {
  it('makes a link for a won deal that answers once, without signing in, onto the deal and company', async () => {
    const { deal, company, person } = await wonDeal();
    const made = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${deal.id}/surveys`,
        payload: { contactId: person.id, language: 'ar' },
      }),
      201,
    );
    expect(made.url).toMatch(/^http:\/\/[^/]+\/survey\/srv_[A-Za-z0-9_-]{43}$/);
    const token = made.url.split('/survey/')[1];
    expect(made.survey).toMatchObject({
      dealId: deal.id,
      companyId: company.id,
      contactId: person.id,
      language: 'ar',
      answeredAt: null,
      expiresAt: new Date(api.clock.now + 14 * DAY_MS).toISOString(),
    });
    // Only the token's hash is kept.
    const stored = await api.database.db.selectFrom('surveys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(expectStatus(await publicGet(token), 200)).toEqual({
      workspaceName: 'Acme Sales',
      companyName: 'Al Noor Clinics',
      language: 'ar',
      expiresAt: made.survey.expiresAt,
      state: 'open',
    });
    const answered = expectStatus(
      await publicAnswer(token, { score: 4, comment: 'فريق متعاون' }),
      200,
    );
    expect(answered.state).toBe('answered');

    // Once only: a second answer changes nothing.
    const again = await publicAnswer(token, { score: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].code).toBe('survey_used');

    const ofDeal = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}/surveys` }),
      200,
    );
    expect(ofDeal.items[0]).toMatchObject({ score: 4, comment: 'فريق متعاون' });
    const ofCompany = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/companies/${company.id}/surveys` }),
      200,
    );
    expect(ofCompany.items.map((s: { score: number }) => s.score)).toEqual([4]);
    const notes = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/activities?dealId=${deal.id}` }),
      200,
    );
    expect(notes.items.map((a: { subject: string }) => a.subject)).toContain(
      'استبيان الرضا: 4 من 5',
    );
  });

  it('cannot be guessed, used after it expires, or made for a deal not won', async () => {
    const { deal } = await wonDeal();
    const made = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${deal.id}/surveys`,
        payload: { days: 3 },
      }),
      201,
    );
    const token: string = made.url.split('/survey/')[1];
    // A token one character off is unknown: 404, like any wrong one.
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await publicGet(wrong)).statusCode).toBe(404);
    expect((await publicAnswer(wrong, { score: 5 })).statusCode).toBe(404);
    expect((await publicAnswer(token, { score: 6 })).statusCode).toBe(400);

    api.clock.now += 3 * DAY_MS;
    expect(expectStatus(await publicGet(token), 200).state).toBe('expired');
    const late = await publicAnswer(token, { score: 5 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details[0].code).toBe('survey_expired');
    const row = await api.database.db.selectFrom('surveys').selectAll().executeTakeFirstOrThrow();
    expect(row.answered_at).toBeNull();

    const open = await createDeal(api.admin, { title: 'Still open' });
    const refused = await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${open.id}/surveys`,
      payload: {},
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].code).toBe('deal_not_won');
  });
});
