import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '../../api';
import type { Board, Card, ColumnCardsPage, Deal, LostReason } from '../../types';

export const boardKey = ['board'] as const;

/** What a change to a deal can alter: the board, the deal, and every number made from deals. */
const DEAL_DERIVED_KEYS = ['board', 'deal', 'metrics', 'forecast', 'targets'];

export async function refreshAfterDealChange(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    DEAL_DERIVED_KEYS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

export interface BoardFilters {
  ownerId?: string | undefined;
  q?: string | undefined;
  /** An instant: the board rebuilt from the stage history as it stood then. */
  asOf?: string | undefined;
}

export function boardQueryKey(filters: BoardFilters) {
  return [...boardKey, filters] as const;
}

function filterParams(filters: BoardFilters, extra: Record<string, string>): string {
  const params = new URLSearchParams(extra);
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value) params.set(name, value);
  }
  return params.toString();
}

export function useBoard(filters: BoardFilters = {}, isEnabled = true) {
  return useQuery({
    queryKey: boardQueryKey(filters),
    queryFn: () => api<Board>(`/board?${filterParams(filters, { cardsPerStage: '25' })}`),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

/** Under the board's key, so that a change to a deal refreshes the pages shown too. */
function columnPagesKey(stageId: string) {
  return [...boardKey, 'column', stageId] as const;
}

/**
 * The pages of a column after the board's first one, starting at the column's `nextCursor`.
 * The cursor is part of the key: when a refetched board starts the column's second page
 * elsewhere (a card moved in, out or to the top), the pages loaded after the old one are
 * dropped rather than shown with gaps or repeats.
 */
export function useColumnPages(
  stageId: string,
  filters: BoardFilters,
  firstCursor: string | null,
  isEnabled: boolean,
) {
  return useInfiniteQuery({
    queryKey: [...columnPagesKey(stageId), filters, firstCursor] as const,
    queryFn: ({ pageParam }) =>
      api<ColumnCardsPage>(
        `/board/columns/${encodeURIComponent(stageId)}/cards?${filterParams(filters, {
          limit: '25',
          cursor: pageParam,
        })}`,
      ),
    initialPageParam: firstCursor ?? '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: isEnabled && firstCursor !== null,
  });
}

/**
 * Takes a card out of the loaded pages of its column (it is moving elsewhere) and returns how
 * to put the pages back if the server refuses the move.
 */
export function removeFromColumnPages(
  queryClient: QueryClient,
  stageId: string,
  cardId: string,
): () => void {
  const key = columnPagesKey(stageId);
  const before = queryClient.getQueriesData<InfiniteData<ColumnCardsPage>>({ queryKey: key });
  queryClient.setQueriesData<InfiniteData<ColumnCardsPage>>({ queryKey: key }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            cards: page.cards.filter((c) => c.id !== cardId),
          })),
        }
      : data,
  );
  return () => {
    for (const [queryKey, data] of before) queryClient.setQueryData(queryKey, data);
  };
}

export function useLostReasons() {
  return useQuery({
    queryKey: ['lost-reasons'],
    queryFn: async () => (await api<{ items: LostReason[] }>('/lost-reasons')).items,
  });
}

export function moveDeal(id: string, version: number, stageId: string, reason?: string) {
  return api<Deal>(`/deals/${id}/move`, {
    method: 'POST',
    version,
    body: { stageId, ...(reason ? { reason } : {}) },
  });
}

export function winDeal(id: string, version: number) {
  return api<Deal>(`/deals/${id}/win`, { method: 'POST', version, body: {} });
}

export function loseDeal(id: string, version: number, lostReasonId: string, note: string) {
  return api<Deal>(`/deals/${id}/lose`, {
    method: 'POST',
    version,
    body: { lostReasonId, ...(note ? { note } : {}) },
  });
}

export function patchDeal(id: string, version: number, body: Record<string, unknown>) {
  return api<Deal>(`/deals/${id}`, { method: 'PATCH', version, body });
}

/**
 * The board with one card moved to another column, for the optimistic update. The card may come
 * from a column's later pages, which the board does not hold: only the count changes there.
 */
export function withCardMoved(
  board: Board,
  card: Card,
  fromStageId: string,
  toStageId: string,
): Board {
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage.id === toStageId) {
        return {
          ...column,
          count: column.count + 1,
          cards: [{ ...card, daysInStage: 0 }, ...column.cards],
        };
      }
      if (column.stage.id === fromStageId) {
        return {
          ...column,
          count: column.count - 1,
          cards: column.cards.filter((c) => c.id !== card.id),
        };
      }
      return column;
    }),
  };
}
