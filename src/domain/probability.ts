import { divideRounded } from './money.js';
import { dayOf, startOfDayMs } from './period.js';

/** How many closed deals the configured probability is worth (the Beta prior's weight). */
export const PRIOR_WEIGHT = 20;
/** The trailing window historical probabilities are learnt from, in months. */
export const DEFAULT_WINDOW_MONTHS = 12;
/** Probabilities are applied to money in basis points: 1 bp = 0.01 %. */
export const BASIS_POINTS = 10_000;

export type ProbabilityMode = 'configured' | 'historical';

/** Closed deals of a pipeline, grouped by the furthest stage position they reached and outcome. */
export interface ClosedDealGroup {
  furthestPosition: number;
  status: 'won' | 'lost';
  dealCount: number;
}

export interface ProbabilityStage {
  id: string;
  position: number;
  /** Configured probability in whole percent. */
  probability: number;
}

export interface StageProbability {
  stageId: string;
  /** Configured probability as a share in [0, 1]. */
  configured: number;
  /** Historical probability shrunk toward the configured one, rounded to basis points. */
  historical: number;
  /** The same, in basis points: what forecasts weight amounts with. */
  historicalBasisPoints: number;
  /** The raw share won, before shrinking; null when no closed deal reached the stage. */
  observed: number | null;
  /** Closed deals of the window that reached the stage (won + lost). */
  sampleSize: number;
  wonCount: number;
}

/**
 * P(S) shrunk toward the configured probability p0 with a Beta prior worth `priorWeight` deals:
 * P = (won + w·p0) / (n + w), returned in basis points (rounded half away from zero, once).
 * A small sample barely moves the configured value; a large one dominates it.
 * @example 30 closed deals reached Proposal (configured 60 %), 12 were won:
 *   (12 + 20 × 0.60) / (30 + 20) = 24 / 50 = 0.48 → 4800 bp
 * @example no closed deal reached the stage: (0 + 20 × 0.35) / 20 = 0.35 → the configured 3500 bp
 */
export function shrunkProbabilityBasisPoints(
  won: number,
  sampleSize: number,
  configuredPercent: number,
  priorWeight = PRIOR_WEIGHT,
): number {
  // (won + w·p/100) / (n + w) × 10 000 = (100·won + w·p) × 100 / (n + w), in integers.
  const numerator = BigInt(100 * won + priorWeight * configuredPercent) * 100n;
  return Number(divideRounded(numerator, BigInt(sampleSize + priorWeight)));
}

/**
 * Historical probability of every stage from the closed deals of a window. A closed deal counts
 * at stage S when it reached S: it entered S or a stage after it (skipping a stage passes it),
 * or it was won (a won deal has passed every stage).
 * @example stages lead (1, 5 %) and proposal (2, 60 %); closed: 2 won, 3 lost furthest at lead,
 *   1 lost furthest at proposal → lead: n 6, won 2, (2 + 1) / 26 = 1154 bp;
 *   proposal: n 3, won 2, (2 + 12) / 23 = 6087 bp
 */
export function historicalStageProbabilities(
  stages: readonly ProbabilityStage[],
  groups: readonly ClosedDealGroup[],
  priorWeight = PRIOR_WEIGHT,
): StageProbability[] {
  return stages.map((stage) => {
    let sampleSize = 0;
    let wonCount = 0;
    for (const group of groups) {
      const hasReached = group.status === 'won' || group.furthestPosition >= stage.position;
      if (!hasReached) continue;
      sampleSize += group.dealCount;
      if (group.status === 'won') wonCount += group.dealCount;
    }
    const basisPoints = shrunkProbabilityBasisPoints(
      wonCount,
      sampleSize,
      stage.probability,
      priorWeight,
    );
    return {
      stageId: stage.id,
      configured: stage.probability / 100,
      historical: basisPoints / BASIS_POINTS,
      historicalBasisPoints: basisPoints,
      observed: sampleSize === 0 ? null : wonCount / sampleSize,
      sampleSize,
      wonCount,
    };
  });
}

/** The calendar day `months` months before `day`, clamped to the month's length. */
function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDate = new Date(
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0),
  ).getUTCDate();
  first.setUTCDate(Math.min(date, lastDate));
  return first.toISOString().slice(0, 10);
}

/**
 * Where a trailing window of `months` months ending at `at` starts: the start of the same
 * calendar day `months` months earlier, in the workspace's time zone.
 * @example trailingWindowStart(2026-03-01 12:00 Riyadh, 12, 'Asia/Riyadh') → 2025-03-01 00:00 Riyadh
 * @example from 2024-02-29, 12 months earlier is 2023-02-28 (the month is shorter)
 */
export function trailingWindowStart(at: number, months: number, timeZone: string): number {
  return startOfDayMs(monthsBefore(dayOf(at, timeZone), months), timeZone);
}
