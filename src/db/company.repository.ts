import { type Insertable, sql } from 'kysely';
import type { CustomFieldPredicate } from '../domain/custom-field-filters.js';
import type { Db } from './connection.js';
import {
  type CustomSort,
  afterCustomValue,
  customFieldCondition,
  pageByCustomSort,
  withoutCustomValue,
} from './custom-field.repository.js';
import { dialectOf } from './dialect.js';
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { containsFolded } from './like.js';
import type { CompanyRow, CompanyTable } from './schema.js';

export interface CompanyListQuery {
  workspaceId: string;
  q?: string | undefined;
  ownerId?: string | undefined;
  /** Custom-field conditions, all of which a company meets (see docs/custom-fields.md). */
  customFields?: readonly CustomFieldPredicate[] | undefined;
  sort: 'name' | 'createdAt' | 'updatedAt';
  /** Sorts by a custom field's value instead of `sort`. */
  customSort?: CustomSort | undefined;
  direction: SortDirection;
  limit: number;
  cursor?: string | undefined;
}

const COMPANY_SORTS = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/** Ids per statement when locking many companies: well under either dialect's parameter limit. */
const LOCK_CHUNK = 500;

export function insertCompany(db: Db, row: Insertable<CompanyTable>) {
  return db.insertInto('companies').values(row).execute();
}

export function findCompany(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The live company, locked until the transaction ends: `update` by the writer that deletes it,
 * `share` by those that attach a deal to it, so a delete and a new deal for the same company
 * take turns and the second sees what the first did (a deleted company is then not found).
 * PostgreSQL only: SQLite runs one writing transaction at a time already.
 */
export function lockCompany(db: Db, workspaceId: string, id: string, mode: 'update' | 'share') {
  const query = db
    .selectFrom('companies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (dialectOf(db) !== 'postgres') return query.executeTakeFirst();
  return (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
}

/**
 * Of the given companies, the ids still live, each locked `FOR SHARE` until the transaction ends
 * (see lockCompany): a batch of deals attached to them cannot race a delete.
 */
export async function lockLiveCompanies(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Set<string>> {
  const live = new Set<string>();
  const isPostgres = dialectOf(db) === 'postgres';
  for (let start = 0; start < ids.length; start += LOCK_CHUNK) {
    const query = db
      .selectFrom('companies')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids.slice(start, start + LOCK_CHUNK))
      .where('deleted_at', 'is', null)
      .orderBy('id');
    for (const row of await (isPostgres ? query.forShare() : query).execute()) live.add(row.id);
  }
  return live;
}

/** The list's filters, on any select that reads `companies`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyCompanyFilter<Q extends { where: (...args: any[]) => Q }>(
  select: Q,
  query: CompanyListQuery,
): Q {
  let q = select
    .where('companies.workspace_id', '=', query.workspaceId)
    .where('companies.deleted_at', 'is', null);
  if (query.ownerId) q = q.where('companies.owner_id', '=', query.ownerId);
  if (query.q) q = q.where(containsFolded(sql.ref('companies.search_text'), query.q));
  for (const predicate of query.customFields ?? []) {
    q = q.where(customFieldCondition(sql.ref('companies.id'), query.workspaceId, predicate));
  }
  return q;
}

export async function listCompanies(db: Db, query: CompanyListQuery): Promise<Page<CompanyRow>> {
  const { customSort, direction } = query;
  if (customSort) {
    const value = sql.ref<string | number>(`v.${customSort.column}`);
    return pageByCustomSort(customSort, query, {
      valued: (after, limit) => {
        let select = applyCompanyFilter(
          db
            .selectFrom('custom_field_values as v')
            .innerJoin('companies', 'companies.id', 'v.record_id')
            .selectAll('companies')
            .select(value.as('custom_sort'))
            .where('v.workspace_id', '=', query.workspaceId)
            .where('v.field_id', '=', customSort.fieldId),
          query,
        )
          .orderBy(value, direction)
          .orderBy('v.record_id', direction)
          .limit(limit);
        if (after) {
          select = select.where((eb) =>
            afterCustomValue(eb, value, eb.ref('v.record_id'), direction, after),
          );
        }
        return select.execute();
      },
      missing: (afterId, limit) => {
        let select = applyCompanyFilter(db.selectFrom('companies').selectAll('companies'), query)
          .where(withoutCustomValue(sql.ref('companies.id'), query.workspaceId, customSort.fieldId))
          .orderBy('companies.id', direction)
          .limit(limit);
        if (afterId) {
          select = select.where('companies.id', direction === 'asc' ? '>' : '<', afterId);
        }
        return select.execute();
      },
    });
  }
  const column = COMPANY_SORTS[query.sort];
  const sortExpr = sql.ref(`companies.${column}`);
  let select = applyCompanyFilter(db.selectFrom('companies').selectAll('companies'), query)
    .orderBy(sortExpr, direction)
    .orderBy('companies.id', direction)
    .limit(query.limit + 1);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    select = select.where((eb) =>
      afterCursor(eb, sortExpr, eb.ref('companies.id'), direction, cursor),
    );
  }
  return toPage(await select.execute(), query.limit, (row) => row[column]);
}

/** How many live deals (open, won or lost, not deleted) name the company. */
export async function countDealsOfCompany(
  db: Db,
  workspaceId: string,
  companyId: string,
): Promise<number> {
  const row = await db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('company_id', '=', companyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
