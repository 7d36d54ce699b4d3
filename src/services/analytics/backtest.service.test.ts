/**
 * The backtest on a hand-built history (Asia/Riyadh, today 2026-03-01). Each month's forecast is
 * the pipeline as it stood at the month's first instant; the actual is what was won in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
} from '../../../test/history-fixtures.js';
import { getBacktest } from './backtest.service.js';

const NOW = '2026-03-01T09:00:00Z';
let database: TestDatabase;
let world: HistoryWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database);
  const deal = (d: Parameters<typeof insertDealWithHistory>[1]) => insertDealWithHistory(world, d);
  // P: 10,000.00 in Proposal on 1 January (60 %), expected 2026-01-20, won 01-15.
  await deal({
    amountMinor: 1_000_000,
    expectedCloseDate: '2026-01-20',
    steps: [
      { at: '2025-12-01T08:00:00Z', stage: 'proposal' },
      { at: '2026-01-15T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // Q: 5,000.00 in Negotiation on 1 January (90 %), expected 2026-01-25, lost 01-28.
  await deal({
    amountMinor: 500_000,
    expectedCloseDate: '2026-01-25',
    steps: [
      { at: '2025-12-10T08:00:00Z', stage: 'negotiation' },
      { at: '2026-01-28T08:00:00Z', stage: 'negotiation', status: 'lost' },
    ],
  });
  // R: created on 01-05 (after the forecast was made) and won on 01-20: 2,000.00 actual only.
  await deal({
    amountMinor: 200_000,
    expectedCloseDate: '2026-01-31',
    steps: [
      { at: '2026-01-05T08:00:00Z', stage: 'negotiation' },
      { at: '2026-01-20T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // S: 8,000.00 in Qualification on 1 February (20 %), expected 02-15, in Proposal since 02-05.
  await deal({
    amountMinor: 800_000,
    expectedCloseDate: '2026-02-15',
    steps: [
      { at: '2026-01-10T08:00:00Z', stage: 'qualification' },
      { at: '2026-02-05T08:00:00Z', stage: 'proposal' },
    ],
  });
});
afterAll(async () => {
  await database.close();
});

describe('getBacktest', () => {
  it('compares each past month’s forecast from its first instant with what was won in it', async () => {
    const backtest = await getBacktest(world.contextAt(NOW), {
      from: '2026-01',
      to: '2026-04',
      grain: 'month',
    });
    // March is not over yet: left out.
    expect(backtest.periods.map((p) => p.period.name)).toEqual(['2026-01', '2026-02']);
    const [january, february] = backtest.periods;
    // January: P 10,000.00 × 60 % + Q 5,000.00 × 90 % = 10,500.00 forecast;
    // won: P 10,000.00 + R 2,000.00 = 12,000.00 → accuracy 1 − 1,500 / 12,000 = 0.875
    expect(january).toMatchObject({
      forecast: { minor: 1_050_000, currency: 'USD' },
      actual: { minor: 1_200_000, currency: 'USD' },
      error: { minor: -150_000, currency: 'USD' },
      accuracy: 0.875,
      openDeals: 2,
      wonDeals: 2,
    });
    // February: S in Qualification then, 8,000.00 × 20 % = 1,600.00; nothing won → no accuracy
    expect(february).toMatchObject({
      forecast: { minor: 160_000 },
      actual: { minor: 0 },
      accuracy: null,
      openDeals: 1,
    });
    // mean over scored periods: 0.875; weighted: (1,500 + 1,600) / 12,000 = 0.258333
    expect(backtest.overall.meanAccuracy).toBe(0.875);
    expect(backtest.overall.weightedError).toBeCloseTo(310_000 / 1_200_000, 12);
    expect(backtest.overall.weightedAccuracy).toBeCloseTo(1 - 310_000 / 1_200_000, 12);
    expect(backtest.overall.periodsScored).toBe(1);
  });

  it('works by quarter and refuses an empty or malformed range', async () => {
    const ctx = world.contextAt(NOW);
    const quarters = await getBacktest(ctx, { from: '2025-11', to: '2026-07', grain: 'quarter' });
    expect(quarters.periods.map((p) => p.period.name)).toEqual(['2025-Q4']);
    await expect(
      getBacktest(ctx, { from: '2026-02', to: '2026-01', grain: 'month' }),
    ).rejects.toMatchObject({ details: [{ path: ['to'] }] });
    await expect(
      getBacktest(ctx, { from: 'last year', to: '2026-01', grain: 'month' }),
    ).rejects.toMatchObject({ details: [{ path: ['from'] }] });
  });
});
