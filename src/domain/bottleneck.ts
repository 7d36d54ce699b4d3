const DAY_MS = 86_400_000;

/** When a stage is flagged as a bottleneck (docs/concepts.md#bottlenecks). */
export const BOTTLENECK_RULE = {
  /** Recent mean time in stage at least this many times the baseline's… */
  timeRatio: 1.5,
  /** …with at least this many completed visits in each window. */
  minVisits: 5,
  /** Recent conversion at least this many percentage points below the baseline's… */
  conversionDropPoints: 10,
  /** …with at least this many decided entries in each window. */
  minEntries: 10,
} as const;

/** Visits to a stage that ended in a window: how many, and their total duration. */
export interface VisitSample {
  visits: number;
  totalMs: number;
}

/**
 * Deals that entered a stage in a window (each counted once), and what became of them by the
 * window's end: converted (reached a later stage or won), still sitting in the stage (pending),
 * or the rest (lost, or sent back) — decided = entered − pending.
 */
export interface EntrySample {
  entered: number;
  converted: number;
  pending: number;
}

export interface BottleneckAssessment {
  time: {
    recentMeanDays: number | null;
    baselineMeanDays: number | null;
    /** recent mean ÷ baseline mean. */
    ratio: number | null;
    isFlagged: boolean;
  };
  conversion: {
    recentRate: number | null;
    baselineRate: number | null;
    /** baseline − recent, in percentage points (positive = worse now). */
    dropPoints: number | null;
    isFlagged: boolean;
  };
  isBottleneck: boolean;
}

function meanDays(sample: VisitSample): number | null {
  return sample.visits === 0 ? null : sample.totalMs / sample.visits / DAY_MS;
}

function decided(sample: EntrySample): number {
  return sample.entered - sample.pending;
}

function rate(sample: EntrySample): number | null {
  const n = decided(sample);
  return n === 0 ? null : sample.converted / n;
}

/**
 * Compares a stage's recent window with its own baseline. Flagged when
 * - time: recent mean ≥ 1.5 × baseline mean, with ≥ 5 completed visits in both; or
 * - conversion: recent rate ≤ baseline rate − 10 points, with ≥ 10 decided entries in both.
 * Both comparisons are made on integers, so a value exactly on the threshold is flagged.
 * @example visits recent 6 × 12 days, baseline 20 × 7 days → 12 / 7 = 1.71 ≥ 1.5 → flagged
 * @example entries recent 12 decided, 6 converted (50 %); baseline 40 decided, 26 converted
 *   (65 %) → drop 15 points ≥ 10 → flagged
 */
export function assessBottleneck(input: {
  recentTime: VisitSample;
  baselineTime: VisitSample;
  recentEntries: EntrySample;
  baselineEntries: EntrySample;
}): BottleneckAssessment {
  const { recentTime, baselineTime, recentEntries, baselineEntries } = input;
  const recentMean = meanDays(recentTime);
  const baselineMean = meanDays(baselineTime);
  const hasTimeSample =
    recentTime.visits >= BOTTLENECK_RULE.minVisits &&
    baselineTime.visits >= BOTTLENECK_RULE.minVisits &&
    baselineTime.totalMs > 0;
  // recent/visits_r ≥ 1.5 × baseline/visits_b  ⇔  2·recent·visits_b ≥ 3·baseline·visits_r
  const isTimeFlagged =
    hasTimeSample &&
    2n * BigInt(recentTime.totalMs) * BigInt(baselineTime.visits) >=
      3n * BigInt(baselineTime.totalMs) * BigInt(recentTime.visits);

  const recentRate = rate(recentEntries);
  const baselineRate = rate(baselineEntries);
  const nRecent = decided(recentEntries);
  const nBaseline = decided(baselineEntries);
  const hasConversionSample =
    nRecent >= BOTTLENECK_RULE.minEntries && nBaseline >= BOTTLENECK_RULE.minEntries;
  // cb/nb − cr/nr ≥ 10/100  ⇔  100·(cb·nr − cr·nb) ≥ 10·nb·nr
  const isConversionFlagged =
    hasConversionSample &&
    100 * (baselineEntries.converted * nRecent - recentEntries.converted * nBaseline) >=
      BOTTLENECK_RULE.conversionDropPoints * nBaseline * nRecent;

  return {
    time: {
      recentMeanDays: recentMean,
      baselineMeanDays: baselineMean,
      ratio:
        recentMean === null || baselineMean === null || baselineMean === 0
          ? null
          : recentMean / baselineMean,
      isFlagged: isTimeFlagged,
    },
    conversion: {
      recentRate,
      baselineRate,
      dropPoints:
        recentRate === null || baselineRate === null ? null : (baselineRate - recentRate) * 100,
      isFlagged: isConversionFlagged,
    },
    isBottleneck: isTimeFlagged || isConversionFlagged,
  };
}
