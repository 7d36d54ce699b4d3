import type { Selectable, Updateable } from 'kysely';
import { newId } from '../../db/id.js';
import type { TeamTable } from '../../db/schema.js';
import { countTargetsOfScope } from '../../db/target.repository.js';
import {
  clearTeamMemberships,
  deleteTeamAtVersion,
  findTeam,
  findTeamByName,
  insertTeam,
  listTeamMemberIds,
  listTeams,
  setMembershipTeam,
} from '../../db/team.repository.js';
import { findMembership } from '../../db/user.repository.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { scopeKeyOf } from '../../domain/targets.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';

export function toTeamView(row: Selectable<TeamTable>, memberIds: string[]) {
  return {
    id: row.id,
    name: row.name,
    managerUserId: row.manager_user_id,
    memberIds,
    createdAt: toIso(row.created_at),
    version: row.version,
  };
}
export type TeamView = ReturnType<typeof toTeamView>;

export interface TeamInput {
  name: string;
  managerUserId?: string | null | undefined;
}

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: string) {
  const existing = await findTeamByName(ctx.db, ctx.actor.workspaceId, name);
  if (existing && existing.id !== exceptId) {
    throw new DomainError('CONFLICT', `A team named ${name} already exists`, [
      { path: ['name'], message: 'Already taken', code: 'duplicate_name' },
    ]);
  }
}

async function assertManager(ctx: ServiceContext, userId: string | null | undefined) {
  if (userId && !(await findMembership(ctx.db, ctx.actor.workspaceId, userId))) {
    throw new DomainError('VALIDATION_FAILED', 'User not found in this workspace', [
      { path: ['managerUserId'], message: 'User not found', code: 'unknown_reference' },
    ]);
  }
}

async function loadTeam(ctx: ServiceContext, id: string) {
  const row = await findTeam(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Team');
  return row;
}

export async function getTeam(ctx: ServiceContext, id: string): Promise<TeamView> {
  const row = await loadTeam(ctx, id);
  const members = await listTeamMemberIds(ctx.db, ctx.actor.workspaceId);
  return toTeamView(row, members.get(id) ?? []);
}

export async function listTeamViews(ctx: ServiceContext): Promise<TeamView[]> {
  const [rows, members] = await Promise.all([
    listTeams(ctx.db, ctx.actor.workspaceId),
    listTeamMemberIds(ctx.db, ctx.actor.workspaceId),
  ]);
  return rows.map((row) => toTeamView(row, members.get(row.id) ?? []));
}

export async function createTeam(ctx: ServiceContext, input: TeamInput): Promise<TeamView> {
  requirePermission(ctx.actor, 'reference.manage');
  return inTransaction(ctx, async (tx) => {
    const name = input.name.trim();
    await assertNameFree(tx, name);
    await assertManager(tx, input.managerUserId);
    const id = newId();
    await insertTeam(tx.db, {
      id,
      workspace_id: tx.actor.workspaceId,
      name,
      manager_user_id: input.managerUserId ?? null,
      created_at: tx.now,
    });
    return getTeam(tx, id);
  });
}

/** Renames a team or changes its manager if it is still at `version`; else a 409. */
export async function updateTeam(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Partial<TeamInput>,
): Promise<TeamView> {
  requirePermission(ctx.actor, 'reference.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await getTeam(tx, id);
    const changes: Updateable<TeamTable> = {};
    if (patch.name !== undefined) {
      changes.name = patch.name.trim();
      await assertNameFree(tx, changes.name, id);
    }
    if (patch.managerUserId !== undefined) {
      await assertManager(tx, patch.managerUserId);
      changes.manager_user_id = patch.managerUserId;
    }
    const changed = await updateAtVersion(
      tx.db,
      'teams',
      tx.actor.workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(current);
    return getTeam(tx, id);
  });
}

/**
 * Deletes a team; its members stay in the workspace without a team. A team that targets are
 * set for cannot go: delete or re-scope those targets first.
 */
export async function deleteTeam(ctx: ServiceContext, id: string, version: number): Promise<void> {
  requirePermission(ctx.actor, 'reference.manage');
  await inTransaction(ctx, async (tx) => {
    const current = await getTeam(tx, id);
    const targets = await countTargetsOfScope(
      tx.db,
      tx.actor.workspaceId,
      scopeKeyOf({ kind: 'team', teamId: id }),
    );
    if (targets > 0) {
      throw new DomainError(
        'CONFLICT',
        `${targets} target${targets === 1 ? ' is' : 's are'} set for this team; delete them first`,
        [{ path: [], message: `Referenced by ${targets} target(s)`, code: 'team_has_targets' }],
      );
    }
    if (current.version !== version) throw versionConflict(current);
    await clearTeamMemberships(tx.db, tx.actor.workspaceId, id);
    const deleted = await deleteTeamAtVersion(tx.db, tx.actor.workspaceId, id, version);
    if (deleted === 0) throw versionConflict(current);
  });
}

/** Puts a member in a team, or in none (`teamId` null). A person is in at most one team. */
export async function setMemberTeam(
  ctx: ServiceContext,
  userId: string,
  teamId: string | null,
): Promise<{ userId: string; teamId: string | null }> {
  requirePermission(ctx.actor, 'users.manage');
  return inTransaction(ctx, async (tx) => {
    if (!(await findMembership(tx.db, tx.actor.workspaceId, userId))) throw notFound('User');
    if (teamId !== null && !(await findTeam(tx.db, tx.actor.workspaceId, teamId))) {
      throw new DomainError('VALIDATION_FAILED', 'Team not found in this workspace', [
        { path: ['teamId'], message: 'Team not found', code: 'unknown_reference' },
      ]);
    }
    await setMembershipTeam(tx.db, tx.actor.workspaceId, userId, teamId);
    return { userId, teamId };
  });
}
