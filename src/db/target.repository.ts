import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { TargetTable } from './schema.js';

export function insertTarget(db: Db, row: Insertable<TargetTable>) {
  return db.insertInto('targets').values(row).execute();
}

export function findTarget(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The target of one scope and period, if any (there is at most one). */
export function findTargetOf(
  db: Db,
  workspaceId: string,
  key: { scopeKey: string; from: string; to: string },
) {
  return db
    .selectFrom('targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('scope_key', '=', key.scopeKey)
    .where('period_from', '=', key.from)
    .where('period_to', '=', key.to)
    .executeTakeFirst();
}

export function listTargets(db: Db, workspaceId: string, filter: { scopeKey?: string }) {
  let query = db
    .selectFrom('targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('period_from', 'desc')
    .orderBy('scope_key')
    .orderBy('id');
  if (filter.scopeKey) query = query.where('scope_key', '=', filter.scopeKey);
  return query.execute();
}

export async function countTargetsOfScope(
  db: Db,
  workspaceId: string,
  scopeKey: string,
): Promise<number> {
  const row = await db
    .selectFrom('targets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('scope_key', '=', scopeKey)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteTargetAtVersion(
  db: Db,
  workspaceId: string,
  id: string,
  version: number,
): Promise<number> {
  const result = await db
    .deleteFrom('targets')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
