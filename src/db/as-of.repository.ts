import { type AliasedSelectQueryBuilder, sql } from 'kysely';
import type { Db } from './connection.js';

/** A deal's stage and status at some instant, and since when it had them. */
export interface DealStateRow {
  deal_id: string;
  stage_id: string;
  status: string;
  /** When the deal entered this stage and status (for a won or lost deal: when it closed). */
  since: number;
  /** 1 on the row that holds the state; joins keep only that one. */
  recency: number;
}

/**
 * Every deal's state as of instant `at`, read from the append-only stage history: the deal's last
 * history row with `at` ≤ T (ties broken by id, which is time-ordered). A deal with no row at or
 * before T did not exist yet and has no state. Join it on `s.recency = 1`:
 *
 * ```ts
 * db.selectFrom('deals').innerJoin(dealStatesAsOf(db, workspaceId, t), (join) =>
 *   join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1))
 * ```
 *
 * Only stage and status are historical: amounts, currencies, expected close dates, owners and
 * probability overrides are not recorded in the history, so they are the deals' current values.
 */
export function dealStatesAsOf(
  db: Db,
  workspaceId: string,
  at: number,
): AliasedSelectQueryBuilder<DealStateRow, 's'> {
  return db
    .selectFrom('stage_history as h')
    .select([
      'h.deal_id',
      'h.to_stage_id as stage_id',
      'h.to_status as status',
      'h.at as since',
      sql<number>`row_number() over (partition by h.deal_id order by h.at desc, h.id desc)`.as(
        'recency',
      ),
    ])
    .where('h.workspace_id', '=', workspaceId)
    .where('h.at', '<=', at)
    .as('s');
}

/**
 * Every deal's state now, from the deals table itself: the same shape as `dealStatesAsOf`, so
 * one query serves "now" and "as of" alike (and "as of now" must give the same answer).
 */
export function currentDealStates(
  db: Db,
  workspaceId: string,
): AliasedSelectQueryBuilder<DealStateRow, 's'> {
  return db
    .selectFrom('deals as d')
    .select([
      'd.id as deal_id',
      'd.stage_id',
      'd.status',
      'd.stage_entered_at as since',
      sql<number>`1`.as('recency'),
    ])
    .where('d.workspace_id', '=', workspaceId)
    .as('s');
}

/** The state source for an optional instant: history when `asOf` is given, else the deals. */
export function dealStates(
  db: Db,
  workspaceId: string,
  asOf: number | undefined,
): AliasedSelectQueryBuilder<DealStateRow, 's'> {
  return asOf === undefined
    ? currentDealStates(db, workspaceId)
    : dealStatesAsOf(db, workspaceId, asOf);
}

/** Live (not deleted) deals with their state as of `at`; for checks and small listings. */
export async function listDealStatesAsOf(db: Db, workspaceId: string, at: number) {
  const rows = await db
    .selectFrom('deals')
    .innerJoin(dealStatesAsOf(db, workspaceId, at), (join) =>
      join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1),
    )
    .select(['deals.id', 's.stage_id', 's.status', 's.since'])
    .where('deals.workspace_id', '=', workspaceId)
    .where('deals.deleted_at', 'is', null)
    .orderBy('deals.id')
    .execute();
  return rows.map((r) => ({ ...r, since: Number(r.since) }));
}
