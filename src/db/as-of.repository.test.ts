import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import {
  createHistoryWorld,
  type HistoryWorld,
  insertDealWithHistory,
  ms,
} from '../../test/history-fixtures.js';
import { listDealStatesAsOf } from './as-of.repository.js';

let database: TestDatabase;
let world: HistoryWorld;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createHistoryWorld(database);
  // Lead → Qualification → Proposal → lost at Proposal → reopened at Proposal → won.
  ids.winding = await insertDealWithHistory(world, {
    amountMinor: 1000,
    steps: [
      { at: '2026-01-01T08:00:00Z', stage: 'lead_generation' },
      { at: '2026-01-10T08:00:00Z', stage: 'qualification' },
      { at: '2026-01-20T08:00:00Z', stage: 'proposal' },
      { at: '2026-02-01T08:00:00Z', stage: 'proposal', status: 'lost' },
      { at: '2026-02-10T08:00:00Z', stage: 'proposal' },
      { at: '2026-02-20T08:00:00Z', stage: 'follow_up', status: 'won' },
    ],
  });
  // Two rows at the same instant: the later id (written second) is the state.
  ids.sameInstant = await insertDealWithHistory(world, {
    amountMinor: 1000,
    steps: [
      { at: '2026-01-05T08:00:00Z', stage: 'lead_generation' },
      { at: '2026-01-05T08:00:00Z', stage: 'prospecting' },
    ],
  });
  ids.deleted = await insertDealWithHistory(world, {
    amountMinor: 1000,
    isDeleted: true,
    steps: [{ at: '2026-01-01T08:00:00Z', stage: 'lead_generation' }],
  });
  // A deal of another workspace never shows.
  const other = await createHistoryWorld(database);
  await insertDealWithHistory(other, {
    amountMinor: 1000,
    steps: [{ at: '2026-01-01T08:00:00Z', stage: 'lead_generation' }],
  });
});
afterAll(async () => {
  await database.close();
});

async function stateOf(dealId: string | undefined, at: string) {
  const states = await listDealStatesAsOf(database.db, world.workspaceId, ms(at));
  const state = states.find((s) => s.id === dealId);
  if (!state) return undefined;
  const stage = Object.values(world.stages).find((s) => s.id === state.stage_id);
  return { stage: stage?.key, status: state.status, since: new Date(state.since).toISOString() };
}

describe('deal state as of an instant', () => {
  it('is the last history row at or before the instant', async () => {
    expect(await stateOf(ids.winding, '2026-01-15T00:00:00Z')).toEqual({
      stage: 'qualification',
      status: 'open',
      since: '2026-01-10T08:00:00.000Z',
    });
    expect(await stateOf(ids.winding, '2026-01-20T08:00:00Z')).toMatchObject({
      stage: 'proposal',
      status: 'open',
    });
    expect(await stateOf(ids.winding, '2026-02-05T00:00:00Z')).toMatchObject({
      stage: 'proposal',
      status: 'lost',
    });
    expect(await stateOf(ids.winding, '2026-02-15T00:00:00Z')).toMatchObject({
      stage: 'proposal',
      status: 'open',
      since: '2026-02-10T08:00:00.000Z',
    });
    expect(await stateOf(ids.winding, '2026-03-01T00:00:00Z')).toMatchObject({
      stage: 'follow_up',
      status: 'won',
    });
  });

  it('does not know deals before their first row', async () => {
    expect(await stateOf(ids.winding, '2026-01-01T07:59:59.999Z')).toBeUndefined();
    expect(await stateOf(ids.winding, '2026-01-01T08:00:00Z')).toMatchObject({
      stage: 'lead_generation',
    });
  });

  it('breaks ties between rows of the same instant by id', async () => {
    expect(await stateOf(ids.sameInstant, '2026-01-05T08:00:00Z')).toMatchObject({
      stage: 'prospecting',
    });
  });

  it('leaves out deleted deals and other workspaces', async () => {
    const states = await listDealStatesAsOf(database.db, world.workspaceId, ms('2026-12-31'));
    expect(states.map((s) => s.id).sort()).toEqual([ids.winding, ids.sameInstant].sort());
  });
});
