import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { ProductTable } from './schema.js';

/** Products of the workspace among `ids`. */
export function findProductsByIds(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function findProduct(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('products')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Adds a product unless the workspace has one of exactly this name (the unique index on
 * workspace and name); returns whether it was added. Two people adding the same name at once
 * get one product and one "taken", never a constraint error.
 */
export async function insertProductIfNameFree(
  db: Db,
  row: Insertable<ProductTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('products')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
