import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld } from '../../../test/history-fixtures.js';
import { listStageHistory } from '../../db/deal.repository.js';
import { listLostReasons } from '../../db/reference.repository.js';
import { planOpening } from '../../domain/deal-transition.js';
import { createDeal, getDeal, updateDeal } from './deal.service.js';
import { loseDeal, moveDealToStage, reopenDeal } from './deal-move.service.js';
import { applyDealChange, changeOf, dealChangeRows, newDealRows } from './deal-spine.js';

const author = (() => {
  let n = 0;
  return {
    workspaceId: 'w1',
    source: 'person' as const,
    actorUserId: 'u1',
    newId: () => `h${++n}`,
  };
})();

describe('the deal spine', () => {
  it('turns a change into the deal columns and one history row per step', () => {
    const opening = planOpening('lead', 1_000);
    const rows = dealChangeRows(author, 'd1', changeOf(opening));
    expect(rows.columns).toEqual({
      stage_id: 'lead',
      status: 'open',
      closed_at: null,
      lost_reason_id: null,
      lost_note: null,
      stage_entered_at: 1_000,
    });
    expect(rows.history).toEqual([
      expect.objectContaining({
        workspace_id: 'w1',
        deal_id: 'd1',
        from_stage_id: null,
        to_stage_id: 'lead',
        from_status: null,
        to_status: 'open',
        at: 1_000,
        actor_user_id: 'u1',
      }),
    ]);
  });

  it('gives a new deal the version its history counts', () => {
    const won = { ...planOpening('won-stage', 2_000), status: 'won' as const, closedAt: 2_000 };
    const steps = [planOpening('lead', 1_000).change, { ...won.change, fromStageId: 'lead' }];
    const rows = newDealRows(
      author,
      { id: 'd2', workspace_id: 'w1', pipeline_id: 'p', title: 'T', currency: 'USD' } as never,
      { position: won, steps },
    );
    expect(rows.deal).toMatchObject({ id: 'd2', version: 2, status: 'won', closed_at: 2_000 });
    expect(rows.history.map((h) => h.to_stage_id)).toEqual(['lead', 'won-stage']);
  });
});

describe('every deal use-case writes through the spine', () => {
  let database: TestDatabase;
  let world: HistoryWorld;
  beforeEach(async () => {
    database = await createTestDatabase();
    world = await createHistoryWorld(database);
  });
  afterEach(async () => {
    await database.close();
  });

  it('keeps the deal row and its history in step: the last row is where the deal stands', async () => {
    const ctx = world.contextAt('2026-03-01T09:00:00Z');
    const { stages } = world;
    const [reason] = await listLostReasons(database.db, world.workspaceId);
    let deal = await createDeal(ctx, { title: 'Spine', amountMinor: 5_000_00 });
    deal = await moveDealToStage(ctx, deal.id, deal.version, { stageId: stages.prospecting!.id });
    deal = await updateDeal(ctx, deal.id, deal.version, { amountMinor: 7_000_00 });
    deal = await moveDealToStage(ctx, deal.id, deal.version, {
      stageId: stages.lead_generation!.id,
      reason: 'The decision maker left',
    });
    deal = await loseDeal(ctx, deal.id, deal.version, { lostReasonId: reason!.id });
    deal = await reopenDeal(ctx, deal.id, deal.version, { reason: 'They called back' });
    deal = await moveDealToStage(ctx, deal.id, deal.version, { stageId: stages.prospecting!.id });

    const history = await listStageHistory(database.db, world.workspaceId, deal.id);
    // Six position changes and one field edit: every write bumped the version once.
    expect(history).toHaveLength(6);
    expect(deal.version).toBe(7);
    const last = history.at(-1)!;
    const current = await getDeal(ctx, deal.id);
    expect([last.to_stage_id, last.to_status]).toEqual([current.stageId, current.status]);
    for (const [index, row] of history.slice(1).entries()) {
      expect(row.from_stage_id).toBe(history[index]?.to_stage_id);
      expect(row.from_status).toBe(history[index]?.to_status);
    }
    expect(history.every((h) => h.actor_user_id === world.adminId)).toBe(true);
  });

  it('writes nothing, neither row nor history, for a stale version', async () => {
    const ctx = world.contextAt('2026-03-01T09:00:00Z');
    const deal = await createDeal(ctx, { title: 'Stale' });
    const isApplied = await applyDealChange(
      database.db,
      {
        workspaceId: world.workspaceId,
        source: 'person' as const,
        actorUserId: world.adminId,
        newId: () => 'never',
      },
      {
        id: deal.id,
        version: deal.version + 1,
        amount_minor: null,
        currency: 'SAR',
        amount_source: 'estimate',
        expected_close_date: null,
        owner_id: null,
        probability_override: null,
        pipeline_id: deal.pipelineId,
      },
      { updated_at: ctx.now },
      changeOf({ ...planOpening(world.stages.proposal!.id, ctx.now) }),
    );
    expect(isApplied).toBe(false);
    expect(await listStageHistory(database.db, world.workspaceId, deal.id)).toHaveLength(1);
    expect((await getDeal(ctx, deal.id)).stageId).toBe(deal.stageId);
  });
});
