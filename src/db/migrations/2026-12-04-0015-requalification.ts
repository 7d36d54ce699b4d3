// Frozen once landed. Additive only: old processes never read the new columns or table.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Re-qualification (see docs/qualify.md):
 * - `contacts.left_at` / `left_note`: the person has left their company (null: still there).
 * - `deal_flags`: something that puts an open deal in doubt and asks its owner to decide, e.g.
 *   `decision_maker_left` with the contact. Open until resolved — `requalified` (sent back to
 *   qualification), `dismissed`, or `returned` (the contact came back) — with who and when.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('left_at', 'bigint').execute();
  await db.schema.alterTable('contacts').addColumn('left_note', 'text').execute();
  await db.schema
    .createTable('deal_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('raised_at', 'bigint', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('deal_flags_deal')
    .on('deal_flags')
    .columns(['workspace_id', 'deal_id', 'resolved_at'])
    .execute();
  await db.schema
    .createIndex('deal_flags_contact')
    .on('deal_flags')
    .columns(['workspace_id', 'contact_id', 'resolved_at'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
