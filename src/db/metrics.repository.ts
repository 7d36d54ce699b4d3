/**
 * The closing-based metrics, aggregated in SQL from the append-only stage history: which deals
 * closed in a window, how, after how long, for how much, for whom, and why they were lost.
 * A deal counts once: by its *last* closing row (to_status won or lost) inside the window.
 */
import { sql } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
import { applyMetricsScope, dealsOf, type MetricsScope } from './metrics-scope.js';

export type Outcome = 'won' | 'lost';

/**
 * The row that closed each deal in the window for the last time: per deal, the latest closing
 * instant in [fromMs, endMs), joined back to its row (two rows of one deal at the same instant:
 * the later id). Grouping first keeps SQLite on the time index, without ranking every row.
 */
function closings(db: Db, scope: MetricsScope) {
  const { workspaceId } = scope;
  const lastAt = db
    .selectFrom('stage_history as t')
    .select((eb) => ['t.deal_id', eb.fn.max('t.at').as('closed_at')])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.to_status', 'in', ['won', 'lost'])
    .where('t.at', '>=', scope.fromMs)
    .where('t.at', '<', scope.endMs)
    .groupBy('t.deal_id');
  return applyMetricsScope(
    db
      .selectFrom(lastAt.as('last'))
      .innerJoin('stage_history as h', (join) =>
        join.onRef('h.deal_id', '=', 'last.deal_id').onRef('h.at', '=', 'last.closed_at'),
      )
      .innerJoin(dealsOf(db, scope), 'deals.id', 'last.deal_id'),
    scope,
  )
    .where('h.workspace_id', '=', workspaceId)
    .where('h.to_status', 'in', ['won', 'lost'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('stage_history as tie')
            .select('tie.id')
            .where('tie.workspace_id', '=', workspaceId)
            .whereRef('tie.deal_id', '=', 'h.deal_id')
            .whereRef('tie.at', '=', 'h.at')
            .where('tie.to_status', 'in', ['won', 'lost'])
            .whereRef('tie.id', '>', 'h.id'),
        ),
      ),
    );
}

export interface ClosingGroupRow {
  owner_id: string | null;
  outcome: Outcome;
  /** 'new' | 'upsell' | 'cross_sell': expansion revenue is reported apart. */
  business_kind: string;
  currency: string;
  deal_count: number;
  /** Deals of the group with an amount (the others are not in amount_minor). */
  amount_count: number;
  amount_minor: number;
  /** Σ (closed − opened) in milliseconds. */
  cycle_ms: number;
}

/**
 * Deals closed in the window, grouped by owner, outcome, business kind and currency: counts, amounts and the
 * summed length of their sales cycles. Every total of the closings is a fold of these rows.
 */
export async function summarizeClosings(db: Db, scope: MetricsScope): Promise<ClosingGroupRow[]> {
  const rows = await closings(db, scope)
    .select((eb) => [
      'deals.owner_id',
      'h.to_status',
      'deals.business_kind',
      'deals.currency',
      eb.fn.countAll<number>().as('deal_count'),
      eb.fn.count<number>('deals.amount_minor').as('amount_count'),
      sql<number>`coalesce(sum(deals.amount_minor), 0)`.as('amount_minor'),
      sql<number>`sum(h.at - deals.opened_at)`.as('cycle_ms'),
    ])
    .groupBy(['deals.owner_id', 'h.to_status', 'deals.business_kind', 'deals.currency'])
    .execute();
  return rows.map((r) => ({
    owner_id: r.owner_id,
    outcome: r.to_status as Outcome,
    business_kind: r.business_kind,
    currency: r.currency,
    deal_count: Number(r.deal_count),
    amount_count: Number(r.amount_count),
    amount_minor: Number(r.amount_minor),
    cycle_ms: Number(r.cycle_ms),
  }));
}

/**
 * The median sales cycle in milliseconds of the deals won, and of all deals closed, in the window
 * (null when there are none). PostgreSQL has `percentile_cont`; SQLite has no percentile, so the
 * middle one or two rows are picked by rank and averaged, which is the same value.
 */
export async function medianCycleMs(
  db: Db,
  scope: MetricsScope,
): Promise<{ won: number | null; closed: number | null }> {
  const cycle = sql<number>`h.at - deals.opened_at`;
  const toNumber = (value: number | null | undefined) =>
    value === null || value === undefined ? null : Number(value);
  if (dialectOf(db) === 'postgres') {
    const row = await closings(db, scope)
      .select([
        sql<number | null>`percentile_cont(0.5) within group (order by ${cycle})
          filter (where h.to_status = 'won')`.as('won'),
        sql<number | null>`percentile_cont(0.5) within group (order by ${cycle})`.as('closed'),
      ])
      .executeTakeFirst();
    return { won: toNumber(row?.won), closed: toNumber(row?.closed) };
  }
  const isMiddle = (rank: string, count: string) =>
    sql.raw(`ranked.${rank} in ((ranked.${count} + 1) / 2, (ranked.${count} + 2) / 2)`);
  const row = await db
    .selectFrom(
      closings(db, scope)
        .select([
          cycle.as('cycle'),
          'h.to_status as outcome',
          sql<number>`row_number() over (order by ${cycle})`.as('k_all'),
          sql<number>`count(*) over ()`.as('n_all'),
          sql<number>`row_number() over (partition by h.to_status order by ${cycle})`.as('k_own'),
          sql<number>`count(*) over (partition by h.to_status)`.as('n_own'),
        ])
        .as('ranked'),
    )
    .select([
      sql<number | null>`avg(case when ranked.outcome = 'won' and ${isMiddle('k_own', 'n_own')}
        then ranked.cycle end)`.as('won'),
      sql<number | null>`avg(case when ${isMiddle('k_all', 'n_all')} then ranked.cycle end)`.as(
        'closed',
      ),
    ])
    .executeTakeFirst();
  return { won: toNumber(row?.won), closed: toNumber(row?.closed) };
}

export interface LossGroupRow {
  lost_reason_id: string | null;
  stage_id: string;
  deal_count: number;
}

/** Deals lost in the window, by the reason and the stage of their last loss. */
export async function countLosses(db: Db, scope: MetricsScope): Promise<LossGroupRow[]> {
  const rows = await closings(db, scope)
    .where('h.to_status', '=', 'lost')
    .select((eb) => [
      'h.lost_reason_id',
      'h.to_stage_id',
      eb.fn.countAll<number>().as('deal_count'),
    ])
    .groupBy(['h.lost_reason_id', 'h.to_stage_id'])
    .execute();
  return rows.map((r) => ({
    lost_reason_id: r.lost_reason_id,
    stage_id: r.to_stage_id,
    deal_count: Number(r.deal_count),
  }));
}

/** Display names of users, for a leaderboard. */
export async function listUserNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
