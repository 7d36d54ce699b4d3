// Frozen once landed. Additive only: old processes never read or write the new table.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The daily stale digest (see docs/qualify.md): one row per person and day (the workspace's
 * day), made the first time that day's digest is asked for — by the person in the app or by
 * the worker's daily job — and kept as made, so "went stale since the last digest" means the
 * same all day. `deal_ids` are the person's stale open deals then, `new_deal_ids` those of them
 * that were not in the person's previous digest (JSON arrays of ids).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('stale_digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('deal_ids', 'text', (c) => c.notNull())
    .addColumn('new_deal_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('stale_digests_user_day')
    .unique()
    .on('stale_digests')
    .columns(['workspace_id', 'user_id', 'day'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
