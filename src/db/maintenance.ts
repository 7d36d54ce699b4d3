import { sql } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';

/**
 * Refreshes the query planner's statistics where they are missing or stale. SQLite needs to be
 * asked (PRAGMA optimize, cheap when nothing changed); PostgreSQL's autovacuum does it alone.
 * Run after migrations, after bulk loads, and periodically by long-running processes.
 */
export async function optimizeDatabase(db: Db): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`PRAGMA optimize = 0x10002`.execute(db);
}
