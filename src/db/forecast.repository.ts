import { sql } from 'kysely';
import { dealStatesAsOf, dealsAsOf } from './as-of.repository.js';
import type { Db } from './connection.js';
import { applyDealFilter } from './deal.repository.js';

/** Which deals a forecast (or a target's progress) adds up. */
export interface DealScope {
  workspaceId: string;
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  /** Deals owned by the team's current members. */
  teamId?: string | undefined;
  /** Reps limited to their own deals see only those. */
  visibleOwnerId?: string | undefined;
}

/**
 * Won deals are grouped by quarter-hour slot so the service can tell each one's day in the
 * workspace's time zone (every zone's offset is a whole number of quarter hours), which picks
 * the exchange rate; deals in the base currency need no rate and share slot 0.
 */
export const WON_SLOT_MS = 900_000;

/** Where a deal's stage, status and closing instant are read from, for `scopedDeals`' queries. */
function stateOf(asOf: number | undefined) {
  // Now, each deal's own row holds its state, which lets the planner use the deals indexes;
  // as of a past instant, the history row then in force (alias `s`, see dealStatesAsOf).
  const table = asOf === undefined ? 'deals' : 's';
  return {
    stageId: sql.ref<string>(`${table}.stage_id`),
    status: sql.ref<string>(`${table}.status`),
    // Asked of won deals only: a closed state began when the deal closed.
    closedAt: sql.ref<number>(asOf === undefined ? 'deals.closed_at' : 's.since'),
  };
}

/** Live deals in scope; as of `asOf`, each joined to its state then (read through `stateOf`). */
function scopedDeals(db: Db, scope: DealScope, asOf: number | undefined) {
  const deals = db.selectFrom('deals');
  // As of a past instant the deals are read with their fields as they stood then (dealsAsOf,
  // under the same name). The joined columns are only reached through `stateOf`'s references,
  // so the builder keeps the plain deals type on both branches.
  const source =
    asOf === undefined
      ? deals
      : (db
          .selectFrom(dealsAsOf(db, scope.workspaceId, asOf))
          .innerJoin(dealStatesAsOf(db, scope.workspaceId, asOf), (join) =>
            join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1),
          ) as unknown as typeof deals);
  return applyDealFilter(source, {
    workspaceId: scope.workspaceId,
    pipelineId: scope.pipelineId,
    ownerId: scope.ownerId,
    teamId: scope.teamId,
    visibleOwnerId: scope.visibleOwnerId,
  });
}

export interface WonSumRow {
  currency: string;
  slot: number;
  deal_count: number;
  amount_minor: number;
}

/**
 * Deals won in [fromMs, toMs), by the instant of their closing win row: their state (now, or as
 * of `asOf`) is won and began in the range. A deal won, reopened and not won again is not won.
 */
export async function sumWonBetween(
  db: Db,
  scope: DealScope,
  range: { fromMs: number; toMs: number },
  baseCurrency: string,
  asOf?: number,
): Promise<WonSumRow[]> {
  const state = stateOf(asOf);
  const slot = sql<number>`case when deals.currency = ${baseCurrency} then 0
    else ${state.closedAt} / ${sql.lit(WON_SLOT_MS)} end`;
  const rows = await scopedDeals(db, scope, asOf)
    .where(state.status, '=', 'won')
    .where(state.closedAt, '>=', range.fromMs)
    .where(state.closedAt, '<', range.toMs)
    .select([
      'deals.currency',
      slot.as('slot'),
      (eb) => eb.fn.countAll<number>().as('deal_count'),
      sql<number>`coalesce(sum(deals.amount_minor), 0)`.as('amount_minor'),
    ])
    .groupBy(['deals.currency', sql`slot`])
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    slot: Number(r.slot),
    deal_count: Number(r.deal_count),
    amount_minor: Number(r.amount_minor),
  }));
}

export interface OpenSumRow {
  stage_id: string;
  currency: string;
  probability_override: number | null;
  deal_count: number;
  amount_minor: number;
  /** Σ amount², as a float: it only feeds the forecast's spread. */
  amount_squared: number;
}

/**
 * Open deals (now, or as of `asOf`) whose expected close date falls in [fromDay, toDay), summed
 * per stage, currency and probability override, like the board's totals: the rows stay few
 * however many deals there are.
 */
export async function sumOpenClosingBetween(
  db: Db,
  scope: DealScope,
  days: { fromDay: string; toDay: string },
  asOf?: number,
): Promise<OpenSumRow[]> {
  const amount = sql`cast(deals.amount_minor as double precision)`;
  const state = stateOf(asOf);
  const rows = await scopedDeals(db, scope, asOf)
    .where(state.status, '=', 'open')
    .where('deals.expected_close_date', '>=', days.fromDay)
    .where('deals.expected_close_date', '<', days.toDay)
    .select([
      state.stageId.as('stage_id'),
      'deals.currency',
      'deals.probability_override',
      (eb) => eb.fn.countAll<number>().as('deal_count'),
      sql<number>`coalesce(sum(deals.amount_minor), 0)`.as('amount_minor'),
      sql<number>`coalesce(sum(${amount} * ${amount}), 0)`.as('amount_squared'),
    ])
    .groupBy([state.stageId, 'deals.currency', 'deals.probability_override'])
    .execute();
  return rows.map((r) => ({
    stage_id: r.stage_id,
    currency: r.currency,
    probability_override: r.probability_override === null ? null : Number(r.probability_override),
    deal_count: Number(r.deal_count),
    amount_minor: Number(r.amount_minor),
    amount_squared: Number(r.amount_squared),
  }));
}

/** Open deals (now, or as of `asOf`) whose expected close date is before `beforeDay`: overdue. */
export async function sumOpenOverdue(
  db: Db,
  scope: DealScope,
  beforeDay: string,
  asOf?: number,
): Promise<{ currency: string; deal_count: number; amount_minor: number }[]> {
  const rows = await scopedDeals(db, scope, asOf)
    .where(stateOf(asOf).status, '=', 'open')
    .where('deals.expected_close_date', '<', beforeDay)
    .select([
      'deals.currency',
      (eb) => eb.fn.countAll<number>().as('deal_count'),
      sql<number>`coalesce(sum(deals.amount_minor), 0)`.as('amount_minor'),
    ])
    .groupBy('deals.currency')
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    deal_count: Number(r.deal_count),
    amount_minor: Number(r.amount_minor),
  }));
}

/** Every stage of the workspace, archived ones included (history may still name them). */
export function listWorkspaceStages(db: Db, workspaceId: string) {
  return db
    .selectFrom('stages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('pipeline_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}
