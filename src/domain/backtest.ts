import { DomainError } from './errors.js';
import { addMonths, type Period } from './period.js';

export type BacktestGrain = 'month' | 'quarter';

/** More periods than this in one backtest is refused: each one replays the pipeline. */
export const MAX_BACKTEST_PERIODS = 60;

/**
 * The months or calendar quarters from the one containing `from` up to (not including) the one
 * starting on or after `to`: the half-open range [from, to).
 * @example backtestPeriods('2025-01-01', '2026-01-01', 'month') → 12 months, 2025-01 … 2025-12
 * @example backtestPeriods('2025-02-01', '2025-07-01', 'quarter') → 2025-Q1, 2025-Q2
 */
export function backtestPeriods(from: string, to: string, grain: BacktestGrain): Period[] {
  const months = grain === 'month' ? 1 : 3;
  const month = Number(from.slice(5, 7));
  const alignedMonth = grain === 'month' ? month : month - ((month - 1) % 3);
  let start = `${from.slice(0, 4)}-${String(alignedMonth).padStart(2, '0')}-01`;
  const periods: Period[] = [];
  while (start < to) {
    const end = addMonths(start, months);
    periods.push({ from: start, to: end });
    if (periods.length > MAX_BACKTEST_PERIODS) {
      throw new DomainError('VALIDATION_FAILED', 'Too many periods in one backtest', [
        { path: ['to'], message: `At most ${MAX_BACKTEST_PERIODS} ${grain}s at a time` },
      ]);
    }
    start = end;
  }
  return periods;
}

/**
 * Accuracy of one period's forecast: max(0, 1 − |actual − forecast| / actual); null when nothing
 * was won (any error would be infinitely large relative to zero).
 * @example actual 100.00, forecast 80.00 → 0.8; forecast 250.00 → 0 (never negative)
 */
export function forecastAccuracy(actualMinor: number, forecastMinor: number): number | null {
  if (actualMinor === 0) return null;
  return Math.max(0, 1 - Math.abs(actualMinor - forecastMinor) / actualMinor);
}

export interface BacktestSummary {
  /** Mean of the periods' accuracies (periods with nothing won are left out). */
  meanAccuracy: number | null;
  /** Σ|actual − forecast| / Σ actual over every period (weighted absolute percentage error). */
  weightedError: number | null;
  /** max(0, 1 − weightedError): large periods weigh more than small ones. */
  weightedAccuracy: number | null;
  periodsScored: number;
}

/**
 * @example periods (actual, forecast) = (100, 80), (300, 330), (0, 50):
 *   accuracies 0.8, 0.9, null → mean 0.85;
 *   Σ|err| = 20 + 30 + 50 = 100, Σ actual = 400 → weighted error 0.25, weighted accuracy 0.75
 */
export function summarizeBacktest(
  rows: readonly { actualMinor: number; forecastMinor: number }[],
): BacktestSummary {
  let accuracySum = 0;
  let scored = 0;
  let errorSum = 0;
  let actualSum = 0;
  for (const row of rows) {
    const accuracy = forecastAccuracy(row.actualMinor, row.forecastMinor);
    if (accuracy !== null) {
      accuracySum += accuracy;
      scored += 1;
    }
    errorSum += Math.abs(row.actualMinor - row.forecastMinor);
    actualSum += row.actualMinor;
  }
  const weightedError = actualSum === 0 ? null : errorSum / actualSum;
  return {
    meanAccuracy: scored === 0 ? null : accuracySum / scored,
    weightedError,
    weightedAccuracy: weightedError === null ? null : Math.max(0, 1 - weightedError),
    periodsScored: scored,
  };
}
