/**
 * An import killed halfway leaves no trace: the real `qanat import` is stopped by SIGKILL (no
 * chance to clean up) or Ctrl-C while it writes a large file, and the database is then exactly
 * what it was before — same row counts, same checksum — and usable. Runs on a SQLite file and
 * on a PostgreSQL database of its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db, parseDatabaseUrl } from '../src/db/connection.js';
import { runQanat, qanatEntry } from './cli.js';
import { createEmptyPostgresDatabase, testDialect } from './database.js';
import { databaseState, importFixture } from './import-fixtures.js';

/** Enough rows that the import is still writing when the first progress line appears (5 s). */
const ROWS = 200_000;

let dir: string;
let env: Record<string, string>;
let db: Db;
let database: { url: string; drop: () => Promise<void> } | undefined;
let bigFile: string;

function writeBigFile(path: string): void {
  const lines = ['ID,Title,Company,Amount,Stage,Status,Created,Close date'];
  for (let i = 1; i <= ROWS; i += 1) {
    const isWon = i % 3 === 0;
    lines.push(
      `K${i},Deal ${i},Company ${i % 500},${(i % 900) * 10 + 100},Proposal,` +
        `${isWon ? 'won' : 'open'},2025-0${(i % 9) + 1}-1${i % 10},${isWon ? '2025-12-20' : ''}`,
    );
  }
  writeFileSync(path, lines.join('\n'));
}

/**
 * Starts `qanat import deals <file>` and resolves once it reports progress (rows already written
 * inside its transaction), with the child still running.
 */
function startImport(file: string) {
  const child = spawn(process.execPath, [qanatEntry(), 'import', 'deals', file], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const progressed = new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
      const match = /: ([\d,]+) rows, /.exec(stderr);
      if (match) resolve(Number(match[1]?.replace(/,/g, '')));
    });
    void exited.then(() => reject(new Error(`the import ended before any progress: ${stderr}`)));
  });
  child.stdout.resume();
  return { child, progressed, exited, stderr: () => stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-import-kill-'));
  if (testDialect() === 'postgres') {
    database = await createEmptyPostgresDatabase();
    env = { DATABASE_URL: database.url, DB_POOL_SIZE: '3' };
  } else {
    env = { DATABASE_URL: `sqlite:${join(dir, 'qanat.sqlite')}` };
  }
  // Some data first, so that "as before" is not just "empty".
  const first = await runQanat(
    ['import', 'deals', importFixture('deals-ambiguous.csv'), '--date-format', 'dmy'],
    { env },
  );
  expect(first.code, first.stderr).toBe(0);
  db = connect(parseDatabaseUrl(env.DATABASE_URL ?? ''));
  bigFile = join(dir, 'big.csv');
  writeBigFile(bigFile);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('an import stopped halfway', () => {
  it('leaves the database exactly as before when killed with SIGKILL', async () => {
    const before = await databaseState(db);
    expect(before.counts.deals).toBe(3);
    const run = startImport(bigFile);
    const rows = await run.progressed;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(ROWS);
    run.child.kill('SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await databaseState(db)).toEqual(before);
    // And the database still works: the next import goes through.
    const next = await runQanat(['import', 'deals', importFixture('deals-generic.csv'), '--json'], {
      env: { ...env },
    });
    expect(JSON.parse(next.stdout).rows).toMatchObject({ total: 4, rejected: 3 });
  }, 120_000);

  it('rolls back and exits 130 on Ctrl-C', async () => {
    const before = await databaseState(db);
    const run = startImport(bigFile);
    await run.progressed;
    run.child.kill('SIGINT');
    const exit = await run.exited;
    expect(exit.code).toBe(130);
    expect(run.stderr()).toContain('The import was stopped; nothing was written');
    expect(await databaseState(db)).toEqual(before);
  }, 120_000);
});
