/**
 * Historical stage probabilities on a hand-built history (Asia/Riyadh, today 2026-03-01).
 * Default stages by position: lead 1 (5 %), prospecting 2 (10 %), qualification 3 (20 %),
 * initial contact 4 (35 %), proposal 5 (60 %), negotiation 6 (90 %), follow-up 7 (won, 100 %).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
} from '../../../test/history-fixtures.js';
import { getStageProbabilities } from './probability.service.js';

const NOW = '2026-03-01T09:00:00Z';
let database: TestDatabase;
let world: HistoryWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database);
  const deal = (steps: Parameters<typeof insertDealWithHistory>[1]['steps'], isDeleted = false) =>
    insertDealWithHistory(world, { amountMinor: 100_000, steps, isDeleted });
  for (const month of ['09', '10', '11']) {
    // Won from Proposal: a win passes every stage.
    await deal([
      { at: `2025-${month}-01T08:00:00Z`, stage: 'proposal' },
      { at: `2025-${month}-20T08:00:00Z`, stage: 'follow_up', status: 'won' },
    ]);
  }
  for (const month of ['09', '10']) {
    // Lost at Proposal after coming through Lead generation.
    await deal([
      { at: `2025-${month}-01T08:00:00Z`, stage: 'lead_generation' },
      { at: `2025-${month}-05T08:00:00Z`, stage: 'proposal' },
      { at: `2025-${month}-25T08:00:00Z`, stage: 'proposal', status: 'lost' },
    ]);
  }
  // Reached Negotiation, sent back to Qualification, lost there: it reached Negotiation.
  await deal([
    { at: '2025-09-01T08:00:00Z', stage: 'negotiation' },
    { at: '2025-09-10T08:00:00Z', stage: 'qualification' },
    { at: '2025-09-20T08:00:00Z', stage: 'qualification', status: 'lost' },
  ]);
  // Lost at Lead generation.
  await deal([
    { at: '2025-12-01T08:00:00Z', stage: 'lead_generation' },
    { at: '2025-12-02T08:00:00Z', stage: 'lead_generation', status: 'lost' },
  ]);
  // Won, reopened, lost in February: counts once, as lost, having reached the won stage.
  await deal([
    { at: '2025-12-01T08:00:00Z', stage: 'negotiation' },
    { at: '2026-01-10T08:00:00Z', stage: 'follow_up', status: 'won' },
    { at: '2026-01-20T08:00:00Z', stage: 'negotiation' },
    { at: '2026-02-10T08:00:00Z', stage: 'negotiation', status: 'lost' },
  ]);
  // Won before the window (more than 12 months ago): left out today.
  await deal([
    { at: '2025-01-01T08:00:00Z', stage: 'negotiation' },
    { at: '2025-02-01T08:00:00Z', stage: 'follow_up', status: 'won' },
  ]);
  // Lost at Proposal in May 2025, reopened in October and still open: not closed today.
  await deal([
    { at: '2025-04-01T08:00:00Z', stage: 'proposal' },
    { at: '2025-05-01T08:00:00Z', stage: 'proposal', status: 'lost' },
    { at: '2025-10-01T08:00:00Z', stage: 'proposal' },
  ]);
  // Deleted: never counts.
  await deal(
    [
      { at: '2025-10-01T08:00:00Z', stage: 'negotiation' },
      { at: '2025-10-02T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
    true,
  );
});
afterAll(async () => {
  await database.close();
});

function byKey(result: Awaited<ReturnType<typeof getStageProbabilities>>) {
  return Object.fromEntries(result.stages.map((s) => [s.key, s]));
}

describe('getStageProbabilities', () => {
  it('gives, per stage, the shrunk share won of the closed deals that reached it', async () => {
    const result = await getStageProbabilities(world.contextAt(NOW), world.pipelineId);
    expect(result.window).toEqual({
      from: '2025-02-28T21:00:00.000Z', // 2025-03-01 00:00 in Riyadh
      to: '2026-03-01T09:00:00.000Z',
      months: 12,
    });
    expect(result.priorWeight).toBe(20);
    const stages = byKey(result);
    // Lead: all 8 closed deals (3 won): (3 + 20 × 0.05) / 28 = 0.142857 → 14.29 %
    expect(stages.lead_generation).toMatchObject({
      configured: 0.05,
      historical: 0.1429,
      observed: 3 / 8,
      sampleSize: 8,
      wonCount: 3,
    });
    // Prospecting … Proposal: 7 (the one lost at Lead drops out): (3 + 20 p) / 27
    expect(stages.prospecting).toMatchObject({ sampleSize: 7, historical: 0.1852 }); // 5 / 27
    expect(stages.qualification).toMatchObject({ sampleSize: 7, historical: 0.2593 }); // 7 / 27
    expect(stages.initial_contact).toMatchObject({ sampleSize: 7, historical: 0.3704 }); // 10/27
    expect(stages.proposal).toMatchObject({ sampleSize: 7, historical: 0.5556 }); // 15 / 27
    // Negotiation: 3 won + the one sent back + the one won-reopened-lost: (3 + 18) / 25
    expect(stages.negotiation).toMatchObject({ sampleSize: 5, wonCount: 3, historical: 0.84 });
    // Follow-up (won stage): 3 won + the one won-reopened-lost: (3 + 20) / 24 = 0.9583
    expect(stages.follow_up).toMatchObject({ sampleSize: 4, historical: 0.9583 });
  });

  it('learns from a shorter window when asked', async () => {
    const result = await getStageProbabilities(world.contextAt(NOW), world.pipelineId, {
      windowMonths: 1,
    });
    // Only the deal lost on 2026-02-10: (0 + 20 × 0.05) / 21 = 0.047619
    expect(byKey(result).lead_generation).toMatchObject({ sampleSize: 1, historical: 0.0476 });
  });

  it('rebuilds the probabilities as they stood at an earlier instant', async () => {
    const result = await getStageProbabilities(world.contextAt(NOW), world.pipelineId, {
      asOf: '2025-06-01T00:00:00Z',
    });
    // Then: the deal won in February 2025, and the one lost at Proposal (not yet reopened):
    // (1 + 20 × 0.05) / 22 = 0.0909
    expect(byKey(result).lead_generation).toMatchObject({ sampleSize: 2, historical: 0.0909 });
    expect(byKey(result).negotiation).toMatchObject({ sampleSize: 1, wonCount: 1 });
  });

  it('answers 404 for a pipeline of another workspace', async () => {
    const other = await createHistoryWorld(database);
    await expect(
      getStageProbabilities(world.contextAt(NOW), other.pipelineId),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
