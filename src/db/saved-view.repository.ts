import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { SavedViewTable } from './schema.js';

/** The views of a kind someone may see: their own and the shared ones (the service orders them). */
export function listVisibleViews(db: Db, workspaceId: string, kind: string, userId: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('owner_user_id', '=', userId), eb('is_shared', '=', 1)]))
    .orderBy('id')
    .execute();
}

export function findView(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The names of the owner's views of a kind (names are the owner's own to choose). */
export function listOwnViewNames(db: Db, workspaceId: string, kind: string, userId: string) {
  return db
    .selectFrom('saved_views')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('owner_user_id', '=', userId)
    .execute();
}

export function insertView(db: Db, row: Insertable<SavedViewTable>) {
  return db.insertInto('saved_views').values(row).execute();
}

export async function deleteViewAtVersion(
  db: Db,
  workspaceId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_views')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
