import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { TeamTable } from './schema.js';

export function insertTeam(db: Db, row: Insertable<TeamTable>) {
  return db.insertInto('teams').values(row).execute();
}

export function findTeam(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findTeamByName(db: Db, workspaceId: string, name: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listTeams(db: Db, workspaceId: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The members of each team, by team id. */
export async function listTeamMemberIds(
  db: Db,
  workspaceId: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('memberships')
    .select(['team_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'is not', null)
    .orderBy('user_id')
    .execute();
  const byTeam = new Map<string, string[]>();
  for (const row of rows) {
    if (row.team_id === null) continue;
    byTeam.set(row.team_id, [...(byTeam.get(row.team_id) ?? []), row.user_id]);
  }
  return byTeam;
}

/** Deletes a team if it is still at `version`; returns the number of rows deleted. */
export async function deleteTeamAtVersion(
  db: Db,
  workspaceId: string,
  id: string,
  version: number,
): Promise<number> {
  const result = await db
    .deleteFrom('teams')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Takes every member out of a team (before it is deleted). */
export function clearTeamMemberships(db: Db, workspaceId: string, teamId: string) {
  return db
    .updateTable('memberships')
    .set({ team_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .execute();
}

export async function setMembershipTeam(
  db: Db,
  workspaceId: string,
  userId: string,
  teamId: string | null,
): Promise<number> {
  const result = await db
    .updateTable('memberships')
    .set({ team_id: teamId })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
