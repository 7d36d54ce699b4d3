/**
 * Bottlenecks on a hand-built history. Today is 2026-03-01 09:00 UTC; the recent window is the
 * 30 days before (from 2026-01-30 09:00), the baseline the 180 days before that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
} from '../../../test/history-fixtures.js';
import { getBottlenecks } from './bottleneck.service.js';

const NOW = '2026-03-01T09:00:00Z';
const DAY = 86_400_000;
let database: TestDatabase;
let world: HistoryWorld;

function at(day: string, plusDays = 0, plusHours = 0): number {
  return Date.parse(`${day}T08:00:00Z`) + plusDays * DAY + plusHours * 3_600_000;
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database);
  const deal = (steps: Parameters<typeof insertDealWithHistory>[1]['steps']) =>
    insertDealWithHistory(world, { amountMinor: 100_000, steps });
  for (let i = 0; i < 5; i += 1) {
    // Proposal visits: 10 days each in the baseline, 16 days each recently.
    await deal([
      { at: at('2025-10-01', 0, i), stage: 'proposal' },
      { at: at('2025-10-01', 10, i), stage: 'negotiation' },
    ]);
    await deal([
      { at: at('2026-02-01', 0, i), stage: 'proposal' },
      { at: at('2026-02-01', 16, i), stage: 'negotiation' },
    ]);
  }
  for (let i = 0; i < 10; i += 1) {
    // Baseline Qualification: 10 entries, 8 went on to Initial contact, 2 were lost (5 days).
    await deal([
      { at: at('2025-11-01', 0, i), stage: 'qualification' },
      i < 8
        ? { at: at('2025-11-01', 5, i), stage: 'initial_contact' }
        : { at: at('2025-11-01', 5, i), stage: 'qualification', status: 'lost' },
    ]);
  }
  for (let i = 0; i < 12; i += 1) {
    // Recent Qualification: 12 entries; 5 went on, 5 were lost, 2 are still there.
    const steps: Parameters<typeof deal>[0] = [
      { at: at('2026-02-01', 0, i), stage: 'qualification' },
    ];
    if (i < 5) steps.push({ at: at('2026-02-01', 5, i), stage: 'initial_contact' });
    else if (i < 10) {
      steps.push({ at: at('2026-02-01', 5, i), stage: 'qualification', status: 'lost' });
    }
    await deal(steps);
  }
});
afterAll(async () => {
  await database.close();
});

describe('getBottlenecks', () => {
  it('flags a stage that got slower, and one that converts markedly worse, with the numbers', async () => {
    const result = await getBottlenecks(world.contextAt(NOW), { days: 30 });
    expect(result.windows).toEqual({
      recent: { from: '2026-01-30T09:00:00.000Z', to: '2026-03-01T09:00:00.000Z' },
      baseline: { from: '2025-08-03T09:00:00.000Z', to: '2026-01-30T09:00:00.000Z' },
    });
    const stages = Object.fromEntries(result.stages.map((s) => [s.stage.key, s]));
    expect(Object.keys(stages)).toHaveLength(6); // the open stages only

    // Proposal: 16 days against 10 → 1.6 × ≥ 1.5 with 5 visits in each window.
    expect(stages.proposal?.timeInStage).toEqual({
      recent: { visits: 5, meanDays: 16 },
      baseline: { visits: 5, meanDays: 10 },
      ratio: 1.6,
      isFlagged: true,
    });
    // 5 decided entries in each: too few to judge conversion.
    expect(stages.proposal?.conversion.isFlagged).toBe(false);
    expect(stages.proposal?.isBottleneck).toBe(true);

    // Qualification: recently 5 of 10 decided (2 pending) = 50 % against 8 of 10 = 80 %.
    expect(stages.qualification?.conversion).toEqual({
      recent: { entered: 12, converted: 5, pending: 2, decided: 10, rate: 0.5 },
      baseline: { entered: 10, converted: 8, pending: 0, decided: 10, rate: 0.8 },
      dropPoints: expect.closeTo(30, 10),
      isFlagged: true,
    });
    expect(stages.qualification?.timeInStage).toMatchObject({ ratio: 1, isFlagged: false });
    expect(stages.qualification?.isBottleneck).toBe(true);

    expect(stages.lead_generation?.isBottleneck).toBe(false);
    expect(stages.negotiation?.conversion.recent.entered).toBe(5);
  });

  it('finds nothing in a quiet period', async () => {
    const result = await getBottlenecks(world.contextAt('2027-06-01T00:00:00Z'), { days: 7 });
    expect(result.stages.some((s) => s.isBottleneck)).toBe(false);
  });
});
