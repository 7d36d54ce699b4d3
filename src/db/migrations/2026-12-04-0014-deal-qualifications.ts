// Frozen once landed. Additive only: old processes never read or write the new table.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A deal's BANT card (see docs/qualify.md): need, budget, authority and timing, each an answer
 * (text) with a confidence ('low' | 'medium' | 'high'), null when unknown. One row per deal that
 * has one; it changes with the deal's own version (a change bumps the deal), and each change of
 * a part is appended to the deal's field history as `bant.<part>`.
 */
export async function up(db: AnyDb): Promise<void> {
  let table = db.schema
    .createTable('deal_qualifications')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'));
  for (const part of ['need', 'budget', 'authority', 'timing']) {
    table = table.addColumn(part, 'text').addColumn(`${part}_confidence`, 'text');
  }
  await table
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('deal_qualifications_pk', ['workspace_id', 'deal_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
