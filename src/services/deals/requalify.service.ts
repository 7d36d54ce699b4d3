import { listOpenFlags, resolveFlags } from '../../db/deal-flag.repository.js';
import { listStages } from '../../db/pipeline.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { isAfter, requalificationStage } from '../../domain/requalification.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  versionConflict,
} from '../context.service.js';
import { loadVisibleDeal } from './deal-access.js';
import { getDeal } from './deal.service.js';
import { moveDealToStage } from './deal-move.service.js';
import type { DealView } from './deal-view.js';

async function loadOpenFlag(ctx: ServiceContext, dealId: string, flagId: string) {
  const flag = (await listOpenFlags(ctx.db, ctx.actor.workspaceId, [dealId])).find(
    (f) => f.id === flagId,
  );
  if (!flag) throw notFound('Flag');
  return flag;
}

/** The reason a re-qualification move records, e.g. "Decision maker left: Huda Al-Otaibi". */
export function requalificationReason(contactName: string | null): string {
  return contactName ? `Decision maker left: ${contactName}` : 'Decision maker left';
}

/**
 * The one-click answer to a flag: sends the deal back to its pipeline's qualification stage
 * (domain/requalification.ts), a backward move whose reason names the decision maker who left,
 * and settles the flag as `requalified` — in one transaction, from the deal's version. A deal
 * already at or before that stage stays where it is; the flag is settled all the same.
 */
export async function requalifyDeal(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { flagId: string; reason?: string | null | undefined },
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const row = await loadVisibleDeal(tx, id);
    if (row.version !== version) throw versionConflict(await getDeal(tx, id));
    const flag = await loadOpenFlag(tx, id, input.flagId);
    if (row.status !== 'open') {
      throw new DomainError('DEAL_CLOSED', 'Only an open deal goes back to qualification');
    }
    const stages = await listStages(tx.db, tx.actor.workspaceId, row.pipeline_id);
    const target = requalificationStage(stages);
    if (target && isAfter(stages, row.stage_id, target.id)) {
      await moveDealToStage(tx, id, version, {
        stageId: target.id,
        reason: input.reason?.trim() || requalificationReason(flag.contact_name),
      });
    }
    await resolveFlags(tx.db, tx.actor.workspaceId, [flag.id], {
      resolution: 'requalified',
      by: tx.actor.userId,
      at: tx.now,
    });
    return getDeal(tx, id);
  });
}

/** Settles a flag without moving the deal: the owner judged the deal safe. */
export async function dismissDealFlag(
  ctx: ServiceContext,
  id: string,
  flagId: string,
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    await loadVisibleDeal(tx, id);
    const flag = await loadOpenFlag(tx, id, flagId);
    await resolveFlags(tx.db, tx.actor.workspaceId, [flag.id], {
      resolution: 'dismissed',
      by: tx.actor.userId,
      at: tx.now,
    });
    return getDeal(tx, id);
  });
}
