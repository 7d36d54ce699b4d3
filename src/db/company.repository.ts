import { type Insertable, sql } from 'kysely';
import type { Db } from './connection.js';
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { containsFolded } from './like.js';
import type { CompanyRow, CompanyTable } from './schema.js';

export interface CompanyListQuery {
  workspaceId: string;
  q?: string | undefined;
  ownerId?: string | undefined;
  sort: 'name' | 'createdAt' | 'updatedAt';
  direction: SortDirection;
  limit: number;
  cursor?: string | undefined;
}

const COMPANY_SORTS = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

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

export async function listCompanies(db: Db, query: CompanyListQuery): Promise<Page<CompanyRow>> {
  const column = COMPANY_SORTS[query.sort];
  const sortExpr = sql.ref(`companies.${column}`);
  let select = db
    .selectFrom('companies')
    .selectAll()
    .where('workspace_id', '=', query.workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy(sortExpr, query.direction)
    .orderBy('id', query.direction)
    .limit(query.limit + 1);
  if (query.ownerId) select = select.where('owner_id', '=', query.ownerId);
  if (query.q) select = select.where(containsFolded(sql.ref('companies.search_text'), query.q));
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    select = select.where((eb) =>
      afterCursor(eb, sortExpr, eb.ref('companies.id'), query.direction, cursor),
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
