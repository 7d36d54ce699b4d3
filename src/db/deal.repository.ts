import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { CustomFieldPredicate } from '../domain/custom-field-filters.js';
import type { Db } from './connection.js';
import {
  type CustomSort,
  afterCustomValue,
  customFieldCondition,
  pageByCustomSort,
  withoutCustomValue,
} from './custom-field.repository.js';
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { containsFolded } from './like.js';
import type {
  Database,
  DealContactTable,
  DealRow,
  DealTable,
  StageHistoryTable,
} from './schema.js';

export const DEAL_SORTS = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  title: 'title',
  amount: 'amount_minor',
  expectedCloseDate: 'expected_close_date',
  stageEnteredAt: 'stage_entered_at',
} as const;
export type DealSort = keyof typeof DEAL_SORTS;

/** Nullable sort columns sort as if empty values were this, so keyset cursors stay total. */
const NULL_SORT_VALUE: Partial<Record<DealSort, string | number>> = {
  amount: -1,
  expectedCloseDate: '9999-12-31',
};

export interface DealFilter {
  workspaceId: string;
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  status?: string | undefined;
  ownerId?: string | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  /** Deals owned by the team's current members (memberships.team_id). */
  teamId?: string | undefined;
  /** Where the deal came from, exactly as recorded (Website, Referral …). */
  source?: string | undefined;
  /** Deals carrying this product among their line items. */
  productId?: string | undefined;
  /** The upsells and cross-sells made from this won deal. */
  originDealId?: string | undefined;
  q?: string | undefined;
  /** The deal's id in a system it was imported from (with `externalSource`, in that one only). */
  externalId?: string | undefined;
  externalSource?: string | undefined;
  /** Only these owners' deals (reps limited to their own). */
  visibleOwnerId?: string | undefined;
  /** Custom-field conditions, all of which a deal meets (see docs/custom-fields.md). */
  customFields?: readonly CustomFieldPredicate[] | undefined;
}

export interface DealListQuery extends DealFilter {
  sort: DealSort;
  /** Sorts by a custom field's value instead of `sort` (deals without one first when ascending). */
  customSort?: CustomSort | undefined;
  direction: SortDirection;
  limit: number;
  cursor?: string | undefined;
}

export function insertDeal(db: Db, row: Insertable<DealTable>) {
  return db.insertInto('deals').values(row).execute();
}

export function findDeal(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('deals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Locks the deal row for the rest of the transaction where the database can (PostgreSQL). */
export function findDealForUpdate(db: Db, workspaceId: string, id: string, isPostgres: boolean) {
  const query = db
    .selectFrom('deals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  return (isPostgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function listDeals(db: Db, query: DealListQuery): Promise<Page<DealRow>> {
  if (query.customSort) return listDealsByCustomField(db, query, query.customSort);
  const column = DEAL_SORTS[query.sort];
  const nullValue = NULL_SORT_VALUE[query.sort];
  const sortExpr =
    nullValue === undefined
      ? sql.ref(`deals.${column}`)
      : sql`coalesce(${sql.ref(`deals.${column}`)}, ${nullValue})`;
  let select = applyDealFilter(db.selectFrom('deals').selectAll('deals'), query)
    .orderBy(sortExpr, query.direction)
    .orderBy('deals.id', query.direction)
    .limit(query.limit + 1);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    select = select.where((eb) =>
      afterCursor(eb, sortExpr, eb.ref('deals.id'), query.direction, cursor),
    );
  }
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => {
    const value = row[column];
    return value ?? nullValue ?? '';
  });
}

/**
 * The deals holding a value of the sort's field that match the list's filters, in the value's
 * order from `after` on: a walk of the (workspace, field, value, record) index, each deal found
 * by its id, stopping after `limit` (exported for its plan's test).
 */
export function dealsByCustomValue(
  db: Db,
  query: DealListQuery,
  sort: CustomSort,
  after: [string | number, string] | undefined,
  limit: number,
) {
  const value = sql.ref<string | number>(`v.${sort.column}`);
  const select = applyDealFilter(
    db
      .selectFrom('custom_field_values as v')
      .innerJoin('deals', 'deals.id', 'v.record_id')
      .selectAll('deals')
      .select(value.as('custom_sort'))
      .where('v.workspace_id', '=', query.workspaceId)
      .where('v.field_id', '=', sort.fieldId),
    query,
  )
    .orderBy(value, query.direction)
    .orderBy('v.record_id', query.direction)
    .limit(limit);
  return after
    ? select.where((eb) =>
        afterCustomValue(eb, value, eb.ref('v.record_id'), query.direction, after),
      )
    : select;
}

/** The deal list ordered by a custom field (see pageByCustomSort): deals without a value last. */
function listDealsByCustomField(
  db: Db,
  query: DealListQuery,
  sort: CustomSort,
): Promise<Page<DealRow>> {
  const { workspaceId, direction } = query;
  return pageByCustomSort(sort, query, {
    valued: (after, limit) => dealsByCustomValue(db, query, sort, after, limit).execute(),
    missing: (afterId, limit) => {
      let select = applyDealFilter(db.selectFrom('deals').selectAll('deals'), query)
        .where(withoutCustomValue(sql.ref('deals.id'), workspaceId, sort.fieldId))
        .orderBy('deals.id', direction)
        .limit(limit);
      if (afterId) select = select.where('deals.id', direction === 'asc' ? '>' : '<', afterId);
      return select.execute();
    },
  });
}

// Shared by select queries of different shapes; each caller keeps its own row type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function applyDealFilter<Q extends { where: (...args: any[]) => Q }>(
  select: Q,
  filter: DealFilter,
): Q {
  let q = select
    .where('deals.workspace_id', '=', filter.workspaceId)
    .where('deals.deleted_at', 'is', null);
  if (filter.pipelineId) q = q.where('deals.pipeline_id', '=', filter.pipelineId);
  if (filter.stageId) q = q.where('deals.stage_id', '=', filter.stageId);
  if (filter.status) q = q.where('deals.status', '=', filter.status);
  if (filter.ownerId) q = q.where('deals.owner_id', '=', filter.ownerId);
  if (filter.visibleOwnerId) q = q.where('deals.owner_id', '=', filter.visibleOwnerId);
  if (filter.companyId) q = q.where('deals.company_id', '=', filter.companyId);
  if (filter.teamId) {
    const { workspaceId, teamId } = filter;
    q = q.where(sql<boolean>`deals.owner_id in (select m.user_id from memberships m
      where m.workspace_id = ${workspaceId} and m.team_id = ${teamId})`);
  }
  if (filter.source) q = q.where('deals.source', '=', filter.source);
  if (filter.originDealId) q = q.where('deals.origin_deal_id', '=', filter.originDealId);
  if (filter.productId) {
    const productId = filter.productId;
    q = q.where(sql<boolean>`exists (select 1 from deal_items di where di.deal_id = deals.id
      and di.workspace_id = deals.workspace_id and di.product_id = ${productId})`);
  }
  if (filter.contactId) {
    const contactId = filter.contactId;
    q = q.where(sql<boolean>`exists (select 1 from deal_contacts dc where dc.deal_id = deals.id
      and dc.workspace_id = deals.workspace_id and dc.contact_id = ${contactId})`);
  }
  if (filter.externalId) {
    const { externalId, externalSource } = filter;
    q = q.where(sql<boolean>`exists (select 1 from external_refs er where er.workspace_id =
      deals.workspace_id and er.kind = 'deal' and er.record_id = deals.id
      and er.external_id = ${externalId}
      ${externalSource ? sql`and er.source = ${externalSource}` : sql``})`);
  }
  for (const predicate of filter.customFields ?? []) {
    q = q.where(customFieldCondition(sql.ref('deals.id'), filter.workspaceId, predicate));
  }
  if (filter.q) {
    const term = filter.q;
    q = q.where((eb: ExpressionBuilder<Database, 'deals'>) =>
      eb.or([
        containsFolded(sql.ref('deals.search_text'), term),
        eb.exists(
          eb
            .selectFrom('companies')
            .select('companies.id')
            .whereRef('companies.id', '=', 'deals.company_id')
            .where(containsFolded(sql.ref('companies.search_text'), term)),
        ),
      ]),
    );
  }
  return q;
}

/** The rotting days of these stages, by stage id (null: the stage never rots). */
export async function listRottingDays(db: Db, workspaceId: string, stageIds: string[]) {
  if (stageIds.length === 0) return new Map<string, number | null>();
  const rows = await db
    .selectFrom('stages')
    .select(['id', 'rotting_days'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', stageIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.rotting_days]));
}

export function listDealContacts(db: Db, workspaceId: string, dealIds: string[]) {
  if (dealIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deal_contacts')
    .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
    .select([
      'deal_contacts.deal_id',
      'deal_contacts.contact_id',
      'deal_contacts.role',
      'contacts.role as contact_role',
    ])
    .where('deal_contacts.workspace_id', '=', workspaceId)
    .where('deal_contacts.deal_id', 'in', dealIds)
    .where('contacts.deleted_at', 'is', null)
    .execute();
}

export async function replaceDealContacts(
  db: Db,
  workspaceId: string,
  dealId: string,
  rows: Omit<DealContactTable, 'workspace_id' | 'deal_id'>[],
): Promise<void> {
  await db
    .deleteFrom('deal_contacts')
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto('deal_contacts')
    .values(rows.map((r) => ({ ...r, workspace_id: workspaceId, deal_id: dealId })))
    .execute();
}

export function insertStageHistory(db: Db, row: Insertable<StageHistoryTable>) {
  return db.insertInto('stage_history').values(row).execute();
}

export function listStageHistory(db: Db, workspaceId: string, dealId: string) {
  return db
    .selectFrom('stage_history')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** A deal's field history, oldest first. */
export function listFieldHistory(db: Db, workspaceId: string, dealId: string) {
  return db
    .selectFrom('deal_field_history')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Whether a deal has an open activity with a due date (overdue or not): its next step. */
export async function hasScheduledNextStep(
  db: Db,
  workspaceId: string,
  dealId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('activities')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .where('done_at', 'is', null)
    .where('due_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
