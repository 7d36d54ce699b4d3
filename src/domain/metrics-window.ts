/**
 * Which instants a metrics query looks at: the period's bounds in the workspace time zone, the
 * "as of" cut-off of the history, and the months of the Lead Velocity Rate. Pure: `now` is given.
 */
import { DomainError } from './errors.js';
import { addMonths, monthsOf, type Period, parsePeriod, startOfDayMs } from './period.js';

/** Longest period a metrics query may span (the monthly series stays small). */
export const MAX_METRICS_MONTHS = 120;

/** History is read whole when no `asOf` is given: every row is before this. */
export const NO_CUTOFF_MS = Number.MAX_SAFE_INTEGER;

export interface MetricsWindow {
  period: Period;
  /** Start of the period's first day. */
  fromMs: number;
  /** Start of the day after the period, or `asOf` when earlier: events count in [fromMs, endMs). */
  endMs: number;
  /** Only history rows before this instant exist for the query (`asOf`, else no cut-off). */
  cutoffMs: number;
  /** When open deals are counted and aged: `asOf`, else now. */
  snapshotMs: number;
  asOfMs: number | null;
  /**
   * Calendar months overlapping the period, preceded by the month before it; only those begun
   * by `snapshotMs` (a month still to come has no leads yet, and no rate).
   */
  months: { month: string; fromMs: number; toMs: number }[];
}

/**
 * The window of a metrics query over [from, to) in `timeZone`.
 * @example metricsWindow({ from: '2026-01-01', to: '2026-03-01' }, 'UTC', null, now)
 *   → endMs = 1 March 00:00Z, cutoffMs = NO_CUTOFF_MS, snapshotMs = now,
 *     months 2025-12 (the month before), 2026-01, 2026-02 (those begun by now)
 */
export function metricsWindow(
  period: Period,
  timeZone: string,
  asOfMs: number | null,
  now: number,
): MetricsWindow {
  const checked = parsePeriod(`${period.from}..${period.to}`);
  const months = monthsOf({ from: addMonths(checked.from, -1), to: checked.to }, timeZone);
  if (months.length - 1 > MAX_METRICS_MONTHS) {
    throw new DomainError('VALIDATION_FAILED', 'The period is too long', [
      { path: ['to'], message: `A period spans at most ${MAX_METRICS_MONTHS} months` },
    ]);
  }
  const fromMs = startOfDayMs(checked.from, timeZone);
  const toMs = startOfDayMs(checked.to, timeZone);
  const cutoffMs = asOfMs ?? NO_CUTOFF_MS;
  const snapshotMs = asOfMs ?? now;
  return {
    period: checked,
    fromMs,
    endMs: Math.min(toMs, cutoffMs),
    cutoffMs,
    snapshotMs,
    asOfMs,
    months: months.filter((m) => m.fromMs < snapshotMs),
  };
}
