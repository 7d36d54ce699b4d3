import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { patchDeal, refreshAfterDealChange } from '../../api/deals';
import type { Deal } from '../../api/models';
import { listKey } from './list-api';

export type RowOutcome = 'conflict' | 'failed';

export interface OwnerChangeResult {
  changedIds: string[];
  /** Rows not changed, by id: another person's edit came first (409) or another refusal. */
  outcomes: Map<string, RowOutcome>;
}

/**
 * Gives each deal the new owner, each with its own If-Match: one refused row (someone else's
 * change, a 409) leaves the others changed.
 */
async function changeOwners(deals: Deal[], ownerId: string | null): Promise<OwnerChangeResult> {
  const settled = await Promise.allSettled(deals.map((deal) => patchDeal(deal, { ownerId })));
  const changedIds: string[] = [];
  const outcomes = new Map<string, RowOutcome>();
  settled.forEach((result, index) => {
    const deal = deals[index];
    if (!deal) return;
    if (result.status === 'fulfilled') changedIds.push(deal.id);
    else {
      const isConflict = result.reason instanceof ApiError && result.reason.status === 409;
      outcomes.set(deal.id, isConflict ? 'conflict' : 'failed');
    }
  });
  return { changedIds, outcomes };
}

/** The bulk owner change of the deal list; the lists and everything made from deals follow. */
export function useOwnerChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ deals, ownerId }: { deals: Deal[]; ownerId: string | null }) =>
      changeOwners(deals, ownerId),
    onSettled: () =>
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: listKey }),
        refreshAfterDealChange(queryClient),
      ]),
  });
}
