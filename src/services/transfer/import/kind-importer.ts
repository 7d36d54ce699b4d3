import type { ImportRow } from './import-columns.js';

/** One kind's part of an import: row checks, then matching and writing in batches. */
export interface KindImporter {
  /** Checks and resolves one row, queueing it; throws RowRejected to reject it. */
  accept(row: ImportRow): void;
  /**
   * Matches, counts and writes the rows queued since the last flush (rejecting, through
   * run.reject, those only the database can tell are wrong).
   */
  flush(): Promise<void>;
  /** Once every row is in: totals that need the whole file (the deal value check). */
  finish?(): void;
}
