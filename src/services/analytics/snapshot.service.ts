import { listPipelines } from '../../db/pipeline.repository.js';
import { insertPipelineSnapshot } from '../../db/snapshot.repository.js';
import { listWorkspaces } from '../../db/workspace.repository.js';
import type { Db } from '../../db/connection.js';
import { getBoard } from '../pipeline/board.service.js';
import type { ServiceContext } from '../context.service.js';
import { enqueueJob } from '../background/job.service.js';

export const SNAPSHOT_QUEUE = 'pipeline.snapshot';

export interface SnapshotPayload {
  pipelineId: string;
  day: string;
}

/**
 * Records a pipeline's board totals for one day (count, total and weighted total per stage in
 * the base currency), so trends can be charted without replaying history. Taking the same day
 * twice keeps the first.
 */
export async function takePipelineSnapshot(ctx: ServiceContext, payload: SnapshotPayload) {
  const board = await getBoard(ctx, { pipelineId: payload.pipelineId, cardsPerStage: 0 });
  await insertPipelineSnapshot(
    ctx.db,
    board.columns.map((column) => ({
      workspace_id: ctx.actor.workspaceId,
      pipeline_id: payload.pipelineId,
      stage_id: column.stage.id,
      taken_on: payload.day,
      deal_count: column.count,
      total_minor: column.total.minor,
      weighted_minor: column.weighted.minor,
      currency: column.total.currency,
      taken_at: ctx.now,
    })),
  );
  return board.columns.length;
}

/** Queues today's snapshot of every active pipeline; already-queued days are not queued twice. */
export async function scheduleDailySnapshots(db: Db, now: number): Promise<number> {
  const day = new Date(now).toISOString().slice(0, 10);
  let queued = 0;
  for (const workspace of await listWorkspaces(db)) {
    for (const pipeline of await listPipelines(db, workspace.id)) {
      if (pipeline.archived_at !== null) continue;
      const isNew = await enqueueJob(db, {
        workspaceId: workspace.id,
        queue: SNAPSHOT_QUEUE,
        payload: { pipelineId: pipeline.id, day } satisfies SnapshotPayload,
        dedupeKey: `${SNAPSHOT_QUEUE}:${pipeline.id}:${day}`,
        now,
      });
      if (isNew) queued += 1;
    }
  }
  return queued;
}
