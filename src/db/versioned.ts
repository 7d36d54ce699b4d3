import type { Updateable } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

/** Tables whose rows carry `workspace_id` and an optimistic-concurrency `version`. */
export type VersionedTable =
  | 'deals'
  | 'companies'
  | 'contacts'
  | 'activities'
  | 'stages'
  | 'pipelines'
  | 'teams'
  | 'targets'
  | 'lost_reasons'
  | 'memberships'
  | 'custom_fields'
  | 'saved_views'
  | 'pipeline_reviews';

/** The column naming a row within its workspace: `id`, but a membership is its user's. */
const KEY_COLUMNS: Partial<Record<VersionedTable, 'user_id'>> = { memberships: 'user_id' };

/**
 * Updates a row only if nobody changed it since `version` was read, bumping the version.
 * Returns the number of rows changed: 0 means a stale write (or a row outside the workspace).
 * `id` is the row's id; for `memberships`, the member's user id.
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
  version: number,
  patch: Updateable<Database[T]>,
): Promise<number> {
  // The table is a union, so Kysely cannot check column names here; callers type `patch`.
  const result = await db
    .updateTable(table as 'deals')
    .set({ ...(patch as Updateable<Database['deals']>), version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where((KEY_COLUMNS[table] ?? 'id') as 'id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
