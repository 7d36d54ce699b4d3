import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  createDeal,
  errorPaths,
  expectStatus,
  insertTestCompany,
  insertTestContact,
} from '../../../test/crm-fixtures.js';

let api: TestApi;
// The harness clock reads 2026-03-01 09:00 UTC, noon in the workspace's Riyadh.
const MARCH = '/api/v1/metrics?from=2026-03-01&to=2026-04-01';

beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

/** A deal ready to be won from its first stage (every exit criterion met), then closed. */
async function closedDeal(caller: Caller, outcome: 'win' | 'lose') {
  const companyId = await insertTestCompany(api, 'Najd Trading');
  const contactId = await insertTestContact(api, 'Huda');
  const deal = await createDeal(caller, {
    title: `To ${outcome}`,
    companyId,
    contacts: [{ contactId }],
    amountMinor: 250_000,
    expectedCloseDate: '2026-03-31',
  });
  const payload =
    outcome === 'win'
      ? {}
      : {
          lostReasonId: (
            await api.database.db
              .selectFrom('lost_reasons')
              .select('id')
              .where('workspace_id', '=', api.admin.workspaceId)
              .where('label_en', '=', 'Price')
              .executeTakeFirstOrThrow()
          ).id,
        };
  return expectStatus(
    await caller.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/${outcome}`,
      headers: ifMatch(deal.version),
      payload,
    }),
    200,
  );
}

describe('GET /metrics', () => {
  it('answers the metrics of the period, from the history', async () => {
    await closedDeal(api.admin, 'win');
    await closedDeal(api.admin, 'lose');
    const body = expectStatus(await api.admin.request({ method: 'GET', url: MARCH }), 200);
    expect(body).toMatchObject({
      period: { from: '2026-03-01', to: '2026-04-01' },
      baseCurrency: 'USD',
      winRate: 0.5,
      wonCount: 1,
      lostCount: 1,
      wonAmount: { minor: 250_000, currency: 'USD' },
      averageWonAmount: { minor: 250_000, currency: 'USD' },
      salesCycleDays: { mean: 0, median: 0 },
      lostByReason: [{ labelEn: 'Price', count: 1 }],
      leadVelocityRate: [{ month: '2026-03', qualified: 1, rate: null }],
    });
    expect(body.stageConversion[0]).toMatchObject({
      stage: 'lead_generation',
      entered: 2,
      advanced: 1,
      stillOpen: 0,
      rate: 0.5,
    });
  });

  it('refuses bad input with the field’s path', async () => {
    const get = (query: string) =>
      api.admin.request({ method: 'GET', url: `/api/v1/metrics?${query}` });
    const missing = await get('from=2026-03-01');
    expect(missing.statusCode).toBe(400);
    expect(errorPaths(missing)).toContain('querystring.to');
    const badDay = await get('from=2026-02-30&to=2026-04-01');
    expect(badDay.statusCode).toBe(400);
    expect(errorPaths(badDay)).toContain('querystring.from');
    const reversed = await get('from=2026-04-01&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(errorPaths(reversed)).toContain('querystring.to');
    const badAsOf = await get('from=2026-03-01&to=2026-04-01&asOf=yesterday');
    expect(badAsOf.statusCode).toBe(400);
    expect(errorPaths(badAsOf)).toContain('querystring.asOf');
    const tooLong = await get('from=2000-01-01&to=2026-01-01');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('VALIDATION_FAILED');
    const unknownPipeline = await get('from=2026-03-01&to=2026-04-01&pipelineId=nope');
    expect(unknownPipeline.statusCode).toBe(404);
  });

  it('asks who is calling', async () => {
    const response = await api.app.inject({ method: 'GET', url: MARCH });
    expect(response.statusCode).toBe(401);
  });

  it('limits reps to their own deals when the workspace says so', async () => {
    const rep = await api.addMember('rep');
    await closedDeal(api.admin, 'win');
    await closedDeal(rep, 'lose');
    const all = expectStatus(await rep.request({ method: 'GET', url: MARCH }), 200);
    expect([all.wonCount, all.lostCount]).toEqual([1, 1]);

    const settings = await api.admin.request({ method: 'GET', url: '/api/v1/workspace' });
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: '/api/v1/workspace',
        headers: { 'if-match': settings.headers.etag as string },
        payload: { repsSeeOwnDealsOnly: true },
      }),
      200,
    );
    const own = expectStatus(await rep.request({ method: 'GET', url: MARCH }), 200);
    expect([own.wonCount, own.lostCount, own.wonAmount.minor]).toEqual([0, 1, 0]);
    expect(own.leaderboard.map((o: { ownerId: string }) => o.ownerId)).toEqual([rep.userId]);
    // Asking for someone else's deals gives nothing, not theirs.
    const theirs = expectStatus(
      await rep.request({ method: 'GET', url: `${MARCH}&ownerId=${api.admin.userId}` }),
      200,
    );
    expect([theirs.wonCount, theirs.lostCount]).toEqual([0, 0]);
    const manager = await api.addMember('manager');
    const everything = expectStatus(await manager.request({ method: 'GET', url: MARCH }), 200);
    expect([everything.wonCount, everything.lostCount]).toEqual([1, 1]);
  });
});
