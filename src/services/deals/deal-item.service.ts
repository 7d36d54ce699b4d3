import type { Insertable } from 'kysely';
import { listItemsOfDeal, replaceItemsOfDeal } from '../../db/deal-item.repository.js';
import { newId } from '../../db/id.js';
import { findProductsByIds } from '../../db/product.repository.js';
import type { DealItemTable, DealRow } from '../../db/schema.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import {
  discountBasisPoints,
  lineTotalMinor,
  percentOfBasisPoints,
  totalOfLines,
} from '../../domain/line-items.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  versionConflict,
} from '../context.service.js';
import { loadVisibleDeal } from './deal-access.js';
import { viewDeal } from './deal.service.js';
import { applyDealChange, authorOf } from './deal-spine.js';

/** At most this many items on one deal. */
export const MAX_DEAL_ITEMS = 200;

export interface DealItemView {
  id: string;
  productId: string;
  productName: string;
  quantity: number;
  /** Null only for an imported item whose product had no list price. */
  unitPriceMinor: number | null;
  discountPercent: number;
  /** The item's own currency: the deal's for every item written through the API. */
  currency: string;
  /** round(quantity × unit price × (1 − discount)); null without a unit price. */
  totalMinor: number | null;
}

export interface DealItemsView {
  dealId: string;
  /** The deal's version: send it back in If-Match to replace the items. */
  dealVersion: number;
  currency: string;
  amountMinor: number | null;
  items: DealItemView[];
  /** Sum of the items' totals in the deal's currency; null when an item has no price or is in another currency. */
  totalMinor: number | null;
  /** The deal's amount equals the items' total (true when there are no items to disagree with). */
  amountMatchesItems: boolean;
}

export interface DealItemInput {
  productId: string;
  /** Whole units, at least 1. */
  quantity: number;
  /** In minor units of the deal's currency; defaults to the product's list price. */
  unitPriceMinor?: number | undefined;
  /** 0 to 100, at most two decimals; defaults to 0. */
  discountPercent?: number | undefined;
}

export interface ReplaceDealItemsInput {
  items: DealItemInput[];
  /** Sets the deal's amount to the items' total. */
  useAsAmount?: boolean | undefined;
}

async function itemsViewOf(ctx: ServiceContext, deal: DealRow): Promise<DealItemsView> {
  const rows = await listItemsOfDeal(ctx.db, ctx.actor.workspaceId, deal.id);
  const items = rows.map((row) => ({
    id: row.id,
    productId: row.product_id,
    productName: row.product_name,
    quantity: row.quantity,
    unitPriceMinor: row.unit_price_minor,
    discountPercent: percentOfBasisPoints(row.discount_bp),
    currency: row.currency,
    totalMinor:
      row.unit_price_minor === null
        ? null
        : Number(
            lineTotalMinor({
              quantity: row.quantity,
              unitPriceMinor: row.unit_price_minor,
              discountBp: row.discount_bp,
            }),
          ),
  }));
  const isSummable = items.every((i) => i.totalMinor !== null && i.currency === deal.currency);
  const totalMinor = isSummable ? items.reduce((sum, i) => sum + (i.totalMinor ?? 0), 0) : null;
  return {
    dealId: deal.id,
    dealVersion: deal.version,
    currency: deal.currency,
    amountMinor: deal.amount_minor,
    items,
    totalMinor,
    amountMatchesItems: items.length === 0 || deal.amount_minor === totalMinor,
  };
}

/** A deal's line items with their totals, for a deal the actor may see. */
export async function getDealItems(ctx: ServiceContext, dealId: string): Promise<DealItemsView> {
  requirePermission(ctx.actor, 'read');
  return itemsViewOf(ctx, await loadVisibleDeal(ctx, dealId));
}

function itemError(index: number, field: string, message: string, code: string): ErrorDetail {
  return { path: ['items', index, field], message, code };
}

/**
 * The rows of the new items, priced in the deal's currency: a given unit price is taken as in
 * it; without one the product's list price is used, which must be in the deal's currency.
 */
async function pricedRows(
  ctx: ServiceContext,
  deal: DealRow,
  items: DealItemInput[],
): Promise<Insertable<DealItemTable>[]> {
  const { workspaceId } = ctx.actor;
  const products = new Map(
    (
      await findProductsByIds(
        ctx.db,
        workspaceId,
        items.map((i) => i.productId),
      )
    ).map((p) => [p.id, p]),
  );
  const details: ErrorDetail[] = [];
  const rows = items.map((item, index): Insertable<DealItemTable> => {
    const product = products.get(item.productId);
    if (!product) {
      details.push(itemError(index, 'productId', 'Product not found', 'unknown_reference'));
    }
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) {
      details.push(itemError(index, 'quantity', 'A whole number, at least 1', 'invalid_quantity'));
    }
    const discountBp = discountBasisPoints(item.discountPercent ?? 0);
    if (discountBp === undefined) {
      details.push(
        itemError(
          index,
          'discountPercent',
          'From 0 to 100, with at most two decimals',
          'invalid_discount',
        ),
      );
    }
    let unitPrice = item.unitPriceMinor ?? null;
    if (unitPrice === null && product) {
      if (product.list_price_minor === null) {
        details.push(
          itemError(index, 'unitPriceMinor', 'The product has no list price', 'price_required'),
        );
      } else if (product.currency !== deal.currency) {
        details.push(
          itemError(
            index,
            'unitPriceMinor',
            `The product's list price is in ${product.currency}, the deal is in ` +
              `${deal.currency}: give the unit price in ${deal.currency}`,
            'currency_mismatch',
          ),
        );
      } else {
        unitPrice = product.list_price_minor;
      }
    }
    return {
      id: newId(),
      workspace_id: workspaceId,
      deal_id: deal.id,
      product_id: item.productId,
      quantity: item.quantity,
      unit_price_minor: unitPrice,
      currency: deal.currency,
      discount_bp: discountBp ?? 0,
      position: index,
    };
  });
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid items', details);
  return rows;
}

/**
 * Replaces a deal's items if the deal is still at `version`: one transaction writes the items
 * and bumps the deal's version (so two people editing the items cannot both win), and with
 * `useAsAmount` sets the deal's amount to the items' total, in the deal's currency.
 */
export async function replaceDealItems(
  ctx: ServiceContext,
  dealId: string,
  version: number,
  input: ReplaceDealItemsInput,
): Promise<DealItemsView> {
  requirePermission(ctx.actor, 'records.write');
  if (input.items.length > MAX_DEAL_ITEMS) {
    throw new DomainError('VALIDATION_FAILED', `At most ${MAX_DEAL_ITEMS} items`, [
      { path: ['items'], message: `At most ${MAX_DEAL_ITEMS} items`, code: 'too_many_items' },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    const current = await loadVisibleDeal(tx, dealId);
    if (current.version !== version) throw versionConflict(await viewDeal(tx, current));
    const rows = await pricedRows(tx, current, input.items);
    const { totalMinor } = totalOfLines(
      rows.map((row) => ({
        quantity: row.quantity,
        unitPriceMinor: row.unit_price_minor ?? 0,
        discountBp: row.discount_bp ?? 0,
      })),
    );
    const isApplied = await applyDealChange(
      tx.db,
      authorOf(tx),
      { ...current, version },
      input.useAsAmount ? { amount_minor: totalMinor, updated_at: tx.now } : { updated_at: tx.now },
      null,
    );
    if (!isApplied) throw versionConflict(await viewDeal(tx, current));
    await replaceItemsOfDeal(tx.db, tx.actor.workspaceId, dealId, rows);
    return itemsViewOf(tx, await loadVisibleDeal(tx, dealId));
  });
}
