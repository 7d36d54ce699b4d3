import type { Insertable } from 'kysely';
import { insertRowsInChunks, listProducts } from '../../../db/import.repository.js';
import type { ProductTable } from '../../../db/schema.js';
import { NearKeyIndex, nameMatchKey } from '../../../domain/import/match-key.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { type ImportRun, RowRejected } from './import-run.js';

export interface ProductEntry {
  id: string;
  name: string;
  series: string | null;
  listPriceMinor: number | null;
  currency: string;
  isPending: boolean;
  isChanged: boolean;
}

/**
 * The workspace's products, found by exact (folded) name. "GTXPro" is not "GTX Pro": a name
 * equal once spaces are removed, or one letter away, is reported as a suggestion.
 */
export class ProductCatalog {
  readonly #byKey = new Map<string, ProductEntry>();
  readonly #near = new NearKeyIndex<ProductEntry>();
  readonly #byId = new Map<string, ProductEntry>();
  #created: ProductEntry[] = [];

  static async load(run: ImportRun): Promise<ProductCatalog> {
    const catalog = new ProductCatalog();
    for (const row of await listProducts(run.db, run.workspace.id)) {
      catalog.#index({
        id: row.id,
        name: row.name,
        series: row.series,
        listPriceMinor: row.list_price_minor,
        currency: row.currency,
        isPending: false,
        isChanged: false,
      });
    }
    return catalog;
  }

  #index(entry: ProductEntry): void {
    const key = nameMatchKey(entry.name);
    this.#byKey.set(key, entry);
    this.#byId.set(entry.id, entry);
    this.#near.add(key, entry);
  }

  byId(id: string): ProductEntry | undefined {
    return this.#byId.get(id);
  }

  find(name: string): ProductEntry | undefined {
    return this.#byKey.get(headerKey(name));
  }

  /** The product a deal's cell names; an unknown one rejects the row, naming its look-alike. */
  resolve(run: ImportRun, row: ImportRow, field: string): ProductEntry | null {
    const name = row.get(field);
    if (name === null) return null;
    const found = this.find(name);
    if (found) return found;
    const near = this.#near.near(nameMatchKey(name))[0]?.value;
    if (near) {
      run.report.suggest({
        row: row.number,
        column: row.column(field),
        value: name,
        similarTo: near.name,
        reason: `Not a product of the catalogue, but close to "${near.name}": map it in "values"`,
      });
    }
    throw new RowRejected(
      field,
      `unknown product "${name}"${near ? ` (did you mean "${near.name}"?)` : ''}: import the ` +
        'products first or map the value in "values"',
    );
  }

  /** Near names of a new product, as suggestions. */
  suggestNear(run: ImportRun, row: ImportRow, name: string): void {
    for (const near of this.#near.near(nameMatchKey(name))) {
      run.report.suggest({
        row: row.number,
        column: row.column('name'),
        value: name,
        similarTo: near.value.name,
        reason: 'A new product whose name is close to an existing one; kept apart',
      });
    }
  }

  create(
    run: ImportRun,
    fields: Omit<ProductEntry, 'id' | 'isPending' | 'isChanged'>,
  ): ProductEntry {
    const entry = { ...fields, id: run.newId(), isPending: true, isChanged: false };
    this.#index(entry);
    this.#created.push(entry);
    return entry;
  }

  update(
    entry: ProductEntry,
    fields: Partial<Pick<ProductEntry, 'name' | 'series' | 'listPriceMinor' | 'currency'>>,
  ): boolean {
    let isChanged = false;
    if (fields.name && nameMatchKey(fields.name) !== nameMatchKey(entry.name)) {
      this.#byKey.delete(nameMatchKey(entry.name));
      this.#byKey.set(nameMatchKey(fields.name), entry);
      this.#near.add(nameMatchKey(fields.name), entry);
    }
    for (const key of ['name', 'series', 'listPriceMinor', 'currency'] as const) {
      const value = fields[key];
      if (value !== undefined && value !== null && value !== entry[key]) {
        Object.assign(entry, { [key]: value });
        isChanged = true;
      }
    }
    if (isChanged && !entry.isPending) entry.isChanged = true;
    return isChanged;
  }

  async write(run: ImportRun): Promise<void> {
    const created = this.#created;
    this.#created = [];
    const changed = [...this.#byId.values()].filter((p) => p.isChanged);
    for (const entry of created) entry.isPending = false;
    for (const entry of changed) entry.isChanged = false;
    const rows: Insertable<ProductTable>[] = created.map((p) => ({
      id: p.id,
      workspace_id: run.workspace.id,
      name: p.name,
      series: p.series,
      list_price_minor: p.listPriceMinor,
      currency: p.currency,
      created_at: run.now,
      updated_at: run.now,
    }));
    await insertRowsInChunks(run.db, 'products', rows);
    for (const p of changed) {
      await run.db
        .updateTable('products')
        .set({
          name: p.name,
          series: p.series,
          list_price_minor: p.listPriceMinor,
          currency: p.currency,
          updated_at: run.now,
        })
        .where('workspace_id', '=', run.workspace.id)
        .where('id', '=', p.id)
        .execute();
    }
  }
}
