import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld } from '../../../test/history-fixtures.js';
import { loadDemoData } from '../../demo/load-demo.js';
import { forecastAccuracy } from '../../domain/backtest.js';
import { createDeal } from '../deals/deal.service.js';
import { winDeal } from '../deals/deal-move.service.js';
import { getBacktest } from './backtest.service.js';
import { submitForecastCall } from './forecast-call.service.js';

describe('the backtest scores the people’s calls beside the model', () => {
  let database: TestDatabase;
  let world: HistoryWorld;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await createHistoryWorld(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('takes the call in force at the period’s start and scores commit and best case', async () => {
    const deal = await createDeal(world.contextAt('2025-12-01T08:00:00Z'), {
      title: 'Won in Q1',
      stageId: world.stages.negotiation!.id,
      amountMinor: 10_000_00,
      expectedCloseDate: '2026-02-15',
    });
    await winDeal(world.contextAt('2026-02-10T08:00:00Z'), deal.id, deal.version);
    const callAt = (at: string, commitMinor: number, bestCaseMinor: number) =>
      submitForecastCall(world.contextAt(at), {
        period: '2026-Q1',
        scope: 'workspace',
        commitMinor,
        bestCaseMinor,
      });
    await callAt('2025-12-15T08:00:00Z', 5_000_00, 9_000_00);
    // The later one before the start replaces it; the one made inside the quarter is too late.
    await callAt('2025-12-20T08:00:00Z', 8_000_00, 12_000_00);
    await callAt('2026-01-10T08:00:00Z', 10_000_00, 10_000_00);

    const backtest = await getBacktest(world.contextAt('2026-06-01T00:00:00Z'), {
      from: '2025-Q4',
      to: '2026-Q2',
      grain: 'quarter',
    });
    const [q4, q1] = backtest.periods;
    expect(q4!.call).toBeNull();
    expect(q1!.actual.minor).toBe(10_000_00);
    // The model then: 10,000.00 in Negotiation at 90 %.
    expect(q1!.forecast.minor).toBe(9_000_00);
    expect(q1!.call).toMatchObject({
      commit: { minor: 8_000_00 },
      bestCase: { minor: 12_000_00 },
      basis: 'own',
      submittedAt: '2025-12-20T08:00:00.000Z',
      commitAccuracy: 0.8,
      bestCaseAccuracy: 0.8,
    });
    expect(backtest.calls.periodsCalled).toBe(1);
    expect(backtest.calls.model.meanAccuracy).toBeCloseTo(0.9);
    expect(backtest.calls.commit.meanAccuracy).toBeCloseTo(0.8);
  });
});

describe('the demo workspace', () => {
  let database: TestDatabase;
  let world: HistoryWorld;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await createHistoryWorld(database);
    await loadDemoData(world.contextAt('2026-03-01T09:00:00Z'), { deals: 150, seed: 42 });
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it('has calls for its quarters, and the backtest scores them against what was won', async () => {
    const backtest = await getBacktest(world.contextAt('2026-03-01T09:00:00Z'), {
      from: '2024-Q3',
      to: '2026-Q1',
      grain: 'quarter',
    });
    const called = backtest.periods.filter((p) => p.call !== null);
    expect(called.length).toBeGreaterThanOrEqual(3);
    expect(backtest.calls.periodsCalled).toBe(called.length);
    for (const period of called) {
      expect(period.call!.commitAccuracy).toBe(
        forecastAccuracy(period.actual.minor, period.call!.commit.minor),
      );
      expect(period.call!.bestCase.minor).toBeGreaterThanOrEqual(period.call!.commit.minor);
    }
    expect(backtest.calls.commit.periodsScored).toBeGreaterThan(0);
    expect(backtest.calls.model.periodsScored).toBeGreaterThan(0);
  });
});
