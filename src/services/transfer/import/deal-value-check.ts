import type { DealStatus } from '../../../domain/deal.js';
import type { ValueCheck } from '../../../domain/import/import-report.js';
import type { ProductEntry } from './product-catalog.js';

const MAX_EXAMPLES = 20;

/**
 * "Verify the deal's value" (docs/concepts.md#amount-source-and-line-items): a deal whose amount differs from its items' list
 * prices by more than the tolerance is flagged. Deals without an amount, items without a price
 * or in another currency, and lost deals recorded at 0 (no revenue) are not checked.
 * @example tolerance 0.1, item 4,821, amount 4,514 → |4514 − 4821| / 4821 = 6.4% → not flagged
 */
export class DealValueCheck {
  readonly #result: ValueCheck;

  constructor(tolerance: number) {
    this.#result = { tolerance, checked: 0, flagged: 0, examples: [] };
  }

  check(
    row: number,
    status: DealStatus,
    amountMinor: number | null,
    currency: string,
    product: ProductEntry,
  ): void {
    const itemsTotal = product.listPriceMinor;
    if (amountMinor === null || itemsTotal === null || itemsTotal <= 0) return;
    if (product.currency !== currency || (status === 'lost' && amountMinor === 0)) return;
    this.#result.checked += 1;
    if (Math.abs(amountMinor - itemsTotal) / itemsTotal <= this.#result.tolerance) return;
    this.#result.flagged += 1;
    if (this.#result.examples.length < MAX_EXAMPLES) {
      this.#result.examples.push({ row, amount: amountMinor, itemsTotal, currency });
    }
  }

  result(): ValueCheck | null {
    return this.#result.checked > 0 ? this.#result : null;
  }
}
