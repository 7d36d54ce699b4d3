// Frozen once landed. Additive only: old processes keep working while this is applied (they do
// not write field history, so changes they make then are missing from it; they never read it).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The truth over time (see docs/history.md):
 * - `deal_field_history`: one append-only row per change of a tracked field of a deal (amount,
 *   currency, amount source, expected close date, owner, probability override, pipeline, and
 *   custom fields marked tracked), with the value before and after as text, when, by whom and
 *   through what (`person`, `token`, `import`, `rule`). A value as of T is the `from_value` of
 *   the deal's first change of that field after T, else the deal's current value — so no row is
 *   needed for a field that never changed. The (workspace, deal, field, at) index answers both
 *   that and a deal's timeline; (workspace, at) answers "what changed between two instants".
 * - `custom_fields.tracked`: 1 when the field's changes go into the field history.
 * - `forecast_calls`: a person's call for a period (commit and best case, with a note), kept as
 *   submitted: a new call is a new row, the latest one before an instant is the call then.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('deal_field_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    // 'amount' | 'currency' | 'amountSource' | 'expectedCloseDate' | 'owner' | 'probability'
    // | 'pipeline' | 'cf.<key>'
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    // 'person' | 'token' | 'import' | 'rule'
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deal_field_history_deal')
    .on('deal_field_history')
    .columns(['workspace_id', 'deal_id', 'field', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('deal_field_history_at')
    .on('deal_field_history')
    .columns(['workspace_id', 'at'])
    .execute();

  await db.schema
    .alterTable('custom_fields')
    .addColumn('tracked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('forecast_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // 'owner:<user id>' (a rep's own deals) | 'team:<team id>' | 'workspace'
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('pipeline_id', 'text', (c) => c.references('pipelines.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('commit_minor', 'bigint', (c) => c.notNull())
    .addColumn('best_case_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('forecast_calls_period')
    .on('forecast_calls')
    .columns(['workspace_id', 'period_from', 'scope_key', 'submitted_at'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
