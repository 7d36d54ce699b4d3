import type { Insertable } from 'kysely';
import { lockLiveCompanies } from '../../../db/company.repository.js';
import { insertRowsInChunks, listCompaniesForMatching } from '../../../db/import.repository.js';
import type { CompanyTable } from '../../../db/schema.js';
import { updateAtVersion } from '../../../db/versioned.js';
import { companyMatchKey, NearKeyIndex } from '../../../domain/import/match-key.js';
import { buildSearchText } from '../../../domain/search-text.js';
import { normalizeWebDomain } from '../../../domain/web-domain.js';
import type { ImportRow } from './import-columns.js';
import { changedDuringImport, type ImportRun, RowRejected } from './import-run.js';

const MAX_CACHED_NAMES = 100_000;

export interface CompanyEntry {
  id: string;
  name: string;
  domain: string | null;
  sector: string | null;
  size: string | null;
  country: string | null;
  ownerId: string | null;
  version: number;
  /** The file row that created it in this run (null for companies that were there before). */
  createdAtRow: number | null;
  /** Not written yet: changes go into this row instead of an UPDATE. */
  pending: Insertable<CompanyTable> | null;
}

export type CompanyFields = Pick<
  CompanyEntry,
  'name' | 'domain' | 'sector' | 'size' | 'country' | 'ownerId'
>;

/**
 * The workspace's companies in memory, matched as people mean them: the same web domain, or the
 * same name once folded and stripped of spaces, punctuation and legal forms ("Acme Inc." =
 * "ACME"). A name one letter away from a known one is a suggestion, never a silent merge.
 */
export class CompanyDirectory {
  readonly #byId = new Map<string, CompanyEntry>();
  readonly #byKey = new Map<string, CompanyEntry>();
  readonly #byDomain = new Map<string, CompanyEntry>();
  readonly #near = new NearKeyIndex<CompanyEntry>();
  readonly #keys = new Map<string, string>();
  #inserts: Insertable<CompanyTable>[] = [];
  #created: CompanyEntry[] = [];
  #updates: CompanyEntry[] = [];

  static async load(run: ImportRun): Promise<CompanyDirectory> {
    const directory = new CompanyDirectory();
    for (const row of await listCompaniesForMatching(run.db, run.workspace.id)) {
      directory.#index({
        id: row.id,
        name: row.name,
        domain: row.domain,
        sector: row.sector,
        size: row.size,
        country: row.country,
        ownerId: row.owner_id,
        version: row.version,
        createdAtRow: null,
        pending: null,
      });
    }
    return directory;
  }

  #index(entry: CompanyEntry): void {
    this.#byId.set(entry.id, entry);
    const key = companyMatchKey(entry.name);
    if (!this.#byKey.has(key)) {
      this.#byKey.set(key, entry);
      this.#near.add(key, entry);
    }
    if (entry.domain && !this.#byDomain.has(entry.domain)) this.#byDomain.set(entry.domain, entry);
  }

  byId(id: string): CompanyEntry | undefined {
    return this.#byId.get(id);
  }

  find(name: string, domain: string | null): CompanyEntry | undefined {
    return (domain ? this.#byDomain.get(domain) : undefined) ?? this.#byKey.get(this.keyOf(name));
  }

  /** The match key of a name; files name the same companies again and again: folded once. */
  keyOf(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      key = companyMatchKey(name);
      if (this.#keys.size < MAX_CACHED_NAMES) this.#keys.set(name, key);
    }
    return key;
  }

  /** Reports the known companies whose name is one letter away from a new one's. */
  suggestNear(run: ImportRun, row: ImportRow, field: string, name: string): void {
    for (const near of this.#near.near(companyMatchKey(name))) {
      run.report.suggest({
        row: row.number,
        column: row.column(field),
        value: name,
        similarTo: near.value.name,
        reason:
          'A new company whose name is one letter away from an existing one; it was kept ' +
          'apart. If they are the same, map the value in "values" and import again.',
      });
    }
  }

  /** Adds a company (written on the next flush). */
  create(run: ImportRun, row: ImportRow, fields: CompanyFields): CompanyEntry {
    const id = run.newId();
    const pending: Insertable<CompanyTable> = {
      id,
      workspace_id: run.workspace.id,
      name: fields.name,
      domain: fields.domain,
      sector: fields.sector,
      size: fields.size,
      country: fields.country,
      owner_id: fields.ownerId,
      search_text: buildSearchText(fields.name, fields.domain),
      created_at: run.now,
      updated_at: run.now,
    };
    const entry: CompanyEntry = { ...fields, id, version: 1, createdAtRow: row.number, pending };
    this.#inserts.push(pending);
    this.#created.push(entry);
    this.#index(entry);
    return entry;
  }

  /** Applies the non-empty fields that differ; returns whether anything changed. */
  update(entry: CompanyEntry, fields: Partial<CompanyFields>): boolean {
    const changes: Partial<CompanyFields> = {};
    for (const key of ['name', 'domain', 'sector', 'size', 'country', 'ownerId'] as const) {
      const value = fields[key];
      if (value !== undefined && value !== null && value !== entry[key]) changes[key] = value;
    }
    if (Object.keys(changes).length === 0) return false;
    Object.assign(entry, changes);
    if (changes.domain && !this.#byDomain.has(changes.domain)) {
      this.#byDomain.set(changes.domain, entry);
    }
    if (entry.pending) {
      Object.assign(entry.pending, {
        name: entry.name,
        domain: entry.domain,
        sector: entry.sector,
        size: entry.size,
        country: entry.country,
        owner_id: entry.ownerId,
        search_text: buildSearchText(entry.name, entry.domain),
      });
    } else if (!this.#updates.includes(entry)) {
      this.#updates.push(entry);
    }
    return true;
  }

  /** Marks a company whose custom values change, so its version moves with them. */
  touch(entry: CompanyEntry): void {
    if (!entry.pending && !this.#updates.includes(entry)) this.#updates.push(entry);
  }

  /**
   * The company a deal or contact names, created when the workspace has none by that name
   * (counted in the report); null when the cell is empty.
   */
  resolveOrCreate(run: ImportRun, row: ImportRow, field: string): string | null {
    const name = row.get(field);
    if (name === null) return null;
    if (this.keyOf(name) === '') throw new RowRejected(field, `not a company name: "${name}"`);
    const found = this.find(name, null);
    if (found) return found.id;
    this.suggestNear(run, row, field, name);
    run.report.alsoCreated('companies');
    return this.create(run, row, {
      name: name.trim(),
      domain: null,
      sector: null,
      size: null,
      country: null,
      ownerId: run.actor.userId,
    }).id;
  }

  /**
   * Locks the companies that were there before the import and that a batch of deals names (see
   * lockLiveCompanies), before the deals are written: one deleted since the directory read it
   * stops the import like any other change by someone else, instead of leaving its deals
   * attached to a deleted company.
   */
  async lockForDeals(run: ImportRun, companyIds: Iterable<string | null>): Promise<void> {
    const existing = new Set<string>();
    for (const id of companyIds) {
      if (id !== null && this.#byId.get(id)?.createdAtRow === null) existing.add(id);
    }
    const live = await lockLiveCompanies(run.db, run.workspace.id, [...existing]);
    const gone = [...existing].find((id) => !live.has(id));
    if (gone !== undefined) {
      throw changedDuringImport('company', this.#byId.get(gone)?.name ?? gone);
    }
  }

  /** Writes the companies created and changed since the last flush. */
  async write(run: ImportRun): Promise<void> {
    const inserts = this.#inserts;
    const updates = this.#updates;
    this.#inserts = [];
    this.#updates = [];
    for (const entry of this.#created) entry.pending = null;
    this.#created = [];
    await insertRowsInChunks(run.db, 'companies', inserts);
    for (const entry of updates) {
      const changed = await updateAtVersion(
        run.db,
        'companies',
        run.workspace.id,
        entry.id,
        entry.version,
        {
          name: entry.name,
          domain: entry.domain,
          sector: entry.sector,
          size: entry.size,
          country: entry.country,
          owner_id: entry.ownerId,
          search_text: buildSearchText(entry.name, entry.domain),
          updated_at: run.now,
        },
      );
      if (changed === 0) throw changedDuringImport('company', entry.name);
      entry.version += 1;
    }
  }
}

/** A domain cell in its stored form; a value that is not a host name rejects the row. */
export function domainOf(row: ImportRow, field: string): string | null {
  const text = row.get(field);
  if (text === null) return null;
  const domain = normalizeWebDomain(text);
  if (!domain) throw new RowRejected(field, `not a web domain: "${text}"`);
  return domain;
}
