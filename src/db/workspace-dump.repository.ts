import { type Kysely, sql } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
import type { WorkspaceTable } from './workspace-tables.js';

/** A row of any table, as the driver returns it. */
export type DumpRow = Record<string, unknown>;

/** The tables are named at run time here, so rows are read and written untyped. */
type LooseDatabase = Record<string, DumpRow>;
const loose = (db: Db) => db as unknown as Kysely<LooseDatabase>;

/** Names of the migrations applied to this database, in order: the schema the rows fit. */
export async function listAppliedMigrations(db: Db): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

/**
 * Runs `work` on one consistent snapshot of the database, so that rows read table after table
 * still agree with each other while other processes write: a read transaction on SQLite (WAL
 * readers see the database as it was when they started), REPEATABLE READ on PostgreSQL.
 */
export function readSnapshot<T>(db: Db, work: (snapshot: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const transaction = db.transaction();
  const isolated =
    dialectOf(db) === 'postgres' ? transaction.setIsolationLevel('repeatable read') : transaction;
  return isolated.execute(work);
}

/**
 * The rows of one table that belong to the workspace, in key order, page by page with a keyset
 * on the table's key (a row-value comparison, which SQLite and PostgreSQL both read).
 */
export async function* readWorkspaceRows(
  db: Db,
  rule: WorkspaceTable,
  workspaceId: string,
  pageSize: number,
): AsyncGenerator<DumpRow[]> {
  let after: unknown[] | undefined;
  for (;;) {
    let query = loose(db).selectFrom(rule.table).selectAll();
    if (rule.scope === 'self') query = query.where('id', '=', workspaceId);
    if (rule.scope === 'workspace') query = query.where('workspace_id', '=', workspaceId);
    if (rule.scope === 'member') {
      query = query.where(
        sql<boolean>`id in (select user_id from memberships where workspace_id = ${workspaceId})`,
      );
    }
    if (after) {
      const keys = sql.join(rule.key.map((column) => sql.ref(column)));
      const values = sql.join(after);
      query = query.where(sql<boolean>`(${keys}) > (${values})`);
    }
    for (const column of rule.key) query = query.orderBy(column);
    const rows = await query.limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    after = rule.key.map((column) => last[column]);
  }
}

export async function workspaceExists(db: Db, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('workspaces')
    .select('id')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertRows(db: Db, table: string, rows: DumpRow[]) {
  return loose(db).insertInto(table).values(rows).execute();
}

/** Users among `ids` or with one of `emails`, to tell a shared account from a clash. */
export function findUsersByIdOrEmail(db: Db, ids: string[], emails: string[]) {
  if (ids.length === 0 && emails.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email'])
    .where((eb) => eb.or([eb('id', 'in', ids), eb('email', 'in', emails)]))
    .execute();
}
