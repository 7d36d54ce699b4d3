// Frozen once landed. Additive only: old processes keep working while this is applied (items
// they insert get no discount and position 0; they never read the merges table).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Line items people edit, merged duplicates, and "my day":
 * - a deal's items get a discount (in basis points: 12.5 % is 1250) and an order of their own;
 * - `record_merges` remembers which company or contact was merged into which, by whom, when,
 *   and the duplicate as it was (JSON text), so a record can show "merged from …";
 * - open activities of an owner by due time (`done_at` is null for every open one, so the open
 *   ones are one contiguous range of the index, overdue and today's alike).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('deal_items')
    .addColumn('discount_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('deal_items')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('record_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // 'company' | 'contact'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('kept_id', 'text', (c) => c.notNull())
    .addColumn('merged_id', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('merged_snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_merges_kept')
    .on('record_merges')
    .columns(['workspace_id', 'kind', 'kept_id', 'at'])
    .execute();
  await db.schema
    .createIndex('record_merges_merged')
    .on('record_merges')
    .columns(['workspace_id', 'kind', 'merged_id'])
    .execute();

  await db.schema
    .createIndex('activities_owner_open_due')
    .on('activities')
    .columns(['workspace_id', 'owner_id', 'done_at', 'due_at', 'id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
