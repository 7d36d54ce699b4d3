import type { Selectable } from 'kysely';
import { newId } from '../../db/id.js';
import { listProducts } from '../../db/import.repository.js';
import { findProduct, insertProductIfNameFree } from '../../db/product.repository.js';
import type { ProductTable } from '../../db/schema.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { nameMatchKey } from '../../domain/import/match-key.js';
import { currencyExponent } from '../../domain/money.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
} from '../context.service.js';

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

export interface ProductInput {
  name: string;
  series?: string | null | undefined;
  /** In minor units of `currency`. */
  listPriceMinor?: number | null | undefined;
  /** Defaults to the workspace's base currency. */
  currency?: string | undefined;
}

function nameTaken(name: string): DomainError {
  return new DomainError('CONFLICT', `A product named ${name} already exists`, [
    { path: ['name'], message: 'Already taken', code: 'duplicate_name' },
  ]);
}

/**
 * Adds a product to the catalogue, e.g. one a rep needs on a deal and the catalogue lacks. Its
 * name must be new once folded the way the import matches products ("GTX Pro" = "gtx  pro"),
 * so the next import of the catalogue finds it instead of adding it again.
 */
export async function createProduct(
  ctx: ServiceContext,
  input: ProductInput,
): Promise<ProductView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const workspace = await findWorkspace(tx.db, workspaceId);
    if (!workspace) throw notFound('Workspace');
    const currency = input.currency ?? workspace.base_currency;
    currencyExponent(currency);
    const name = input.name.trim();
    const key = nameMatchKey(name);
    if (key === '') {
      throw new DomainError('VALIDATION_FAILED', 'Not a product name', [
        { path: ['name'], message: 'Give the product a name', code: 'invalid_name' },
      ]);
    }
    const existing = await listProducts(tx.db, workspaceId);
    if (existing.some((p) => nameMatchKey(p.name) === key)) throw nameTaken(name);
    const id = newId();
    const isAdded = await insertProductIfNameFree(tx.db, {
      id,
      workspace_id: workspaceId,
      name,
      series: input.series?.trim() || null,
      list_price_minor: input.listPriceMinor ?? null,
      currency,
      created_at: tx.now,
      updated_at: tx.now,
    });
    if (!isAdded) throw nameTaken(name);
    const row = await findProduct(tx.db, workspaceId, id);
    if (!row) throw notFound('Product');
    return toProductView(row);
  });
}
