/**
 * The forecast on a hand-built history in Asia/Riyadh (UTC+3), base currency USD, with SAR
 * rates 0.2666 from 2026-01-01 and 0.27 from 2026-02-15. Today is 2026-03-01 12:00 in Riyadh.
 * Every expected number below is worked out by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
  insertTeamWith,
  setRate,
} from '../../../test/history-fixtures.js';
import { DomainError } from '../../domain/errors.js';
import { getForecast } from './forecast.service.js';

const NOW = '2026-03-01T09:00:00Z';
let database: TestDatabase;
let world: HistoryWorld;
let teamId: string;
let repInTeam: string;
let repAlone: string;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database, { timeZone: 'Asia/Riyadh', baseCurrency: 'USD' });
  await setRate(world, 'SAR', '2026-01-01', '0.2666');
  await setRate(world, 'SAR', '2026-02-15', '0.27');
  repInTeam = await world.addMember('rep');
  repAlone = await world.addMember('rep');
  teamId = await insertTeamWith(world, 'Riyadh desk', [repInTeam]);
  const deal = (d: Parameters<typeof insertDealWithHistory>[1]) => insertDealWithHistory(world, d);

  // A: 10,000.00 USD won 2026-01-10 → in Q1.
  await deal({
    amountMinor: 1_000_000,
    expectedCloseDate: '2026-01-15',
    steps: [
      { at: '2025-12-01T08:00:00Z', stage: 'lead_generation' },
      { at: '2025-12-20T08:00:00Z', stage: 'proposal' },
      { at: '2026-01-10T10:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // B: 20,000.00 SAR won 2026-02-14 21:30 UTC = 2026-02-15 00:30 Riyadh → the 0.27 rate:
  // 5,400.00 USD (the UTC day would have picked 0.2666).
  await deal({
    amountMinor: 2_000_000,
    currency: 'SAR',
    expectedCloseDate: '2026-02-20',
    steps: [
      { at: '2026-01-05T08:00:00Z', stage: 'proposal' },
      { at: '2026-02-14T21:30:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // C: 5,000.00 USD won 2025-12-31 21:30 UTC = 2026-01-01 00:30 Riyadh → in Q1.
  await deal({
    amountMinor: 500_000,
    expectedCloseDate: '2025-12-31',
    steps: [
      { at: '2025-11-01T08:00:00Z', stage: 'negotiation' },
      { at: '2025-12-31T21:30:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // D: 7,000.00 USD won 2025-12-31 20:30 UTC = 23:30 Riyadh → Q4 2025, not Q1.
  await deal({
    amountMinor: 700_000,
    steps: [
      { at: '2025-11-01T08:00:00Z', stage: 'negotiation' },
      { at: '2025-12-31T20:30:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // E: 10,000.00 USD open in Proposal (60 %, best case), expected 2026-03-20.
  await deal({
    amountMinor: 1_000_000,
    expectedCloseDate: '2026-03-20',
    ownerId: repAlone,
    steps: [
      { at: '2026-01-02T08:00:00Z', stage: 'lead_generation' },
      { at: '2026-01-15T08:00:00Z', stage: 'proposal' },
    ],
  });
  // F: 10,000.00 SAR open in Negotiation (90 %, commit), expected 2026-02-01 (in Q1, past).
  await deal({
    amountMinor: 1_000_000,
    currency: 'SAR',
    expectedCloseDate: '2026-02-01',
    steps: [
      { at: '2025-10-01T08:00:00Z', stage: 'lead_generation' },
      { at: '2026-02-10T08:00:00Z', stage: 'negotiation' },
    ],
  });
  // G: 2,000.00 USD in Qualification with an override of 50 %, expected 2026-03-31.
  await deal({
    amountMinor: 200_000,
    expectedCloseDate: '2026-03-31',
    probabilityOverride: 50,
    ownerId: repInTeam,
    steps: [{ at: '2026-02-20T08:00:00Z', stage: 'qualification' }],
  });
  // H: 3,000.00 USD open, expected 2025-12-15: overdue for Q1.
  await deal({
    amountMinor: 300_000,
    expectedCloseDate: '2025-12-15',
    steps: [{ at: '2025-11-15T08:00:00Z', stage: 'proposal' }],
  });
  // I: open, expected 2026-04-01: after Q1.
  await deal({
    amountMinor: 400_000,
    expectedCloseDate: '2026-04-01',
    steps: [{ at: '2026-01-01T08:00:00Z', stage: 'proposal' }],
  });
  // J: 9,000.00 USD lost in Qualification on 2026-02-05.
  await deal({
    amountMinor: 900_000,
    expectedCloseDate: '2026-03-01',
    steps: [
      { at: '2025-09-01T08:00:00Z', stage: 'qualification' },
      { at: '2026-02-05T08:00:00Z', stage: 'qualification', status: 'lost' },
    ],
  });
  // K: won in Q1 but deleted.
  await deal({
    amountMinor: 800_000,
    isDeleted: true,
    steps: [
      { at: '2026-01-01T08:00:00Z', stage: 'negotiation' },
      { at: '2026-01-20T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // L: 6,000.00 USD won 2026-01-25, reopened 2026-02-05 in Proposal, expected 2026-05-01.
  await deal({
    amountMinor: 600_000,
    expectedCloseDate: '2026-05-01',
    steps: [
      { at: '2025-12-01T08:00:00Z', stage: 'proposal' },
      { at: '2026-01-25T08:00:00Z', stage: 'follow_up', status: 'won' },
      { at: '2026-02-05T08:00:00Z', stage: 'proposal' },
    ],
  });
});
afterAll(async () => {
  await database.close();
});

const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('getForecast', () => {
  it('adds won so far (each win at its own day’s rate) to the weighted open deals of the period', async () => {
    const forecast = await getForecast(world.contextAt(NOW), { period: '2026-Q1' });
    expect(forecast.period).toEqual({ name: '2026-Q1', from: '2026-01-01', to: '2026-04-01' });
    // A 10,000.00 + B 5,400.00 + C 5,000.00 (L was reopened, K deleted, D is in Q4)
    expect(forecast.wonSoFar).toEqual(usd(2_040_000));
    expect(forecast.wonCount).toBe(3);
    // E 10,000.00 × 60 % = 6,000.00; F 10,000.00 SAR × 0.27 = 2,700.00 × 90 % = 2,430.00;
    // G 2,000.00 × 50 % (override) = 1,000.00
    expect(forecast.weightedOpen).toEqual(usd(943_000));
    expect(forecast.expected).toEqual(usd(2_983_000));
    expect(forecast.byCategory).toEqual({
      commit: { count: 1, amount: usd(270_000), weighted: usd(243_000) },
      best_case: { count: 1, amount: usd(1_000_000), weighted: usd(600_000) },
      pipeline: { count: 1, amount: usd(200_000), weighted: usd(100_000) },
    });
    // H is overdue: expected before the period and still open.
    expect(forecast.overdue).toEqual({ count: 1, amount: usd(300_000) });
    // variance = 1e6² × 0.6 × 0.4 + (1e6 × 0.27)² × 0.9 × 0.1 + 2e5² × 0.5 × 0.5 = 2.56561e11
    // σ = 506,518.5 → 506,519; margin = 1.645 σ = 833,223
    expect(forecast.standardDeviation).toEqual(usd(506_519));
    expect(forecast.range).toEqual({ low: usd(2_149_777), high: usd(3_816_223) });
    expect(forecast).toMatchObject({
      currency: 'USD',
      probabilityMode: 'configured',
      asOf: null,
      unconvertedCurrencies: [],
      generatedAt: '2026-03-01T09:00:00.000Z',
    });
  });

  it('reads period bounds in the workspace time zone', async () => {
    const q4 = await getForecast(world.contextAt(NOW), { period: '2025-Q4' });
    expect(q4.wonSoFar).toEqual(usd(700_000)); // D only
    // March: E and G close in it; F (expected 2026-02-01) and H are overdue for it.
    const march = await getForecast(world.contextAt(NOW), { period: '2026-03' });
    expect(march.wonSoFar.minor).toBe(0);
    expect(march.weightedOpen).toEqual(usd(700_000));
    expect(march.overdue).toEqual({ count: 2, amount: usd(570_000) });
  });

  it('rebuilds the forecast as it stood at an earlier instant', async () => {
    const forecast = await getForecast(world.contextAt(NOW), {
      period: '2026-Q1',
      asOf: '2026-02-01T00:00:00Z',
    });
    expect(forecast.asOf).toBe('2026-02-01T00:00:00.000Z');
    // Won by then: A 10,000.00, C 5,000.00 and L 6,000.00 (reopened only on 02-05).
    expect(forecast.wonSoFar).toEqual(usd(2_100_000));
    // Open then: B in Proposal (20,000.00 SAR × 0.2666 = 5,332.00 × 60 % = 3,199.20),
    // E in Proposal (6,000.00), F still in Lead generation (10,000.00 SAR × 0.2666 = 2,666.00
    // × 5 % = 133.30), J in Qualification (9,000.00 × 20 % = 1,800.00); G did not exist yet.
    expect(forecast.byCategory).toEqual({
      commit: { count: 0, amount: usd(0), weighted: usd(0) },
      best_case: { count: 2, amount: usd(1_533_200), weighted: usd(919_920) },
      pipeline: { count: 2, amount: usd(1_166_600), weighted: usd(193_330) },
    });
    expect(forecast.weightedOpen).toEqual(usd(1_113_250));
    expect(forecast.expected).toEqual(usd(3_213_250));
    expect(forecast.overdue).toEqual({ count: 1, amount: usd(300_000) });
  });

  it('as of now is the same forecast as now', async () => {
    const now = await getForecast(world.contextAt(NOW), { period: '2026-Q1' });
    const asOfNow = await getForecast(world.contextAt(NOW), { period: '2026-Q1', asOf: NOW });
    expect({ ...asOfNow, asOf: null }).toEqual(now);
  });

  it('weights with historical probabilities in historical mode; an override still wins', async () => {
    await database.db
      .updateTable('workspaces')
      .set({ probability_mode: 'historical' })
      .where('id', '=', world.workspaceId)
      .execute();
    try {
      const forecast = await getForecast(world.contextAt(NOW), { period: '2026-Q1' });
      expect(forecast.probabilityMode).toBe('historical');
      // Closed in the 12 months before now: A, B, C, D won; J lost furthest at Qualification.
      // Proposal: 4 of 4 won → (4 + 20 × 0.6) / 24 = 66.67 %: E 10,000.00 → 6,667.00
      // Negotiation: (4 + 18) / 24 = 91.67 %: F 2,700.00 → 2,475.09; G keeps its 50 %: 1,000.00
      expect(forecast.weightedOpen).toEqual(usd(666_700 + 247_509 + 100_000));
    } finally {
      await database.db
        .updateTable('workspaces')
        .set({ probability_mode: 'configured' })
        .where('id', '=', world.workspaceId)
        .execute();
    }
  });

  it('narrows to an owner or a team’s members', async () => {
    const team = await getForecast(world.contextAt(NOW), { period: '2026-Q1', teamId });
    expect(team.weightedOpen).toEqual(usd(100_000)); // G
    expect(team.wonSoFar.minor).toBe(0);
    const owner = await getForecast(world.contextAt(NOW), { period: '2026-Q1', ownerId: repAlone });
    expect(owner.weightedOpen).toEqual(usd(600_000)); // E
  });

  it('refuses a bad period, an instant in the future and a team of nowhere', async () => {
    const ctx = world.contextAt(NOW);
    await expect(getForecast(ctx, { period: '2026-Q5' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: ['period'] }],
    });
    await expect(
      getForecast(ctx, { period: '2026-Q1', asOf: '2026-03-02T00:00:00Z' }),
    ).rejects.toMatchObject({ details: [{ path: ['asOf'] }] });
    await expect(getForecast(ctx, { period: '2026-Q1', teamId: 'nope' })).rejects.toBeInstanceOf(
      DomainError,
    );
  });
});
