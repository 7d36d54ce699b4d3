import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type BoardFilters, type BoardQueryKey, boardKey } from '../../api/board';
import { ApiError, answer, client } from '../../api/client';
import { moveDeal, refreshAfterDealChange, winDeal } from '../../api/deals';
import type { Board, Card, Column, ColumnCardsPage } from '../../api/models';

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
      answer(
        client.GET('/api/v1/board/columns/{stageId}/cards', {
          params: { path: { stageId }, query: { limit: 25, cursor: pageParam, ...filters } },
        }),
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

/** A card on its way from one column to another. */
export interface CardMove {
  card: Card;
  from: Column;
  to: Column;
}

/**
 * Sends a move; the card moves at once (on the board shown, under `key`) and goes back if the
 * server says no: missing exit criteria, someone else's change (409), another refusal.
 */
export function useCardMove(
  key: BoardQueryKey,
  on: {
    start: () => void;
    criteriaUnmet: (move: CardMove, fields: string[]) => void;
    refused: (message: string) => void;
  },
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ move, reason }: { move: CardMove; reason?: string | undefined }) =>
      move.to.stage.kind === 'won'
        ? winDeal(move.card)
        : moveDeal(move.card, move.to.stage.id, reason),
    onMutate: ({ move }) => {
      const before = queryClient.getQueryData<Board>(key);
      if (before)
        queryClient.setQueryData(
          key,
          withCardMoved(before, move.card, move.from.stage.id, move.to.stage.id),
        );
      const restorePages = removeFromColumnPages(queryClient, move.from.stage.id, move.card.id);
      on.start();
      return { before, restorePages };
    },
    onError: (error, { move }, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      context?.restorePages();
      if (error instanceof ApiError && error.body.code === 'EXIT_CRITERIA_UNMET') {
        on.criteriaUnmet(
          move,
          error.body.details.map((d) => String(d.path[0])),
        );
      } else if (error instanceof ApiError && error.status === 409) {
        on.refused(t('board.conflict'));
      } else {
        on.refused(t('board.moveFailed', { reason: error instanceof Error ? error.message : '' }));
      }
    },
    onSettled: () => refreshAfterDealChange(queryClient),
  });
}
