import { sql } from 'kysely';
import { dealStatesAsOf, dealsAsOf } from './as-of.repository.js';
import type { Db } from './connection.js';
import { applyDealFilter, type DealFilter } from './deal.repository.js';

/** A deal as it stood at an instant, with what the pipeline-changes view needs of it. */
export interface PositionRow {
  id: string;
  title: string;
  stage_id: string;
  status: string;
  since: number;
  amount_minor: number;
  currency: string;
  owner_id: string | null;
  pipeline_id: string;
  expected_close_date: string | null;
  probability_override: number | null;
  forecast_category: string;
  stage_probability: number;
  rotting_days: number | null;
}

const ID_CHUNK = 500;

/**
 * Live deals as they stood at instant `at` (stage and status from the stage history, the other
 * fields from the field history), within `filter` read against those past values. `closedAfter`
 * keeps open deals and those closed after that instant; `ids` reads just those deals.
 */
export async function positionsAt(
  db: Db,
  filter: DealFilter,
  at: number,
  options: { openOnly?: boolean; closedAfter?: number; ids?: readonly string[] },
): Promise<PositionRow[]> {
  const read = async (ids: readonly string[] | undefined) => {
    let query = applyDealFilter(
      db
        .selectFrom(dealsAsOf(db, filter.workspaceId, at))
        .innerJoin(dealStatesAsOf(db, filter.workspaceId, at), (join) =>
          join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1),
        )
        .innerJoin('stages', 'stages.id', 's.stage_id'),
      filter,
    ).select([
      'deals.id',
      'deals.title',
      's.stage_id',
      's.status',
      's.since',
      sql<number>`coalesce(deals.amount_minor, 0)`.as('amount_minor'),
      'deals.currency',
      'deals.owner_id',
      'deals.pipeline_id',
      'deals.expected_close_date',
      'deals.probability_override',
      'stages.forecast_category',
      'stages.probability as stage_probability',
      'stages.rotting_days',
    ]);
    if (options.openOnly) query = query.where('s.status', '=', 'open');
    const closedAfter = options.closedAfter;
    if (closedAfter !== undefined) {
      query = query.where((eb) =>
        eb.or([eb('s.status', '=', 'open'), eb('s.since', '>', closedAfter)]),
      );
    }
    if (ids) query = query.where('deals.id', 'in', ids);
    return query.execute();
  };
  let rows: Awaited<ReturnType<typeof read>>;
  if (options.ids) {
    rows = [];
    for (let i = 0; i < options.ids.length; i += ID_CHUNK) {
      rows.push(...(await read(options.ids.slice(i, i + ID_CHUNK))));
    }
  } else {
    rows = await read(undefined);
  }
  return rows.map((r) => ({
    ...r,
    since: Number(r.since),
    amount_minor: Number(r.amount_minor),
    probability_override: r.probability_override === null ? null : Number(r.probability_override),
    stage_probability: Number(r.stage_probability),
    rotting_days: r.rotting_days === null ? null : Number(r.rotting_days),
  }));
}

/** The changes of close date and amount of these deals in (fromMs, toMs], oldest first. */
export async function fieldChangesBetween(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  range: { fromMs: number; toMs: number },
) {
  const rows: {
    deal_id: string;
    field: string;
    from_value: string | null;
    to_value: string | null;
    at: number;
  }[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('deal_field_history')
        .select(['deal_id', 'field', 'from_value', 'to_value', 'at'])
        .where('workspace_id', '=', workspaceId)
        .where('deal_id', 'in', ids.slice(i, i + ID_CHUNK))
        .where('field', 'in', ['expectedCloseDate', 'amount', 'currency'])
        .where('at', '>', range.fromMs)
        .where('at', '<=', range.toMs)
        .orderBy('at')
        .orderBy('id')
        .execute()
        .then((found) => found.map((r) => ({ ...r, at: Number(r.at) })))),
    );
  }
  return rows;
}

/**
 * The moves of these deals in (fromMs, toMs] from one open stage to an earlier open stage of the
 * same pipeline (a stage regressed), by deal.
 */
export async function regressionsBetween(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  range: { fromMs: number; toMs: number },
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('stage_history as h')
      .innerJoin('stages as f', 'f.id', 'h.from_stage_id')
      .innerJoin('stages as t', 't.id', 'h.to_stage_id')
      .select(['h.deal_id', (eb) => eb.fn.countAll<number>().as('moves')])
      .where('h.workspace_id', '=', workspaceId)
      .where('h.deal_id', 'in', ids.slice(i, i + ID_CHUNK))
      .where('h.at', '>', range.fromMs)
      .where('h.at', '<=', range.toMs)
      .where('h.from_status', '=', 'open')
      .where('h.to_status', '=', 'open')
      .whereRef('f.pipeline_id', '=', 't.pipeline_id')
      .whereRef('t.position', '<', 'f.position')
      .groupBy('h.deal_id')
      .execute();
    for (const r of rows) counts.set(r.deal_id, Number(r.moves));
  }
  return counts;
}

/**
 * The open stage each of these deals was in when it last closed at or before `at` (the stage a
 * win or loss left), with its forecast category: where a deal that closed is counted.
 */
export async function stagesBeforeClosing(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  at: number,
): Promise<Map<string, { stage_id: string; forecast_category: string }>> {
  const stages = new Map<string, { stage_id: string; forecast_category: string }>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('stage_history as h')
      .innerJoin('stages as s', 's.id', 'h.from_stage_id')
      .select(['h.deal_id', 'h.from_stage_id as stage_id', 's.forecast_category'])
      .where('h.workspace_id', '=', workspaceId)
      .where('h.deal_id', 'in', ids.slice(i, i + ID_CHUNK))
      .where('h.at', '<=', at)
      .where('h.to_status', '<>', 'open')
      .where('h.from_status', '=', 'open')
      .orderBy('h.at')
      .orderBy('h.id')
      .execute();
    // Oldest first: the last row of a deal is its latest closing.
    for (const r of rows) {
      if (r.stage_id)
        stages.set(r.deal_id, { stage_id: r.stage_id, forecast_category: r.forecast_category });
    }
  }
  return stages;
}
