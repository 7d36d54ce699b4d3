import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Money, Pipeline } from '../../types';

/** A stage as the metrics name it: by key, in both languages. */
export interface StageRef {
  stage: string;
  nameEn: string;
  nameAr: string;
}

interface CycleDays {
  mean: number | null;
  median: number | null;
}

/** GET /metrics (see docs/metrics.md for every definition). */
export interface Metrics {
  period: { from: string; to: string };
  asOf: string | null;
  timeZone: string;
  baseCurrency: string;
  pipeline: { id: string; nameEn: string; nameAr: string };
  winRate: number | null;
  wonCount: number;
  lostCount: number;
  wonAmount: Money;
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
  unconvertedCurrencies: string[];
}

export interface MetricsQuery {
  from: string;
  to: string;
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  asOf?: string | undefined;
}

export const metricsKey = ['metrics'] as const;

export function useMetrics(query: MetricsQuery | null) {
  return useQuery({
    queryKey: [...metricsKey, query],
    queryFn: () => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query ?? {})) {
        if (typeof value === 'string' && value) params.set(name, value);
      }
      return api<Metrics>(`/metrics?${params.toString()}`);
    },
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePipelines() {
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: async () => (await api<{ items: Pipeline[] }>('/pipelines')).items,
    staleTime: 5 * 60_000,
  });
}

/** A stage's name in the reader's language. */
export function nameOf(stage: { nameEn: string; nameAr: string }, language: string): string {
  return language === 'ar' ? stage.nameAr : stage.nameEn;
}
