import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { DealFlagTable } from './schema.js';

/**
 * The open, live deals a contact is on with their roles: the contact's role and the role the
 * deal gives them (domain/requalification.ts decides who is the decision maker).
 */
export function listOpenDealsOfContact(db: Db, workspaceId: string, contactId: string) {
  return db
    .selectFrom('deal_contacts')
    .innerJoin('deals', 'deals.id', 'deal_contacts.deal_id')
    .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
    .select([
      'deals.id as deal_id',
      'deal_contacts.role as link_role',
      'contacts.role as contact_role',
    ])
    .where('deal_contacts.workspace_id', '=', workspaceId)
    .where('deal_contacts.contact_id', '=', contactId)
    .where('deals.workspace_id', '=', workspaceId)
    .where('deals.status', '=', 'open')
    .where('deals.deleted_at', 'is', null)
    .execute();
}

export function insertFlags(db: Db, rows: Insertable<DealFlagTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db
    .insertInto('deal_flags')
    .values(rows)
    .execute()
    .then(() => undefined);
}

/** The open flags of these deals (raised first, first), with the contact's name. */
export async function listOpenFlags(db: Db, workspaceId: string, dealIds: readonly string[]) {
  if (dealIds.length === 0) return [];
  return db
    .selectFrom('deal_flags')
    .leftJoin('contacts', (join) =>
      join
        .onRef('contacts.id', '=', 'deal_flags.contact_id')
        .onRef('contacts.workspace_id', '=', 'deal_flags.workspace_id'),
    )
    .selectAll('deal_flags')
    .select(['contacts.name as contact_name', 'contacts.left_note as contact_left_note'])
    .where('deal_flags.workspace_id', '=', workspaceId)
    .where('deal_flags.deal_id', 'in', [...dealIds])
    .where('deal_flags.resolved_at', 'is', null)
    .orderBy('deal_flags.raised_at')
    .orderBy('deal_flags.id')
    .execute();
}

/** The open flags about a contact, by deal: a contact leaving twice does not flag twice. */
export function listOpenFlagsOfContact(db: Db, workspaceId: string, contactId: string) {
  return db
    .selectFrom('deal_flags')
    .select(['id', 'deal_id'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('resolved_at', 'is', null)
    .execute();
}

/** Settles open flags (by id); returns how many were still open. */
export async function resolveFlags(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  resolution: { resolution: string; by: string | null; at: number },
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('deal_flags')
    .set({
      resolved_at: resolution.at,
      resolution: resolution.resolution,
      resolved_by: resolution.by,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
