/** Repeated timing of two competing operations, interleaved so both see the same conditions. */

export interface TimingStats {
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  samples: number;
}

export interface TimingOptions {
  warmup: number;
  iterations: number;
  /** Stop timing a pair after this long, once `minIterations` rounds are in (slow cases). */
  budgetMs: number;
  minIterations: number;
}

/**
 * Median and 95th percentile (nearest rank) of a list of durations.
 * @example summarize([5, 1, 3, 2, 4]) → { medianMs: 3, p95Ms: 5, meanMs: 3, samples: 5 }
 */
export function summarize(durations: number[]): TimingStats {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return {
    medianMs: median,
    p95Ms: at(0.95) ?? Number.NaN,
    meanMs: sorted.reduce((sum, d) => sum + d, 0) / sorted.length,
    samples: sorted.length,
  };
}

/**
 * Runs `first` and `second` alternately: `warmup` untimed rounds (JIT, statement and page
 * caches), then up to `iterations` timed rounds (fewer when `budgetMs` runs out), swapping which
 * goes first every round so neither always inherits the other's warm cache or pending GC.
 */
export async function timePair(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  options: TimingOptions,
): Promise<[TimingStats, TimingStats]> {
  for (let round = 0; round < options.warmup; round += 1) {
    await first();
    await second();
  }
  const firstDurations: number[] = [];
  const secondDurations: number[] = [];
  const time = async (work: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  const deadline = performance.now() + options.budgetMs;
  for (let round = 0; round < options.iterations; round += 1) {
    if (round >= options.minIterations && performance.now() > deadline) break;
    if (round % 2 === 0) {
      await time(first, firstDurations);
      await time(second, secondDurations);
    } else {
      await time(second, secondDurations);
      await time(first, firstDurations);
    }
  }
  return [summarize(firstDurations), summarize(secondDurations)];
}

/** Times `work` alone, with the rounds and budget of timePair (for a case with no baseline). */
export async function timeOne(
  work: () => Promise<unknown>,
  options: TimingOptions,
): Promise<TimingStats> {
  const [stats] = await timePair(work, () => Promise.resolve(), options);
  return stats;
}
