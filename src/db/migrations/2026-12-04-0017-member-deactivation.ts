// Frozen once landed. Additive only: an old process does not read the column, so a person
// deactivated while it still runs keeps signing in there until it is upgraded.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * When a person leaves (see docs/qualify.md): `memberships.deactivated_at` — the member can no
 * longer sign in to the workspace, their sessions are gone and their tokens revoked; their
 * open work was handed to another member in the same transaction. Null while active.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('memberships').addColumn('deactivated_at', 'bigint').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
