import type { ServiceContext } from '../services/context.service.js';
import {
  SNAPSHOT_QUEUE,
  type SnapshotPayload,
  takePipelineSnapshot,
} from '../services/analytics/snapshot.service.js';
import {
  DIGEST_QUEUE,
  type DigestPayload,
  makeDailyDigests,
} from '../services/my-day/digest.service.js';

/** What a job does: one service call, run in the job's transaction as the workspace's system. */
export type JobHandler = (ctx: ServiceContext, payload: unknown) => Promise<unknown>;

/** Every queue the worker serves. A new kind of background work adds its line here. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  [SNAPSHOT_QUEUE]: (ctx, payload) => takePipelineSnapshot(ctx, payload as SnapshotPayload),
  [DIGEST_QUEUE]: (ctx, payload) => makeDailyDigests(ctx, payload as DigestPayload),
};
