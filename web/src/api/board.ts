import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, client } from './client';

export const boardKey = ['board'] as const;

export interface BoardFilters {
  /** The pipeline shown; the workspace's default one when absent. */
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  source?: string | undefined;
  productId?: string | undefined;
  q?: string | undefined;
  /** An instant: the board rebuilt from the stage history as it stood then. */
  asOf?: string | undefined;
  /** Custom-field filters, as the API names them (cf.<key>, cf.<key>.gte …). */
  [customField: `cf.${string}`]: string | undefined;
}

export function boardQueryKey(filters: BoardFilters) {
  return [...boardKey, filters] as const;
}

export type BoardQueryKey = ReturnType<typeof boardQueryKey>;

/** The board of the default pipeline: each column with its first 25 cards. */
export function useBoard(filters: BoardFilters = {}, isEnabled = true) {
  return useQuery({
    queryKey: boardQueryKey(filters),
    queryFn: () =>
      answer(client.GET('/api/v1/board', { params: { query: { cardsPerStage: 25, ...filters } } })),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}
