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
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { containsFolded } from './like.js';
import type { ContactChannelTable, ContactRow, ContactTable } from './schema.js';

export interface ContactListQuery {
  workspaceId: string;
  q?: string | undefined;
  companyId?: string | undefined;
  email?: string | undefined;
  /** Custom-field conditions, all of which a contact meets (see docs/custom-fields.md). */
  customFields?: readonly CustomFieldPredicate[] | undefined;
  sort: 'name' | 'createdAt' | 'updatedAt';
  /** Sorts by a custom field's value instead of `sort`. */
  customSort?: CustomSort | undefined;
  direction: SortDirection;
  limit: number;
  cursor?: string | undefined;
}

const CONTACT_SORTS = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export function insertContact(db: Db, row: Insertable<ContactTable>) {
  return db.insertInto('contacts').values(row).execute();
}

export function findContact(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Contacts of the workspace among `ids` (to check references before linking them). */
export function findContactsByIds(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contacts')
    .select(['id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
}

/** The list's filters, on any select that reads `contacts`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyContactFilter<Q extends { where: (...args: any[]) => Q }>(
  select: Q,
  query: ContactListQuery,
): Q {
  let q = select
    .where('contacts.workspace_id', '=', query.workspaceId)
    .where('contacts.deleted_at', 'is', null);
  if (query.companyId) q = q.where('contacts.company_id', '=', query.companyId);
  if (query.q) q = q.where(containsFolded(sql.ref('contacts.search_text'), query.q));
  if (query.email) {
    const email = query.email.trim().toLowerCase();
    q = q.where(sql<boolean>`exists (select 1 from contact_channels cc
      where cc.contact_id = contacts.id and cc.workspace_id = contacts.workspace_id
      and cc.kind = 'email' and cc.normalized = ${email})`);
  }
  for (const predicate of query.customFields ?? []) {
    q = q.where(customFieldCondition(sql.ref('contacts.id'), query.workspaceId, predicate));
  }
  return q;
}

export async function listContacts(db: Db, query: ContactListQuery): Promise<Page<ContactRow>> {
  const { customSort, direction } = query;
  if (customSort) {
    const value = sql.ref<string | number>(`v.${customSort.column}`);
    return pageByCustomSort(customSort, query, {
      valued: (after, limit) => {
        let select = applyContactFilter(
          db
            .selectFrom('custom_field_values as v')
            .innerJoin('contacts', 'contacts.id', 'v.record_id')
            .selectAll('contacts')
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
        let select = applyContactFilter(db.selectFrom('contacts').selectAll('contacts'), query)
          .where(withoutCustomValue(sql.ref('contacts.id'), query.workspaceId, customSort.fieldId))
          .orderBy('contacts.id', direction)
          .limit(limit);
        if (afterId) {
          select = select.where('contacts.id', direction === 'asc' ? '>' : '<', afterId);
        }
        return select.execute();
      },
    });
  }
  const column = CONTACT_SORTS[query.sort];
  const sortExpr = sql.ref(`contacts.${column}`);
  let select = applyContactFilter(db.selectFrom('contacts').selectAll('contacts'), query)
    .orderBy(sortExpr, direction)
    .orderBy('contacts.id', direction)
    .limit(query.limit + 1);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    select = select.where((eb) =>
      afterCursor(eb, sortExpr, eb.ref('contacts.id'), direction, cursor),
    );
  }
  return toPage(await select.execute(), query.limit, (row) => row[column]);
}

export function listChannels(db: Db, workspaceId: string, contactIds: string[]) {
  if (contactIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contact_channels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .orderBy('contact_id')
    .orderBy('kind')
    .orderBy('position')
    .execute();
}

export async function replaceChannels(
  db: Db,
  workspaceId: string,
  contactId: string,
  rows: Insertable<ContactChannelTable>[],
): Promise<void> {
  await db
    .deleteFrom('contact_channels')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .execute();
  if (rows.length > 0) await db.insertInto('contact_channels').values(rows).execute();
}
