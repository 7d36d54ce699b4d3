import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, client } from '../../api/client';

export type GroupBy = 'none' | 'stage' | 'owner' | 'category';

export interface PipelineChangesFilters {
  from: string;
  to?: string | undefined;
  period?: string | undefined;
  groupBy: GroupBy;
}

/** The waterfall between two days; waits while the start is not known yet (empty). */
export function usePipelineChanges(filters: PipelineChangesFilters) {
  return useQuery({
    queryKey: ['pipeline-changes', filters],
    queryFn: () =>
      answer(
        client.GET('/api/v1/pipeline-changes', {
          params: { query: { ...filters, dealsPerStep: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: filters.from !== '',
  });
}
