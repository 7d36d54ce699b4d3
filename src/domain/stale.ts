const DAY_MS = 86_400_000;

export interface StaleFacts {
  status: string;
  rottingDays: number | null;
  stageEnteredAt: number;
  lastActivityAt: number | null;
  /** Due time of the earliest open activity, if any. */
  nextDueAt: number | null;
}

/**
 * A deal is stale (rotting) when it is open, nothing happened to it — no activity and no stage
 * change — for longer than its stage's rotting days, and no next step is scheduled in the future.
 * @example rotting 14 days, entered 20 days ago, no activity, no next step → stale
 * @example same deal with a call due tomorrow → not stale (someone plans to act)
 */
export function isDealStale(deal: StaleFacts, now: number): boolean {
  if (deal.status !== 'open' || deal.rottingDays === null) return false;
  const lastTouch = Math.max(deal.stageEnteredAt, deal.lastActivityAt ?? 0);
  const hasFutureStep = deal.nextDueAt !== null && deal.nextDueAt >= now;
  return now - lastTouch > deal.rottingDays * DAY_MS && !hasFutureStep;
}

/** Whole days since `since`, rounded down. */
export function daysSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / DAY_MS));
}
