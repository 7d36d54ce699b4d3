/**
 * The arithmetic of the metrics (docs/concepts.md, docs/metrics.md). The database counts and
 * sums; these functions turn those few numbers into rates, averages and series. Pure: no I/O.
 */
import { convertMoney, divideRounded, type Money } from './money.js';

export const DAY_MS = 86_400_000;

/**
 * A share, or null when there is nothing to share out (never a division by zero).
 * @example shareOf(3, 4) === 0.75; shareOf(0, 0) === null
 */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Win rate = won / (won + lost), over the deals closed in the period.
 * @example winRate(3, 1) === 0.75; winRate(0, 0) === null (nothing closed)
 */
export function winRate(won: number, lost: number): number | null {
  return shareOf(won, won + lost);
}

/**
 * Mean of values given as their sum and count, or null when there are none.
 * @example meanOf(10, 4) === 2.5; meanOf(0, 0) === null
 */
export function meanOf(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

/**
 * Milliseconds as days, fractional: 36 hours is 1.5 days.
 * @example msToDays(129_600_000) === 1.5
 */
export function msToDays(ms: number): number {
  return ms / DAY_MS;
}

/**
 * Lead Velocity Rate in percent: (this month − last month) / last month × 100; null when last
 * month had none (growth from zero has no rate).
 * @example leadVelocityRate(12, 10) === 20; leadVelocityRate(5, 10) === -50; leadVelocityRate(3, 0) === null
 */
export function leadVelocityRate(current: number, previous: number): number | null {
  return previous === 0 ? null : ((current - previous) / previous) * 100;
}

export interface MonthCount {
  month: string;
  qualified: number;
}

/**
 * The LVR series of consecutive months. The first entry is the month *before* the period: it only
 * gives the first month its "last month", and is not part of the result.
 * @example leadVelocitySeries([{ month: '2025-12', qualified: 4 }, { month: '2026-01', qualified: 0 },
 *   { month: '2026-02', qualified: 3 }])
 *   → [{ month: '2026-01', qualified: 0, rate: -100 }, { month: '2026-02', qualified: 3, rate: null }]
 */
export function leadVelocitySeries(months: MonthCount[]) {
  return months.slice(1).map((month, index) => ({
    month: month.month,
    qualified: month.qualified,
    rate: leadVelocityRate(month.qualified, months[index]?.qualified ?? 0),
  }));
}

/**
 * Sales velocity in minor units per day = open deals × average won deal size × win rate / mean
 * sales cycle in days, rounded once to a whole minor unit. Null when one factor is unknown, or
 * the cycle is zero days long.
 * @example salesVelocityPerDay({ openDeals: 20, averageWonMinor: 500_000, winRate: 0.25,
 *   meanCycleDays: 50 }) === 50_000 (20 × 5,000.00 × 25% / 50 days = 500.00 a day)
 */
export function salesVelocityPerDay(input: {
  openDeals: number;
  averageWonMinor: number | null;
  winRate: number | null;
  meanCycleDays: number | null;
}): number | null {
  const { openDeals, averageWonMinor, winRate: rate, meanCycleDays } = input;
  if (averageWonMinor === null || rate === null || meanCycleDays === null) return null;
  if (meanCycleDays <= 0) return null;
  return Math.round((openDeals * averageWonMinor * rate) / meanCycleDays);
}

export interface CurrencySum {
  currency: string;
  /** Deals whose amounts are in the sum (deals without an amount are not). */
  dealCount: number;
  amountMinor: number;
}

/**
 * Adds sums held in several currencies in the base currency, converting each currency's sum
 * once (rounding once per currency). A currency without a rate is left out and named.
 * @example convertSums([{ USD, 2 deals, 100.00 }, { EUR, 1, 50.00 }, { GBP, 1, 9.00 }], 'USD',
 *   Map { EUR → '1.1' }) → { total: 155.00 USD, dealCount: 3, unconvertedCurrencies: ['GBP'] }
 */
export function convertSums(
  sums: CurrencySum[],
  baseCurrency: string,
  rates: ReadonlyMap<string, string>,
): { total: Money; dealCount: number; unconvertedCurrencies: string[] } {
  let total = 0;
  let dealCount = 0;
  const unconverted = new Set<string>();
  for (const sum of sums) {
    const rate = sum.currency === baseCurrency ? '1' : rates.get(sum.currency);
    if (rate === undefined) {
      unconverted.add(sum.currency);
      continue;
    }
    total += convertMoney(
      { minor: sum.amountMinor, currency: sum.currency },
      baseCurrency,
      rate,
    ).minor;
    dealCount += sum.dealCount;
  }
  return {
    total: { minor: total, currency: baseCurrency },
    dealCount,
    unconvertedCurrencies: [...unconverted].sort(),
  };
}

/**
 * An average amount, rounded once, half away from zero; null when there is nothing to average.
 * @example averageMoney({ minor: 1000, currency: 'USD' }, 3) → { minor: 333, currency: 'USD' }
 */
export function averageMoney(total: Money, count: number): Money | null {
  if (count === 0) return null;
  return {
    minor: Number(divideRounded(BigInt(total.minor), BigInt(count))),
    currency: total.currency,
  };
}

export interface FunnelStage {
  id: string;
  position: number;
}

export interface FunnelStep {
  stageId: string;
  /** Deals of the cohort that reached this stage or a later one. */
  reached: number;
  /** reached / reached at the stage before; null for the first stage or after an empty one. */
  stepRate: number | null;
  /** reached / reached at the first stage. */
  rateFromTop: number | null;
}

/**
 * The funnel from the furthest stage each deal reached: a deal that got to Proposal passed
 * every stage before it, even one it skipped. Counts never grow down the stages.
 * @example funnelOf([{ id: 'a', position: 1 }, { id: 'b', position: 2 }, { id: 'c', position: 3 }],
 *   [{ maxPosition: 1, deals: 5 }, { maxPosition: 3, deals: 5 }])
 *   → a: 10; b: 5 (step 0.5); c: 5 (step 1, 0.5 from the top)
 */
export function funnelOf(
  stages: FunnelStage[],
  furthest: { maxPosition: number; deals: number }[],
): FunnelStep[] {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const reachedAt = (position: number) =>
    furthest.reduce((n, f) => (f.maxPosition >= position ? n + f.deals : n), 0);
  const top = ordered[0] ? reachedAt(ordered[0].position) : 0;
  return ordered.map((stage, index) => {
    const reached = reachedAt(stage.position);
    const previous = ordered[index - 1];
    return {
      stageId: stage.id,
      reached,
      stepRate: previous ? shareOf(reached, reachedAt(previous.position)) : null,
      rateFromTop: shareOf(reached, top),
    };
  });
}

/**
 * The marketing-qualified stage: the active stage just before the first sales-qualified one in
 * position order (Qualification in the default pipeline); undefined when that stage comes first.
 * @example mqlStageOf([{ id: 'q', position: 3 }, { id: 'ic', position: 4, isFirstQualified: true }]) → q
 */
export function mqlStageOf<T extends { position: number; isFirstQualified: boolean }>(
  stages: T[],
): { mql: T | undefined; sql: T | undefined } {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((s) => s.isFirstQualified);
  if (index === -1) return { mql: undefined, sql: undefined };
  return { mql: index > 0 ? ordered[index - 1] : undefined, sql: ordered[index] };
}
