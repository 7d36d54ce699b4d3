import { connect, type Db, parseDatabaseUrl } from '../db/connection.js';
import { optimizeDatabase } from '../db/maintenance.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Config } from './config.js';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Config): Promise<Db> {
  const db = connect(parseDatabaseUrl(config.DATABASE_URL), {
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  await migrateToLatest(db);
  await optimizeDatabase(db);
  return db;
}
