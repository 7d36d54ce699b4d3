import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, client } from '../../api/client';

/**
 * "Search everywhere" for a settled query: nothing is asked while it is empty, and the last
 * answer stays on screen while the next one loads.
 */
export function useSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: ['search', q],
    queryFn: async () =>
      (await answer(client.GET('/api/v1/search', { params: { query: { q, limit: 20 } } }))).items,
    enabled: q !== '',
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
