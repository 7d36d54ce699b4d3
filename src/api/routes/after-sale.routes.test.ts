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

async function win(deal: { id: string; version: number }) {
  return expectStatus(
    await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/win`,
      headers: ifMatch(deal.version),
      payload: {},
    }),
    200,
  );
}

/** A deal that meets every default exit criterion, so it can be won. */
async function winnableDeal(title: string, extra: object = {}) {
  const company = expectStatus(
    await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: `${title} Co` },
    }),
    201,
  );
  const person = expectStatus(
    await api.admin.request({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: `${title} buyer` },
    }),
    201,
  );
  return createDeal(api.admin, {
    title,
    companyId: company.id,
    contacts: [{ contactId: person.id, role: null }],
    amountMinor: 1_000_000,
    expectedCloseDate: '2026-03-31',
    ...extra,
  });
}

async function activitiesOf(dealId: string) {
  const page = expectStatus(
    await api.admin.request({ method: 'GET', url: `/api/v1/activities?dealId=${dealId}` }),
    200,
  );
  return page.items as { subject: string; kind: string; dueAt: string; ownerId: string }[];
}

describe('after the sale: follow-up tasks', () => {
  it('gives the owner the pipeline’s template when a deal is won, dated from the win', async () => {
    const deal = await winnableDeal('Fleet renewal');
    const won = await win(deal);
    expect(won.status).toBe('won');
    const tasks = (await activitiesOf(deal.id)).map((a) => [a.kind, a.subject, a.dueAt, a.ownerId]);
    // Won on 1 March (noon in Riyadh): due 8 and 31 March at 09:00 in Riyadh (06:00 UTC).
    expect(tasks).toEqual([
      ['call', 'Onboarding call', '2026-03-08T06:00:00.000Z', api.admin.userId],
      ['task', 'Satisfaction check: send the survey', '2026-03-31T06:00:00.000Z', api.admin.userId],
    ]);
  });

  it('follows the template as the pipeline has it, and none when it is empty', async () => {
    const pipelines = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' }),
      200,
    );
    const pipeline = pipelines.items[0];
    expect(pipeline.followUpTasks).toHaveLength(2);
    const changed = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/pipelines/${pipeline.id}`,
        headers: ifMatch(pipeline.version),
        payload: {
          followUpTasks: [
            { kind: 'meeting', subjectEn: 'Kick-off', subjectAr: 'اجتماع الانطلاق', days: 2 },
          ],
        },
      }),
      200,
    );
    expect(changed.followUpTasks).toEqual([
      { kind: 'meeting', subjectEn: 'Kick-off', subjectAr: 'اجتماع الانطلاق', days: 2 },
    ]);
    // The owner reads Arabic: the task is worded in Arabic.
    await api.database.db
      .updateTable('users')
      .set({ locale: 'ar' })
      .where('id', '=', api.admin.userId)
      .execute();
    const deal = await winnableDeal('Clinic');
    await win(deal);
    expect((await activitiesOf(deal.id)).map((a) => a.subject)).toEqual(['اجتماع الانطلاق']);

    const bad = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/pipelines/${pipeline.id}`,
      headers: ifMatch(changed.version),
      payload: { followUpTasks: [{ kind: 'meeting', subjectEn: '', subjectAr: 'x', days: -1 }] },
    });
    expect(bad.statusCode).toBe(400);
    const none = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/pipelines/${pipeline.id}`,
        headers: ifMatch(changed.version),
        payload: { followUpTasks: [] },
      }),
      200,
    );
    expect(none.followUpTasks).toEqual([]);
    const quiet = await winnableDeal('Quiet');
    await win(quiet);
    expect(await activitiesOf(quiet.id)).toEqual([]);
  });
});

describe('after the sale: upsells and cross-sells', () => {
  it('links an expansion to the won deal it comes from, and reports its revenue apart', async () => {
    const origin = await win(await winnableDeal('First order'));
    const upsell = await createDeal(api.admin, {
      title: 'More seats',
      businessKind: 'upsell',
      originDealId: origin.id,
      amountMinor: 300_000,
    });
    expect(upsell).toMatchObject({
      businessKind: 'upsell',
      originDealId: origin.id,
      companyId: origin.companyId,
    });
    const listed = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals?originDealId=${origin.id}` }),
      200,
    );
    expect(listed.items.map((d: { id: string }) => d.id)).toEqual([upsell.id]);

    // Refusals name the field: no origin, an open origin, an origin for new business.
    const refuse = async (payload: object, code: string) => {
      const response = await api.admin.request({ method: 'POST', url: '/api/v1/deals', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0]).toMatchObject({ path: ['originDealId'], code });
    };
    await refuse({ title: 'X', businessKind: 'cross_sell' }, 'origin_required');
    await refuse({ title: 'X', businessKind: 'upsell', originDealId: upsell.id }, 'origin_not_won');
    await refuse({ title: 'X', originDealId: origin.id }, 'origin_for_new_business');
    await refuse({ title: 'X', businessKind: 'upsell', originDealId: 'nope' }, 'unknown_reference');

    // Win the upsell: March's won amount splits into new business and expansion.
    const company = upsell.companyId;
    const person = expectStatus(
      await api.admin.request({ method: 'POST', url: '/api/v1/contacts', payload: { name: 'P' } }),
      201,
    );
    const ready = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/deals/${upsell.id}`,
        headers: ifMatch(upsell.version),
        payload: {
          companyId: company,
          contacts: [{ contactId: person.id, role: null }],
          expectedCloseDate: '2026-03-31',
        },
      }),
      200,
    );
    api.clock.now += DAY_MS;
    await win(ready);
    const metrics = expectStatus(
      await api.admin.request({
        method: 'GET',
        url: '/api/v1/metrics?from=2026-03-01&to=2026-04-01',
      }),
      200,
    );
    expect(metrics.wonAmount.minor).toBe(1_300_000);
    expect(metrics.wonByBusinessKind).toEqual({
      newBusiness: { minor: 1_000_000, currency: 'USD' },
      expansion: { minor: 300_000, currency: 'USD' },
      expansionCount: 1,
    });
  });
});
