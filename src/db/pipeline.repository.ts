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
