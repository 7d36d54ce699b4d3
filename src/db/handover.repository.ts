import type { Db } from './connection.js';

/** The person's sessions in one workspace (their other workspaces keep theirs). */
export async function deleteSessionsIn(db: Db, workspaceId: string, userId: string) {
  const result = await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Revokes the workspace's live API tokens the person made. */
export async function revokeTokensMadeBy(db: Db, workspaceId: string, userId: string, now: number) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The person's open, live deals, whole rows (their owner changes through the deal spine). */
export function listOpenDealsOwnedBy(db: Db, workspaceId: string, userId: string) {
  return db
    .selectFrom('deals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Gives the person's open activities to another member; returns how many. */
export async function handOverOpenActivities(
  db: Db,
  workspaceId: string,
  from: string,
  to: string,
  now: number,
) {
  const result = await db
    .updateTable('activities')
    .set((eb) => ({ owner_id: to, updated_at: now, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', from)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives the person's live companies or contacts to another member; returns how many. */
export async function handOverRecords(
  db: Db,
  table: 'companies' | 'contacts',
  workspaceId: string,
  move: { from: string; to: string; now: number },
) {
  const result = await db
    .updateTable(table)
    .set((eb) => ({ owner_id: move.to, updated_at: move.now, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', move.from)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
