import type { Selectable, Updateable } from 'kysely';
import { newId } from '../../db/id.js';
import type { TargetTable } from '../../db/schema.js';
import {
  deleteTargetAtVersion,
  findTarget,
  findTargetOf,
  insertTarget,
  listTargets,
} from '../../db/target.repository.js';
import { findTeam } from '../../db/team.repository.js';
import { findMembership } from '../../db/user.repository.js';
import { updateAtVersion } from '../../db/versioned.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { nameOfPeriod } from '../../domain/period-name.js';
import { parsePeriod, type Period } from '../../domain/period.js';
import { parseTargetScope, scopeKeyOf } from '../../domain/targets.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';

export function toTargetView(row: Selectable<TargetTable>) {
  const period: Period = { from: row.period_from, to: row.period_to };
  return {
    id: row.id,
    scope: row.scope_key,
    period: { name: nameOfPeriod(period), ...period },
    amount: { minor: Number(row.amount_minor), currency: row.currency },
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
  };
}
export type TargetView = ReturnType<typeof toTargetView>;

export interface TargetInput {
  /** `workspace`, `team:<team id>` or `owner:<user id>`. */
  scope: string;
  /** `2026-Q1`, `2026-03`, `2026` or `2026-01-01..2026-04-01`. */
  period: string;
  /** In minor units of the workspace's base currency. */
  amountMinor: number;
}

function invalidScope(message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [
    { path: ['scope'], message, code: 'unknown_reference' },
  ]);
}

/** The stored key of a scope whose team or owner is in the caller's workspace. */
async function scopeKeyIn(ctx: ServiceContext, text: string): Promise<string> {
  const scope = parseTargetScope(text);
  const { workspaceId } = ctx.actor;
  if (scope.kind === 'team' && !(await findTeam(ctx.db, workspaceId, scope.teamId))) {
    throw invalidScope('Team not found in this workspace');
  }
  if (scope.kind === 'owner' && !(await findMembership(ctx.db, workspaceId, scope.userId))) {
    throw invalidScope('User not found in this workspace');
  }
  return scopeKeyOf(scope);
}

async function assertNoOtherTarget(
  ctx: ServiceContext,
  key: { scopeKey: string; from: string; to: string },
  exceptId?: string,
) {
  const existing = await findTargetOf(ctx.db, ctx.actor.workspaceId, key);
  if (existing && existing.id !== exceptId) {
    throw new DomainError('CONFLICT', 'This scope already has a target for this period', [
      { path: ['period'], message: 'Edit the existing target instead', code: 'duplicate_target' },
    ]);
  }
}

async function loadTarget(ctx: ServiceContext, id: string) {
  const row = await findTarget(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Target');
  return row;
}

export async function getTarget(ctx: ServiceContext, id: string): Promise<TargetView> {
  return toTargetView(await loadTarget(ctx, id));
}

export async function listTargetViews(
  ctx: ServiceContext,
  filter: { scope?: string | undefined } = {},
): Promise<TargetView[]> {
  const scopeKey = filter.scope ? scopeKeyOf(parseTargetScope(filter.scope)) : undefined;
  const rows = await listTargets(ctx.db, ctx.actor.workspaceId, { scopeKey });
  return rows.map(toTargetView);
}

/** Sets a revenue target for a scope and period, in the workspace's base currency. */
export async function createTarget(ctx: ServiceContext, input: TargetInput): Promise<TargetView> {
  requirePermission(ctx.actor, 'reference.manage');
  return inTransaction(ctx, async (tx) => {
    const workspace = await findWorkspace(tx.db, tx.actor.workspaceId);
    if (!workspace) throw notFound('Workspace');
    const period = parsePeriod(input.period);
    const scopeKey = await scopeKeyIn(tx, input.scope);
    await assertNoOtherTarget(tx, { scopeKey, ...period });
    const id = newId();
    await insertTarget(tx.db, {
      id,
      workspace_id: tx.actor.workspaceId,
      scope_key: scopeKey,
      period_from: period.from,
      period_to: period.to,
      amount_minor: input.amountMinor,
      currency: workspace.base_currency,
      created_at: tx.now,
      updated_at: tx.now,
    });
    return getTarget(tx, id);
  });
}

/** Changes a target's scope, period or amount if it is still at `version`; else a 409. */
export async function updateTarget(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Partial<TargetInput>,
): Promise<TargetView> {
  requirePermission(ctx.actor, 'reference.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await loadTarget(tx, id);
    const changes: Updateable<TargetTable> = { updated_at: tx.now };
    if (patch.scope !== undefined) changes.scope_key = await scopeKeyIn(tx, patch.scope);
    if (patch.period !== undefined) {
      const period = parsePeriod(patch.period);
      changes.period_from = period.from;
      changes.period_to = period.to;
    }
    if (patch.amountMinor !== undefined) changes.amount_minor = patch.amountMinor;
    await assertNoOtherTarget(
      tx,
      {
        scopeKey: changes.scope_key ?? current.scope_key,
        from: changes.period_from ?? current.period_from,
        to: changes.period_to ?? current.period_to,
      },
      id,
    );
    const changed = await updateAtVersion(
      tx.db,
      'targets',
      tx.actor.workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(toTargetView(current));
    return getTarget(tx, id);
  });
}

export async function deleteTarget(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx.actor, 'reference.manage');
  await inTransaction(ctx, async (tx) => {
    const current = await loadTarget(tx, id);
    const deleted = await deleteTargetAtVersion(tx.db, tx.actor.workspaceId, id, version);
    if (deleted === 0) throw versionConflict(toTargetView(current));
  });
}
