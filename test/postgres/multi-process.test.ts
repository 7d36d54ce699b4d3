/**
 * Two API processes and two workers on one PostgreSQL database, as in production: concurrent
 * stage moves through both servers lose no update, every history row exists exactly once, and
 * every background job runs exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connection.js';
import { enqueueJob } from '../../src/services/background/job.service.js';
import { SNAPSHOT_QUEUE } from '../../src/services/analytics/snapshot.service.js';
import { runQanat, startServer, qanatEntry } from '../cli.js';
import { createEmptyPostgresDatabase } from '../database.js';

const PASSWORD = 'a long enough password';

let database: { url: string; drop: () => Promise<void> };
let env: Record<string, string>;
let db: Db;
let servers: { base: string; stop: () => Promise<void> }[] = [];
let workers: ChildProcess[] = [];
let token = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function call(
  server: number,
  method: string,
  path: string,
  body?: unknown,
  version?: number,
) {
  const response = await fetch(`${servers[server]?.base}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  database = await createEmptyPostgresDatabase();
  env = { DATABASE_URL: database.url, DB_POOL_SIZE: '5' };
  const migrated = await runQanat(['migrate'], { env });
  expect(migrated.code).toBe(0);
  const added = await runQanat(
    ['user', 'add', '--admin', '--email', 'boss@example.com', '--password-stdin'],
    { env, input: PASSWORD },
  );
  expect(added.code).toBe(0);
  servers = await Promise.all(
    [freePort(), freePort()].map(async (port) => startServer(env, await port)),
  );
  workers = [0, 1].map(() =>
    spawn(process.execPath, [qanatEntry(), 'worker', '--idle-ms', '100'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    }),
  );
  const login = await fetch(`${servers[0]?.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'boss@example.com', password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const created = await fetch(`${servers[1]?.base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'load test', role: 'admin' }),
  });
  token = ((await created.json()) as { token: string }).token;
  db = connect({ kind: 'postgres', url: env.DATABASE_URL ?? '' });
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.stop()));
  await db?.destroy();
  await new Promise((r) => setTimeout(r, 500));
  await database?.drop();
}, 60_000);

describe('several processes on one PostgreSQL', () => {
  it('loses no update when two servers move the same deals at once', async () => {
    const board = await call(0, 'GET', '/board');
    const stageIds = (board.body.columns as { stage: { id: string; key: string } }[]).map(
      (c) => c.stage.id,
    );
    const deals: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const created = await call(i % 2, 'POST', '/deals', {
        title: `Deal ${i}`,
        amountMinor: 1000 * i,
      });
      expect(created.status).toBe(201);
      deals.push(created.body.id as string);
    }
    const races = await Promise.all(
      deals.map((id) =>
        Promise.all([
          call(0, 'POST', `/deals/${id}/move`, { stageId: stageIds[1] }, 1),
          call(1, 'POST', `/deals/${id}/move`, { stageId: stageIds[2] }, 1),
        ]),
      ),
    );
    for (const [a, b] of races) {
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect((loser.body.error as { current: { version: number } }).current.version).toBe(2);
    }
    // Then each deal walks forward three more stages, alternating servers, with its versions.
    await Promise.all(
      deals.map(async (id, i) => {
        let version = 2;
        for (let step = 0; step < 3; step += 1) {
          const current = await call((i + step) % 2, 'GET', `/deals/${id}`);
          const position = stageIds.indexOf(current.body.stageId as string);
          const moved = await call(
            (i + step + 1) % 2,
            'POST',
            `/deals/${id}/move`,
            { stageId: stageIds[position - 1 < 0 ? 1 : 0], reason: 'back to start' },
            version,
          );
          expect(moved.status).toBe(200);
          version = moved.body.version as number;
        }
      }),
    );
    const history = await db
      .selectFrom('stage_history')
      .select(['deal_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('deal_id')
      .execute();
    expect(history).toHaveLength(20);
    // creation + the one winning concurrent move + three sequential moves
    expect(history.every((h) => Number(h.n) === 5)).toBe(true);
    const versions = await db.selectFrom('deals').select('version').execute();
    expect(versions.every((d) => d.version === 5)).toBe(true);
  }, 120_000);

  it('runs every background job exactly once across two workers', async () => {
    const workspace = await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    const pipeline = await db.selectFrom('pipelines').select('id').executeTakeFirstOrThrow();
    const now = Date.now();
    for (let i = 0; i < 120; i += 1) {
      const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
      await enqueueJob(db, {
        workspaceId: workspace.id,
        queue: SNAPSHOT_QUEUE,
        payload: { pipelineId: pipeline.id, day },
        dedupeKey: `${SNAPSHOT_QUEUE}:${pipeline.id}:${day}`,
        now,
      });
    }
    const deadline = Date.now() + 60_000;
    let pending = 1;
    while (pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '!=', 'done')
        .executeTakeFirstOrThrow();
      pending = Number(row.n);
    }
    const all = await db.selectFrom('jobs').selectAll().execute();
    // Every job ran once, the workers' own daily ones (today's snapshot and digests) too.
    expect(all.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    const jobs = all.filter((j) => j.queue === SNAPSHOT_QUEUE);
    expect(jobs.length).toBeGreaterThanOrEqual(120); // plus today's scheduled snapshot
    const ranBy = new Set(jobs.map((j) => j.locked_by));
    expect(ranBy.size).toBe(2);
    const snapshotDays = await db
      .selectFrom('pipeline_snapshots')
      .select('taken_on')
      .distinct()
      .execute();
    expect(snapshotDays).toHaveLength(jobs.length);
    const rows = await db
      .selectFrom('pipeline_snapshots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(jobs.length * 7);
  }, 120_000);
});
