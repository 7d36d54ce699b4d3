import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../api';

/** GET /pipelines/:id/probabilities: each stage's configured and historical win probability. */
export interface StageProbabilities {
  pipelineId: string;
  probabilityMode: 'configured' | 'historical';
  window: { from: string; to: string; months: number };
  stages: {
    stageId: string;
    configured: number;
    historical: number;
    sampleSize: number;
    wonCount: number;
  }[];
}

export function useStageProbabilities(pipelineId: string) {
  return useQuery({
    queryKey: ['probabilities', pipelineId],
    queryFn: () => api<StageProbabilities>(`/pipelines/${pipelineId}/probabilities`),
  });
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  role: 'admin' | 'manager' | 'rep';
  createdAt: string | null;
  lastUsedAt: string | null;
}

export interface NewApiToken extends ApiToken {
  token: string;
}

export function useApiTokens(isEnabled: boolean) {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await api<{ items: ApiToken[] }>('/tokens')).items,
    enabled: isEnabled,
  });
}

export interface ExchangeRate {
  currency: string;
  day: string;
  rate: string;
}

export function useExchangeRates() {
  return useQuery({
    queryKey: ['exchange-rates'],
    queryFn: () => api<{ baseCurrency: string; items: ExchangeRate[] }>('/exchange-rates'),
  });
}

/** Stage settings feed the board, the forecast and every weighted number. */
const PIPELINE_DERIVED_KEYS = ['pipelines', 'probabilities', 'board', 'forecast', 'metrics'];

export async function refreshAfterPipelineChange(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    PIPELINE_DERIVED_KEYS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

/** The role names, in the API's order. */
export const ROLES = ['admin', 'manager', 'rep'] as const;
