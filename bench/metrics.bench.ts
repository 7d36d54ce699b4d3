/**
 * How long each metric of GET /metrics takes on a large pipeline, against hand-written SQL.
 *   node --import tsx bench/metrics.bench.ts [--deals 1000000] [--from 2026-05-01 --to 2026-11-01]
 *     [--period 2026-Q4] [--as-of 2026-08-01] [--quarters 4] [--moves 200]
 *     [--iterations 15] [--warmup 2] [--seconds 30] [--seed 1] [--now ISO]
 * Each row times one Qanat repository call (query building, execution, row mapping) against the
 * same aggregate written by hand (bench/metrics-baselines.ts), in the same process, on the same
 * database, interleaved; the computeMetrics and getForecast rows time the whole service against
 * all the baselines. Then the history rows: the board as of an instant and the backtest against
 * hand-written SQL over the stage and field histories (bench/history-baselines.ts). Before
 * timing, both sides must return the same numbers. A second table times the deal-move path with
 * and without a field-history row (bench/deal-move-cost.ts). DATABASE_URL=postgres://… runs it
 * on PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { aggregateBoardAsOf } from '../src/db/board.repository.js';
import * as forecastSums from '../src/db/forecast.repository.js';
import * as closings from '../src/db/metrics.repository.js';
import * as qualified from '../src/db/metrics-qualified.repository.js';
import type { MetricsScope } from '../src/db/metrics-scope.js';
import * as stages from '../src/db/metrics-stage.repository.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import { findWorkspace } from '../src/db/workspace.repository.js';
import { mqlStageOf } from '../src/domain/metrics.js';
import { metricsWindow } from '../src/domain/metrics-window.js';
import { parseAsOf } from '../src/domain/as-of.js';
import { backtestPeriods } from '../src/domain/backtest.js';
import { nameOfPeriod } from '../src/domain/period-name.js';
import { addMonths, dayOf, parsePeriod, periodBoundsMs } from '../src/domain/period.js';
import { orderStages } from '../src/domain/stage.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { getBacktest } from '../src/services/analytics/backtest.service.js';
import { getForecast } from '../src/services/analytics/forecast.service.js';
import { computeMetrics } from '../src/services/analytics/metrics.service.js';
import { getBoard } from '../src/services/pipeline/board.service.js';
import { assertSameBoard } from './bench-checks.js';
import {
  BENCH_NOW,
  BENCH_SEED,
  datasetFile,
  openBenchDataset,
  parseCount,
} from './bench-dataset.js';
import { measureMoveCost } from './deal-move-cost.js';
import {
  type BacktestBaselineScope,
  type BoardAsOfScope,
  boardAsOfBaselines,
  runBacktestBaseline,
  runBoardAsOfBaseline,
} from './history-baselines.js';
import { assertSameBacktest, backtestFiguresOf, perStageAndCurrency } from './history-checks.js';
import {
  type BaselineScope,
  baselines,
  type ForecastBaselineScope,
  forecastBaselines,
  runAllBaselines,
  runForecastBaselines,
} from './metrics-baselines.js';
import { printTable } from './bench-table.js';
import { type TimingStats, timePair } from './timing.js';

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: String(BENCH_SEED) },
    now: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    period: { type: 'string' },
    'as-of': { type: 'string' },
    quarters: { type: 'string', default: '4' },
    moves: { type: 'string', default: '200' },
    iterations: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '30' },
  },
});
const now = values.now ? Date.parse(values.now) : BENCH_NOW;
const timing = {
  iterations: parseCount(values.iterations, '--iterations'),
  warmup: parseCount(values.warmup, '--warmup'),
  budgetMs: parseCount(values.seconds, '--seconds') * 1000,
  minIterations: 5,
};

const deals = parseCount(values.deals, '--deals');
const dataset = await openBenchDataset({
  deals,
  seed: parseCount(values.seed, '--seed'),
  now,
});
const { db, workspaceId } = dataset;
const workspace = await findWorkspace(db, workspaceId);
const pipeline = await findDefaultPipeline(db, workspaceId);
if (!workspace || !pipeline) throw new Error('The bench workspace has no pipeline');
const timeZone = workspace.time_zone;
// By default the six full months before the dataset's "now".
const to = values.to ?? `${dayOf(now, timeZone).slice(0, 7)}-01`;
const from = values.from ?? addMonths(to, -6);
const window = metricsWindow({ from, to }, timeZone, null, now);
const ordered = orderStages(await listStages(db, workspaceId, pipeline.id));
const { mql, sql: sqlStage } = mqlStageOf(ordered);
if (!mql || !sqlStage) throw new Error('The bench pipeline has no qualification stages');
const scope: MetricsScope = {
  workspaceId,
  pipelineId: pipeline.id,
  fromMs: window.fromMs,
  endMs: window.endMs,
  cutoffMs: window.cutoffMs,
};
const baselineScope: BaselineScope = {
  ...scope,
  snapshotMs: window.snapshotMs,
  months: window.months,
  mqlPosition: mql.position,
  sqlPosition: sqlStage.position,
};
const admin = await db
  .selectFrom('memberships')
  .select('user_id')
  .where('workspace_id', '=', workspaceId)
  .where('role', '=', 'admin')
  .executeTakeFirstOrThrow();
const ctx: ServiceContext = {
  db,
  now,
  actor: { workspaceId, userId: admin.user_id, role: 'admin' },
};

// The forecast of the quarter holding the dataset's "now" unless --period says otherwise.
const forecastPeriodName =
  values.period ??
  `${dayOf(now, timeZone).slice(0, 4)}-Q${Math.floor((Number(dayOf(now, timeZone).slice(5, 7)) - 1) / 3) + 1}`;
const period = parsePeriod(forecastPeriodName);
const dealScope = { workspaceId, pipelineId: pipeline.id };
const forecastScope: ForecastBaselineScope = {
  workspaceId,
  pipelineId: pipeline.id,
  ...periodBoundsMs(period, timeZone),
  fromDay: period.from,
  toDay: period.to,
};

// The board as of an instant: by default the first day of the month three months before the
// metrics window's end, that is a quarter before the dataset's "now".
const asOfText = values['as-of'] ?? addMonths(to, -3);
const asOfMs = parseAsOf(asOfText, timeZone, now);
if (asOfMs === undefined) throw new Error('--as-of names no instant');
const CARDS_PER_STAGE = 25;
const boardScope: BoardAsOfScope = {
  workspaceId,
  pipelineId: pipeline.id,
  asOfMs,
  // The board shows deals won in the 90 days before the instant it describes.
  wonSinceMs: asOfMs - 90 * 86_400_000,
};

// The backtest: the last --quarters whole quarters before the one holding "now".
const quarterCount = parseCount(values.quarters, '--quarters');
const thisQuarter = parsePeriod(
  `${dayOf(now, timeZone).slice(0, 4)}-Q${Math.floor((Number(dayOf(now, timeZone).slice(5, 7)) - 1) / 3) + 1}`,
);
const backtestFrom = addMonths(thisQuarter.from, -3 * quarterCount);
const backtestQuery = {
  pipelineId: pipeline.id,
  from: nameOfPeriod({ from: backtestFrom, to: addMonths(backtestFrom, 3) }),
  to: nameOfPeriod(thisQuarter),
  grain: 'quarter' as const,
};
const backtestScope: BacktestBaselineScope = {
  workspaceId,
  pipelineId: pipeline.id,
  baseCurrency: workspace.base_currency,
  periods: backtestPeriods(backtestFrom, thisQuarter.from, 'quarter')
    .map((p) => ({
      name: nameOfPeriod(p),
      ...periodBoundsMs(p, timeZone),
      fromDay: p.from,
      toDay: p.to,
    }))
    .filter((p) => p.toMs <= now),
};
const figureContext = {
  baseCurrency: workspace.base_currency,
  timeZone,
  rates: await db
    .selectFrom('exchange_rates')
    .select(['currency', 'day', 'rate'])
    .where('workspace_id', '=', workspaceId)
    .execute(),
  stageBasisPoints: new Map(
    (
      await db
        .selectFrom('stages')
        .select(['id', 'probability'])
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((st) => [st.id, st.probability * 100]),
  ),
};

type Rows = Record<string, unknown>[];
/** Rows as sorted canonical text: numbers (or numeric text) rounded to 0.01, keys sorted. */
function canonical(rows: Rows): string[] {
  return rows
    .map((row) =>
      JSON.stringify(
        Object.keys(row)
          .sort()
          .map((key) => {
            const value = row[key];
            const isNumeric =
              typeof value === 'number' ||
              (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
            return [key, isNumeric ? Math.round(Number(value) * 100) / 100 : value];
          }),
      ),
    )
    .sort();
}

/** Won sums by currency: Qanat groups them finer (per quarter-hour) to convert each on its day. */
function wonByCurrency(rows: forecastSums.WonSumRow[]): Rows {
  const byCurrency = new Map<string, { deal_count: number; amount_minor: number }>();
  for (const row of rows) {
    const sum = byCurrency.get(row.currency) ?? { deal_count: 0, amount_minor: 0 };
    sum.deal_count += row.deal_count;
    sum.amount_minor += row.amount_minor;
    byCurrency.set(row.currency, sum);
  }
  return [...byCurrency].map(([currency, sum]) => ({ currency, ...sum }));
}
/** Σ amount² is a float summed in different orders on each side: not compared. */
const withoutSquares = ({ amount_squared: _squares, ...row }: Record<string, unknown>) => row;

const asRows = (value: unknown): Rows => (Array.isArray(value) ? value : [value]) as Rows;
const qualifiedRows = (counts: number[]): Rows =>
  counts.flatMap((n, bucket) => (n === 0 ? [] : [{ bucket, deal_count: n }]));

interface Case {
  name: string;
  qanat: () => Promise<unknown>;
  baseline: () => Promise<unknown>;
  /** Both sides' answers in comparable form; undefined skips the check. */
  compare?: () => Promise<[Rows, Rows]>;
  /** A check of its own that throws when the two sides differ. */
  check?: () => Promise<void>;
}

function metricCase(
  name: string,
  qanat: () => Promise<unknown>,
  baseline: () => Promise<Rows>,
  toRows: (value: never) => Rows = asRows,
): Case {
  return {
    name,
    qanat,
    baseline,
    compare: async () => [toRows((await qanat()) as never), await baseline()],
  };
}

const cases: Case[] = [
  metricCase(
    'closings: win rate, won amount, cycle mean, leaderboard',
    () => closings.summarizeClosings(db, scope),
    () => baselines.closings(db, baselineScope),
  ),
  metricCase(
    'sales cycle median (won; won + lost)',
    () => closings.medianCycleMs(db, scope),
    () => baselines.median(db, baselineScope),
  ),
  metricCase(
    'lost by reason and stage',
    () => closings.countLosses(db, scope),
    () => baselines.losses(db, baselineScope),
  ),
  metricCase(
    'time in stage (completed visits)',
    () => stages.summarizeStageVisits(db, scope),
    () => baselines.visits(db, baselineScope),
  ),
  metricCase(
    'open deals and age in stage',
    () => stages.summarizeOpenDeals(db, scope, window.snapshotMs),
    () => baselines.open(db, baselineScope),
  ),
  metricCase(
    'stage conversion (cohort)',
    () => stages.summarizeConversion(db, scope),
    () => baselines.conversion(db, baselineScope),
  ),
  metricCase(
    'funnel',
    () => stages.countFurthestPositions(db, scope),
    () => baselines.funnel(db, baselineScope),
  ),
  metricCase(
    'qualified leads per month (LVR)',
    () => qualified.countQualifiedByMonth(db, scope, sqlStage.position, window.months),
    () => baselines.qualified(db, baselineScope),
    qualifiedRows,
  ),
  metricCase(
    'MQL → SQL',
    () => qualified.countMqlToSql(db, scope, mql.position, sqlStage.position),
    () => baselines.mqlToSql(db, baselineScope),
  ),
  {
    name: 'computeMetrics (all the metrics above)',
    qanat: () => computeMetrics(ctx, { from, to }),
    baseline: () => runAllBaselines(db, baselineScope),
  },
  metricCase(
    'forecast: won in the period',
    async () =>
      wonByCurrency(
        await forecastSums.sumWonBetween(db, dealScope, forecastScope, workspace.base_currency),
      ),
    () => forecastBaselines.won(db, forecastScope),
  ),
  metricCase(
    'forecast: open deals closing in the period',
    async () =>
      (
        await forecastSums.sumOpenClosingBetween(db, dealScope, {
          fromDay: period.from,
          toDay: period.to,
        })
      ).map(({ amount_squared: _squares, ...row }) => row),
    async () => (await forecastBaselines.open(db, forecastScope)).map(withoutSquares),
  ),
  metricCase(
    'forecast: overdue open deals',
    () => forecastSums.sumOpenOverdue(db, dealScope, period.from),
    () => forecastBaselines.overdue(db, forecastScope),
  ),
  {
    name: `getForecast ${forecastPeriodName} (all three, probabilities, conversion)`,
    qanat: () => getForecast(ctx, { period: forecastPeriodName }),
    baseline: () => runForecastBaselines(db, forecastScope),
  },
  metricCase(
    `board as of ${asOfText}: sums per stage (aggregateBoardAsOf)`,
    () =>
      aggregateBoardAsOf(
        db,
        { workspaceId, pipelineId: pipeline.id },
        asOfMs,
        boardScope.wonSinceMs,
      ),
    () => boardAsOfBaselines.aggregate(db, boardScope),
    perStageAndCurrency,
  ),
  {
    name: `getBoard as of ${asOfText} (sums, ${CARDS_PER_STAGE} cards per stage, conversion)`,
    qanat: () => getBoard(ctx, { asOf: asOfText, cardsPerStage: CARDS_PER_STAGE }),
    baseline: () => runBoardAsOfBaseline(db, boardScope, CARDS_PER_STAGE),
    check: async () =>
      assertSameBoard(
        await getBoard(ctx, { asOf: asOfText, cardsPerStage: CARDS_PER_STAGE }),
        await runBoardAsOfBaseline(db, boardScope, CARDS_PER_STAGE),
      ),
  },
  {
    name:
      `getBacktest ${backtestQuery.from} to ${backtestQuery.to} by quarter ` +
      `(${backtestScope.periods.length} periods)`,
    qanat: () => getBacktest(ctx, backtestQuery),
    baseline: () => runBacktestBaseline(db, backtestScope),
    check: async () => {
      const view = await getBacktest(ctx, backtestQuery);
      const baselineRows = await runBacktestBaseline(db, backtestScope);
      assertSameBacktest(
        view.periods.map((p) => ({
          period: p.period.name,
          wonDeals: p.wonDeals,
          wonMinor: p.actual.minor,
          openDeals: p.openDeals,
          forecastMinor: p.forecast.minor,
        })),
        backtestScope.periods.map((p, i) =>
          backtestFiguresOf(p, baselineRows[i] ?? { won: [], open: [] }, figureContext),
        ),
      );
    },
  },
];

const results: { name: string; qanat: TimingStats; baseline: TimingStats }[] = [];
for (const benchCase of cases) {
  await benchCase.check?.();
  if (benchCase.compare) {
    const [ours, theirs] = await benchCase.compare();
    const [a, b] = [canonical(ours), canonical(theirs)];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new Error(
        `${benchCase.name}: Qanat and the baseline differ\n${a.join('\n')}\n--\n${b.join('\n')}`,
      );
    }
  }
  const [qanat, baseline] = await timePair(benchCase.qanat, benchCase.baseline, timing);
  results.push({ name: benchCase.name, qanat, baseline });
  console.error(
    `${benchCase.name}: ${qanat.medianMs.toFixed(1)} ms / ${baseline.medianMs.toFixed(1)} ms`,
  );
}

// The deal-move path, on a scratch copy of the data (bench/deal-move-cost.ts).
const moveCost = await measureMoveCost(
  db,
  process.env.DATABASE_URL ? null : datasetFile(deals),
  { now, actor: ctx.actor },
  { moves: parseCount(values.moves, '--moves'), warmup: 10 },
);
console.error(
  `deal moves: ${moveCost.withHistory.stats.medianMs.toFixed(1)} ms / ` +
    `${moveCost.withoutHistory.stats.medianMs.toFixed(1)} ms`,
);

const count = async (table: 'deals' | 'stage_history' | 'deal_field_history') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const statistics = dataset.label.startsWith('sqlite')
  ? (await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db)).rows.length > 0
    ? 'present'
    : 'none'
  : 'managed by PostgreSQL (autovacuum)';
console.log(`\nDatabase: ${dataset.label}`);
console.log(
  `Dataset: ${(await count('deals')).toLocaleString('en')} deals, ` +
    `${(await count('stage_history')).toLocaleString('en')} history rows, ` +
    `${(await count('deal_field_history')).toLocaleString('en')} field-history rows ` +
    `(${dataset.generatedMs === null ? 'reused' : `generated in ${(dataset.generatedMs / 1000).toFixed(1)} s`})`,
);
console.log(
  `Period: ${from} to ${to} (${timeZone}), history read whole; forecast period ` +
    `${forecastPeriodName}; planner statistics: ${statistics}`,
);
console.log(
  `As of: ${asOfText} (${new Date(asOfMs).toISOString()}); backtest ${backtestQuery.from} to ` +
    `${backtestQuery.to} (excluded) by quarter, configured probabilities`,
);
console.log(
  `Node ${process.version}; ${timing.warmup} warm-up rounds, then up to ${timing.iterations} timed ` +
    `rounds or ${timing.budgetMs / 1000} s per case (at least ${timing.minIterations}), interleaved\n`,
);
printResults(results);
console.log(
  `\nDeal moves on ${moveCost.where}: ${moveCost.warmup} warm-up operations per side, then ` +
    `${moveCost.withHistory.stats.samples}, alternating\n`,
);
printMoveCost();
await db.destroy();

function printMoveCost(): void {
  const { withHistory: w, withoutHistory: wo } = moveCost;
  printTable(
    [
      'deal-move path (updateDeal, then moveDealToStage)',
      'with history ms',
      'without ms',
      'ratio',
      'with p95',
      'without p95',
      'field-history rows',
      'operations',
    ],
    [
      [
        'update + move a stage on; with: amount −10%, without: amount sent back unchanged',
        w.stats.medianMs.toFixed(2),
        wo.stats.medianMs.toFixed(2),
        `${(w.stats.medianMs / wo.stats.medianMs).toFixed(2)}×`,
        w.stats.p95Ms.toFixed(2),
        wo.stats.p95Ms.toFixed(2),
        `${w.fieldHistoryRows} / ${wo.fieldHistoryRows}`,
        String(w.stats.samples),
      ],
    ],
  );
}

function printResults(rows: typeof results): void {
  const header = [
    'metric',
    'Qanat ms',
    'baseline ms',
    'ratio',
    'Qanat p95',
    'baseline p95',
    'rounds',
  ];
  const body = rows.map((r) => [
    r.name,
    r.qanat.medianMs.toFixed(1),
    r.baseline.medianMs.toFixed(1),
    `${(r.qanat.medianMs / r.baseline.medianMs).toFixed(2)}×`,
    r.qanat.p95Ms.toFixed(1),
    r.baseline.p95Ms.toFixed(1),
    String(r.qanat.samples),
  ]);
  printTable(header, body);
}
