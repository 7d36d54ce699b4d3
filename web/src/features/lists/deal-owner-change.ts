import { ApiError } from '../../api';
import type { DealRow } from '../../types';
import { patchDeal } from '../board/board-api';

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
export async function changeOwners(
  deals: DealRow[],
  ownerId: string | null,
): Promise<OwnerChangeResult> {
  const settled = await Promise.allSettled(
    deals.map((deal) => patchDeal(deal.id, deal.version, { ownerId })),
  );
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
