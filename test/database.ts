import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../src/db/connection.js';
import type { DialectName } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';

export interface TestDatabase {
  db: Db;
  dialect: DialectName;
  /** The DATABASE_URL another process would use to reach the same data (SQLite file or PG URL). */
  url: string;
  /** Connection options another process needs (the PostgreSQL schema). */
  searchPath: string | undefined;
  close: () => Promise<void>;
}

/** The dialect this test run targets: each suite runs once per dialect (see vitest.config.ts). */
export function testDialect(): DialectName {
  return process.env.QANAT_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export function testPostgresUrl(): string {
  const url = process.env.QANAT_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'These tests run on PostgreSQL too and QANAT_TEST_POSTGRES_URL is not set: ' +
        'install Debian’s postgresql package or point the variable at a server',
    );
  }
  return url;
}

/**
 * A real, migrated database, fresh for each test: a SQLite file in a temporary folder, or a new
 * schema on the test PostgreSQL server. Removed on close.
 */
export async function createTestDatabase(dialect = testDialect()): Promise<TestDatabase> {
  if (dialect === 'postgres') return createPostgresSchema();
  const dir = mkdtempSync(join(tmpdir(), 'qanat-test-'));
  const file = join(dir, 'qanat.sqlite');
  const db = connect({ kind: 'sqlite', file });
  await migrateToLatest(db);
  return {
    db,
    dialect,
    url: `sqlite:${file}`,
    searchPath: undefined,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresSchema(): Promise<TestDatabase> {
  const url = testPostgresUrl();
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = connect({ kind: 'postgres', url }, { poolSize: 8, searchPath: schema });
  await migrateToLatest(db, { schema });
  return {
    db,
    dialect: 'postgres',
    url,
    searchPath: schema,
    close: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
