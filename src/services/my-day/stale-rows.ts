import type { listStaleDeals } from '../../db/my-day.repository.js';
import { isDealStale } from '../../domain/stale.js';

type StaleRow = Awaited<ReturnType<typeof listStaleDeals>>[number];

/** The rows listStaleDeals found that the rule of domain/stale.ts confirms stale at `now`. */
export function confirmedStale<T extends StaleRow>(rows: T[], now: number): T[] {
  return rows.filter((row) =>
    isDealStale(
      {
        status: row.status,
        rottingDays: row.rotting_days,
        stageEnteredAt: Number(row.stage_entered_at),
        lastActivityAt: row.last_activity_at === null ? null : Number(row.last_activity_at),
        nextDueAt: row.next_due_at === null ? null : Number(row.next_due_at),
      },
      now,
    ),
  );
}
