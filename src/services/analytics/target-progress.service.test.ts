/**
 * Target progress on a hand-built history (Asia/Riyadh, USD, today 2026-03-01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
  insertTeamWith,
} from '../../../test/history-fixtures.js';
import { getTargetProgress } from './target-progress.service.js';
import { createTarget } from './target.service.js';

const NOW = '2026-03-01T09:00:00Z';
let database: TestDatabase;
let world: HistoryWorld;
let teamId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database);
  const rep = await world.addMember('rep');
  teamId = await insertTeamWith(world, 'North', [rep]);
  // Won in Q1: 10,000.00 (by the rep, in the team).
  await insertDealWithHistory(world, {
    amountMinor: 1_000_000,
    ownerId: rep,
    steps: [
      { at: '2026-01-05T08:00:00Z', stage: 'negotiation' },
      { at: '2026-02-01T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // Won in June 2025: 30,000.00 (by the admin). Average won deal over 12 months: 20,000.00.
  await insertDealWithHistory(world, {
    amountMinor: 3_000_000,
    steps: [
      { at: '2025-05-05T08:00:00Z', stage: 'negotiation' },
      { at: '2025-06-01T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // Open in Proposal, expected in March: 10,000.00, weighted 6,000.00.
  await insertDealWithHistory(world, {
    amountMinor: 1_000_000,
    expectedCloseDate: '2026-03-15',
    steps: [{ at: '2026-02-05T08:00:00Z', stage: 'proposal' }],
  });
});
afterAll(async () => {
  await database.close();
});

describe('getTargetProgress', () => {
  it('gives the gap, coverage and deals needed per stage', async () => {
    const ctx = world.contextAt(NOW);
    const target = await createTarget(ctx, {
      scope: 'workspace',
      period: '2026-Q1',
      amountMinor: 5_000_000,
    });
    const progress = await getTargetProgress(ctx, target.id);
    // 50,000.00 target, 10,000.00 won → 40,000.00 remaining
    expect(progress).toMatchObject({
      targetAmount: { minor: 5_000_000, currency: 'USD' },
      wonSoFar: { minor: 1_000_000 },
      remaining: { minor: 4_000_000 },
      attainment: 0.2,
      openPipeline: { weighted: { minor: 600_000 }, unweighted: { minor: 1_000_000 } },
      // 6,000 / 40,000 and 10,000 / 40,000
      coverage: { weighted: 0.15, unweighted: 0.25 },
      averageWonDeal: { minor: 2_000_000, currency: 'USD' },
      recentWonDeals: 2,
      pipelineId: world.pipelineId,
    });
    // 40,000 / 20,000 = 2 deals' worth; ÷ P: 5 % → 40, 10 % → 20, 20 % → 10,
    // 35 % → 5.71 → 6, 60 % → 3.33 → 4, 90 % → 2.22 → 3
    expect(progress.opportunitiesNeeded.map((s) => [s.key, s.needed])).toEqual([
      ['lead_generation', 40],
      ['prospecting', 20],
      ['qualification', 10],
      ['initial_contact', 6],
      ['proposal', 4],
      ['negotiation', 3],
    ]);
  });

  it('counts only the team’s deals for a team target', async () => {
    const ctx = world.contextAt(NOW);
    const target = await createTarget(ctx, {
      scope: `team:${teamId}`,
      period: '2026-Q1',
      amountMinor: 1_500_000,
    });
    const progress = await getTargetProgress(ctx, target.id);
    // The team won 10,000.00 of 15,000.00; its average won deal is 10,000.00;
    // 5,000 / 10,000 = 0.5 deal's worth: Proposal 0.5 / 0.6 → 1, Lead 0.5 / 0.05 → 10
    expect(progress).toMatchObject({
      wonSoFar: { minor: 1_000_000 },
      remaining: { minor: 500_000 },
      averageWonDeal: { minor: 1_000_000 },
      openPipeline: { unweighted: { minor: 0 } },
      coverage: { weighted: 0, unweighted: 0 },
    });
    expect(progress.opportunitiesNeeded.find((s) => s.key === 'proposal')?.needed).toBe(1);
    expect(progress.opportunitiesNeeded.find((s) => s.key === 'lead_generation')?.needed).toBe(10);
  });
});
