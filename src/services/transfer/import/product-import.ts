import { isKnownCurrency } from '../../../domain/money.js';
import type { ImportRow } from './import-columns.js';
import { type ImportRun, RowRejected } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import type { ProductCatalog } from './product-catalog.js';

/** Products with list prices: matched by external id, then exact (folded) name. */
export function productImporter(run: ImportRun, catalog: ProductCatalog): KindImporter {
  let queue: {
    row: ImportRow;
    externalId: string | null;
    name: string;
    series: string | null;
    listPriceMinor: number | null;
    currency: string;
  }[] = [];
  return {
    accept(row) {
      const name = run.required(row, 'name', 'the product name');
      const currency = (
        row.get('currency') ??
        run.options.currency ??
        run.workspace.baseCurrency
      ).toUpperCase();
      if (!isKnownCurrency(currency))
        throw new RowRejected('currency', `unknown currency "${currency}"`);
      queue.push({
        row,
        name,
        currency,
        externalId: row.get('externalId'),
        series: row.get('series'),
        listPriceMinor: run.amount(row, 'listPrice', currency),
      });
    },
    async flush() {
      const batch = queue;
      queue = [];
      const refs = await run.existingRecords(
        'product',
        batch.flatMap((d) => (d.externalId ? [d.externalId] : [])),
      );
      for (const draft of batch) {
        const byRef = draft.externalId ? refs.get(draft.externalId) : undefined;
        if (byRef && !catalog.byId(byRef)) {
          run.skipDeleted(draft.row, 'Products');
          continue;
        }
        const existing = (byRef ? catalog.byId(byRef) : undefined) ?? catalog.find(draft.name);
        const fields = {
          name: draft.name,
          series: draft.series,
          listPriceMinor: draft.listPriceMinor,
          currency: draft.currency,
        };
        if (existing) {
          const namesake = catalog.find(draft.name);
          if (namesake && namesake !== existing) {
            run.reject(
              draft.row,
              'name',
              `renaming product "${existing.name}" to "${draft.name}" would give two products ` +
                'the same name',
            );
            continue;
          }
          const isChanged = catalog.update(
            existing,
            byRef ? fields : { ...fields, name: existing.name },
          );
          run.report.report.rows[isChanged ? 'updated' : 'skipped'] += 1;
          if (draft.externalId && !byRef)
            run.addExternalRef('product', draft.externalId, existing.id);
          continue;
        }
        catalog.suggestNear(run, draft.row, draft.name);
        const entry = catalog.create(run, fields);
        run.report.report.rows.created += 1;
        if (draft.externalId) run.addExternalRef('product', draft.externalId, entry.id);
      }
      await catalog.write(run);
      await run.writeExternalRefs();
    },
  };
}
