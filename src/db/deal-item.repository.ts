import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import { insertRowsInChunks } from './import.repository.js';
import type { DealItemTable } from './schema.js';

/** A deal's items in their order, each with its product's name. */
export function listItemsOfDeal(db: Db, workspaceId: string, dealId: string) {
  return db
    .selectFrom('deal_items')
    .innerJoin('products', 'products.id', 'deal_items.product_id')
    .select([
      'deal_items.id',
      'deal_items.product_id',
      'products.name as product_name',
      'deal_items.quantity',
      'deal_items.unit_price_minor',
      'deal_items.discount_bp',
      'deal_items.currency',
      'deal_items.position',
    ])
    .where('deal_items.workspace_id', '=', workspaceId)
    .where('deal_items.deal_id', '=', dealId)
    .orderBy('deal_items.position')
    .orderBy('deal_items.id')
    .execute();
}

/** Replaces all of a deal's items with `rows` (call it inside the transaction that checks the deal's version). */
export async function replaceItemsOfDeal(
  db: Db,
  workspaceId: string,
  dealId: string,
  rows: Insertable<DealItemTable>[],
): Promise<void> {
  await db
    .deleteFrom('deal_items')
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .execute();
  await insertRowsInChunks(db, 'deal_items', rows);
}
