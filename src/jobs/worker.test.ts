import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/api-harness.js';
import { listPipelineSnapshots } from '../db/snapshot.repository.js';
import { enqueueJob } from '../services/background/job.service.js';
import { SNAPSHOT_QUEUE, scheduleDailySnapshots } from '../services/analytics/snapshot.service.js';
import type { JobHandler } from './handlers.js';
import { retryDelayMs, runDueJobs } from './worker.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function jobs() {
  return api.database.db.selectFrom('jobs').selectAll().orderBy('created_at').execute();
}

describe('background jobs', () => {
  it('runs each job exactly once when two workers claim at the same time', async () => {
    const db = api.database.db;
    const pipelineId = (await db.selectFrom('pipelines').select('id').executeTakeFirstOrThrow()).id;
    const days = Array.from({ length: 30 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
    for (const day of days) {
      await enqueueJob(db, {
        workspaceId: api.admin.workspaceId,
        queue: SNAPSHOT_QUEUE,
        payload: { pipelineId, day },
        dedupeKey: `${SNAPSHOT_QUEUE}:${pipelineId}:${day}`,
        now: api.clock.now,
      });
    }
    const clock = () => api.clock.now;
    let rounds = 0;
    while ((await jobs()).some((j) => j.status !== 'done') && rounds < 50) {
      rounds += 1;
      await Promise.all([
        runDueJobs({ db, workerId: 'worker-a', clock, batchSize: 3 }),
        runDueJobs({ db, workerId: 'worker-b', clock, batchSize: 3 }),
      ]);
    }
    const all = await jobs();
    expect(all).toHaveLength(30);
    expect(all.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    const snapshots = await listPipelineSnapshots(db, api.admin.workspaceId, pipelineId);
    expect(new Set(snapshots.map((s) => s.taken_on)).size).toBe(30);
    expect(snapshots).toHaveLength(30 * 7);
  });

  it('queues one snapshot per pipeline and day, however often the schedule runs', async () => {
    expect(await scheduleDailySnapshots(api.database.db, api.clock.now)).toBe(1);
    expect(await scheduleDailySnapshots(api.database.db, api.clock.now)).toBe(0);
    api.clock.now += 86_400_000;
    expect(await scheduleDailySnapshots(api.database.db, api.clock.now)).toBe(1);
  });

  it('retries a failing job with back-off, rolls back its work, and buries it after the last try', async () => {
    const db = api.database.db;
    let calls = 0;
    const failing: JobHandler = async (ctx) => {
      calls += 1;
      await ctx.db
        .insertInto('exchange_rates')
        .values({
          workspace_id: ctx.actor.workspaceId,
          currency: 'EUR',
          day: `2026-01-0${calls}`,
          rate: '1',
        })
        .execute();
      throw new Error('remote system down');
    };
    await enqueueJob(db, {
      workspaceId: api.admin.workspaceId,
      queue: 'test.failing',
      payload: {},
      maxAttempts: 2,
      now: api.clock.now,
    });
    const clock = () => api.clock.now;
    expect(await runDueJobs({ db, clock, handlers: { 'test.failing': failing } })).toBe(0);
    let [job] = await jobs();
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'remote system down' });
    expect(job?.run_at).toBe(api.clock.now + retryDelayMs(1));
    expect(await runDueJobs({ db, clock, handlers: { 'test.failing': failing } })).toBe(0);
    expect(calls).toBe(1); // not due yet
    api.clock.now += retryDelayMs(1);
    await runDueJobs({ db, clock, handlers: { 'test.failing': failing } });
    [job] = await jobs();
    expect(job).toMatchObject({ status: 'dead', attempts: 2 });
    expect(await db.selectFrom('exchange_rates').selectAll().execute()).toHaveLength(0);
  });

  it('takes over a job whose worker died, once its lease has run out', async () => {
    const db = api.database.db;
    await enqueueJob(db, {
      workspaceId: api.admin.workspaceId,
      queue: 'test.ok',
      payload: {},
      now: api.clock.now,
    });
    const { claimDueJobs } = await import('../db/job.repository.js');
    const claimed = await claimDueJobs(db, {
      workerId: 'dead-worker',
      now: api.clock.now,
      leaseMs: 60_000,
      limit: 1,
      queues: ['test.ok'],
    });
    expect(claimed).toHaveLength(1);
    let runs = 0;
    const ok: JobHandler = () => Promise.resolve((runs += 1));
    const clock = () => api.clock.now;
    expect(await runDueJobs({ db, clock, handlers: { 'test.ok': ok } })).toBe(0);
    api.clock.now += 61_000;
    expect(await runDueJobs({ db, clock, handlers: { 'test.ok': ok } })).toBe(1);
    expect(runs).toBe(1);
    const [job] = await jobs();
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
  });
});
