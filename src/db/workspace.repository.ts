import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
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

/**
 * Serialises first-run setups until the transaction ends. SQLite has one writer already; on
 * PostgreSQL two concurrent setups could otherwise both see an empty database.
 */
export async function lockFirstRunSetup(trx: Db): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext('qanat.first-run-setup'))`.execute(trx);
  }
}
