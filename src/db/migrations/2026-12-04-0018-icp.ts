// Frozen once landed. Additive only: an old process does not read the column.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The workspace's ideal customer profile (see docs/qualify.md): `workspaces.icp`, JSON
 * `[{ attribute, values, weight }]` over company columns and company custom fields; `[]` while
 * none is defined. Edited at the workspace's version, like its other settings.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('workspaces')
    .addColumn('icp', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
