import type { ClosingGroupRow } from '../../db/metrics.repository.js';
import {
  averageMoney,
  convertSums,
  funnelOf,
  leadVelocitySeries,
  meanOf,
  msToDays,
  salesVelocityPerDay,
  shareOf,
  winRate,
} from '../../domain/metrics.js';
import type { MetricsWindow } from '../../domain/metrics-window.js';
import type { Stage } from '../../domain/stage.js';
import type { MetricsFacts } from './metrics-facts.js';
import type { MetricsResult, StageRef } from './metrics-result.js';

/**
 * The metrics, assembled from their aggregate rows in small steps, one per part of the answer.
 * Each takes the facts and returns plain values; the formulas are in src/domain/metrics.ts.
 */

const refOf = (stage: Stage): StageRef => ({
  stage: stage.key,
  nameEn: stage.nameEn,
  nameAr: stage.nameAr,
});
const count = (rows: ClosingGroupRow[]) => rows.reduce((n, r) => n + r.deal_count, 0);
const cycleMs = (rows: ClosingGroupRow[]) => rows.reduce((n, r) => n + r.cycle_ms, 0);
const days = (ms: number | null) => (ms === null ? null : msToDays(ms));

/** Sums of closed amounts in the base currency, at the rates of the window's last day. */
export function closedSums(facts: MetricsFacts, baseCurrency: string) {
  return (rows: ClosingGroupRow[]) =>
    convertSums(
      rows.map((r) => ({
        currency: r.currency,
        dealCount: r.amount_count,
        amountMinor: r.amount_minor,
      })),
      baseCurrency,
      facts.rates,
    );
}
type SumsOf = ReturnType<typeof closedSums>;

/** Win rate, what was won and how long closing took. */
export function closingsOf(facts: MetricsFacts, sumsOf: SumsOf) {
  const { closings, medians } = facts;
  const won = closings.filter((c) => c.outcome === 'won');
  const wonCount = count(won);
  const lostCount = count(closings) - wonCount;
  const wonSums = sumsOf(won);
  return {
    winRate: winRate(wonCount, lostCount),
    wonCount,
    lostCount,
    wonAmount: wonSums.total,
    wonByBusinessKind: {
      newBusiness: sumsOf(won.filter((r) => r.business_kind === 'new')).total,
      expansion: sumsOf(won.filter((r) => r.business_kind !== 'new')).total,
      expansionCount: count(won.filter((r) => r.business_kind !== 'new')),
    },
    averageWonAmount: averageMoney(wonSums.total, wonSums.dealCount),
    salesCycleDays: { mean: days(meanOf(cycleMs(won), wonCount)), median: days(medians.won) },
    salesCycleDaysAllClosed: {
      mean: days(meanOf(cycleMs(closings), wonCount + lostCount)),
      median: days(medians.closed),
    },
    unconvertedCurrencies: [...new Set(wonSums.unconvertedCurrencies)].sort(),
  };
}
type Closings = Pick<
  ReturnType<typeof closingsOf>,
  'averageWonAmount' | 'winRate' | 'salesCycleDays'
>;

/** Open deals × average won deal × win rate ÷ cycle length, per day. */
export function salesVelocityOf(facts: MetricsFacts, closings: Closings, baseCurrency: string) {
  const openDeals = facts.open.reduce((n, r) => n + r.deal_count, 0);
  const velocity = salesVelocityPerDay({
    openDeals,
    averageWonMinor: closings.averageWonAmount?.minor ?? null,
    winRate: closings.winRate,
    meanCycleDays: closings.salesCycleDays.mean,
  });
  return {
    perDay: velocity === null ? null : { minor: velocity, currency: baseCurrency },
    openDeals,
  };
}

/** Each owner's wins, losses and won amount, the biggest first. */
export function leaderboardOf(facts: MetricsFacts, sumsOf: SumsOf): MetricsResult['leaderboard'] {
  const { closings, names } = facts;
  const owners = [...new Set(closings.map((c) => c.owner_id))];
  const board = owners.map((ownerId) => {
    const mine = closings.filter((c) => c.owner_id === ownerId);
    const mineWon = mine.filter((c) => c.outcome === 'won');
    const ownerWon = count(mineWon);
    const ownerLost = count(mine) - ownerWon;
    return {
      ownerId,
      ownerName: ownerId === null ? null : (names.get(ownerId) ?? null),
      wonCount: ownerWon,
      lostCount: ownerLost,
      wonAmount: sumsOf(mineWon).total,
      winRate: winRate(ownerWon, ownerLost),
    };
  });
  return board.sort(
    (a, b) =>
      b.wonAmount.minor - a.wonAmount.minor ||
      b.wonCount - a.wonCount ||
      (a.ownerName ?? '').localeCompare(b.ownerName ?? ''),
  );
}

/** Losses by reason (most first) and by the stage they happened in (pipeline order). */
export function lossesOf(facts: MetricsFacts, allStages: Stage[]) {
  const byReason = new Map<string | null, number>();
  const byStage = new Map<string, number>();
  for (const loss of facts.losses) {
    const reason = loss.lost_reason_id;
    byReason.set(reason, (byReason.get(reason) ?? 0) + loss.deal_count);
    byStage.set(loss.stage_id, (byStage.get(loss.stage_id) ?? 0) + loss.deal_count);
  }
  const reasonById = new Map(facts.reasons.map((r) => [r.id, r]));
  const stageById = new Map(allStages.map((s) => [s.id, s]));
  return {
    lostByReason: [...byReason]
      .map(([reasonId, n]) => {
        const reason = reasonId === null ? undefined : reasonById.get(reasonId);
        return {
          reasonId,
          labelEn: reason?.label_en ?? null,
          labelAr: reason?.label_ar ?? null,
          count: n,
        };
      })
      .sort((a, b) => b.count - a.count || (a.labelEn ?? '').localeCompare(b.labelEn ?? '')),
    lostByStage: [...byStage]
      .flatMap(([stageId, n]) => {
        const stage = stageById.get(stageId);
        return stage ? [{ ...refOf(stage), count: n, position: stage.position }] : [];
      })
      .sort((a, b) => a.position - b.position)
      .map(({ position: _position, ...rest }) => rest),
  };
}

/** Time in stage, stage conversion and the funnel, stage by stage. */
export function stageTablesOf(facts: MetricsFacts, stages: Stage[]) {
  const openStages = stages.filter((s) => s.kind === 'open');
  const funnel = funnelOf(
    stages,
    facts.furthest.map((f) => ({ maxPosition: f.max_position, deals: f.deal_count })),
  );
  return {
    timeInStage: openStages.map((stage) => {
      const visit = facts.visits.find((v) => v.stage_id === stage.id);
      const current = facts.open.find((o) => o.stage_id === stage.id);
      return {
        ...refOf(stage),
        completedVisits: visit?.visits ?? 0,
        meanDays: visit ? msToDays(visit.mean_ms) : null,
        openDeals: current?.deal_count ?? 0,
        meanCurrentAgeDays: current ? msToDays(current.mean_age_ms) : null,
      };
    }),
    stageConversion: openStages.map((stage) => {
      const row = facts.conversion.find((c) => c.stage_id === stage.id);
      const entered = row?.entered ?? 0;
      const advanced = row?.advanced ?? 0;
      return {
        ...refOf(stage),
        entered,
        advanced,
        stillOpen: row?.still_open ?? 0,
        rate: shareOf(advanced, entered),
      };
    }),
    funnel: stages.map((stage, index) => {
      const step = funnel[index];
      return {
        ...refOf(stage),
        reached: step?.reached ?? 0,
        stepRate: step?.stepRate ?? null,
        rateFromTop: step?.rateFromTop ?? null,
      };
    }),
  };
}

/** Qualified leads per month with their Lead Velocity Rate, and MQL → SQL. */
export function qualifiedLeadsOf(facts: MetricsFacts, window: MetricsWindow) {
  const { mql, sqlStage, mqlCounts } = facts;
  return {
    leadVelocityRate: leadVelocitySeries(
      window.months.map((m, index) => ({ month: m.month, qualified: facts.qualified[index] ?? 0 })),
    ),
    mqlToSql: {
      mqlStage: mql?.key ?? null,
      sqlStage: sqlStage?.key ?? null,
      mqls: mqlCounts.mqls,
      sqls: mqlCounts.sqls,
      rate: shareOf(mqlCounts.sqls, mqlCounts.mqls),
    },
  };
}
