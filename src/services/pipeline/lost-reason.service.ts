import type { Selectable } from 'kysely';
import { newId } from '../../db/id.js';
import {
  findLostReason,
  insertLostReasons,
  listLostReasons,
  updateLostReasonPositions,
} from '../../db/reference.repository.js';
import type { LostReasonTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { placeAt } from '../../domain/positions.js';

export function toLostReasonView(row: Selectable<LostReasonTable>) {
  return {
    id: row.id,
    labelEn: row.label_en,
    labelAr: row.label_ar,
    position: row.position,
    archived: row.archived_at !== null,
    archivedAt: toIso(row.archived_at),
    version: row.version,
  };
}
export type LostReasonView = ReturnType<typeof toLostReasonView>;

export interface LostReasonInput {
  labelEn: string;
  labelAr: string;
  /** 1-based place among the active reasons; defaults to last. */
  position?: number | undefined;
}

async function loadLostReason(ctx: ServiceContext, id: string) {
  const row = await findLostReason(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Lost reason');
  return row;
}

/** Puts a reason at a place among the active ones, renumbering them 1…n. */
async function placeLostReason(ctx: ServiceContext, id: string, position: number) {
  const active = await listLostReasons(ctx.db, ctx.actor.workspaceId);
  const order = placeAt(
    active.map((r) => r.id),
    id,
    position,
  );
  await updateLostReasonPositions(ctx.db, ctx.actor.workspaceId, order);
}

export async function listLostReasonViews(
  ctx: ServiceContext,
  includeArchived: boolean,
): Promise<LostReasonView[]> {
  const rows = await listLostReasons(ctx.db, ctx.actor.workspaceId, includeArchived);
  return rows.map(toLostReasonView);
}

export async function createLostReason(
  ctx: ServiceContext,
  input: LostReasonInput,
): Promise<LostReasonView> {
  requirePermission(ctx.actor, 'reference.manage');
  return inTransaction(ctx, async (tx) => {
    const active = await listLostReasons(tx.db, tx.actor.workspaceId);
    const id = newId();
    await insertLostReasons(tx.db, [
      {
        id,
        workspace_id: tx.actor.workspaceId,
        label_en: input.labelEn.trim(),
        label_ar: input.labelAr.trim(),
        position: active.length + 1,
      },
    ]);
    if (input.position !== undefined) await placeLostReason(tx, id, input.position);
    return toLostReasonView(await loadLostReason(tx, id));
  });
}

/**
 * Relabels or moves a reason if it is still at `version`; a stale write gets a 409 with the
 * current reason. Moving it renumbers the others without changing their versions, as for stages.
 */
export async function editLostReason(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Partial<LostReasonInput>,
): Promise<LostReasonView> {
  requirePermission(ctx.actor, 'reference.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await loadLostReason(tx, id);
    if (current.version !== version) throw versionConflict(toLostReasonView(current));
    if (patch.position !== undefined) {
      if (current.archived_at !== null) {
        throw new DomainError('CONFLICT', 'An archived lost reason has no place in the list', [
          {
            path: ['position'],
            message: 'The lost reason is archived',
            code: 'lost_reason_archived',
          },
        ]);
      }
      await placeLostReason(tx, id, patch.position);
    }
    const changed = await updateAtVersion(
      tx.db,
      'lost_reasons',
      tx.actor.workspaceId,
      id,
      version,
      {
        ...(patch.labelEn !== undefined && { label_en: patch.labelEn.trim() }),
        ...(patch.labelAr !== undefined && { label_ar: patch.labelAr.trim() }),
      },
    );
    if (changed === 0) throw versionConflict(toLostReasonView(current));
    return toLostReasonView(await loadLostReason(tx, id));
  });
}

/**
 * Archives a reason if it is still at `version` (else a 409): it leaves the list offered when
 * losing a deal, while deals lost for it keep pointing at it (history is never rewritten).
 * Archiving twice changes nothing.
 */
export async function archiveLostReason(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<void> {
  requirePermission(ctx.actor, 'reference.manage');
  await inTransaction(ctx, async (tx) => {
    const current = await loadLostReason(tx, id);
    if (current.version !== version) throw versionConflict(toLostReasonView(current));
    if (current.archived_at !== null) return;
    const changed = await updateAtVersion(
      tx.db,
      'lost_reasons',
      tx.actor.workspaceId,
      id,
      version,
      {
        archived_at: tx.now,
      },
    );
    if (changed === 0) throw versionConflict(toLostReasonView(current));
    const active = await listLostReasons(tx.db, tx.actor.workspaceId);
    await updateLostReasonPositions(
      tx.db,
      tx.actor.workspaceId,
      active.map((r) => r.id),
    );
  });
}
