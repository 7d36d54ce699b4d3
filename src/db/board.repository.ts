import { sql } from 'kysely';
import { dealStatesAsOf, dealsAsOf } from './as-of.repository.js';
import type { Db } from './connection.js';
import { applyDealFilter, type DealFilter } from './deal.repository.js';
import { afterCursor } from './keyset.js';

export interface BoardAggregateRow {
  stage_id: string;
  currency: string;
  probability: number;
  deal_count: number;
  amount_minor: number;
}

/**
 * Count and sum per stage, currency and effective probability. The board shows open deals,
 * plus deals won since `wonSince` (they sit in the won stage for post-sale follow-up); lost
 * deals leave it. The two populations are summed by two queries with an equality on `status`,
 * each answered from the covering `deals_board` index alone, whatever the planner statistics.
 * Sums are exact integers; conversion and weighting happen afterwards on these few rows.
 */
export async function aggregateBoard(
  db: Db,
  filter: DealFilter & { pipelineId: string },
  wonSince: number,
): Promise<BoardAggregateRow[]> {
  const probability = sql<number>`coalesce(deals.probability_override, stages.probability)`;
  const sumOf = (status: 'open' | 'won') => {
    const query = applyDealFilter(
      db.selectFrom('deals').innerJoin('stages', 'stages.id', 'deals.stage_id'),
      { ...filter, status },
    );
    return (status === 'won' ? query.where('deals.closed_at', '>=', wonSince) : query)
      .select([
        'deals.stage_id',
        'deals.currency',
        probability.as('probability'),
        (eb) => eb.fn.countAll<number>().as('deal_count'),
        sql<number>`coalesce(sum(deals.amount_minor), 0)`.as('amount_minor'),
      ])
      .groupBy(['deals.stage_id', 'deals.currency', probability])
      .execute();
  };
  const [open, won] = await Promise.all([sumOf('open'), sumOf('won')]);
  return [...open, ...won].map((r) => ({
    ...r,
    probability: Number(r.probability),
    deal_count: Number(r.deal_count),
    amount_minor: Number(r.amount_minor),
  }));
}

/** Where a column's page starts: after this card in board order (updated_at desc, id desc). */
export type ColumnCursor = [updatedAt: number, id: string];

/**
 * One page of a column's cards, most recently updated first: `limit` cards after `after` (or
 * from the top). A top-N query walking the `deals_stage_recent` index (workspace, stage, status,
 * updated_at, id) from the cursor on, so page 200 costs what page 1 does.
 */
export async function listColumnCards(
  db: Db,
  filter: DealFilter & { pipelineId: string },
  stage: { id: string; kind: string },
  wonSince: number,
  limit: number,
  after?: ColumnCursor,
) {
  const query = applyDealFilter(db.selectFrom('deals'), { ...filter, stageId: stage.id });
  const shown =
    stage.kind === 'won'
      ? query.where('deals.status', '=', 'won').where('deals.closed_at', '>=', wonSince)
      : query.where('deals.status', '=', 'open');
  // The redundant `updated_at <= …` bound lets both databases start the index range scan at the
  // cursor instead of filtering the column from its top.
  const rows = await (after
    ? shown
        .where('deals.updated_at', '<=', after[0])
        .where((eb) =>
          afterCursor(eb, eb.ref('deals.updated_at'), eb.ref('deals.id'), 'desc', after),
        )
    : shown
  )
    .leftJoin('companies', 'companies.id', 'deals.company_id')
    .leftJoin('users', 'users.id', 'deals.owner_id')
    .select([
      'deals.id',
      'deals.stage_id',
      'deals.title',
      'deals.company_id',
      'deals.owner_id',
      'deals.amount_minor',
      'deals.currency',
      'deals.status',
      'deals.expected_close_date',
      'deals.stage_entered_at',
      'deals.last_activity_at',
      'deals.updated_at',
      'deals.version',
      'companies.name as company_name',
      'users.name as owner_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('activities as a')
        .select((e) => e.fn.min('a.due_at').as('d'))
        .whereRef('a.deal_id', '=', 'deals.id')
        .where('a.workspace_id', '=', filter.workspaceId)
        .where('a.done_at', 'is', null)
        .as('next_due_at'),
      eb
        .selectFrom('activities as a')
        .select('a.subject')
        .whereRef('a.deal_id', '=', 'deals.id')
        .where('a.workspace_id', '=', filter.workspaceId)
        .where('a.done_at', 'is', null)
        .where('a.due_at', 'is not', null)
        .orderBy('a.due_at')
        .orderBy('a.id')
        .limit(1)
        .as('next_step'),
    ])
    .orderBy('deals.updated_at', 'desc')
    .orderBy('deals.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((c) => ({
    ...c,
    next_due_at: c.next_due_at === null ? null : Number(c.next_due_at),
  }));
}

/**
 * The first `perStage` cards of every column: the first page of each, one small top-N query per
 * stage instead of ranking every deal of the pipeline, so the cost follows the cards shown.
 */
export async function firstCardsPerStage(
  db: Db,
  filter: DealFilter & { pipelineId: string },
  stages: { id: string; kind: string }[],
  wonSince: number,
  perStage: number,
) {
  if (perStage === 0) return [];
  const columns = await Promise.all(
    stages.map((stage) => listColumnCards(db, filter, stage, wonSince, perStage)),
  );
  return columns.flat();
}

/**
 * The board's sums as of instant `asOf`: the same groups as `aggregateBoard`, with each deal in
 * the stage and status it had then (from the stage history) and its amount, currency, owner,
 * pipeline and probability override as they stood then (from the field history).
 */
export async function aggregateBoardAsOf(
  db: Db,
  filter: DealFilter & { pipelineId: string },
  asOf: number,
  wonSince: number,
): Promise<BoardAggregateRow[]> {
  const probability = sql<number>`coalesce(deals.probability_override, stages.probability)`;
  const rows = await applyDealFilter(
    db
      .selectFrom(dealsAsOf(db, filter.workspaceId, asOf))
      .innerJoin(dealStatesAsOf(db, filter.workspaceId, asOf), (join) =>
        join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1),
      )
      .innerJoin('stages', 'stages.id', 's.stage_id'),
    filter,
  )
    .where((eb) =>
      eb.or([
        eb('s.status', '=', 'open'),
        eb.and([eb('s.status', '=', 'won'), eb('s.since', '>=', wonSince)]),
      ]),
    )
    .select([
      's.stage_id',
      'deals.currency',
      probability.as('probability'),
      (eb) => eb.fn.countAll<number>().as('deal_count'),
      sql<number>`coalesce(sum(deals.amount_minor), 0)`.as('amount_minor'),
    ])
    .groupBy(['s.stage_id', 'deals.currency', probability])
    .execute();
  return rows.map((r) => ({
    ...r,
    probability: Number(r.probability),
    deal_count: Number(r.deal_count),
    amount_minor: Number(r.amount_minor),
  }));
}

/**
 * The first `perStage` cards of every column as of `asOf`, most recently updated first, in one
 * query ranking the deals per stage they were in then.
 */
export async function firstCardsAsOf(
  db: Db,
  filter: DealFilter & { pipelineId: string },
  asOf: number,
  wonSince: number,
  perStage: number,
) {
  if (perStage === 0) return [];
  const ranked = applyDealFilter(
    db
      .selectFrom(dealsAsOf(db, filter.workspaceId, asOf))
      .innerJoin(dealStatesAsOf(db, filter.workspaceId, asOf), (join) =>
        join.onRef('s.deal_id', '=', 'deals.id').on('s.recency', '=', 1),
      )
      .leftJoin('companies', 'companies.id', 'deals.company_id')
      .leftJoin('users', 'users.id', 'deals.owner_id'),
    filter,
  )
    .where((eb) =>
      eb.or([
        eb('s.status', '=', 'open'),
        eb.and([eb('s.status', '=', 'won'), eb('s.since', '>=', wonSince)]),
      ]),
    )
    .select([
      'deals.id',
      's.stage_id',
      's.status',
      's.since as stage_entered_at',
      'deals.title',
      'deals.company_id',
      'deals.owner_id',
      'deals.amount_minor',
      'deals.currency',
      'deals.expected_close_date',
      'deals.updated_at',
      'deals.version',
      'companies.name as company_name',
      'users.name as owner_name',
      sql<number>`row_number() over (partition by s.stage_id
        order by deals.updated_at desc, deals.id desc)`.as('rank'),
    ]);
  const rows = await db
    .selectFrom(ranked.as('c'))
    .selectAll()
    .where('c.rank', '<=', perStage)
    .orderBy('c.stage_id')
    .orderBy('c.rank')
    .execute();
  return rows.map((r) => ({ ...r, stage_entered_at: Number(r.stage_entered_at) }));
}
