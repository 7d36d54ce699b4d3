import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  createDeal,
  errorPaths,
  expectStatus,
  stageIdsByKey,
  travelDays,
} from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi(); // Asia/Riyadh, USD, today 2026-03-01 09:00 UTC
});
afterEach(async () => {
  await api.close();
});

const get = (url: string, caller = api.admin) => caller.request({ method: 'GET', url });

describe('GET /forecast', () => {
  it('forecasts a period from won and weighted open deals', async () => {
    const stages = await stageIdsByKey(api.admin);
    await createDeal(api.admin, {
      title: 'Proposal deal',
      stageId: stages.proposal,
      amountMinor: 100_000,
      expectedCloseDate: '2026-03-20',
    });
    await createDeal(api.admin, {
      title: 'Overdue deal',
      stageId: stages.negotiation,
      amountMinor: 50_000,
      expectedCloseDate: '2025-12-20',
    });
    const body = expectStatus(await get('/api/v1/forecast?period=2026-Q1'), 200);
    expect(body).toMatchObject({
      period: { name: '2026-Q1', from: '2026-01-01', to: '2026-04-01' },
      currency: 'USD',
      probabilityMode: 'configured',
      wonSoFar: { minor: 0, currency: 'USD' },
      weightedOpen: { minor: 60_000, currency: 'USD' }, // 1,000.00 × 60 %
      expected: { minor: 60_000, currency: 'USD' },
      byCategory: {
        best_case: { count: 1, amount: { minor: 100_000 }, weighted: { minor: 60_000 } },
        commit: { count: 0 },
        pipeline: { count: 0 },
      },
      overdue: { count: 1, amount: { minor: 50_000, currency: 'USD' } },
      generatedAt: '2026-03-01T09:00:00.000Z',
    });
    // σ = 100,000 × √(0.6 × 0.4) = 48,990; margin 1.645 σ = 80,588 → low floored at won (0)
    expect(body.range).toEqual({
      low: { minor: 0, currency: 'USD' },
      high: { minor: 140_588, currency: 'USD' },
    });
  });

  it('answers 400 naming the field for a bad period or instant, and 401 without a session', async () => {
    const badPeriod = await get('/api/v1/forecast?period=2026-Q5');
    expect(badPeriod.statusCode).toBe(400);
    expect(errorPaths(badPeriod)).toEqual(['querystring.period']);
    const missing = await get('/api/v1/forecast');
    expect(missing.statusCode).toBe(400);
    expect(errorPaths(missing)).toEqual(['querystring.period']);
    const badInstant = await get('/api/v1/forecast?period=2026-Q1&asOf=yesterday');
    expect(errorPaths(badInstant)).toEqual(['querystring.asOf']);
    const future = await get('/api/v1/forecast?period=2026-Q1&asOf=2027-01-01T00:00:00Z');
    expect(future.statusCode).toBe(400);
    expect(errorPaths(future)).toEqual(['asOf']);
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/forecast?period=2026' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('counts only their own deals for a rep limited to them', async () => {
    const stages = await stageIdsByKey(api.admin);
    const rep = await api.addMember('rep');
    await createDeal(api.admin, {
      title: 'Admin deal',
      stageId: stages.negotiation,
      amountMinor: 100_000,
      expectedCloseDate: '2026-03-20',
    });
    await createDeal(rep, {
      title: 'Rep deal',
      stageId: stages.negotiation,
      amountMinor: 10_000,
      expectedCloseDate: '2026-03-20',
    });
    await api.database.db
      .updateTable('workspaces')
      .set({ reps_see_own_deals_only: 1 })
      .where('id', '=', api.admin.workspaceId)
      .execute();
    const mine = expectStatus(await get('/api/v1/forecast?period=2026-Q1', rep), 200);
    expect(mine.byCategory.commit.amount.minor).toBe(10_000);
    const all = expectStatus(await get('/api/v1/forecast?period=2026-Q1'), 200);
    expect(all.byCategory.commit.amount.minor).toBe(110_000);
  });
});

describe('GET /board?asOf', () => {
  it('shows deals in the stage they were in then; as of now is the board now', async () => {
    const stages = await stageIdsByKey(api.admin);
    const created = await createDeal(api.admin, { title: 'Traveller', amountMinor: 10_000 });
    const createdAt = new Date(api.clock.now).toISOString();
    const admin = await travelDays(api, 2, api.admin);
    expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/deals/${created.id}/move`,
        headers: ifMatch(created.version),
        payload: { stageId: stages.prospecting },
      }),
      200,
    );
    const cardIn = (board: { columns: { stage: { key: string }; cards: { id: string }[] }[] }) =>
      board.columns.find((c) => c.cards.some((card) => card.id === created.id))?.stage.key;

    const now = expectStatus(await get('/api/v1/board', admin), 200);
    expect(cardIn(now)).toBe('prospecting');
    const past = expectStatus(
      await get(`/api/v1/board?asOf=${encodeURIComponent(createdAt)}`, admin),
      200,
    );
    expect(past.asOf).toBe(createdAt);
    expect(cardIn(past)).toBe('lead_generation');
    expect(past.columns[0]).toMatchObject({ count: 1, total: { minor: 10_000 } });
    expect(past.columns[1]).toMatchObject({ count: 0, total: { minor: 0 } });
    // Before the deal existed, it is nowhere.
    const before = expectStatus(await get('/api/v1/board?asOf=2026-02-01T00:00:00Z', admin), 200);
    expect(cardIn(before)).toBeUndefined();

    const asOfNow = expectStatus(
      await get(`/api/v1/board?asOf=${new Date(api.clock.now).toISOString()}`, admin),
      200,
    );
    expect({ ...asOfNow, asOf: null }).toEqual(now);
  });

  it('refuses a malformed instant', async () => {
    const response = await get('/api/v1/board?asOf=2026-13-01');
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['querystring.asOf']);
  });
});

describe('GET /pipelines/:id/probabilities, /forecast/backtest and /bottlenecks', () => {
  it('lists configured and historical probabilities of each stage', async () => {
    const pipelines = expectStatus(await get('/api/v1/pipelines'), 200);
    const id = pipelines.items[0].id;
    const body = expectStatus(await get(`/api/v1/pipelines/${id}/probabilities`), 200);
    expect(body.priorWeight).toBe(20);
    expect(body.stages).toHaveLength(7);
    // Nothing closed yet: historical = configured, no observation.
    expect(body.stages[4]).toMatchObject({
      key: 'proposal',
      configured: 0.6,
      historical: 0.6,
      observed: null,
      sampleSize: 0,
    });
    const bad = await get(`/api/v1/pipelines/${id}/probabilities?windowMonths=0`);
    expect(errorPaths(bad)).toEqual(['querystring.windowMonths']);
    expect((await get('/api/v1/pipelines/nope/probabilities')).statusCode).toBe(404);
  });

  it('backtests past months and refuses an unknown grain', async () => {
    const body = expectStatus(
      await get('/api/v1/forecast/backtest?from=2025-01&to=2026-01&grain=month'),
      200,
    );
    expect(body.periods).toHaveLength(12);
    expect(body.periods[0]).toMatchObject({
      period: { name: '2025-01', from: '2025-01-01', to: '2025-02-01' },
      accuracy: null,
    });
    expect(body.overall).toEqual({
      meanAccuracy: null,
      weightedError: null,
      weightedAccuracy: null,
      periodsScored: 0,
    });
    const bad = await get('/api/v1/forecast/backtest?from=2025-01&to=2026-01&grain=week');
    expect(errorPaths(bad)).toEqual(['querystring.grain']);
  });

  it('reports each open stage against its baseline', async () => {
    const body = expectStatus(await get('/api/v1/bottlenecks?days=14'), 200);
    expect(body.days).toBe(14);
    expect(body.stages).toHaveLength(6);
    expect(body.stages[0]).toMatchObject({
      stage: { key: 'lead_generation' },
      isBottleneck: false,
      timeInStage: { recent: { visits: 0, meanDays: null } },
    });
    expect(errorPaths(await get('/api/v1/bottlenecks?days=0'))).toEqual(['querystring.days']);
  });
});
