/**
 * The baselines of the "as of" rows of bench/metrics.bench.ts: the board as of an instant and
 * the backtest's per-period figures, written by hand as the plain SQL a person would reach for
 * first. A deal's state then is its last stage-history row at or before the instant
 * (`row_number` over the history, newest first); a tracked field's value then is the
 * `from_value` of its first change after the instant (`row_number` over the field history,
 * oldest first), else today's column. They share no code with src/db, so agreeing with them
 * before the timing also checks Qanat's queries. The same text runs on SQLite and PostgreSQL.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { WON_SLOT_MS } from '../src/db/forecast.repository.js';

type Row = Record<string, unknown>;

const rows = async (db: Db, query: RawBuilder<Row>) => (await query.execute(db)).rows;

/** The tracked fields these baselines read, with their column and how the text is cast back. */
const FIELDS = {
  amount: { column: 'amount_minor', cast: 'bigint' },
  currency: { column: 'currency', cast: null },
  expectedCloseDate: { column: 'expected_close_date', cast: null },
  probability: { column: 'probability_override', cast: 'integer' },
  pipeline: { column: 'pipeline_id', cast: null },
} as const;
type Field = keyof typeof FIELDS;

/**
 * Two common table expressions: `firsts`, each deal's changes after `at` of the given fields,
 * numbered per field from the oldest; `past`, every deal of the workspace with those fields as
 * they stood at `at` (the first change's `from_value`, else today's value) and its other
 * columns as they are.
 */
function pastDeals(workspaceId: string, at: number, fields: readonly Field[]) {
  const joins = fields.map(
    (field) =>
      sql`left join firsts ${sql.raw(`x_${field}`)} on ${sql.raw(`x_${field}`)}.deal_id = d.id
        and ${sql.raw(`x_${field}`)}.field = ${field} and ${sql.raw(`x_${field}`)}.rn = 1`,
  );
  const columns = fields.map((field) => {
    const { column, cast } = FIELDS[field];
    const was = sql.raw(`x_${field}.from_value`);
    const value = cast === null ? was : sql`cast(${was} as ${sql.raw(cast)})`;
    return sql`case when ${sql.raw(`x_${field}.deal_id`)} is null then ${sql.raw(`d.${column}`)}
      else ${value} end as ${sql.raw(column)}`;
  });
  const names = fields.map((field) => sql`${field}`);
  return sql`firsts as (
      select f.deal_id, f.field, f.from_value,
        row_number() over (partition by f.deal_id, f.field order by f.at, f.id) as rn
      from deal_field_history f
      where f.workspace_id = ${workspaceId} and f.at > ${at} and f.field in (${sql.join(names)})),
    past as (
      select d.id, d.updated_at, d.deleted_at, ${sql.join(columns)}
      from deals d ${sql.join(joins, sql` `)}
      where d.workspace_id = ${workspaceId})`;
}

/** `state`: each deal's last stage-history row at or before `at` (rn = 1), its stage then. */
function stateThen(workspaceId: string, at: number) {
  return sql`state as (
      select h.deal_id, h.to_stage_id as stage_id, h.to_status as status, h.at as since,
        row_number() over (partition by h.deal_id order by h.at desc, h.id desc) as rn
      from stage_history h
      where h.workspace_id = ${workspaceId} and h.at <= ${at})`;
}

export interface BoardAsOfScope {
  workspaceId: string;
  pipelineId: string;
  asOfMs: number;
  /** Won deals stay on the board this long after their win (the board's 90 days). */
  wonSinceMs: number;
}

/** The deals the board shows as of the instant: open then, or won in the 90 days before. */
function shownThen(s: BoardAsOfScope) {
  return sql`past p join state s on s.deal_id = p.id and s.rn = 1
    where p.deleted_at is null and p.pipeline_id = ${s.pipelineId}
      and (s.status = 'open' or (s.status = 'won' and s.since >= ${s.wonSinceMs}))`;
}

export const boardAsOfBaselines = {
  /** Count and sum of amounts per stage and currency as of the instant. */
  aggregate: (db: Db, s: BoardAsOfScope) =>
    rows(
      db,
      sql`with ${pastDeals(s.workspaceId, s.asOfMs, ['amount', 'currency', 'pipeline'])},
          ${stateThen(s.workspaceId, s.asOfMs)}
        select s.stage_id, p.currency, count(*) as deal_count,
          coalesce(sum(p.amount_minor), 0) as amount_minor
        from ${shownThen(s)}
        group by s.stage_id, p.currency`,
    ),

  /** The first `perStage` cards of each column then, most recently updated first. */
  cards: (db: Db, s: BoardAsOfScope, perStage: number) =>
    rows(
      db,
      sql`with ${pastDeals(s.workspaceId, s.asOfMs, ['pipeline'])},
          ${stateThen(s.workspaceId, s.asOfMs)},
          ranked as (select p.id, s.stage_id,
            row_number() over (partition by s.stage_id order by p.updated_at desc, p.id desc) as k
            from ${shownThen(s)})
        select id, stage_id from ranked where k <= ${perStage} order by stage_id, k`,
    ),
};

/** What getBoard as of an instant reads, by hand: the sums, then the first cards. */
export async function runBoardAsOfBaseline(db: Db, s: BoardAsOfScope, perStage: number) {
  const groups = await boardAsOfBaselines.aggregate(db, s);
  const cards = await boardAsOfBaselines.cards(db, s, perStage);
  return {
    groups: groups as { stage_id: string; deal_count: number | string }[],
    cards: cards as { id: string; stage_id: string }[],
  };
}

export interface BacktestPeriodScope {
  /** e.g. 2026-Q1, as the backtest names it. */
  name: string;
  fromMs: number;
  toMs: number;
  /** The period's days, for the expected close dates: [fromDay, toDay). */
  fromDay: string;
  toDay: string;
}

export interface BacktestBaselineScope {
  workspaceId: string;
  pipelineId: string;
  baseCurrency: string;
  periods: BacktestPeriodScope[];
}

export const backtestBaselines = {
  /**
   * Deals won in the period, by their state at its last instant: per currency and quarter hour
   * of the win (base-currency deals in one group), so each group converts on its own day.
   */
  won: (db: Db, s: BacktestBaselineScope, p: BacktestPeriodScope) =>
    rows(
      db,
      sql`with ${pastDeals(s.workspaceId, p.toMs - 1, ['amount', 'currency', 'pipeline'])},
          ${stateThen(s.workspaceId, p.toMs - 1)}
        select p.currency,
          case when p.currency = ${s.baseCurrency} then 0
            else s.since / ${sql.lit(WON_SLOT_MS)} end as slot,
          count(*) as deal_count, coalesce(sum(p.amount_minor), 0) as amount_minor
        from past p join state s on s.deal_id = p.id and s.rn = 1
        where p.deleted_at is null and p.pipeline_id = ${s.pipelineId} and s.status = 'won'
          and s.since >= ${p.fromMs} and s.since < ${p.toMs}
        group by p.currency, slot`,
    ),

  /**
   * The open pipeline at the period's first instant: deals open then whose expected close date
   * then fell in the period, per stage, currency and probability override then.
   */
  open: (db: Db, s: BacktestBaselineScope, p: BacktestPeriodScope) =>
    rows(
      db,
      sql`with ${pastDeals(s.workspaceId, p.fromMs, [
        'amount',
        'currency',
        'expectedCloseDate',
        'probability',
        'pipeline',
      ])},
          ${stateThen(s.workspaceId, p.fromMs)}
        select s.stage_id, p.currency, p.probability_override, count(*) as deal_count,
          coalesce(sum(p.amount_minor), 0) as amount_minor
        from past p join state s on s.deal_id = p.id and s.rn = 1
        where p.deleted_at is null and p.pipeline_id = ${s.pipelineId} and s.status = 'open'
          and p.expected_close_date >= ${p.fromDay} and p.expected_close_date < ${p.toDay}
        group by s.stage_id, p.currency, p.probability_override`,
    ),
};

export interface BacktestBaselinePeriod {
  won: Row[];
  open: Row[];
}

/** Both figures of every period, one period after the other, as the backtest walks them. */
export async function runBacktestBaseline(
  db: Db,
  s: BacktestBaselineScope,
): Promise<BacktestBaselinePeriod[]> {
  const periods: BacktestBaselinePeriod[] = [];
  for (const period of s.periods) {
    periods.push({
      won: await backtestBaselines.won(db, s, period),
      open: await backtestBaselines.open(db, s, period),
    });
  }
  return periods;
}
