/**
 * The median is the one metric whose SQL differs by dialect (percentile_cont on PostgreSQL, a
 * rank on SQLite): both must give the same numbers, checked here on each database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
  ms,
} from '../../test/history-fixtures.js';
import { medianCycleMs, summarizeClosings } from './metrics.repository.js';
import type { MetricsScope } from './metrics-scope.js';
import { NO_CUTOFF_MS } from '../domain/metrics-window.js';

const DAY = 86_400_000;
const OPENED = ms('2026-01-01T08:00:00Z');

let database: TestDatabase;
let world: HistoryWorld;

/** A deal opened on 1 January and closed `days` later. */
function closedAfter(days: number, status: 'won' | 'lost') {
  return insertDealWithHistory(world, {
    amountMinor: 1000,
    steps: [
      { at: OPENED, stage: 'proposal' },
      {
        at: OPENED + days * DAY,
        stage: status === 'won' ? 'follow_up' : 'proposal',
        status,
      },
    ],
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database);
  // Won after 1, 2, 4 and 10 days (January); lost after 3 and 30 days.
  for (const days of [10, 1, 4, 2]) await closedAfter(days, 'won');
  for (const days of [3, 30]) await closedAfter(days, 'lost');
  // Won and lost at the same instant (a correction): counted once, by the row written last.
  await insertDealWithHistory(world, {
    amountMinor: 1000,
    steps: [
      { at: OPENED, stage: 'proposal' },
      { at: OPENED + 5 * DAY, stage: 'follow_up', status: 'won' },
      { at: OPENED + 5 * DAY, stage: 'proposal' },
      { at: OPENED + 5 * DAY, stage: 'proposal', status: 'lost' },
    ],
  });
});
afterAll(async () => {
  await database.close();
});

function scope(fromMs: number, endMs: number): MetricsScope {
  return {
    workspaceId: world.workspaceId,
    pipelineId: world.pipelineId,
    fromMs,
    endMs,
    cutoffMs: NO_CUTOFF_MS,
  };
}

describe('closings in SQL', () => {
  it('takes the median of an even count as the mean of the middle two, of an odd count the middle', async () => {
    const medians = await medianCycleMs(database.db, scope(OPENED, OPENED + 60 * DAY));
    // Won: 1, 2, 4, 10 days → (2 + 4) / 2 = 3 days.
    expect(medians.won).toBe(3 * DAY);
    // All closed: 1, 2, 3, 4, 5 (the same-instant correction, lost), 10, 30 → 4 days.
    expect(medians.closed).toBe(4 * DAY);
  });

  it('answers null when nothing closed, and a single value when one did', async () => {
    expect(await medianCycleMs(database.db, scope(OPENED - 10 * DAY, OPENED))).toEqual({
      won: null,
      closed: null,
    });
    const firstDay = await medianCycleMs(database.db, scope(OPENED, OPENED + 1.5 * DAY));
    expect(firstDay).toEqual({ won: DAY, closed: DAY });
  });

  it('counts a deal closed twice at one instant once, by its last row', async () => {
    const rows = await summarizeClosings(database.db, scope(OPENED, OPENED + 60 * DAY));
    const count = (outcome: string) =>
      rows.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.deal_count, 0);
    expect([count('won'), count('lost')]).toEqual([4, 3]);
  });
});
