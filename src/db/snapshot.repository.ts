import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { PipelineSnapshotTable } from './schema.js';

/** Stores one day's totals per stage; a day already taken is kept as it was (idempotent). */
export async function insertPipelineSnapshot(
  db: Db,
  rows: Insertable<PipelineSnapshotTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('pipeline_snapshots')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'pipeline_id', 'taken_on', 'stage_id']).doNothing(),
    )
    .execute();
}

export function listPipelineSnapshots(db: Db, workspaceId: string, pipelineId: string) {
  return db
    .selectFrom('pipeline_snapshots')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', pipelineId)
    .orderBy('taken_on')
    .orderBy('stage_id')
    .execute();
}
