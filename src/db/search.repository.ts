import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from './connection.js';
import { applyDealFilter } from './deal.repository.js';
import { containsFolded, laterWordStartsWithFolded, startsWithFolded } from './like.js';

/** One kind's part of "search everywhere". */
export interface SearchQuery {
  workspaceId: string;
  /** The query, folded (normalizeSearchText); never empty. */
  term: string;
  /** How many candidates to read, best first by the SQL order below. */
  limit: number;
}

/**
 * An order on a folded search column close to the ranks of domain/search-rank.ts: the column
 * starting with the term first (an exact or prefix name), then a later word starting with it,
 * then the term anywhere; the shorter text first within each. So the first rows of a kind hold
 * its best hits.
 */
function matchOrder(column: Expression<unknown>, term: string) {
  return sql<number>`case when ${startsWithFolded(column, term)} then 0
    when ${laterWordStartsWithFolded(column, term)} then 1 else 2 end`;
}

/** Live deals whose title or source holds the term; `visibleOwnerId` limits a rep to theirs. */
export function searchDeals(db: Db, query: SearchQuery & { visibleOwnerId?: string | undefined }) {
  const column = sql.ref('deals.search_text');
  return applyDealFilter(
    db
      .selectFrom('deals')
      .leftJoin('companies', (join) =>
        join
          .onRef('companies.id', '=', 'deals.company_id')
          .onRef('companies.workspace_id', '=', 'deals.workspace_id')
          .on('companies.deleted_at', 'is', null),
      )
      .select([
        'deals.id',
        'deals.title',
        'deals.status',
        'deals.search_text',
        'companies.name as company_name',
      ]),
    { workspaceId: query.workspaceId, visibleOwnerId: query.visibleOwnerId },
  )
    .where(containsFolded(column, query.term))
    .orderBy(matchOrder(column, query.term))
    .orderBy(sql`length(deals.search_text)`)
    .orderBy('deals.id')
    .limit(query.limit)
    .execute();
}

/** Live companies whose name or domain holds the term. */
export function searchCompanies(db: Db, query: SearchQuery) {
  const column = sql.ref('companies.search_text');
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'domain', 'search_text'])
    .where('workspace_id', '=', query.workspaceId)
    .where('deleted_at', 'is', null)
    .where(containsFolded(column, query.term))
    .orderBy(matchOrder(column, query.term))
    .orderBy(sql`length(companies.search_text)`)
    .orderBy('id')
    .limit(query.limit)
    .execute();
}

/**
 * Live contacts whose name, job title or emails hold the term, or, with `phoneDigits`, one of
 * whose phones (normalised: + and ASCII digits) holds one of those digit strings.
 */
export function searchContacts(db: Db, query: SearchQuery & { phoneDigits: readonly string[] }) {
  const column = sql.ref('contacts.search_text');
  const phoneMatch =
    query.phoneDigits.length === 0
      ? sql<SqlBool>`1 = 0`
      : sql<SqlBool>`exists (select 1 from contact_channels cc where cc.contact_id = contacts.id
          and cc.workspace_id = contacts.workspace_id and cc.kind = 'phone'
          and (${sql.join(
            query.phoneDigits.map((digits) => sql`cc.normalized like ${`%${digits}%`}`),
            sql` or `,
          )}))`;
  return db
    .selectFrom('contacts')
    .leftJoin('companies', (join) =>
      join
        .onRef('companies.id', '=', 'contacts.company_id')
        .onRef('companies.workspace_id', '=', 'contacts.workspace_id')
        .on('companies.deleted_at', 'is', null),
    )
    .select([
      'contacts.id',
      'contacts.name',
      'contacts.job_title',
      'contacts.search_text',
      'companies.name as company_name',
    ])
    .where('contacts.workspace_id', '=', query.workspaceId)
    .where('contacts.deleted_at', 'is', null)
    .where((eb) => eb.or([containsFolded(column, query.term), phoneMatch]))
    .orderBy(sql`case when ${phoneMatch} then 0 else ${matchOrder(column, query.term)} end`)
    .orderBy(sql`length(contacts.search_text)`)
    .orderBy('contacts.id')
    .limit(query.limit)
    .execute();
}

/**
 * Activities whose subject or note holds the term, with the title of their deal (when it is live)
 * and the name of their company. With `visibleOwnerId`, activities of other owners' deals are
 * left out, as the activity list leaves them out.
 */
export function searchActivities(
  db: Db,
  query: SearchQuery & { visibleOwnerId?: string | undefined },
) {
  const column = sql.ref('activities.search_text');
  let select = db
    .selectFrom('activities')
    .leftJoin('deals', (join) =>
      join
        .onRef('deals.id', '=', 'activities.deal_id')
        .onRef('deals.workspace_id', '=', 'activities.workspace_id')
        .on('deals.deleted_at', 'is', null),
    )
    .leftJoin('companies', (join) =>
      join
        .onRef('companies.id', '=', 'activities.company_id')
        .onRef('companies.workspace_id', '=', 'activities.workspace_id')
        .on('companies.deleted_at', 'is', null),
    )
    .select([
      'activities.id',
      'activities.kind',
      'activities.subject',
      'activities.search_text',
      'deals.title as deal_title',
      'companies.name as company_name',
    ])
    .where('activities.workspace_id', '=', query.workspaceId)
    .where(containsFolded(column, query.term));
  const { visibleOwnerId } = query;
  if (visibleOwnerId !== undefined) {
    // Deleted deals too: an activity of another rep's deal stays hidden after it is deleted.
    select = select.where(sql<SqlBool>`(activities.deal_id is null or exists (select 1 from
      deals d where d.id = activities.deal_id and d.workspace_id = activities.workspace_id
      and d.owner_id = ${visibleOwnerId}))`);
  }
  return select
    .orderBy(matchOrder(column, query.term))
    .orderBy(sql`length(activities.search_text)`)
    .orderBy('activities.id')
    .limit(query.limit)
    .execute();
}
