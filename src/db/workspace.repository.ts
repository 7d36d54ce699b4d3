import type { Insertable, Updateable } from 'kysely';
import type { Db } from './connection.js';
import type { WorkspaceTable } from './schema.js';

export function insertWorkspace(db: Db, row: Insertable<WorkspaceTable>) {
  return db.insertInto('workspaces').values(row).execute();
}

export function findWorkspace(db: Db, id: string) {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listWorkspaces(db: Db) {
  return db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function countWorkspaces(db: Db): Promise<number> {
  const row = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Updates when the version matches; returns the number of rows changed (0 on a stale write). */
export async function updateWorkspaceAtVersion(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<WorkspaceTable>,
): Promise<number> {
  const result = await db
    .updateTable('workspaces')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
