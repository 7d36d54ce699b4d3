import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Money } from '../../types';

interface PeriodView {
  name: string;
  from: string;
  to: string;
}

interface CategoryFigures {
  count: number;
  amount: Money;
  weighted: Money;
}

export interface Forecast {
  period: PeriodView;
  currency: string;
  wonSoFar: Money;
  expected: Money;
  range: { low: Money; high: Money };
  byCategory: Record<'commit' | 'best_case' | 'pipeline', CategoryFigures>;
}

export interface Target {
  id: string;
  scope: string;
  period: PeriodView;
  amount: Money;
}

export interface TargetProgress {
  target: Target;
  targetAmount: Money;
  wonSoFar: Money;
  remaining: Money;
  attainment: number | null;
  openPipeline: { weighted: Money; unweighted: Money };
  coverage: { weighted: number; unweighted: number } | null;
  averageWonDeal: Money | null;
  recentWonDeals: number;
  opportunitiesNeeded: {
    stageId: string;
    nameEn: string;
    nameAr: string;
    probability: number;
    needed: number | null;
  }[];
  unconvertedCurrencies: string[];
}

export interface Backtest {
  grain: 'month' | 'quarter';
  currency: string;
  periods: {
    period: PeriodView;
    forecast: Money;
    actual: Money;
    error: Money;
    accuracy: number | null;
  }[];
  overall: {
    meanAccuracy: number | null;
    weightedAccuracy: number | null;
    periodsScored: number;
  };
}

export interface Team {
  id: string;
  name: string;
}

export function useForecast(period: string) {
  return useQuery({
    queryKey: ['forecast', period],
    queryFn: () => api<Forecast>(`/forecast?period=${encodeURIComponent(period)}`),
    placeholderData: keepPreviousData,
  });
}

export const targetsKey = ['targets'] as const;

export function useTargets() {
  return useQuery({
    queryKey: targetsKey,
    queryFn: async () => (await api<{ items: Target[] }>('/targets')).items,
  });
}

/** Each target's progress, fetched side by side. */
export function useTargetProgress(targets: Target[]) {
  return useQueries({
    queries: targets.map((target) => ({
      queryKey: [...targetsKey, target.id, 'progress'],
      queryFn: () => api<TargetProgress>(`/targets/${target.id}/progress`),
    })),
  });
}

export function createTarget(body: { scope: string; period: string; amountMinor: number }) {
  return api<Target>('/targets', { method: 'POST', body });
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: async () => (await api<{ items: Team[] }>('/teams')).items,
    staleTime: 5 * 60_000,
  });
}

/** How the forecast would have done in each of the months [from, to), e.g. 2025-12 to 2026-12. */
export function useBacktest(from: string, to: string) {
  return useQuery({
    queryKey: ['forecast', 'backtest', from, to],
    queryFn: () =>
      api<Backtest>(
        `/forecast/backtest?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&grain=month`,
      ),
    staleTime: 5 * 60_000,
  });
}
