import type { Updateable } from 'kysely';
import {
  bumpPipelineVersion,
  clearOtherFirstQualified,
  countDealsInStage,
  findStageRow,
  listStages,
  toStage,
  updateStagePositions,
} from '../../db/pipeline.repository.js';
import type { StageRow, StageTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { orderStages } from '../../domain/stage.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  versionConflict,
} from '../context.service.js';
import { assertKeepsOpenAndWon, type StageFields } from '../../domain/stage-rules.js';

export type StagePatch = Partial<Omit<StageFields, 'key'>>;
export type StageView = ReturnType<typeof toStage>;

async function loadStage(ctx: ServiceContext, id: string): Promise<StageRow> {
  const row = await findStageRow(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Stage');
  return row;
}

export async function getStage(ctx: ServiceContext, id: string): Promise<StageView> {
  return toStage(await loadStage(ctx, id));
}

/**
 * A stage's kind decides its deals' status, so it cannot change under live deals: an open stage
 * holding open deals does not become `won`, nor a won stage holding won deals `open`.
 */
async function assertKindChangeAllowed(ctx: ServiceContext, current: StageRow, kind: string) {
  if (kind === current.kind) return;
  const count = await countDealsInStage(ctx.db, ctx.actor.workspaceId, current.id, current.kind);
  if (count > 0) {
    const message = `${count} ${current.kind} deal(s) are in this stage; move them before changing its kind`;
    throw new DomainError('CONFLICT', message, [{ path: ['kind'], message }]);
  }
  const stages = await listStages(ctx.db, ctx.actor.workspaceId, current.pipeline_id);
  assertKeepsOpenAndWon(
    stages.map((s) => (s.id === current.id ? { ...s, kind: kind as StageView['kind'] } : s)),
    'kind',
  );
}

/** Changes a stage's settings if it is still at `version`; a stale write gets a 409. */
export async function updateStage(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: StagePatch,
): Promise<StageView> {
  requirePermission(ctx.actor, 'pipelines.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await loadStage(tx, id);
    if (current.version !== version) throw versionConflict(toStage(current));
    if (patch.kind !== undefined) await assertKindChangeAllowed(tx, current, patch.kind);
    const changes: Updateable<StageTable> = {};
    if (patch.nameEn !== undefined) changes.name_en = patch.nameEn.trim();
    if (patch.nameAr !== undefined) changes.name_ar = patch.nameAr.trim();
    if (patch.kind !== undefined) changes.kind = patch.kind;
    if (patch.probability !== undefined) changes.probability = patch.probability;
    if (patch.forecastCategory !== undefined) changes.forecast_category = patch.forecastCategory;
    if (patch.rottingDays !== undefined) changes.rotting_days = patch.rottingDays;
    if (patch.exitCriteria !== undefined) {
      changes.exit_criteria = JSON.stringify([...new Set(patch.exitCriteria)]);
    }
    if (patch.isFirstQualified !== undefined) {
      changes.is_first_qualified = patch.isFirstQualified ? 1 : 0;
    }
    const changed = await updateAtVersion(
      tx.db,
      'stages',
      tx.actor.workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(toStage(current));
    if (patch.isFirstQualified) {
      await clearOtherFirstQualified(tx.db, tx.actor.workspaceId, current.pipeline_id, id);
    }
    return getStage(tx, id);
  });
}

/**
 * Archives a stage: it leaves the board and can no longer be entered, while history keeps
 * pointing at it. Refused while open deals are in it, or if the pipeline would be left without
 * an active open or won stage. The remaining active stages are renumbered 1…n.
 */
export async function archiveStage(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<StageView> {
  requirePermission(ctx.actor, 'pipelines.manage');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await loadStage(tx, id);
    if (current.version !== version) throw versionConflict(toStage(current));
    if (current.archived_at !== null) return toStage(current);
    const openDeals = await countDealsInStage(tx.db, workspaceId, id, 'open');
    if (openDeals > 0) {
      throw new DomainError(
        'CONFLICT',
        `${openDeals} open deal(s) are in this stage; move them to another stage first`,
      );
    }
    const stages = await listStages(tx.db, workspaceId, current.pipeline_id);
    const after = stages.map((s) => (s.id === id ? { ...s, archived: true } : s));
    assertKeepsOpenAndWon(after, 'id');
    const changed = await updateAtVersion(tx.db, 'stages', workspaceId, id, version, {
      archived_at: tx.now,
    });
    if (changed === 0) throw versionConflict(toStage(current));
    await updateStagePositions(
      tx.db,
      workspaceId,
      orderStages(after).map((s) => s.id),
    );
    await bumpPipelineVersion(tx.db, workspaceId, current.pipeline_id);
    return getStage(tx, id);
  });
}
