import {
  hasScheduledNextStep,
  listDealContacts,
  listFieldHistory,
  listStageHistory,
} from '../../db/deal.repository.js';
import { findPipeline, findStageRow, listStages, toStage } from '../../db/pipeline.repository.js';
import { listQualifications } from '../../db/qualification.repository.js';
import { findLostReason } from '../../db/reference.repository.js';
import type { DealRow } from '../../db/schema.js';
import type { DealState, DealStatus, DealTransition } from '../../domain/deal.js';
import {
  planLoss,
  planPipelineMove,
  planReopen,
  planStageMove,
  planWin,
} from '../../domain/deal-transition.js';
import { DomainError } from '../../domain/errors.js';
import { NO_QUALIFICATION } from '../../domain/qualification.js';
import type { Stage } from '../../domain/stage.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { loadVisibleDeal } from './deal-access.js';
import { getDeal, viewDeal } from './deal.service.js';
import { applyDealChange, authorOf, changeOf } from './deal-spine.js';
import { createFollowUpTasks } from './follow-up.js';
import type { DealView } from './deal-view.js';

async function dealState(ctx: ServiceContext, row: DealRow): Promise<DealState> {
  const contacts = await listDealContacts(ctx.db, ctx.actor.workspaceId, [row.id]);
  return {
    stageId: row.stage_id,
    pipelineId: row.pipeline_id,
    status: row.status as DealStatus,
    closedAt: row.closed_at,
    amountMinor: row.amount_minor,
    expectedCloseDate: row.expected_close_date,
    companyId: row.company_id,
    contactCount: contacts.length,
    hasDecisionMaker: contacts.some(
      (c) => c.role === 'decision_maker' || c.contact_role === 'decision_maker',
    ),
    hasNextStep: await hasScheduledNextStep(ctx.db, ctx.actor.workspaceId, row.id),
    qualification:
      (await listQualifications(ctx.db, ctx.actor.workspaceId, [row.id])).get(row.id) ??
      NO_QUALIFICATION,
  };
}

/**
 * Loads the deal, lets a pure rule decide the transition, then writes the new state and its
 * history row in one transaction, guarded by the version the caller last saw.
 */
async function transition(
  ctx: ServiceContext,
  id: string,
  version: number,
  decide: (deal: DealState, stages: Stage[]) => DealTransition,
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const row = await loadVisibleDeal(tx, id);
    if (row.version !== version) throw versionConflict(await viewDeal(tx, row));
    const stages = await listStages(tx.db, tx.actor.workspaceId, row.pipeline_id);
    const next = decide(await dealState(tx, row), stages);
    const isApplied = await applyDealChange(
      tx.db,
      authorOf(tx),
      { ...row, version },
      { updated_at: tx.now },
      changeOf(next),
    );
    if (!isApplied) throw versionConflict(await getDeal(tx, id));
    if (row.status !== 'won' && next.status === 'won') await createFollowUpTasks(tx, row);
    return getDeal(tx, id);
  });
}

/**
 * Moves a deal to a stage: of its own pipeline, with the stage rules; or of another active
 * pipeline, which the deal then belongs to (its history keeps the stages of both).
 */
export async function moveDealToStage(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { stageId: string; reason?: string | null | undefined },
): Promise<DealView> {
  const target = await findStageRow(ctx.db, ctx.actor.workspaceId, input.stageId);
  if (target && target.pipeline_id !== (await loadVisibleDeal(ctx, id)).pipeline_id) {
    return moveDealToPipeline(ctx, id, version, target.id, input.reason ?? null);
  }
  return transition(ctx, id, version, (deal, stages) =>
    planStageMove(deal, stages, input.stageId, { now: ctx.now, reason: input.reason ?? null }),
  );
}

function moveDealToPipeline(
  ctx: ServiceContext,
  id: string,
  version: number,
  stageId: string,
  reason: string | null,
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const row = await loadVisibleDeal(tx, id);
    if (row.version !== version) throw versionConflict(await viewDeal(tx, row));
    const stageRow = await findStageRow(tx.db, workspaceId, stageId);
    const pipeline = stageRow && (await findPipeline(tx.db, workspaceId, stageRow.pipeline_id));
    if (!stageRow || !pipeline) throw new DomainError('NOT_FOUND', 'Stage not found');
    if (pipeline.archived_at !== null) {
      const message = 'That pipeline is archived: bring it back first, or choose another';
      throw new DomainError('CONFLICT', message, [
        { path: ['stageId'], message, code: 'pipeline_archived' },
      ]);
    }
    const next = planPipelineMove(await dealState(tx, row), toStage(stageRow), {
      now: tx.now,
      reason,
    });
    const isApplied = await applyDealChange(
      tx.db,
      authorOf(tx),
      { ...row, version },
      { updated_at: tx.now, pipeline_id: pipeline.id },
      changeOf(next),
    );
    if (!isApplied) throw versionConflict(await getDeal(tx, id));
    return getDeal(tx, id);
  });
}

export function winDeal(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { reason?: string | null | undefined } = {},
): Promise<DealView> {
  return transition(ctx, id, version, (deal, stages) =>
    planWin(deal, stages, { now: ctx.now, reason: input.reason ?? null }),
  );
}

export async function loseDeal(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { lostReasonId: string; note?: string | null | undefined },
): Promise<DealView> {
  const reason = await findLostReason(ctx.db, ctx.actor.workspaceId, input.lostReasonId);
  if (!reason || reason.archived_at !== null) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown lost reason', [
      {
        path: ['lostReasonId'],
        message: 'Not one of this workspace’s lost reasons',
        code: 'unknown_reference',
      },
    ]);
  }
  return transition(ctx, id, version, (deal) =>
    planLoss(deal, { now: ctx.now, lostReasonId: reason.id, note: input.note ?? null }),
  );
}

export function reopenDeal(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { reason: string; stageId?: string | null | undefined },
): Promise<DealView> {
  return transition(ctx, id, version, (deal, stages) =>
    planReopen(deal, stages, {
      now: ctx.now,
      reason: input.reason,
      toStageId: input.stageId ?? null,
    }),
  );
}

/**
 * The deal's timeline, oldest first: its stage moves and the changes of its tracked fields, by
 * instant (ties in the order they were written: ids are time-ordered).
 */
export async function getDealHistory(ctx: ServiceContext, id: string) {
  await loadVisibleDeal(ctx, id);
  const [stages, fields] = await Promise.all([
    listStageHistory(ctx.db, ctx.actor.workspaceId, id),
    listFieldHistory(ctx.db, ctx.actor.workspaceId, id),
  ]);
  const entries = [
    ...stages.map((r) => ({
      kind: 'stage' as const,
      id: r.id,
      fromStageId: r.from_stage_id,
      toStageId: r.to_stage_id,
      fromStatus: r.from_status as DealStatus | null,
      toStatus: r.to_status as DealStatus,
      at: Number(r.at),
      actorUserId: r.actor_user_id,
      reason: r.reason,
      lostReasonId: r.lost_reason_id,
    })),
    ...fields.map((r) => ({
      kind: 'field' as const,
      id: r.id,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
      at: Number(r.at),
      actorUserId: r.actor_user_id,
      source: r.source,
    })),
  ];
  entries.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return entries.map((e) => ({ ...e, at: toIso(e.at) }));
}
