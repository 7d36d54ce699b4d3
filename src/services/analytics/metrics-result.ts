import type { Money } from '../../domain/money.js';

/** A stage named in a metric: its key (stable across renames) and its names. */
export interface StageRef {
  stage: string;
  nameEn: string;
  nameAr: string;
}

export interface CycleDays {
  mean: number | null;
  median: number | null;
}

/** What GET /metrics and `qanat metrics` answer; every number is defined in docs/metrics.md. */
export interface MetricsResult {
  period: { from: string; to: string };
  /** The instant the history was cut at, ISO 8601; null for "everything recorded". */
  asOf: string | null;
  timeZone: string;
  baseCurrency: string;
  pipeline: { id: string; nameEn: string; nameAr: string };
  filters: { ownerId: string | null; teamId: string | null; source: string | null };
  winRate: number | null;
  wonCount: number;
  lostCount: number;
  wonAmount: Money;
  /** The won amount split: new business, and expansion (upsells and cross-sells). */
  wonByBusinessKind: { newBusiness: Money; expansion: Money; expansionCount: number };
  averageWonAmount: Money | null;
  salesCycleDays: CycleDays;
  salesCycleDaysAllClosed: CycleDays;
  timeInStage: (StageRef & {
    completedVisits: number;
    meanDays: number | null;
    openDeals: number;
    meanCurrentAgeDays: number | null;
  })[];
  stageConversion: (StageRef & {
    entered: number;
    advanced: number;
    stillOpen: number;
    rate: number | null;
  })[];
  funnel: (StageRef & { reached: number; stepRate: number | null; rateFromTop: number | null })[];
  leadVelocityRate: { month: string; qualified: number; rate: number | null }[];
  mqlToSql: {
    mqlStage: string | null;
    sqlStage: string | null;
    mqls: number;
    sqls: number;
    rate: number | null;
  };
  salesVelocity: { perDay: Money | null; openDeals: number };
  lostByReason: {
    reasonId: string | null;
    labelEn: string | null;
    labelAr: string | null;
    count: number;
  }[];
  lostByStage: (StageRef & { count: number })[];
  leaderboard: {
    ownerId: string | null;
    ownerName: string | null;
    wonCount: number;
    lostCount: number;
    wonAmount: Money;
    winRate: number | null;
  }[];
  /** Currencies with no exchange rate to the base currency: left out of every amount. */
  unconvertedCurrencies: string[];
}
