import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Reads `DATABASE_URL`: `sqlite:./data/qanat.sqlite`, a bare file path, `:memory:`,
 * or `postgres://user:pass@host:port/db`.
 * @example parseDatabaseUrl('sqlite:./data/x.sqlite') → { kind: 'sqlite', file: './data/x.sqlite' }
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file === '') throw new Error('DATABASE_URL names no SQLite file');
  return { kind: 'sqlite', file };
}

export interface ConnectOptions {
  poolSize?: number;
  statementTimeoutMs?: number;
}

// PostgreSQL returns int8 as text; every bigint here is an instant or minor units within 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 ${value} exceeds 2^53`);
  return n;
});
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Opens the database, creating the SQLite file and its folder when they do not exist yet. */
export function connect(target: DatabaseTarget, options: ConnectOptions = {}): Db {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (target.file !== ':memory:') mkdirSync(dirname(resolve(target.file)), { recursive: true });
  const sqlite = new SQLite(target.file, { timeout: options.statementTimeoutMs ?? 5000 });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536'); // 64 MiB of page cache instead of SQLite's 2 MiB
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
