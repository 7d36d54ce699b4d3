import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client } from '../../api/client';
import type { NewTarget, Target } from '../../api/models';
import { useFormMutation } from '../../shared/api-form';

/** The forecast of a period; waits while the period is not known yet (null). */
export function useForecast(period: string | null) {
  return useQuery({
    queryKey: ['forecast', period],
    queryFn: () =>
      answer(client.GET('/api/v1/forecast', { params: { query: { period: period ?? '' } } })),
    placeholderData: keepPreviousData,
    enabled: period !== null,
  });
}

export const targetsKey = ['targets'] as const;

export function useTargets() {
  return useQuery({
    queryKey: targetsKey,
    queryFn: async () => (await answer(client.GET('/api/v1/targets'))).items,
  });
}

/** Each target's progress, fetched side by side. */
export function useTargetProgress(targets: Target[]) {
  return useQueries({
    queries: targets.map((target) => ({
      queryKey: [...targetsKey, target.id, 'progress'],
      queryFn: () =>
        answer(
          client.GET('/api/v1/targets/{id}/progress', { params: { path: { id: target.id } } }),
        ),
    })),
  });
}

/** Sets a target; its form shows every refusal in one sentence. */
export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useFormMutation(
    {
      mutationFn: (body: NewTarget) => answer(client.POST('/api/v1/targets', { body })),
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: targetsKey }),
    },
    { hasFields: false },
  );
}

/** How the forecast would have done in each month or quarter of [from, to), e.g. 2025-12 to 2026-12. */
export function useBacktest(from: string, to: string, grain: 'month' | 'quarter' = 'month') {
  return useQuery({
    queryKey: ['forecast', 'backtest', from, to, grain],
    queryFn: () =>
      answer(
        client.GET('/api/v1/forecast/backtest', {
          params: { query: { from, to, grain } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

const callsKey = ['forecast', 'calls'] as const;

/** Each person's, team's and the workspace's call beside the model, for one period. */
export function useForecastRollup(period: string) {
  return useQuery({
    queryKey: [...callsKey, 'rollup', period],
    queryFn: () => answer(client.GET('/api/v1/forecast/rollup', { params: { query: { period } } })),
  });
}

/** Submits a call; the roll-up follows. */
export function useSubmitCall() {
  const queryClient = useQueryClient();
  return useFormMutation(
    {
      mutationFn: (body: {
        period: string;
        scope: 'own' | 'workspace';
        commitMinor: number;
        bestCaseMinor: number;
        note: string | null;
      }) => answer(client.POST('/api/v1/forecast/calls', { body })),
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: callsKey }),
    },
    { hasFields: true },
  );
}
