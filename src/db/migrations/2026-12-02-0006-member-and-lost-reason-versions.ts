// Frozen once landed. Additive only: old processes keep working while this is applied.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Optimistic concurrency for the last records edited without it: a workspace member (the
 * membership, whose role the API changes) and a lost reason carry a `version` like every other
 * record, so a stale edit gets a 409 instead of overwriting. Existing rows start at version 1.
 */
export async function up(db: AnyDb): Promise<void> {
  for (const table of ['memberships', 'lost_reasons']) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
