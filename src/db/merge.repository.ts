import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
import type { RecordMergeTable } from './schema.js';

/** What a merge moved from the duplicate to the kept record, by id. */
export interface MovedRows {
  dealIds: string[];
  contactIds: string[];
  activityIds: string[];
  /** Channels (contact merges) moved to the kept contact; duplicates of its own were dropped. */
  channels: { kind: string; value: string; normalized: string; isDropped: boolean }[];
  externalIds: { source: string; id: string }[];
}

function emptyMoved(): MovedRows {
  return { dealIds: [], contactIds: [], activityIds: [], channels: [], externalIds: [] };
}

/**
 * The live contact, locked FOR UPDATE until the transaction ends (PostgreSQL; SQLite runs one
 * writing transaction at a time already), so two merges of the same contact take turns.
 */
export function lockContact(db: Db, workspaceId: string, id: string) {
  const query = db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  return (dialectOf(db) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/** Bumps the version of these deals: their company or contacts changed under them. */
async function touchDeals(db: Db, workspaceId: string, ids: string[], now: number) {
  if (ids.length === 0) return;
  await db
    .updateTable('deals')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Moves the rows of `kind` naming `fromId` as their company or contact to `toId`. */
async function moveExternalIds(
  db: Db,
  workspaceId: string,
  kind: 'company' | 'contact',
  fromId: string,
  toId: string,
) {
  const refs = await db
    .selectFrom('external_refs')
    .select(['source', 'external_id'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('record_id', '=', fromId)
    .orderBy('source')
    .orderBy('external_id')
    .execute();
  await db
    .updateTable('external_refs')
    .set({ record_id: toId })
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('record_id', '=', fromId)
    .execute();
  return refs.map((r) => ({ source: r.source, id: r.external_id }));
}

/**
 * Points everything naming company `fromId` at `toId`: its deals (deleted ones too, so none
 * names a deleted company), contacts, activities and external ids. Deals, contacts and
 * activities moved get a new version, as any edit gives them.
 */
export async function moveCompanyReferences(
  db: Db,
  workspaceId: string,
  fromId: string,
  toId: string,
  now: number,
): Promise<MovedRows> {
  const moved = emptyMoved();
  const idsNaming = async (table: 'deals' | 'contacts' | 'activities') =>
    (
      await db
        .selectFrom(table)
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('company_id', '=', fromId)
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
  moved.activityIds = await idsNaming('activities');
  moved.dealIds = await idsNaming('deals');
  moved.contactIds = await idsNaming('contacts');
  // Activities before deals: the order in which logging an activity locks them (the activity,
  // then its deal), so the two never wait on each other in a circle.
  for (const table of ['activities', 'deals', 'contacts'] as const) {
    await db
      .updateTable(table as 'deals')
      .set((eb) => ({ company_id: toId, version: eb('version', '+', 1), updated_at: now }))
      .where('workspace_id', '=', workspaceId)
      .where('company_id', '=', fromId)
      .execute();
  }
  moved.externalIds = await moveExternalIds(db, workspaceId, 'company', fromId, toId);
  return moved;
}

/**
 * Points everything naming contact `fromId` at `toId`:
 * - deal links: a deal both are on keeps the kept contact's link, with the duplicate's role
 *   when the kept one has none; the others move;
 * - activities;
 * - channels: one the kept contact already has (same kind and normalised value) is dropped, the
 *   others move after the kept contact's own, in their order;
 * - external ids.
 * Deals whose contacts changed and activities moved get a new version. Rows are locked in the
 * order the use-cases lock them (activities, deals, then deal links), so none waits in a circle.
 */
export async function moveContactReferences(
  db: Db,
  workspaceId: string,
  fromId: string,
  toId: string,
  now: number,
): Promise<MovedRows> {
  const moved = emptyMoved();
  moved.activityIds = (
    await db
      .selectFrom('activities')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', fromId)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  await db
    .updateTable('activities')
    .set((eb) => ({ contact_id: toId, version: eb('version', '+', 1), updated_at: now }))
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', fromId)
    .execute();

  const links = await db
    .selectFrom('deal_contacts')
    .select(['deal_id', 'contact_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', [fromId, toId])
    .orderBy('deal_id')
    .execute();
  const keptLinks = new Map(links.filter((l) => l.contact_id === toId).map((l) => [l.deal_id, l]));
  const mergedLinks = links.filter((l) => l.contact_id === fromId);
  moved.dealIds = mergedLinks.map((l) => l.deal_id);
  // The deals first, then their links: the order in which editing a deal's contacts locks them.
  await touchDeals(db, workspaceId, moved.dealIds, now);
  for (const link of mergedLinks) {
    const kept = keptLinks.get(link.deal_id);
    if (kept) {
      if (kept.role === null && link.role !== null) {
        await db
          .updateTable('deal_contacts')
          .set({ role: link.role })
          .where('workspace_id', '=', workspaceId)
          .where('deal_id', '=', link.deal_id)
          .where('contact_id', '=', toId)
          .execute();
      }
      await db
        .deleteFrom('deal_contacts')
        .where('workspace_id', '=', workspaceId)
        .where('deal_id', '=', link.deal_id)
        .where('contact_id', '=', fromId)
        .execute();
    } else {
      await db
        .updateTable('deal_contacts')
        .set({ contact_id: toId })
        .where('workspace_id', '=', workspaceId)
        .where('deal_id', '=', link.deal_id)
        .where('contact_id', '=', fromId)
        .execute();
    }
  }

  const channels = await db
    .selectFrom('contact_channels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', [fromId, toId])
    .orderBy('kind')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const keptChannels = channels.filter((c) => c.contact_id === toId);
  const held = new Set(keptChannels.map((c) => `${c.kind}:${c.normalized}`));
  const nextPosition = new Map<string, number>();
  for (const c of keptChannels) {
    nextPosition.set(c.kind, Math.max(nextPosition.get(c.kind) ?? 0, c.position + 1));
  }
  for (const channel of channels.filter((c) => c.contact_id === fromId)) {
    const key = `${channel.kind}:${channel.normalized}`;
    const isDropped = held.has(key);
    if (isDropped) {
      await db
        .deleteFrom('contact_channels')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', channel.id)
        .execute();
    } else {
      const position = nextPosition.get(channel.kind) ?? 0;
      nextPosition.set(channel.kind, position + 1);
      held.add(key);
      await db
        .updateTable('contact_channels')
        .set({ contact_id: toId, position })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', channel.id)
        .execute();
    }
    moved.channels.push({
      kind: channel.kind,
      value: channel.value,
      normalized: channel.normalized,
      isDropped,
    });
  }

  moved.externalIds = await moveExternalIds(db, workspaceId, 'contact', fromId, toId);
  return moved;
}

export function insertRecordMerge(db: Db, row: Insertable<RecordMergeTable>) {
  return db.insertInto('record_merges').values(row).execute();
}

export interface MergeListQuery {
  workspaceId: string;
  kind?: 'company' | 'contact' | undefined;
  /** Merges this record took part in, kept or merged. */
  recordId?: string | undefined;
  limit: number;
}

/** Merges newest first. */
export function listRecordMerges(db: Db, query: MergeListQuery) {
  let select = db
    .selectFrom('record_merges')
    .selectAll()
    .where('workspace_id', '=', query.workspaceId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit);
  if (query.kind) select = select.where('kind', '=', query.kind);
  const { recordId } = query;
  if (recordId) {
    select = select.where((eb) =>
      eb.or([eb('kept_id', '=', recordId), eb('merged_id', '=', recordId)]),
    );
  }
  return select.execute();
}

/** Every live company, oldest first, for finding duplicates in memory. */
export function listLiveCompanies(db: Db, workspaceId: string) {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every live contact, oldest first, with its email and phone channels, for finding duplicates. */
export async function listLiveContactsWithChannels(db: Db, workspaceId: string) {
  const [contacts, channels] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['id', 'name', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('contact_channels')
      .innerJoin('contacts', 'contacts.id', 'contact_channels.contact_id')
      .select([
        'contact_channels.contact_id',
        'contact_channels.kind',
        'contact_channels.normalized',
      ])
      .where('contact_channels.workspace_id', '=', workspaceId)
      .where('contacts.deleted_at', 'is', null)
      .execute(),
  ]);
  return { contacts, channels };
}
