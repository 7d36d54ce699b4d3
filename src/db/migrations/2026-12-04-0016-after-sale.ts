// Frozen once landed. Additive only: old processes ignore the new columns (deals they create
// are new business, with no origin) and never read the new table.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * After the sale (see docs/qualify.md):
 * - `pipelines.follow_up_tasks`: the tasks a deal's owner gets when the deal is won in the
 *   pipeline, as JSON `[{ kind, subjectEn, subjectAr, days }]` (due `days` after the win).
 *   Existing pipelines get none; a new workspace's default pipeline gets the default template.
 * - `deals.business_kind` ('new' | 'upsell' | 'cross_sell') and `deals.origin_deal_id`: an
 *   upsell or cross-sell is created from a won deal and stays linked to it; the metrics report
 *   its revenue as expansion, apart from new business.
 * - `surveys`: a satisfaction survey of a won deal: an unguessable, single-use link (only its
 *   SHA-256 is kept), expiring; the answer (CSAT 1–5 and a comment) is recorded on it, and so
 *   on the deal and its company.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('pipelines')
    .addColumn('follow_up_tasks', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('deals')
    .addColumn('business_kind', 'text', (c) => c.notNull().defaultTo('new'))
    .execute();
  await db.schema
    .alterTable('deals')
    .addColumn('origin_deal_id', 'text', (c) => c.references('deals.id'))
    .execute();
  await db.schema
    .createIndex('deals_origin')
    .on('deals')
    .columns(['workspace_id', 'origin_deal_id'])
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .addColumn('score', 'integer')
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('surveys_deal')
    .on('surveys')
    .columns(['workspace_id', 'deal_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('surveys_company')
    .on('surveys')
    .columns(['workspace_id', 'company_id', 'answered_at'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
