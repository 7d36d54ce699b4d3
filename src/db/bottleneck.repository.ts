import { sql } from 'kysely';
import { dealStatesAsOf } from './as-of.repository.js';
import type { Db } from './connection.js';

export interface StageWindowScope {
  workspaceId: string;
  pipelineId: string;
  /** Reps limited to their own deals see only those. */
  visibleOwnerId?: string | undefined;
}

/** Stage-history rows of the pipeline's live deals (alias `h`, deals as `d`). */
function pipelineHistory(db: Db, scope: StageWindowScope) {
  let query = db
    .selectFrom('stage_history as h')
    .innerJoin('deals as d', 'd.id', 'h.deal_id')
    .where('h.workspace_id', '=', scope.workspaceId)
    .where('d.workspace_id', '=', scope.workspaceId)
    .where('d.pipeline_id', '=', scope.pipelineId)
    .where('d.deleted_at', 'is', null);
  if (scope.visibleOwnerId) query = query.where('d.owner_id', '=', scope.visibleOwnerId);
  return query;
}

/**
 * Visits to each stage that ended in [fromMs, toMs): a visit starts at a history row that puts
 * the deal, open, in the stage and ends at the deal's next row (a move, a win or a loss).
 */
export async function sumVisitsEndedBetween(
  db: Db,
  scope: StageWindowScope,
  window: { fromMs: number; toMs: number },
): Promise<{ stage_id: string; visits: number; total_ms: number }[]> {
  const visits = pipelineHistory(db, scope)
    .select([
      'h.to_stage_id as stage_id',
      'h.to_status',
      'h.at as entered_at',
      sql<number | null>`lead(h.at) over (partition by h.deal_id order by h.at, h.id)`.as(
        'left_at',
      ),
    ])
    .as('v');
  const rows = await db
    .selectFrom(visits)
    .select([
      'v.stage_id',
      (eb) => eb.fn.countAll<number>().as('visits'),
      sql<number>`coalesce(sum(v.left_at - v.entered_at), 0)`.as('total_ms'),
    ])
    .where('v.to_status', '=', 'open')
    .where('v.left_at', '>=', window.fromMs)
    .where('v.left_at', '<', window.toMs)
    .groupBy('v.stage_id')
    .execute();
  return rows.map((r) => ({
    stage_id: r.stage_id,
    visits: Number(r.visits),
    total_ms: Number(r.total_ms),
  }));
}

/**
 * Deals that entered each stage in [fromMs, toMs), each counted once (its first entry in the
 * window), and by the window's end: how many had reached a stage positioned after it or were won
 * (converted), and how many were still open in it without having converted (pending).
 */
export async function countEntriesBetween(
  db: Db,
  scope: StageWindowScope,
  window: { fromMs: number; toMs: number },
): Promise<{ stage_id: string; entered: number; converted: number; pending: number }[]> {
  const entries = pipelineHistory(db, scope)
    .select([
      'h.id',
      'h.deal_id',
      'h.to_stage_id as stage_id',
      'h.at',
      sql<number>`row_number() over (partition by h.deal_id, h.to_stage_id
        order by h.at, h.id)`.as('nth'),
    ])
    .where('h.to_status', '=', 'open')
    .where('h.at', '>=', window.fromMs)
    .where('h.at', '<', window.toMs)
    .as('e');
  const flagged = db
    .selectFrom(entries)
    .innerJoin('stages as es', 'es.id', 'e.stage_id')
    .leftJoin(dealStatesAsOf(db, scope.workspaceId, window.toMs - 1), (join) =>
      join.onRef('s.deal_id', '=', 'e.deal_id').on('s.recency', '=', 1),
    )
    .select((eb) => [
      'e.stage_id',
      eb
        .exists(
          eb
            .selectFrom('stage_history as x')
            .innerJoin('stages as xs', 'xs.id', 'x.to_stage_id')
            .select('x.id')
            .where('x.workspace_id', '=', scope.workspaceId)
            .whereRef('x.deal_id', '=', 'e.deal_id')
            .where('x.at', '<', window.toMs)
            .where((later) =>
              later.or([
                later('x.at', '>', later.ref('e.at')),
                later.and([
                  later('x.at', '=', later.ref('e.at')),
                  later('x.id', '>', later.ref('e.id')),
                ]),
              ]),
            )
            .where((forward) =>
              forward.or([
                forward('x.to_status', '=', 'won'),
                forward('xs.position', '>', forward.ref('es.position')),
              ]),
            ),
        )
        .as('is_converted'),
      sql<boolean>`s.status = 'open' and s.stage_id = e.stage_id`.as('is_in_stage'),
    ])
    .where('e.nth', '=', 1)
    .as('f');
  const rows = await db
    .selectFrom(flagged)
    .select([
      'f.stage_id',
      (eb) => eb.fn.countAll<number>().as('entered'),
      sql<number>`sum(case when f.is_converted then 1 else 0 end)`.as('converted'),
      sql<number>`sum(case when f.is_in_stage and not f.is_converted then 1 else 0 end)`.as(
        'pending',
      ),
    ])
    .groupBy('f.stage_id')
    .execute();
  return rows.map((r) => ({
    stage_id: r.stage_id,
    entered: Number(r.entered),
    converted: Number(r.converted),
    pending: Number(r.pending),
  }));
}
