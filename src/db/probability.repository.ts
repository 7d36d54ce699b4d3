import { dealStatesAsOf, dealsAsOf } from './as-of.repository.js';
import type { Db } from './connection.js';

export interface ClosedByReachRow {
  pipeline_id: string;
  status: 'won' | 'lost';
  /** The furthest stage position the deal ever reached (the stages' current positions). */
  furthest_position: number;
  deal_count: number;
}

/**
 * Deals closed in the window [fromMs, at], counted by pipeline, outcome and the furthest stage
 * they reached by `at`. "Closed" is the deal's state as of `at` (its last history row at or before
 * it), so a deal won then reopened is not closed, and a deal won, reopened and lost counts once,
 * as lost, at its last closing row. Every deal of the pipeline counts, whoever owns it.
 */
export async function countClosedDealsByReach(
  db: Db,
  workspaceId: string,
  window: { fromMs: number; at: number },
  pipelineId?: string,
): Promise<ClosedByReachRow[]> {
  const reach = db
    .selectFrom('stage_history as r')
    .innerJoin('stages as rs', 'rs.id', 'r.to_stage_id')
    .select(['r.deal_id', (eb) => eb.fn.max('rs.position').as('furthest')])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.at', '<=', window.at)
    .groupBy('r.deal_id')
    .as('reach');
  let query = db
    .selectFrom(dealsAsOf(db, workspaceId, window.at))
    .innerJoin(dealStatesAsOf(db, workspaceId, window.at), (join) =>
      join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1),
    )
    .innerJoin(reach, 'reach.deal_id', 'deals.id')
    .select([
      'deals.pipeline_id',
      's.status',
      'reach.furthest',
      (eb) => eb.fn.countAll<number>().as('deal_count'),
    ])
    .where('deals.workspace_id', '=', workspaceId)
    .where('deals.deleted_at', 'is', null)
    .where('s.status', 'in', ['won', 'lost'])
    .where('s.since', '>=', window.fromMs)
    .groupBy(['deals.pipeline_id', 's.status', 'reach.furthest']);
  if (pipelineId) query = query.where('deals.pipeline_id', '=', pipelineId);
  const rows = await query.execute();
  return rows.map((r) => ({
    pipeline_id: r.pipeline_id,
    status: r.status as 'won' | 'lost',
    furthest_position: Number(r.furthest),
    deal_count: Number(r.deal_count),
  }));
}
