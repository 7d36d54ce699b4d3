import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
import type { JobTable } from './schema.js';

/** Adds a job; a job with the same dedupe key already queued or done is left as it is. */
export async function insertJob(db: Db, row: Insertable<JobTable>): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` due jobs for `workerId` until `now + leaseMs`: pending jobs whose time
 * has come, and running jobs whose lease ran out (their worker died). On PostgreSQL the
 * candidates are locked with FOR UPDATE SKIP LOCKED, so concurrent workers never claim the same
 * job and never wait on each other; SQLite has a single writer, which gives the same guarantee.
 */
export function claimDueJobs(
  db: Db,
  input: { workerId: string; now: number; leaseMs: number; limit: number; queues: string[] },
) {
  const candidates = db
    .selectFrom('jobs')
    .select('id')
    .where('queue', 'in', input.queues)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', input.now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', input.now)]),
      ]),
    )
    .orderBy('run_at')
    .limit(input.limit);
  const locked = dialectOf(db) === 'postgres' ? candidates.forUpdate().skipLocked() : candidates;
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: input.workerId,
      locked_until: input.now + input.leaseMs,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', locked)
    .returningAll()
    .execute();
}

/**
 * Marks a job done, only if this worker still holds it; returns false if it lost the lease.
 * `locked_by` stays, recording which worker ran it.
 */
export async function completeJob(
  db: Db,
  id: string,
  workerId: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Puts a failed job back for a retry at `retryAt`, or buries it (`dead`) when `retryAt` is null. */
export async function failJob(
  db: Db,
  input: { id: string; workerId: string; error: string; now: number; retryAt: number | null },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: input.retryAt === null ? 'dead' : 'pending',
      run_at: input.retryAt ?? input.now,
      last_error: input.error.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      finished_at: input.retryAt === null ? input.now : null,
    })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.workerId)
    .execute();
}

export function countJobsByStatus(db: Db) {
  return db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}
