// Frozen once landed. Additive only: old processes keep working while this is applied.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * What imports need: the id a record had in the system it came from (so importing the same
 * file again updates instead of duplicating), a product catalogue with list prices, and the
 * products a deal carries (so an amount that disagrees with its items can be flagged).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('external_refs')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // 'company' | 'contact' | 'deal' | 'user' | 'product'
    .addColumn('kind', 'text', (c) => c.notNull())
    // Where the id comes from: 'pipedrive', 'hubspot', 'salesforce', a mapping's own name…
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_refs_pk', ['workspace_id', 'kind', 'source', 'external_id'])
    .execute();
  await db.schema
    .createIndex('external_refs_record')
    .on('external_refs')
    .columns(['workspace_id', 'kind', 'record_id'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('series', 'text')
    .addColumn('list_price_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('products_workspace_name')
    .on('products')
    .columns(['workspace_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('deal_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // The product's list price when the item was recorded, in `currency`.
    .addColumn('unit_price_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deal_items_deal')
    .on('deal_items')
    .columns(['workspace_id', 'deal_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
