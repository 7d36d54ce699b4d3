import type { Db } from '../../db/connection.js';
import { newId } from '../../db/id.js';
import { insertJob } from '../../db/job.repository.js';

export interface NewJob {
  workspaceId: string;
  queue: string;
  payload: unknown;
  /** Jobs with the same key are queued once, ever: how a schedule avoids duplicates. */
  dedupeKey?: string | null;
  runAt?: number;
  maxAttempts?: number;
  now: number;
}

/** Queues background work in the database, in the caller's transaction when it has one. */
export function enqueueJob(db: Db, job: NewJob): Promise<boolean> {
  return insertJob(db, {
    id: newId(),
    workspace_id: job.workspaceId,
    queue: job.queue,
    payload: JSON.stringify(job.payload),
    dedupe_key: job.dedupeKey ?? null,
    status: 'pending',
    run_at: job.runAt ?? job.now,
    max_attempts: job.maxAttempts ?? 5,
    created_at: job.now,
  });
}
