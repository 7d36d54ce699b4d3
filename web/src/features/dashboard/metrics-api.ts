import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { answer, client } from '../../api/client';

export interface MetricsQuery {
  from: string;
  to: string;
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  asOf?: string | undefined;
}

export const metricsKey = ['metrics'] as const;

/** GET /metrics (see docs/metrics.md for every definition); empty filters are left out. */
export function useMetrics(query: MetricsQuery | null) {
  return useQuery({
    queryKey: [...metricsKey, query],
    queryFn: query ? () => answer(client.GET('/api/v1/metrics', { params: { query } })) : skipToken,
    placeholderData: keepPreviousData,
  });
}
