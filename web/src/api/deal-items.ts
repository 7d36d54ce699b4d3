import { useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import { refreshAfterDealChange } from './deals';
import type { Deal, RequestBody } from './models';
import type { components } from './schema';

export type DealItems = components['schemas']['DealItems'];
export type DealItemInput = RequestBody<'/api/v1/deals/{id}/items', 'put'>['items'][number];

function itemsQuery(dealId: string) {
  return {
    queryKey: ['deal', dealId, 'items'] as const,
    queryFn: () =>
      answer(client.GET('/api/v1/deals/{id}/items', { params: { path: { id: dealId } } })),
  };
}

export function useDealItems(dealId: string) {
  return useQuery(itemsQuery(dealId));
}

/** Replaces a deal's items from the deal's version, optionally taking their total as its amount. */
export function useReplaceDealItems(dealId: string) {
  const queryClient = useQueryClient();
  return {
    replace: async (version: number, items: DealItemInput[], useAsAmount = false) => {
      const answered = await answer(
        client.PUT('/api/v1/deals/{id}/items', {
          params: { path: { id: dealId } },
          headers: ifMatch(version),
          body: { items, ...(useAsAmount ? { useAsAmount } : {}) },
        }),
      );
      // The deal's version moved with its items: the next edit of either starts from it.
      queryClient.setQueryData(itemsQuery(dealId).queryKey, answered);
      queryClient.setQueryData<Deal>(['deal', dealId], (deal) =>
        deal ? { ...deal, version: answered.dealVersion, amountMinor: answered.amountMinor } : deal,
      );
      await refreshAfterDealChange(queryClient);
    },
    /** The deal's version now (after a 409: the items shown are then someone else's). */
    latest: async () => {
      const items = await queryClient.fetchQuery({ ...itemsQuery(dealId), staleTime: 0 });
      await queryClient.invalidateQueries({ queryKey: ['deal', dealId] });
      return items.dealVersion;
    },
  };
}
