import {
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import type { Deal, DealChange, NewDeal } from './models';
import type { paths } from './schema';

/** What a change to a deal can alter: the board, the deal, and every number made from deals. */
const DEAL_DERIVED_KEYS = ['board', 'deal', 'metrics', 'forecast', 'targets'];

/**
 * Invalidates what a change to a deal can alter. With `refetchType: 'none'` the queries are only
 * marked stale, for a change that another, refetching one follows at once.
 */
export async function refreshAfterDealChange(
  queryClient: QueryClient,
  refetchType?: 'none',
): Promise<void> {
  await Promise.all(
    DEAL_DERIVED_KEYS.map((key) =>
      queryClient.invalidateQueries({ queryKey: [key], ...(refetchType ? { refetchType } : {}) }),
    ),
  );
}

/** One deal, under the key the lists' record names share. */
export function dealQuery(id: string) {
  return queryOptions({
    queryKey: ['deal', id] as const,
    queryFn: () => answer(client.GET('/api/v1/deals/{id}', { params: { path: { id } } })),
  });
}

export function useDeal(id: string) {
  return useQuery(dealQuery(id));
}

export function useDealHistory(id: string) {
  return useQuery({
    queryKey: ['deal', id, 'history'],
    queryFn: async () =>
      (await answer(client.GET('/api/v1/deals/{id}/history', { params: { path: { id } } }))).items,
  });
}

/** The version a deal change is based on: the server refuses a stale one with 409. */
export interface DealAt {
  id: string;
  version: number;
}

export function moveDeal(deal: DealAt, stageId: string, reason?: string) {
  return answer(
    client.POST('/api/v1/deals/{id}/move', {
      params: { path: { id: deal.id } },
      headers: ifMatch(deal.version),
      body: { stageId, ...(reason ? { reason } : {}) },
    }),
  );
}

export function winDeal(deal: DealAt) {
  return answer(
    client.POST('/api/v1/deals/{id}/win', {
      params: { path: { id: deal.id } },
      headers: ifMatch(deal.version),
      body: {},
    }),
  );
}

export function patchDeal(deal: DealAt, body: DealChange) {
  return answer(
    client.PATCH('/api/v1/deals/{id}', {
      params: { path: { id: deal.id } },
      headers: ifMatch(deal.version),
      body,
    }),
  );
}

/** Changes the deal's BANT card: the parts given (null: unknown again). */
export function putQualification(
  deal: DealAt,
  body: NonNullable<
    paths['/api/v1/deals/{id}/qualification']['put']['requestBody']
  >['content']['application/json'],
) {
  return answer(
    client.PUT('/api/v1/deals/{id}/qualification', {
      params: { path: { id: deal.id } },
      headers: ifMatch(deal.version),
      body,
    }),
  );
}

/** Answers a flag by sending the deal back to qualification (the reason is recorded). */
export function requalifyDeal(deal: DealAt, flagId: string, reason: string) {
  return answer(
    client.POST('/api/v1/deals/{id}/requalify', {
      params: { path: { id: deal.id } },
      headers: ifMatch(deal.version),
      body: { flagId, reason },
    }),
  );
}

/** Settles a flag without moving the deal. */
export function dismissDealFlag(dealId: string, flagId: string) {
  return answer(
    client.POST('/api/v1/deals/{id}/flags/{flagId}/dismiss', {
      params: { path: { id: dealId, flagId } },
    }),
  );
}

/** Marks a deal lost, with a reason and an optional note. */
export function useLoseDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      deal,
      lostReasonId,
      note,
    }: {
      deal: DealAt;
      lostReasonId: string;
      note: string;
    }) =>
      answer(
        client.POST('/api/v1/deals/{id}/lose', {
          params: { path: { id: deal.id } },
          headers: ifMatch(deal.version),
          body: { lostReasonId, ...(note ? { note } : {}) },
        }),
      ),
    onSettled: () => void refreshAfterDealChange(queryClient),
  });
}

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDeal) => answer(client.POST('/api/v1/deals', { body })),
    onSettled: () => void refreshAfterDealChange(queryClient),
  });
}

/**
 * Fills fields a move needs (its exit criteria). The move that follows refetches everything;
 * refetching here as well would race its optimistic update, so the queries are only marked stale.
 */
export function usePatchDealBeforeMove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, change }: { deal: DealAt; change: DealChange }) => patchDeal(deal, change),
    onSuccess: () => void refreshAfterDealChange(queryClient, 'none'),
  });
}

export function reopenDeal(deal: DealAt, reason: string, stageId: string | null) {
  return answer(
    client.POST('/api/v1/deals/{id}/reopen', {
      params: { path: { id: deal.id } },
      headers: ifMatch(deal.version),
      body: { reason, ...(stageId ? { stageId } : {}) },
    }),
  );
}

/** The deal as it is now, read again (after a 409 it shows someone else's change). */
export function useLatestDeal() {
  const queryClient = useQueryClient();
  return async (id: string): Promise<number> => {
    const deal = await queryClient.fetchQuery({ ...dealQuery(id), staleTime: 0 });
    await queryClient.invalidateQueries({ queryKey: ['deal', id] });
    return deal.version;
  };
}

/**
 * Keeps the deal a write answered with, at once: a next edit then starts from its version,
 * not from the one before it while the refetch is still on its way (a spurious 409).
 */
export function keepDeal(queryClient: QueryClient, deal: Deal): void {
  queryClient.setQueryData(dealQuery(deal.id).queryKey, deal);
}
