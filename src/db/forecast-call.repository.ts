import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { ForecastCallTable } from './schema.js';

export function insertForecastCall(db: Db, row: Insertable<ForecastCallTable>) {
  return db.insertInto('forecast_calls').values(row).execute();
}

/**
 * Every call made for the period (one pipeline, or all pipelines when `pipelineId` is null),
 * with who made it, newest first.
 */
export async function listForecastCallRows(
  db: Db,
  workspaceId: string,
  period: { from: string; to: string },
  pipelineId: string | null,
) {
  let query = db
    .selectFrom('forecast_calls as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('c')
    .select('u.name as user_name')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.period_from', '=', period.from)
    .where('c.period_to', '=', period.to);
  query =
    pipelineId === null
      ? query.where('c.pipeline_id', 'is', null)
      : query.where('c.pipeline_id', '=', pipelineId);
  const rows = await query.orderBy('c.submitted_at', 'desc').orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({
    ...r,
    commit_minor: Number(r.commit_minor),
    best_case_minor: Number(r.best_case_minor),
    submitted_at: Number(r.submitted_at),
  }));
}
export type ForecastCallRow = Awaited<ReturnType<typeof listForecastCallRows>>[number];
