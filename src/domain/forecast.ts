import {
  convertMoney,
  currencyExponent,
  divideRounded,
  type Money,
  parseDecimal,
} from './money.js';
import { BASIS_POINTS } from './probability.js';
import type { ForecastCategory } from './stage.js';

/** z for a two-sided 90 % interval of a normal distribution. */
export const Z_90 = 1.645;

export const FORECAST_CATEGORIES = ['commit', 'best_case', 'pipeline'] as const;

/** "1 unit of `currency` = `rate` units of the base currency" from `day` on. */
export interface DatedRate {
  currency: string;
  day: string;
  rate: string;
}

/** Won deals of one currency won on one day (the day picks the exchange rate). */
export interface WonGroup {
  currency: string;
  day: string;
  dealCount: number;
  amountMinor: number;
}

/** Open deals closing in the period, summed per stage, currency and probability override. */
export interface OpenGroup {
  stageId: string;
  currency: string;
  probabilityOverride: number | null;
  dealCount: number;
  amountMinor: number;
  /** Σ amount² in the deal currency's minor units (a float: it only feeds the spread). */
  amountSquaredSum: number;
}

export interface OverdueGroup {
  currency: string;
  dealCount: number;
  amountMinor: number;
}

export interface ForecastStage {
  forecastCategory: ForecastCategory;
  /** The stage's probability in the workspace's mode (configured or historical), in bp. */
  probabilityBasisPoints: number;
}

export interface ForecastInput {
  baseCurrency: string;
  /** The day open deals are converted on: the evaluation day. */
  evaluationDay: string;
  rates: readonly DatedRate[];
  stages: ReadonlyMap<string, ForecastStage>;
  won: readonly WonGroup[];
  open: readonly OpenGroup[];
  overdue: readonly OverdueGroup[];
}

export interface CategoryTotals {
  count: number;
  amount: Money;
  weighted: Money;
}

export interface Forecast {
  wonSoFar: Money;
  wonCount: number;
  weightedOpen: Money;
  expected: Money;
  /** √(Σ a²·p·(1−p)), rounded to a whole minor unit. */
  standardDeviation: Money;
  range: { low: Money; high: Money };
  byCategory: Record<ForecastCategory, CategoryTotals>;
  overdue: { count: number; amount: Money };
  /** Currencies with no rate on the day needed: left out of every total. */
  unconvertedCurrencies: string[];
}

/**
 * The rate of the latest day on or before `day`; the base currency is always 1.
 * @example rates SAR 2026-01-01 0.2666 and 2026-02-01 0.27: on 2026-01-31 → '0.2666',
 *   on 2026-02-01 → '0.27', on 2025-12-31 → undefined
 */
export function rateOnDay(
  rates: readonly DatedRate[],
  currency: string,
  baseCurrency: string,
  day: string,
): string | undefined {
  if (currency === baseCurrency) return '1';
  let best: DatedRate | undefined;
  for (const rate of rates) {
    if (rate.currency !== currency || rate.day > day) continue;
    if (!best || rate.day > best.day) best = rate;
  }
  return best?.rate;
}

/** Base-currency minor units per minor unit of `currency`, as a float (for the spread only). */
function conversionFactor(currency: string, baseCurrency: string, rate: string): number {
  const { units, scale } = parseDecimal(rate);
  const shift = currencyExponent(baseCurrency) - currencyExponent(currency) - scale;
  return Number(units) * 10 ** shift;
}

/**
 * Weights a sum of minor units with a probability in basis points, rounding once, half away
 * from zero. @example weightBasisPoints(12345, 3500) === 4321 (123.45 × 35 % = 43.2075 → 43.21)
 */
export function weightBasisPoints(minor: number, basisPoints: number): number {
  return Number(divideRounded(BigInt(minor) * BigInt(basisPoints), BigInt(BASIS_POINTS)));
}

function emptyCategories(currency: string): Record<ForecastCategory, CategoryTotals> {
  const zero = () => ({
    count: 0,
    amount: { minor: 0, currency },
    weighted: { minor: 0, currency },
  });
  return { commit: zero(), best_case: zero(), pipeline: zero() };
}

/**
 * The forecast for a period: won so far + the weighted value of open deals expected to close in
 * it, by forecast category, with a 90 % range from the spread Σ a²·p·(1−p).
 *
 * Rounding rule: each group (won: currency × day; open: stage × currency × override) is converted
 * to the base currency once and weighted once, each rounded half away from zero to a whole minor
 * unit; the rounded integers are then added exactly (bigint). The spread is a float, rounded to a
 * whole minor unit once, and the low end never falls below what is already won.
 *
 * @example base USD; won 1,000.00 USD; open: 2 deals of 500.00 USD each at 60 % (Proposal,
 *   best case) → weighted 600.00; expected 1,600.00; variance 2 × 50,000² × 0.6 × 0.4 =
 *   1.2e9 cents², σ = 34,641 cents; range 1,600.00 ± 1.645 × 346.41 = 1,030.16 … 2,169.84
 */
export function computeForecast(input: ForecastInput): Forecast {
  const base = input.baseCurrency;
  const unconverted = new Set<string>();
  const toBase = (minor: number, currency: string, day: string) => {
    const rate = rateOnDay(input.rates, currency, base, day);
    if (rate === undefined) {
      unconverted.add(currency);
      return undefined;
    }
    return { minor: convertMoney({ minor, currency }, base, rate).minor, rate };
  };

  let won = 0n;
  let wonCount = 0;
  for (const group of input.won) {
    const converted = toBase(group.amountMinor, group.currency, group.day);
    if (!converted) continue;
    won += BigInt(converted.minor);
    wonCount += group.dealCount;
  }

  const byCategory = emptyCategories(base);
  const categorySums: Record<ForecastCategory, { amount: bigint; weighted: bigint }> = {
    commit: { amount: 0n, weighted: 0n },
    best_case: { amount: 0n, weighted: 0n },
    pipeline: { amount: 0n, weighted: 0n },
  };
  let weighted = 0n;
  let variance = 0;
  for (const group of input.open) {
    const stage = input.stages.get(group.stageId);
    if (!stage) throw new RangeError(`Unknown stage ${group.stageId}`);
    const category = byCategory[stage.forecastCategory];
    category.count += group.dealCount;
    const converted = toBase(group.amountMinor, group.currency, input.evaluationDay);
    if (!converted) continue;
    const basisPoints =
      group.probabilityOverride === null
        ? stage.probabilityBasisPoints
        : group.probabilityOverride * 100;
    const groupWeighted = BigInt(weightBasisPoints(converted.minor, basisPoints));
    const sums = categorySums[stage.forecastCategory];
    sums.amount += BigInt(converted.minor);
    sums.weighted += groupWeighted;
    weighted += groupWeighted;
    const p = basisPoints / BASIS_POINTS;
    const factor = conversionFactor(group.currency, base, converted.rate);
    variance += group.amountSquaredSum * factor * factor * p * (1 - p);
  }
  for (const key of FORECAST_CATEGORIES) {
    byCategory[key].amount.minor = Number(categorySums[key].amount);
    byCategory[key].weighted.minor = Number(categorySums[key].weighted);
  }

  let overdueCount = 0;
  let overdueAmount = 0n;
  for (const group of input.overdue) {
    overdueCount += group.dealCount;
    const converted = toBase(group.amountMinor, group.currency, input.evaluationDay);
    if (converted) overdueAmount += BigInt(converted.minor);
  }

  const expected = won + weighted;
  const sigma = Math.sqrt(Math.max(0, variance));
  const margin = BigInt(Math.round(Z_90 * sigma));
  const low = expected - margin < won ? won : expected - margin;
  const money = (minor: bigint): Money => ({ minor: Number(minor), currency: base });
  return {
    wonSoFar: money(won),
    wonCount,
    weightedOpen: money(weighted),
    expected: money(expected),
    standardDeviation: { minor: Math.round(sigma), currency: base },
    range: { low: money(low), high: money(expected + margin) },
    byCategory,
    overdue: { count: overdueCount, amount: money(overdueAmount) },
    unconvertedCurrencies: [...unconverted].sort(),
  };
}
