import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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

/** The URL of another database on the test PostgreSQL server. */
export function postgresUrlOf(database: string): string {
  const url = new URL(testPostgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the test server's own database (CREATE and DROP DATABASE cannot run inside one). */
export async function onPostgresServer(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A real, migrated database, fresh for each test: a SQLite file in a temporary folder, or a new
 * database on the test PostgreSQL server. Both are copies of one database migrated once (per
 * worker for SQLite, per run for PostgreSQL: see test/global-setup.ts), so no test pays for the
 * migrations and every test sees exactly what they make. Removed on close.
 */
export async function createTestDatabase(dialect = testDialect()): Promise<TestDatabase> {
  if (dialect === 'postgres') return createPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'qanat-test-'));
  const file = join(dir, 'qanat.sqlite');
  copyFileSync(await sqliteTemplate(), file);
  const db = connect({ kind: 'sqlite', file });
  return {
    db,
    dialect,
    url: `sqlite:${file}`,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let sqliteTemplateFile: Promise<string> | undefined;

/** This worker's migrated SQLite file, closed so that the file alone holds it (no WAL beside it). */
function sqliteTemplate(): Promise<string> {
  sqliteTemplateFile ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qanat-template-')), 'qanat.sqlite');
    const db = connect({ kind: 'sqlite', file });
    await migrateToLatest(db);
    await db.destroy();
    return file;
  })();
  return sqliteTemplateFile;
}

/** The migrated database every PostgreSQL test database is copied from; made once a run. */
export async function createPostgresTemplate(): Promise<{
  name: string;
  drop: () => Promise<void>;
}> {
  const name = `qanat_template_${randomBytes(4).toString('hex')}`;
  await onPostgresServer(`CREATE DATABASE ${name}`);
  const db = connect({ kind: 'postgres', url: postgresUrlOf(name) }, { poolSize: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  /** Drops the template and every test database of the run that is still there. */
  const drop = async () => {
    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    try {
      const left = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [postgresTestPrefix()],
      );
      for (const { datname } of left.rows) {
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  return { name, drop };
}

/** This run's test databases are named with its id, so the run's end can drop what is left. */
export function postgresTestPrefix(): string {
  return `qanat_test_${process.env.QANAT_TEST_POSTGRES_TEMPLATE?.split('_').at(-1) ?? 'x'}_`;
}

/**
 * Databases this worker's tests have closed, dropped on the next create: a pool's sockets finish
 * closing a moment after `destroy()` resolves, and dropping the database under them at once
 * would end them with an error instead.
 */
const closedDatabases: string[] = [];

async function dropClosedDatabases(): Promise<void> {
  for (const name of closedDatabases.splice(0)) {
    await onPostgresServer(`DROP DATABASE IF EXISTS ${name}`).catch(() => {
      closedDatabases.push(name); // still closing: the next create tries again, the run's end drops it
    });
  }
}

/**
 * An empty database on the test server, for tests in which `qanat` itself migrates it. `drop`
 * leaves one still in use (a killed process's session ending) to the run's end.
 */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `${postgresTestPrefix()}${randomBytes(6).toString('hex')}`;
  await onPostgresServer(`CREATE DATABASE ${name}`);
  return {
    url: postgresUrlOf(name),
    drop: () => onPostgresServer(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined),
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const template = process.env.QANAT_TEST_POSTGRES_TEMPLATE;
  if (!template) throw new Error('No PostgreSQL template database: test/global-setup.ts makes it');
  await dropClosedDatabases();
  const name = `${postgresTestPrefix()}${randomBytes(6).toString('hex')}`;
  await onPostgresServer(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = postgresUrlOf(name);
  const db = connect({ kind: 'postgres', url }, { poolSize: 8 });
  return {
    db,
    dialect: 'postgres',
    url,
    close: async () => {
      await db.destroy();
      closedDatabases.push(name);
    },
  };
}
