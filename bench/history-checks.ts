/**
 * What the "as of" rows of bench/metrics.bench.ts compare before timing: Qanat's answers and
 * the baselines' (bench/history-baselines.ts) brought to the same figures. The baselines' SQL
 * gives per-currency sums; the few rows are converted and weighted here with the domain's
 * money rules (the same rate of the day, the same rounding per group), so only the SQL differs.
 */
import type { BoardAggregateRow } from '../src/db/board.repository.js';
import { WON_SLOT_MS } from '../src/db/forecast.repository.js';
import { type DatedRate, rateOnDay, weightBasisPoints } from '../src/domain/forecast.js';
import { convertMoney } from '../src/domain/money.js';
import { dayOf } from '../src/domain/period.js';
import type { BacktestBaselinePeriod, BacktestPeriodScope } from './history-baselines.js';

type Rows = Record<string, unknown>[];

/** The board's groups (stage × currency × probability) summed per stage and currency. */
export function perStageAndCurrency(rows: BoardAggregateRow[]): Rows {
  const sums = new Map<
    string,
    { stage_id: string; currency: string; deal_count: number; amount_minor: number }
  >();
  for (const row of rows) {
    const key = `${row.stage_id} ${row.currency}`;
    const sum = sums.get(key) ?? {
      stage_id: row.stage_id,
      currency: row.currency,
      deal_count: 0,
      amount_minor: 0,
    };
    sum.deal_count += row.deal_count;
    sum.amount_minor += row.amount_minor;
    sums.set(key, sum);
  }
  return [...sums.values()];
}

/** The figures of one backtest period that both sides give. */
export interface BacktestFigures {
  period: string;
  wonDeals: number;
  /** Won in the period, in the base currency, each win converted on its day. */
  wonMinor: number;
  /** Open deals at the period's start expected to close in it. */
  openDeals: number;
  /** Their weighted value on the start's day: the forecast (nothing is won at the instant it starts). */
  forecastMinor: number;
}

export interface FigureContext {
  baseCurrency: string;
  timeZone: string;
  rates: DatedRate[];
  /** Each stage's configured probability, in basis points. */
  stageBasisPoints: Map<string, number>;
}

/** A backtest period's figures from the baseline's rows. */
export function backtestFiguresOf(
  scope: BacktestPeriodScope,
  rows: BacktestBaselinePeriod,
  c: FigureContext,
): BacktestFigures {
  const toBase = (minor: number, currency: string, day: string) => {
    const rate = rateOnDay(c.rates, currency, c.baseCurrency, day);
    return rate === undefined
      ? undefined
      : convertMoney({ minor, currency }, c.baseCurrency, rate).minor;
  };
  let wonDeals = 0;
  let wonMinor = 0;
  for (const row of rows.won) {
    const currency = String(row.currency);
    const day = dayOf(Number(row.slot) * WON_SLOT_MS, c.timeZone);
    const converted = toBase(Number(row.amount_minor), currency, day);
    if (converted === undefined) continue;
    wonDeals += Number(row.deal_count);
    wonMinor += converted;
  }
  const startDay = dayOf(scope.fromMs, c.timeZone);
  let openDeals = 0;
  let forecastMinor = 0;
  for (const row of rows.open) {
    openDeals += Number(row.deal_count);
    const converted = toBase(Number(row.amount_minor), String(row.currency), startDay);
    if (converted === undefined) continue;
    const override = row.probability_override;
    const basisPoints =
      override === null || override === undefined
        ? (c.stageBasisPoints.get(String(row.stage_id)) ?? 0)
        : Number(override) * 100;
    forecastMinor += weightBasisPoints(converted, basisPoints);
  }
  return { period: scope.name, wonDeals, wonMinor, openDeals, forecastMinor };
}

/** The same figures, in the same order, or an error listing both sides. */
export function assertSameBacktest(qanat: BacktestFigures[], baseline: BacktestFigures[]): void {
  const [a, b] = [qanat, baseline].map((f) => f.map((p) => JSON.stringify(p)).join('\n'));
  if (a !== b) throw new Error(`backtest: Qanat and the baseline differ\n${a}\n--\n${b}`);
}
