// Frozen once landed. Additive only: old processes keep working while this is applied (they
// neither read nor write the new table).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Saved views of the board (docs/records.md#saved-views): a name, the pipeline and the filters
 * (a JSON object of the board's filter parameters), private to their owner or shared with the
 * workspace.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id'))
    // 'board' for now; lists may follow.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pipeline_id', 'text', (c) => c.references('pipelines.id'))
    .addColumn('filters', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('saved_views_kind')
    .on('saved_views')
    .columns(['workspace_id', 'kind', 'owner_user_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
