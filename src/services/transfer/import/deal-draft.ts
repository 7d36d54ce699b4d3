import type { Insertable } from 'kysely';
import type { DealItemTable } from '../../../db/schema.js';
import type { AmountSource } from '../../../domain/deal.js';
import type { ImportedDealState } from '../../../domain/import/imported-history.js';
import type { RecordedChange } from '../../../domain/deal-field-history.js';
import type { RowCustomValues } from './custom-field-import.js';
import type { ImportRow } from './import-columns.js';
import type { ImportRun } from './import-run.js';
import type { ProductEntry } from './product-catalog.js';

/** One deal row of the file, checked and resolved, waiting for its batch to be written. */
export interface DealDraft {
  row: ImportRow;
  externalId: string | null;
  fields: {
    title: string;
    company_id: string | null;
    owner_id: string | null;
    amount_minor: number | null;
    currency: string;
    amount_source: AmountSource;
    expected_close_date: string | null;
    source: string | null;
    pipeline_id: string;
    probability_override: number | null;
  };
  openedAt: number;
  state: ImportedDealState;
  /** Recorded changes of tracked fields (a migration's), written as the deal's field history. */
  fieldChanges: RecordedChange[];
  product: ProductEntry | null;
  /** The row's custom-field values (see custom-field-import.ts). */
  customValues: RowCustomValues;
}

/** The deal's product as one item at its list price (what the value check compares with). */
export function itemRowOf(
  run: ImportRun,
  dealId: string,
  product: ProductEntry,
): Insertable<DealItemTable> {
  return {
    id: run.newId(),
    workspace_id: run.workspace.id,
    deal_id: dealId,
    product_id: product.id,
    quantity: 1,
    unit_price_minor: product.listPriceMinor,
    currency: product.currency,
  };
}
