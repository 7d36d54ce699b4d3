import { hostname } from 'node:os';
import type { Db } from '../db/connection.js';
import { claimDueJobs, completeJob, failJob } from '../db/job.repository.js';
import { newId } from '../db/id.js';
import { scheduleDailySnapshots } from '../services/analytics/snapshot.service.js';
import { scheduleDailyDigests } from '../services/my-day/digest.service.js';
import { JOB_HANDLERS, type JobHandler } from './handlers.js';

export interface WorkerOptions {
  db: Db;
  handlers?: Record<string, JobHandler>;
  workerId?: string;
  clock?: () => number;
  /** How long a claimed job is ours before another worker may take it over. */
  leaseMs?: number;
  batchSize?: number;
}

/** Retries back off: 30 s, 2 min, 8 min, 32 min … */
export function retryDelayMs(attempt: number): number {
  return 30_000 * 4 ** Math.max(0, attempt - 1);
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${newId().slice(-8)}`;
}

/**
 * Claims the due jobs once and runs them. Each job's work and its completion commit together
 * in one transaction: if the worker dies midway nothing is half-done, and the job's lease runs
 * out so another worker takes it. If this worker lost the lease meanwhile, its work rolls back.
 * Returns how many jobs ran to completion.
 */
export async function runDueJobs(options: WorkerOptions): Promise<number> {
  const { db } = options;
  const handlers = options.handlers ?? JOB_HANDLERS;
  const clock = options.clock ?? Date.now;
  const workerId = options.workerId ?? newWorkerId();
  const jobs = await claimDueJobs(db, {
    workerId,
    now: clock(),
    leaseMs: options.leaseMs ?? 60_000,
    limit: options.batchSize ?? 10,
    queues: Object.keys(handlers),
  });
  let done = 0;
  for (const job of jobs) {
    const handler = handlers[job.queue];
    try {
      if (!handler) throw new Error(`No handler for queue ${job.queue}`);
      await db.transaction().execute(async (trx) => {
        const now = clock();
        const actor = { workspaceId: job.workspace_id, userId: null, role: 'admin' as const };
        await handler({ db: trx, actor, now }, JSON.parse(job.payload));
        if (!(await completeJob(trx, job.id, workerId, now))) {
          throw new Error('Lease lost to another worker; rolling back');
        }
      });
      done += 1;
    } catch (error) {
      const now = clock();
      await failJob(db, {
        id: job.id,
        workerId,
        error: error instanceof Error ? error.message : String(error),
        now,
        retryAt: job.attempts < job.max_attempts ? now + retryDelayMs(job.attempts) : null,
      });
    }
  }
  return done;
}

/** The worker loop: schedule what is due, run jobs, sleep when idle, stop on `signal`. */
export async function runWorker(
  options: WorkerOptions & { signal: AbortSignal; idleMs?: number; onError?: (e: unknown) => void },
): Promise<void> {
  const clock = options.clock ?? Date.now;
  const workerId = options.workerId ?? newWorkerId();
  let nextSchedule = 0;
  while (!options.signal.aborted) {
    try {
      if (clock() >= nextSchedule) {
        await scheduleDailySnapshots(options.db, clock());
        await scheduleDailyDigests(options.db, clock());
        nextSchedule = clock() + 60_000;
      }
      const done = await runDueJobs({ ...options, workerId });
      if (done > 0) continue;
    } catch (error) {
      options.onError?.(error);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.idleMs ?? 1000);
      options.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
