/**
 * The baselines of bench/metrics.bench.ts: each metric's aggregate written by hand as the plain
 * SQL a person would reach for first (window functions over the history: row_number for the
 * last closing, lag for visits, a suffix max for conversion), run straight through Kysely's `sql`
 * tag on the same database. They share no code with src/db, so agreeing with them before the
 * timing also checks Qanat's queries. The same text runs on SQLite and PostgreSQL.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/connection.js';

export interface BaselineScope {
  workspaceId: string;
  pipelineId: string;
  fromMs: number;
  endMs: number;
  cutoffMs: number;
  snapshotMs: number;
  months: { fromMs: number; toMs: number }[];
  mqlPosition: number;
  sqlPosition: number;
}

type Row = Record<string, unknown>;

const rows = async (db: Db, query: RawBuilder<Row>) => (await query.execute(db)).rows;

/** Live deals of the pipeline opened before the cut-off, joined as `d` to history `h`. */
function scoped(s: BaselineScope) {
  return sql`d.workspace_id = ${s.workspaceId} and d.pipeline_id = ${s.pipelineId}
    and d.deleted_at is null and d.opened_at < ${s.cutoffMs} and h.workspace_id = ${s.workspaceId}`;
}

/** Every closing row in the window, numbered from each deal's last one. */
function closingRows(s: BaselineScope) {
  return sql`select h.deal_id, h.to_status, h.at, h.to_stage_id, h.lost_reason_id, d.owner_id,
      d.currency, d.amount_minor, d.opened_at,
      row_number() over (partition by h.deal_id order by h.at desc, h.id desc) as rn
    from stage_history h join deals d on d.id = h.deal_id
    where ${scoped(s)} and h.to_status in ('won', 'lost') and h.at >= ${s.fromMs}
      and h.at < ${s.endMs}`;
}

export const baselines = {
  closings: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`with c as (${closingRows(s)})
        select owner_id, to_status as outcome, currency, count(*) as deal_count,
          count(amount_minor) as amount_count, coalesce(sum(amount_minor), 0) as amount_minor,
          sum(at - opened_at) as cycle_ms
        from c where rn = 1 group by owner_id, to_status, currency`,
    ),

  median: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`with c as (${closingRows(s)}),
        ranked as (select at - opened_at as cycle, to_status,
          row_number() over (order by at - opened_at) as k, count(*) over () as n,
          row_number() over (partition by to_status order by at - opened_at) as k_own,
          count(*) over (partition by to_status) as n_own
          from c where rn = 1)
        select avg(case when to_status = 'won' and k_own in ((n_own + 1) / 2, (n_own + 2) / 2)
            then cycle end) as won,
          avg(case when k in ((n + 1) / 2, (n + 2) / 2) then cycle end) as closed
        from ranked`,
    ),

  losses: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`with c as (${closingRows(s)})
        select lost_reason_id, to_stage_id as stage_id, count(*) as deal_count
        from c where rn = 1 and to_status = 'lost' group by lost_reason_id, to_stage_id`,
    ),

  visits: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`with steps as (select h.at, lag(h.at) over w as previous_at,
          lag(h.to_stage_id) over w as previous_stage, lag(h.to_status) over w as previous_status
          from stage_history h join deals d on d.id = h.deal_id
          where ${scoped(s)} and h.at < ${s.endMs}
          window w as (partition by h.deal_id order by h.at, h.id))
        select previous_stage as stage_id, count(*) as visits, avg(at - previous_at) as mean_ms
        from steps where previous_status = 'open' and at >= ${s.fromMs}
        group by previous_stage`,
    ),

  open: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`with latest as (select h.to_stage_id, h.to_status, h.at,
          row_number() over (partition by h.deal_id order by h.at desc, h.id desc) as rn
          from stage_history h join deals d on d.id = h.deal_id
          where ${scoped(s)} and h.at < ${s.cutoffMs})
        select to_stage_id as stage_id, count(*) as deal_count,
          avg(${s.snapshotMs} - at) as mean_age_ms
        from latest where rn = 1 and to_status = 'open' group by to_stage_id`,
    ),

  conversion: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`with steps as (select h.deal_id, h.to_stage_id, h.to_status, h.at, st.position,
          max(case when h.to_status = 'won' then 1000000 else st.position end) over (
            partition by h.deal_id order by h.at desc, h.id desc
            rows between unbounded preceding and current row) as later_max,
          first_value(h.to_stage_id) over latest as last_stage,
          first_value(h.to_status) over latest as last_status
          from stage_history h join deals d on d.id = h.deal_id
          join stages st on st.id = h.to_stage_id
          where ${scoped(s)} and h.at < ${s.cutoffMs}
          window latest as (partition by h.deal_id order by h.at desc, h.id desc)),
        entry as (select deal_id, to_stage_id as stage_id,
          max(case when later_max > position then 1 else 0 end) as advanced,
          max(case when last_stage = to_stage_id and last_status = 'open' then 1 else 0 end)
            as still_here
          from steps where to_status = 'open' and at >= ${s.fromMs} and at < ${s.endMs}
          group by deal_id, to_stage_id)
        select stage_id, count(*) as entered, sum(advanced) as advanced,
          sum(case when advanced = 0 then still_here else 0 end) as still_open
        from entry group by stage_id`,
    ),

  funnel: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`select max_position, count(*) as deal_count from (
          select h.deal_id, max(st.position) as max_position
          from stage_history h join deals d on d.id = h.deal_id
          join stages st on st.id = h.to_stage_id
          where ${scoped(s)} and d.opened_at >= ${s.fromMs} and d.opened_at < ${s.endMs}
            and h.at < ${s.cutoffMs}
          group by h.deal_id) furthest
        group by max_position`,
    ),

  qualified: (db: Db, s: BaselineScope) => {
    const first = s.months[0];
    const last = s.months.at(-1);
    const bucket = sql.join(
      s.months.map((m, i) => sql`when first_at < ${m.toMs} then ${i}`),
      sql` `,
    );
    return rows(
      db,
      sql`select bucket, count(*) as deal_count from (
          select case ${bucket} end as bucket from (
            select h.deal_id, min(h.at) as first_at
            from stage_history h join deals d on d.id = h.deal_id
            join stages st on st.id = h.to_stage_id
            where ${scoped(s)} and st.position >= ${s.sqlPosition} and h.at < ${s.cutoffMs}
            group by h.deal_id) reach
          where first_at >= ${first?.fromMs ?? 0} and first_at < ${last?.toMs ?? 0}) q
        group by bucket`,
    );
  },

  mqlToSql: (db: Db, s: BaselineScope) =>
    rows(
      db,
      sql`select count(*) as mqls, count(sql_at) as sqls from (
          select h.deal_id,
            min(case when st.position >= ${s.mqlPosition} then h.at end) as mql_at,
            min(case when st.position >= ${s.sqlPosition} then h.at end) as sql_at
          from stage_history h join deals d on d.id = h.deal_id
          join stages st on st.id = h.to_stage_id
          where ${scoped(s)} and h.at < ${s.cutoffMs}
          group by h.deal_id) reach
        where mql_at >= ${s.fromMs} and mql_at < ${s.endMs}`,
    ),
};

export type BaselineName = keyof typeof baselines;

/** Every baseline at once, as computeMetrics issues its queries. */
export function runAllBaselines(db: Db, s: BaselineScope) {
  return Promise.all(Object.values(baselines).map((run) => run(db, s)));
}

/** What the forecast's baselines need: the period as instants (won) and as days (expected close). */
export interface ForecastBaselineScope {
  workspaceId: string;
  pipelineId: string;
  fromMs: number;
  toMs: number;
  fromDay: string;
  toDay: string;
}

/** Live deals of the pipeline, read from their current row (the forecast "now"). */
function liveDeals(s: ForecastBaselineScope) {
  return sql`workspace_id = ${s.workspaceId} and pipeline_id = ${s.pipelineId}
    and deleted_at is null`;
}

/**
 * The forecast's sums the obvious way, from each deal's current row (status, stage, closed_at)
 * rather than from its history: right for "now", unable to answer "as of".
 */
export const forecastBaselines = {
  won: (db: Db, s: ForecastBaselineScope) =>
    rows(
      db,
      sql`select currency, count(*) as deal_count, coalesce(sum(amount_minor), 0) as amount_minor
        from deals where ${liveDeals(s)} and status = 'won'
          and closed_at >= ${s.fromMs} and closed_at < ${s.toMs}
        group by currency`,
    ),

  open: (db: Db, s: ForecastBaselineScope) =>
    rows(
      db,
      sql`select stage_id, currency, probability_override, count(*) as deal_count,
          coalesce(sum(amount_minor), 0) as amount_minor,
          sum(cast(amount_minor as double precision) * cast(amount_minor as double precision))
            as amount_squared
        from deals where ${liveDeals(s)} and status = 'open'
          and expected_close_date >= ${s.fromDay} and expected_close_date < ${s.toDay}
        group by stage_id, currency, probability_override`,
    ),

  overdue: (db: Db, s: ForecastBaselineScope) =>
    rows(
      db,
      sql`select currency, count(*) as deal_count, coalesce(sum(amount_minor), 0) as amount_minor
        from deals where ${liveDeals(s)} and status = 'open'
          and expected_close_date < ${s.fromDay}
        group by currency`,
    ),
};

/** The three forecast sums at once, as getForecast issues them. */
export function runForecastBaselines(db: Db, s: ForecastBaselineScope) {
  return Promise.all(Object.values(forecastBaselines).map((run) => run(db, s)));
}
