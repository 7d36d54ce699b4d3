import type { Insertable } from 'kysely';
import type { ExitCriterion, ForecastCategory, Stage, StageKind } from '../domain/stage.js';
import type { Db } from './connection.js';
import type { PipelineTable, StageRow, StageTable } from './schema.js';

export function insertPipeline(db: Db, row: Insertable<PipelineTable>) {
  return db.insertInto('pipelines').values(row).execute();
}

export function insertStages(db: Db, rows: Insertable<StageTable>[]) {
  return db.insertInto('stages').values(rows).execute();
}

export function listPipelines(db: Db, workspaceId: string) {
  return db
    .selectFrom('pipelines')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findPipeline(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('pipelines')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findDefaultPipeline(db: Db, workspaceId: string) {
  return db
    .selectFrom('pipelines')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .orderBy('is_default', 'desc')
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
}

/** Every stage of a pipeline, archived ones included, in board order. */
export function listStageRows(db: Db, workspaceId: string, pipelineId: string) {
  return db
    .selectFrom('stages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', pipelineId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findStageRow(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('stages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function toStage(row: StageRow): Stage & { version: number } {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    key: row.key,
    nameEn: row.name_en,
    nameAr: row.name_ar,
    position: row.position,
    kind: row.kind as StageKind,
    probability: row.probability,
    forecastCategory: row.forecast_category as ForecastCategory,
    rottingDays: row.rotting_days,
    exitCriteria: JSON.parse(row.exit_criteria) as ExitCriterion[],
    isFirstQualified: row.is_first_qualified === 1,
    archived: row.archived_at !== null,
    version: row.version,
  };
}

export async function listStages(db: Db, workspaceId: string, pipelineId: string) {
  return (await listStageRows(db, workspaceId, pipelineId)).map(toStage);
}

export async function updatePipelinePositions(
  db: Db,
  workspaceId: string,
  orderedIds: string[],
): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('pipelines')
      .set({ position: index + 1 })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
}

/**
 * Numbers a pipeline's active stages 1…n in the given order. Positions are managed by the
 * pipeline's stage order (guarded by the pipeline's version), so stage versions are not bumped.
 */
export async function updateStagePositions(
  db: Db,
  workspaceId: string,
  orderedIds: string[],
): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('stages')
      .set({ position: index + 1 })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
}

/** Marks a change of the pipeline's stage structure for clients holding its previous version. */
export function bumpPipelineVersion(db: Db, workspaceId: string, id: string) {
  return db
    .updateTable('pipelines')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Unsets the default flag of every other pipeline (a changed field, so their versions move). */
export function clearOtherDefaultPipelines(db: Db, workspaceId: string, keepId: string) {
  return db
    .updateTable('pipelines')
    .set((eb) => ({ is_default: 0, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', 1)
    .where('id', '!=', keepId)
    .execute();
}

/** Unsets the first-qualified flag of the pipeline's other stages (their versions move). */
export function clearOtherFirstQualified(
  db: Db,
  workspaceId: string,
  pipelineId: string,
  keepId: string,
) {
  return db
    .updateTable('stages')
    .set((eb) => ({ is_first_qualified: 0, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', pipelineId)
    .where('is_first_qualified', '=', 1)
    .where('id', '!=', keepId)
    .execute();
}

/** Live (not deleted) deals of a given status sitting in a stage. */
export async function countDealsInStage(
  db: Db,
  workspaceId: string,
  stageId: string,
  status: string,
): Promise<number> {
  const row = await db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('stage_id', '=', stageId)
    .where('status', '=', status)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Live open deals of a pipeline: they must move before the pipeline is archived. */
export async function countOpenDealsInPipeline(
  db: Db,
  workspaceId: string,
  pipelineId: string,
): Promise<number> {
  const row = await db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', pipelineId)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
