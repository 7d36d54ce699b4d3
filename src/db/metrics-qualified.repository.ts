/**
 * Qualification metrics from the stage history: when each deal first reached a stage position
 * (or went past it), per month for the Lead Velocity Rate, and MQL → SQL. Reaching a stage means
 * a row into it or into any later stage, so a deal that skipped a stage still passed it.
 */
import { sql } from 'kysely';
import type { Db } from './connection.js';
import { historyOf, type MetricsScope } from './metrics-scope.js';

/**
 * Deals that first reached `position` (or a stage past it) in [fromMs, toMs): their first such
 * row in the range, for deals with none before it. Scans the range, not the whole history.
 */
function firstReachesIn(
  db: Db,
  scope: MetricsScope,
  position: number,
  fromMs: number,
  toMs: number,
) {
  const inRange = historyOf(db, scope)
    .where('h.at', '>=', fromMs)
    .where('h.at', '<', Math.min(toMs, scope.cutoffMs))
    .where('s.position', '>=', position)
    .select((eb) => ['h.deal_id', eb.fn.min('h.at').as('first_at')])
    .groupBy('h.deal_id');
  return db
    .selectFrom(inRange.as('r'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('stage_history as e')
            .innerJoin('stages as es', 'es.id', 'e.to_stage_id')
            .select('e.id')
            .where('e.workspace_id', '=', scope.workspaceId)
            .whereRef('e.deal_id', '=', 'r.deal_id')
            .where('e.at', '<', fromMs)
            .where('es.position', '>=', position),
        ),
      ),
    )
    .select(['r.deal_id', 'r.first_at']);
}

/**
 * Qualified leads per month: deals whose first row at or past the first qualified stage falls in
 * each month. `months` are consecutive [fromMs, toMs) bounds computed in the time zone; the
 * answer has one count per month, in the same order.
 */
export async function countQualifiedByMonth(
  db: Db,
  scope: MetricsScope,
  qualifiedPosition: number,
  months: { fromMs: number; toMs: number }[],
): Promise<number[]> {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return [];
  const bucket = sql<number>`case ${sql.join(
    months.map((m, index) => sql`when reach.first_at < ${m.toMs} then ${index}`),
    sql` `,
  )} end`;
  // Grouped outside: PostgreSQL would not see a parameterised CASE in GROUP BY as the same one.
  const rows = await db
    .selectFrom(
      db
        .selectFrom(
          firstReachesIn(db, scope, qualifiedPosition, first.fromMs, last.toMs).as('reach'),
        )
        .select(bucket.as('bucket'))
        .as('qualified'),
    )
    .select((eb) => ['qualified.bucket', eb.fn.countAll<number>().as('deal_count')])
    .groupBy('qualified.bucket')
    .execute();
  const counts = months.map(() => 0);
  for (const row of rows) counts[Number(row.bucket)] = Number(row.deal_count);
  return counts;
}

/**
 * MQL → SQL: deals that first reached the MQL stage (or beyond) in the window, and how many of
 * them reached the first qualified stage (or beyond) before the cut-off.
 */
export async function countMqlToSql(
  db: Db,
  scope: MetricsScope,
  mqlPosition: number,
  sqlPosition: number,
): Promise<{ mqls: number; sqls: number }> {
  const { workspaceId, cutoffMs } = scope;
  const row = await db
    .selectFrom(firstReachesIn(db, scope, mqlPosition, scope.fromMs, scope.endMs).as('mql'))
    .select((eb) => [
      eb.fn.countAll<number>().as('mqls'),
      sql<number>`coalesce(sum(case when exists (select 1 from stage_history l
        join stages ls on ls.id = l.to_stage_id
        where l.workspace_id = ${workspaceId} and l.deal_id = mql.deal_id and l.at < ${cutoffMs}
          and ls.position >= ${sqlPosition}) then 1 else 0 end), 0)`.as('sqls'),
    ])
    .executeTakeFirst();
  return { mqls: Number(row?.mqls ?? 0), sqls: Number(row?.sqls ?? 0) };
}
