import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQanat } from '../cli.js';
import { createEmptyPostgresDatabase } from '../database.js';

let database: { url: string; drop: () => Promise<void> };
let env: Record<string, string>;
let dir: string;

async function query<T>(connectionString: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-pg-backup-'));
  database = await createEmptyPostgresDatabase();
  env = { DATABASE_URL: database.url };
});

afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('qanat backup and restore on PostgreSQL', () => {
  it('dumps with pg_dump and restores with pg_restore, refusing a file that is not a dump', async () => {
    const input = 'a long enough password';
    expect(
      (
        await runQanat(
          ['user', 'add', '--admin', '--email', 'one@example.com', '--password-stdin'],
          { env, input },
        )
      ).code,
    ).toBe(0);
    const file = join(dir, 'qanat.dump');
    const backup = await runQanat(['backup', file], { env });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(
      (
        await runQanat(['user', 'add', '--email', 'two@example.com', '--password-stdin'], {
          env,
          input,
        })
      ).code,
    ).toBe(0);
    const restored = await runQanat(['restore', file], { env });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const users = await query<{ email: string }>(
      env.DATABASE_URL ?? '',
      'select email from users order by email',
    );
    expect(users.map((u) => u.email)).toEqual(['one@example.com']);

    const junk = join(dir, 'junk.dump');
    writeFileSync(junk, 'not a dump');
    const refused = await runQanat(['restore', junk], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^qanat: pg_restore failed/);
    const still = await query<{ email: string }>(env.DATABASE_URL ?? '', 'select email from users');
    expect(still).toHaveLength(1);
    // Five processes, each starting Node and connecting: slow on a busy machine.
  }, 90_000);
});
