import { type Insertable, sql } from 'kysely';
import type { Db } from './connection.js';
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { containsFolded } from './like.js';
import type { ContactChannelTable, ContactRow, ContactTable } from './schema.js';

export interface ContactListQuery {
  workspaceId: string;
  q?: string | undefined;
  companyId?: string | undefined;
  email?: string | undefined;
  sort: 'name' | 'createdAt' | 'updatedAt';
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

export async function listContacts(db: Db, query: ContactListQuery): Promise<Page<ContactRow>> {
  const column = CONTACT_SORTS[query.sort];
  const sortExpr = sql.ref(`contacts.${column}`);
  let select = db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', query.workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy(sortExpr, query.direction)
    .orderBy('id', query.direction)
    .limit(query.limit + 1);
  if (query.companyId) select = select.where('company_id', '=', query.companyId);
  if (query.q) select = select.where(containsFolded(sql.ref('contacts.search_text'), query.q));
  if (query.email) {
    const email = query.email.trim().toLowerCase();
    select = select.where(sql<boolean>`exists (select 1 from contact_channels cc
      where cc.contact_id = contacts.id and cc.workspace_id = contacts.workspace_id
      and cc.kind = 'email' and cc.normalized = ${email})`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    select = select.where((eb) =>
      afterCursor(eb, sortExpr, eb.ref('contacts.id'), query.direction, cursor),
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
