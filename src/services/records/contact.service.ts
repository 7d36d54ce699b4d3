import type { Updateable } from 'kysely';
import {
  type ContactListQuery,
  findContact,
  insertContact,
  listChannels,
  listContacts,
  replaceChannels,
} from '../../db/contact.repository.js';
import {
  insertFlags,
  listOpenDealsOfContact,
  listOpenFlagsOfContact,
  resolveFlags,
} from '../../db/deal-flag.repository.js';
import { newId } from '../../db/id.js';
import type { ContactRow, ContactTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { notFound } from '../../domain/errors.js';
import { isDecisionMaker } from '../../domain/requalification.js';
import { buildSearchText } from '../../domain/search-text.js';
import {
  type ChannelInput,
  type ChannelKind,
  type ChannelRow,
  assertPlausiblePhones,
  toChannelRows,
  toChannelView,
} from './contact-channels.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { assertCompanyExists, assertMember } from '../references.js';
import {
  type CustomFieldQuery,
  type CustomFieldSortKey,
  type CustomFieldValues,
  customFieldsOfRecords,
  prepareCustomValues,
  resolveCustomListQuery,
  writeCustomValues,
} from '../custom-values.js';

/** A contact's part in buying decisions; deals can also give a contact a role of its own. */
export const CONTACT_ROLES = ['decision_maker', 'influencer', 'champion', 'user', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export function toContactView(
  row: ContactRow,
  channels: ChannelRow[],
  /** From customFieldsOfRecords (custom-values.ts). */
  customFields: CustomFieldValues = {},
) {
  const ofKind = (kind: ChannelKind) =>
    channels.filter((c) => c.kind === kind).map((c) => toChannelView(c));
  return {
    id: row.id,
    name: row.name,
    jobTitle: row.job_title,
    role: row.role as ContactRole,
    companyId: row.company_id,
    ownerId: row.owner_id,
    emails: ofKind('email'),
    phones: ofKind('phone'),
    leftAt: toIso(row.left_at),
    leftNote: row.left_note,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
    customFields,
  };
}
export type ContactView = ReturnType<typeof toContactView>;

export interface ContactInput {
  name: string;
  jobTitle?: string | null | undefined;
  role?: ContactRole | undefined;
  companyId?: string | null | undefined;
  ownerId?: string | null | undefined;
  emails?: ChannelInput[] | undefined;
  phones?: ChannelInput[] | undefined;
  /** Custom-field values by key (see docs/custom-fields.md); on update, only those given change. */
  customFields?: Readonly<Record<string, unknown>> | undefined;
}

/** `emails` or `phones`, when given, replace all of that kind; the other kind stays. */
export type ContactPatch = Partial<ContactInput>;

async function channelsByContact(ctx: ServiceContext, ids: string[]) {
  const rows = await listChannels(ctx.db, ctx.actor.workspaceId, ids);
  const byContact = new Map<string, ChannelRow[]>();
  for (const row of rows) {
    const list = byContact.get(row.contact_id) ?? [];
    list.push(row);
    byContact.set(row.contact_id, list);
  }
  return byContact;
}

async function loadContact(ctx: ServiceContext, id: string): Promise<ContactRow> {
  const row = await findContact(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Contact');
  return row;
}

async function viewContact(ctx: ServiceContext, row: ContactRow): Promise<ContactView> {
  const [channels, customFields] = await Promise.all([
    channelsByContact(ctx, [row.id]),
    customFieldsOfRecords(ctx, 'contact', [row.id]),
  ]);
  return toContactView(row, channels.get(row.id) ?? [], customFields(row.id));
}

async function validateContactFields(ctx: ServiceContext, input: ContactPatch): Promise<void> {
  if (input.phones) assertPlausiblePhones(input.phones);
  await assertCompanyExists(ctx, input.companyId);
  await assertMember(ctx, input.ownerId);
}

function searchTextOf(name: string, jobTitle: string | null, emails: ChannelInput[]): string {
  return buildSearchText(name, jobTitle, ...emails.map((e) => e.value));
}

export async function createContact(
  ctx: ServiceContext,
  input: ContactInput,
): Promise<ContactView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    await validateContactFields(tx, input);
    const customValues = await prepareCustomValues(tx, 'contact', input.customFields);
    const { workspaceId } = tx.actor;
    const id = newId();
    const name = input.name.trim();
    const jobTitle = input.jobTitle?.trim() || null;
    const emails = input.emails ?? [];
    await insertContact(tx.db, {
      id,
      workspace_id: workspaceId,
      company_id: input.companyId ?? null,
      name,
      job_title: jobTitle,
      role: input.role ?? 'other',
      owner_id: input.ownerId === undefined ? tx.actor.userId : input.ownerId,
      search_text: searchTextOf(name, jobTitle, emails),
      created_at: tx.now,
      updated_at: tx.now,
    });
    await replaceChannels(tx.db, workspaceId, id, [
      ...toChannelRows(workspaceId, id, 'email', emails),
      ...toChannelRows(workspaceId, id, 'phone', input.phones ?? []),
    ]);
    await writeCustomValues(tx, id, customValues);
    return getContact(tx, id);
  });
}

export async function getContact(ctx: ServiceContext, id: string): Promise<ContactView> {
  return viewContact(ctx, await loadContact(ctx, id));
}

/** The contact list's query: the repository's, with custom-field filters and `sort=cf.<key>`. */
export type ContactViewQuery = Omit<
  ContactListQuery,
  'workspaceId' | 'customFields' | 'customSort' | 'sort'
> &
  CustomFieldQuery & { sort: ContactListQuery['sort'] | CustomFieldSortKey };

export async function listContactViews(ctx: ServiceContext, query: ContactViewQuery) {
  const { customFieldFilters, ...rest } = query;
  const page = await listContacts(ctx.db, {
    ...rest,
    ...(await resolveCustomListQuery(
      ctx,
      'contact',
      { customFieldFilters, sort: query.sort },
      'name',
    )),
    workspaceId: ctx.actor.workspaceId,
  });
  const ids = page.items.map((c) => c.id);
  const [channels, customFields] = await Promise.all([
    channelsByContact(ctx, ids),
    customFieldsOfRecords(ctx, 'contact', ids),
  ]);
  return {
    items: page.items.map((row) =>
      toContactView(row, channels.get(row.id) ?? [], customFields(row.id)),
    ),
    nextCursor: page.nextCursor,
  };
}

/** Applies a partial update if the contact is still at `version`; a stale write gets a 409. */
/**
 * Records that the person has left their company (or came back), if the contact is still at
 * `version`. Leaving flags every open deal the person is the decision maker of
 * (`decision_maker_left`, once per deal): each deal's owner is offered a move back to
 * qualification. Coming back settles those flags as `returned`. Returns the contact and the
 * deals flagged now.
 */
export async function setContactLeft(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { hasLeft: boolean; note?: string | null | undefined },
): Promise<{ contact: ContactView; flaggedDealIds: string[] }> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await loadContact(tx, id);
    const changed = await updateAtVersion(tx.db, 'contacts', workspaceId, id, version, {
      left_at: input.hasLeft ? (current.left_at ?? tx.now) : null,
      left_note: input.hasLeft ? input.note?.trim() || null : null,
      updated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(await viewContact(tx, current));
    const open = await listOpenFlagsOfContact(tx.db, workspaceId, id);
    let flaggedDealIds: string[] = [];
    if (input.hasLeft) {
      const already = new Set(open.map((f) => f.deal_id));
      const deals = await listOpenDealsOfContact(tx.db, workspaceId, id);
      flaggedDealIds = [
        ...new Set(
          deals
            .filter((d) => isDecisionMaker(d.link_role, d.contact_role))
            .map((d) => d.deal_id)
            .filter((dealId) => !already.has(dealId)),
        ),
      ];
      await insertFlags(
        tx.db,
        flaggedDealIds.map((dealId) => ({
          id: newId(),
          workspace_id: workspaceId,
          deal_id: dealId,
          kind: 'decision_maker_left',
          contact_id: id,
          raised_at: tx.now,
          raised_by: tx.actor.userId,
        })),
      );
    } else {
      await resolveFlags(
        tx.db,
        workspaceId,
        open.map((f) => f.id),
        { resolution: 'returned', by: tx.actor.userId, at: tx.now },
      );
    }
    return { contact: await getContact(tx, id), flaggedDealIds };
  });
}

export async function updateContact(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: ContactPatch,
): Promise<ContactView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await loadContact(tx, id);
    await validateContactFields(tx, patch);
    const customValues = await prepareCustomValues(tx, 'contact', patch.customFields, id);
    const currentChannels = (await channelsByContact(tx, [id])).get(id) ?? [];
    const keep = (kind: ChannelKind): ChannelInput[] =>
      currentChannels.filter((c) => c.kind === kind);
    const emails = patch.emails ?? keep('email');
    const phones = patch.phones ?? keep('phone');

    const changes: Updateable<ContactTable> = { updated_at: tx.now };
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.jobTitle !== undefined) changes.job_title = patch.jobTitle?.trim() || null;
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.companyId !== undefined) changes.company_id = patch.companyId;
    if (patch.ownerId !== undefined) changes.owner_id = patch.ownerId;
    changes.search_text = searchTextOf(
      changes.name ?? current.name,
      changes.job_title === undefined ? current.job_title : changes.job_title,
      emails,
    );
    const changed = await updateAtVersion(tx.db, 'contacts', workspaceId, id, version, changes);
    if (changed === 0) throw versionConflict(await viewContact(tx, current));
    if (patch.emails || patch.phones) {
      await replaceChannels(tx.db, workspaceId, id, [
        ...toChannelRows(workspaceId, id, 'email', emails),
        ...toChannelRows(workspaceId, id, 'phone', phones),
      ]);
    }
    await writeCustomValues(tx, id, customValues);
    return getContact(tx, id);
  });
}

/** Deletes a contact softly: it leaves every list and lookup; its row and channels stay. */
export async function deleteContact(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<void> {
  requirePermission(ctx.actor, 'records.delete');
  await inTransaction(ctx, async (tx) => {
    const current = await loadContact(tx, id);
    const changed = await updateAtVersion(tx.db, 'contacts', tx.actor.workspaceId, id, version, {
      deleted_at: tx.now,
      updated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(await viewContact(tx, current));
  });
}
