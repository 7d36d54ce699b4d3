/**
 * A workspace import killed half-way — the `qanat` process gone while its transaction is open
 * and thousands of rows are already inserted — leaves the target database as it was, on SQLite
 * and on PostgreSQL; the same file then imports completely.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { WORKSPACE_TABLES } from '../src/db/workspace-tables.js';
import { loadDemoData } from '../src/demo/load-demo.js';
import { exportWorkspace } from '../src/services/transfer/workspace/workspace-export.service.js';
import { createTestApi, type TestApi } from './api-harness.js';
import { runQanat, qanatEntry } from './cli.js';
import { createEmptyPostgresDatabase, testDialect } from './database.js';

/** A database another process reaches by DATABASE_URL, and a way to ask whether an import is in it. */
interface Target {
  url: string;
  db: Db;
  /** Whether an importing process holds an open transaction that has inserted rows. */
  isImportUnderWay: () => Promise<boolean>;
  close: () => Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'qanat-killed-'));
  const file = join(dir, 'qanat.sqlite');
  const db = connect({ kind: 'sqlite', file });
  await migrateToLatest(db);
  const probe = new SQLite(file, { timeout: 0 });
  return {
    url: `sqlite:${file}`,
    db,
    // Only a writer in an open transaction holds the lock that BEGIN IMMEDIATE needs.
    isImportUnderWay: () => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return Promise.resolve(false);
      } catch {
        return Promise.resolve(true);
      }
    },
    close: async () => {
      probe.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const database = await createEmptyPostgresDatabase();
  const db = connect({ kind: 'postgres', url: database.url }, { poolSize: 2 });
  await migrateToLatest(db);
  return {
    url: database.url,
    db,
    // Inserting takes a RowExclusiveLock that the transaction keeps until it ends.
    isImportUnderWay: async () => {
      const result = await sql`select 1 from pg_locks l
        join pg_class c on c.oid = l.relation
        where l.database = (select oid from pg_database where datname = current_database())
          and l.pid <> pg_backend_pid()
          and c.relname = 'stage_history' and l.mode = 'RowExclusiveLock'`.execute(db);
      return result.rows.length > 0;
    },
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

async function exportToText(api: TestApi): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportWorkspace(api.adminContext(), out);
  return Buffer.concat(chunks).toString('utf8');
}

/** Rows per workspace table of the target, whatever their workspace. */
async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table } of WORKSPACE_TABLES) {
    const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      table,
    )}`.execute(db);
    counts[table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

async function waitFor(
  condition: () => Promise<boolean>,
  child: ChildProcess,
  stderr: () => string,
) {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (child.exitCode !== null) throw new Error(`the import ended early: ${stderr()}`);
    if (Date.now() > deadline) throw new Error(`the import never got under way: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let api: TestApi;
let target: Target;
let files: string;
beforeEach(async () => {
  api = await createTestApi();
  target = testDialect() === 'postgres' ? await postgresTarget() : await sqliteTarget();
  files = mkdtempSync(join(tmpdir(), 'qanat-killed-files-'));
});
afterEach(async () => {
  rmSync(files, { recursive: true, force: true });
  await target.close();
  await api.close();
});

describe('a killed workspace import', () => {
  it('leaves the target database unchanged, and the file then imports whole', async () => {
    await loadDemoData(api.adminContext(), { deals: 60, seed: 5 });
    const lines = (await exportToText(api)).split('\n').filter((line) => line !== '');
    const before = await countRows(target.db);
    expect(Object.values(before).every((n) => n === 0)).toBe(true);

    // Everything but the last line goes in through a named pipe; the importer then waits for
    // the rest, its transaction open.
    const fifo = join(files, 'workspace.fifo');
    execFileSync('mkfifo', [fifo]);
    const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: target.url };
    const child = spawn(process.execPath, [qanatEntry(), 'import', 'workspace', fifo], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise((resolve) => child.once('close', resolve));
    const pipe = createWriteStream(fifo);
    pipe.on('error', () => {}); // the pipe breaks when the process is killed
    pipe.write(`${lines.slice(0, -1).join('\n')}\n`);
    await waitFor(target.isImportUnderWay, child, () => stderr);
    child.kill('SIGKILL');
    await closed;
    pipe.destroy();

    expect(await countRows(target.db)).toEqual(before);

    const file = join(files, 'workspace.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const whole = await runQanat(['import', 'workspace', file], {
      env: { DATABASE_URL: target.url },
    });
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    const after = await countRows(target.db);
    expect(after.deals).toBe(60);
    expect(Object.values(after).reduce((sum, n) => sum + n, 0)).toBe(lines.length - 2);
  }, 180_000);
});
