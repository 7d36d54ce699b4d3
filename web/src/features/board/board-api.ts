import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Board, Deal, LostReason } from '../../types';

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

export function useBoard(filters: BoardFilters = {}, isEnabled = true) {
  return useQuery({
    queryKey: boardQueryKey(filters),
    queryFn: () => {
      const params = new URLSearchParams({ cardsPerStage: '25' });
      for (const [name, value] of Object.entries(filters)) {
        if (typeof value === 'string' && value) params.set(name, value);
      }
      return api<Board>(`/board?${params.toString()}`);
    },
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
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

/** The board with one card moved to another column, for the optimistic update. */
export function withCardMoved(board: Board, cardId: string, toStageId: string): Board {
  const card = board.columns.flatMap((c) => c.cards).find((c) => c.id === cardId);
  if (!card) return board;
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
      if (column.cards.some((c) => c.id === cardId)) {
        return {
          ...column,
          count: column.count - 1,
          cards: column.cards.filter((c) => c.id !== cardId),
        };
      }
      return column;
    }),
  };
}
