import type { Selectable } from 'kysely';
import { listProducts } from '../../db/import.repository.js';
import type { ProductTable } from '../../db/schema.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';

export interface ProductView {
  id: string;
  name: string;
  series: string | null;
  /** The list price in minor units of `currency`, if the catalogue gives one. */
  listPriceMinor: number | null;
  currency: string;
  createdAt: string | null;
}

function toProductView(row: Selectable<ProductTable>): ProductView {
  return {
    id: row.id,
    name: row.name,
    series: row.series,
    listPriceMinor: row.list_price_minor,
    currency: row.currency,
    createdAt: toIso(row.created_at),
  };
}

/** The workspace's product catalogue, by name: what deals' line items and filters pick from. */
export async function listProductViews(ctx: ServiceContext): Promise<ProductView[]> {
  requirePermission(ctx.actor, 'read');
  return (await listProducts(ctx.db, ctx.actor.workspaceId)).map(toProductView);
}
