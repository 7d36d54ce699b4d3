/**
 * The stage-based metrics, aggregated in SQL from the append-only stage history: visits and
 * their durations, the deals open now, cohort conversion and the funnel. A history row sets a
 * deal's (stage, status) from its instant until the deal's next row; rows at or after the
 * scope's cut-off do not exist for these queries, which is all "as of" needs.
 *
 * The per-deal lookups (previous row, last row, a later row) are index seeks on
 * `stage_history_deal_steps`, which covers them; no query ranks the whole history.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from './connection.js';
import { applyMetricsScope, dealsOf, historyOf, type MetricsScope } from './metrics-scope.js';
import type { Database } from './schema.js';

export interface StageVisitRow {
  stage_id: string;
  visits: number;
  mean_ms: number;
}

/**
 * Completed visits that ended in the window, per stage. A row whose `from_status` is open ends a
 * visit to its `from_stage_id` (a move, a win or a loss); the visit began at the deal's previous
 * row, whatever came before it.
 */
export async function summarizeStageVisits(db: Db, scope: MetricsScope): Promise<StageVisitRow[]> {
  const previousAt = sql<number>`(select max(l.at) from stage_history l
    where l.workspace_id = ${scope.workspaceId} and l.deal_id = h.deal_id
      and l.at <= h.at and (l.at < h.at or l.id < h.id))`;
  const rows = await applyMetricsScope(
    db.selectFrom('stage_history as h').innerJoin(dealsOf(db, scope), 'deals.id', 'h.deal_id'),
    scope,
  )
    .where('h.workspace_id', '=', scope.workspaceId)
    .where('h.at', '>=', scope.fromMs)
    .where('h.at', '<', scope.endMs)
    .where('h.from_status', '=', 'open')
    .select((eb) => [
      'h.from_stage_id',
      eb.fn.countAll<number>().as('visits'),
      sql<number>`avg(h.at - ${previousAt})`.as('mean_ms'),
    ])
    .groupBy('h.from_stage_id')
    .execute();
  return rows.map((r) => ({
    stage_id: r.from_stage_id ?? '',
    visits: Number(r.visits),
    mean_ms: Number(r.mean_ms),
  }));
}

export interface OpenStageRow {
  stage_id: string;
  deal_count: number;
  /** Mean time since the open deals entered the stage, at the snapshot instant. */
  mean_age_ms: number;
}

type DealAndRow = ExpressionBuilder<Database & { h: Database['stage_history'] }, 'deals' | 'h'>;

/**
 * `h` is the deal's last history row before the cut-off (ties at one instant: the later id).
 * The subquery correlates with `deals.id`, not `h.deal_id`, so that it runs once per deal and
 * `h` is then found by an index seek on its instant.
 */
function isLastRow(eb: DealAndRow, scope: MetricsScope) {
  const { workspaceId, cutoffMs } = scope;
  return eb.and([
    eb(
      'h.at',
      '=',
      eb
        .selectFrom('stage_history as l')
        .select((e) => e.fn.max('l.at').as('at'))
        .where('l.workspace_id', '=', workspaceId)
        .whereRef('l.deal_id', '=', 'deals.id')
        .where('l.at', '<', cutoffMs),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('stage_history as tie')
          .select('tie.id')
          .where('tie.workspace_id', '=', workspaceId)
          .whereRef('tie.deal_id', '=', 'h.deal_id')
          .whereRef('tie.at', '=', 'h.at')
          .whereRef('tie.id', '>', 'h.id'),
      ),
    ),
  ]);
}

/** Deals open at the cut-off (their last row says open), per stage, with their mean age there. */
export async function summarizeOpenDeals(
  db: Db,
  scope: MetricsScope,
  atMs: number,
): Promise<OpenStageRow[]> {
  const rows = await applyMetricsScope(
    db
      .selectFrom(dealsOf(db, scope))
      .innerJoin('stage_history as h', (join) =>
        join.onRef('h.deal_id', '=', 'deals.id').on('h.workspace_id', '=', scope.workspaceId),
      ),
    scope,
  )
    .where((eb) => isLastRow(eb, scope))
    .where('h.to_status', '=', 'open')
    .select((eb) => [
      'h.to_stage_id',
      eb.fn.countAll<number>().as('deal_count'),
      sql<number>`avg(${atMs} - h.at)`.as('mean_age_ms'),
    ])
    .groupBy('h.to_stage_id')
    .execute();
  return rows.map((r) => ({
    stage_id: r.to_stage_id,
    deal_count: Number(r.deal_count),
    mean_age_ms: Number(r.mean_age_ms),
  }));
}

export interface ConversionRow {
  stage_id: string;
  entered: number;
  advanced: number;
  still_open: number;
}

/**
 * Stage conversion as a cohort: deals that entered a stage in the window (a row into it with
 * status open; re-entries count once, from the first in the window), how many later reached a
 * stage further down or were won before the cut-off, and how many of the rest still sit open in
 * it. A deal moved back and forth counts once per stage.
 */
export async function summarizeConversion(db: Db, scope: MetricsScope): Promise<ConversionRow[]> {
  const { workspaceId, cutoffMs } = scope;
  const rows = await db
    .with('entry', () =>
      historyOf(db, scope)
        .where('h.to_status', '=', 'open')
        .where('h.at', '>=', scope.fromMs)
        .where('h.at', '<', scope.endMs)
        .select(['h.deal_id', 'h.to_stage_id as stage_id', 's.position'])
        .select((eb) => eb.fn.min('h.at').as('entered_at'))
        .groupBy(['h.deal_id', 'h.to_stage_id', 's.position']),
    )
    .with('outcome', (qc) =>
      qc.selectFrom('entry as e').select([
        'e.stage_id',
        // 2: reached a later stage or won since entering; 1: else still open in the stage, by
        // its last row; 0: neither (lost, or moved back). The last row is only looked up for
        // deals that did not advance.
        sql<number>`case when exists (select 1 from stage_history l
            join stages ls on ls.id = l.to_stage_id
            where l.workspace_id = ${workspaceId} and l.deal_id = e.deal_id
              and l.at >= e.entered_at and l.at < ${cutoffMs}
              and (l.to_status = 'won' or ls.position > e.position)) then 2
          when (select l.to_stage_id || ':' || l.to_status from stage_history l
            where l.workspace_id = ${workspaceId} and l.deal_id = e.deal_id and l.at < ${cutoffMs}
            order by l.at desc, l.id desc limit 1) = e.stage_id || ':open' then 1
          else 0 end`.as('result'),
      ]),
    )
    .selectFrom('outcome as o')
    // Each entry's result is referenced once: SQLite would evaluate its subqueries per reference.
    .select((eb) => ['o.stage_id', 'o.result', eb.fn.countAll<number>().as('deal_count')])
    .groupBy(['o.stage_id', 'o.result'])
    .execute();
  const byStage = new Map<string, ConversionRow>();
  for (const row of rows) {
    const stage = byStage.get(row.stage_id) ?? {
      stage_id: row.stage_id,
      entered: 0,
      advanced: 0,
      still_open: 0,
    };
    const count = Number(row.deal_count);
    stage.entered += count;
    if (Number(row.result) === 2) stage.advanced += count;
    if (Number(row.result) === 1) stage.still_open += count;
    byStage.set(row.stage_id, stage);
  }
  return [...byStage.values()];
}

/**
 * The funnel's raw counts: deals opened in the window, by the furthest stage position they
 * reached before the cut-off (a win reaches the won stage).
 */
export async function countFurthestPositions(
  db: Db,
  scope: MetricsScope,
): Promise<{ max_position: number; deal_count: number }[]> {
  const rows = await db
    .selectFrom(
      historyOf(db, scope)
        .where('h.at', '<', scope.cutoffMs)
        .where('deals.opened_at', '>=', scope.fromMs)
        .where('deals.opened_at', '<', scope.endMs)
        .select((eb) => ['h.deal_id', eb.fn.max('s.position').as('max_position')])
        .groupBy('h.deal_id')
        .as('furthest'),
    )
    .select((eb) => ['furthest.max_position', eb.fn.countAll<number>().as('deal_count')])
    .groupBy('furthest.max_position')
    .execute();
  return rows.map((r) => ({
    max_position: Number(r.max_position),
    deal_count: Number(r.deal_count),
  }));
}
