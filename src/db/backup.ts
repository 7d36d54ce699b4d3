import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API: consistent
 * even while the server keeps writing (WAL), and never a half-written file at `destination`.
 */
export async function backupSqliteFile(source: string, destination: string): Promise<number> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const progress = await db.backup(destination);
    return progress.totalPages;
  } finally {
    db.close();
  }
}

/** Checks that a file is a healthy Qanat database before anything is overwritten with it. */
export function assertRestorableSqliteFile(file: string): void {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!table) throw new Error(`${file} is not a Qanat database (no migration table)`);
  } catch (error) {
    if (error instanceof SQLite.SqliteError) {
      throw new Error(`${file} is not a SQLite database`, { cause: error });
    }
    throw error;
  } finally {
    db?.close();
  }
}

/** Replaces the database at `target` with the backup, page by page through SQLite itself. */
export async function restoreSqliteFile(backup: string, target: string): Promise<number> {
  assertRestorableSqliteFile(backup);
  return backupSqliteFile(backup, target);
}
