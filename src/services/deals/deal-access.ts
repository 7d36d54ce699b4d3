import { findDeal } from '../../db/deal.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { notFound } from '../../domain/errors.js';
import { isLimitedToOwnDeals } from '../../domain/permissions.js';
import type { ServiceContext } from '../context.service.js';

/** The owner a rep is limited to, when the workspace limits reps to their own deals. */
export async function visibleOwnerOf(ctx: ServiceContext): Promise<string | undefined> {
  if (ctx.actor.role !== 'rep') return undefined;
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  const isLimited = isLimitedToOwnDeals(ctx.actor.role, workspace?.reps_see_own_deals_only === 1);
  // A limited token with no user sees nothing rather than everything.
  return isLimited ? (ctx.actor.userId ?? '\u0000') : undefined;
}

/** Loads a deal the actor may see; another workspace's deal, or a hidden one, is "not found". */
export async function loadVisibleDeal(ctx: ServiceContext, id: string) {
  const row = await findDeal(ctx.db, ctx.actor.workspaceId, id);
  const ownerOnly = await visibleOwnerOf(ctx);
  if (!row || (ownerOnly !== undefined && row.owner_id !== ownerOnly)) throw notFound('Deal');
  return row;
}
