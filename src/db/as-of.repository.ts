import { type AliasedSelectQueryBuilder, type Selectable, sql } from 'kysely';
import {
  TRACKED_DEAL_FIELDS,
  TRACKED_FIELD_NAMES,
  type TrackedDealColumn,
} from '../domain/deal-field-history.js';
import type { Db } from './connection.js';
import type { DealTable } from './schema.js';

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
 * It gives stage and status; join it to `dealsAsOf` for the deal's other fields as they stood.
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

/** The columns of a deal the field history does not explain: the same now and as of any day. */
const PLAIN_COLUMNS = [
  'id',
  'workspace_id',
  'stage_id',
  'title',
  'company_id',
  'source',
  'status',
  'lost_reason_id',
  'lost_note',
  'opened_at',
  'closed_at',
  'stage_entered_at',
  'last_activity_at',
  // Set when the deal is made and never changed.
  'business_kind',
  'origin_deal_id',
  // Not replayed: the mark as it is now (the review reads it only now).
  'value_verified_at',
  'value_verified_by',
  'search_text',
  'created_at',
  'updated_at',
  'deleted_at',
  'version',
] as const satisfies readonly (keyof DealTable)[];

const NUMERIC: ReadonlySet<TrackedDealColumn> = new Set(['amount_minor', 'probability_override']);

/** A deal's row as `dealsAsOf` gives it: every column of the deals table. */
export type DealAsOfRow = Selectable<DealTable>;

/**
 * Every deal of the workspace with its tracked fields (amount, currency, amount source, expected
 * close date, owner, probability override, pipeline) as they stood at instant `at`, under the
 * name `deals`, so a query written for the deals table reads the past by swapping its source:
 *
 * ```ts
 * db.selectFrom(dealsAsOf(db, workspaceId, t)).innerJoin(dealStatesAsOf(db, workspaceId, t), …)
 * ```
 *
 * A field's value at T is the `from_value` of the deal's first change of it after T, or the
 * current value when it has not changed since (domain/deal-field-history.ts, trackedValuesAsOf,
 * is the reference). The pivot reads only the changes after T, so a recent T costs little.
 * Stage and status come from `dealStatesAsOf`: the columns here are today's.
 */
export function dealsAsOf(
  db: Db,
  workspaceId: string,
  at: number,
): AliasedSelectQueryBuilder<DealAsOfRow, 'deals'> {
  const firsts = db
    .selectFrom('deal_field_history as f')
    .select([
      'f.deal_id',
      'f.field',
      'f.from_value',
      sql<number>`row_number() over (partition by f.deal_id, f.field order by f.at, f.id)`.as(
        'nth',
      ),
    ])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.at', '>', at)
    .where('f.field', 'in', TRACKED_FIELD_NAMES)
    .as('fc');
  const pivot = db
    .selectFrom(firsts)
    .select([
      'fc.deal_id',
      ...TRACKED_FIELD_NAMES.flatMap((field) => {
        const column = TRACKED_DEAL_FIELDS[field];
        return [
          sql<number>`max(case when fc.field = ${field} then 1 else 0 end)`.as(`has_${column}`),
          sql<string | null>`max(case when fc.field = ${field} then fc.from_value end)`.as(
            `was_${column}`,
          ),
        ];
      }),
    ])
    .where('fc.nth', '=', 1)
    .groupBy('fc.deal_id')
    .as('c');
  return db
    .selectFrom('deals as d')
    .leftJoin(pivot, 'c.deal_id', 'd.id')
    .select([
      ...PLAIN_COLUMNS.map((column) => `d.${column}` as const),
      ...TRACKED_FIELD_NAMES.map((field) => {
        const column = TRACKED_DEAL_FIELDS[field];
        const was = sql.ref(`c.was_${column}`);
        const then = NUMERIC.has(column) ? sql`cast(${was} as bigint)` : was;
        return sql`case when ${sql.ref(`c.has_${column}`)} = 1 then ${then}
          else ${sql.ref(`d.${column}`)} end`.as(column);
      }),
    ])
    .where('d.workspace_id', '=', workspaceId)
    .as('deals') as unknown as AliasedSelectQueryBuilder<DealAsOfRow, 'deals'>;
}
