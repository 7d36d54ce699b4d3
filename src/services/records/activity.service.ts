import type { Updateable } from 'kysely';
import {
  type ActivityListQuery,
  deleteActivityAtVersion,
  findActivity,
  insertActivity,
  listActivities,
  listLinkedDealOwners,
  touchDealLastActivity,
} from '../../db/activity.repository.js';
import { findDeal } from '../../db/deal.repository.js';
import { newId } from '../../db/id.js';
import type { ActivityRow, ActivityTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { buildSearchText } from '../../domain/search-text.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { visibleOwnerOf } from '../deals/deal-access.js';
import { assertCompanyExists, assertContactsExist, assertMember } from '../references.js';

export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'task', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function toActivityView(row: ActivityRow) {
  return {
    id: row.id,
    kind: row.kind as ActivityKind,
    subject: row.subject,
    note: row.note,
    dueAt: toIso(row.due_at),
    isDone: row.done_at !== null,
    doneAt: toIso(row.done_at),
    ownerId: row.owner_id,
    dealId: row.deal_id,
    companyId: row.company_id,
    contactId: row.contact_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
  };
}
export type ActivityView = ReturnType<typeof toActivityView>;

interface ActivityLinks {
  ownerId?: string | null | undefined;
  dealId?: string | null | undefined;
  companyId?: string | null | undefined;
  contactId?: string | null | undefined;
}

export interface ActivityInput extends ActivityLinks {
  kind: ActivityKind;
  subject: string;
  note?: string | null | undefined;
  /** Epoch ms; the earliest open activity with a due date is the deal's next step. */
  dueAt?: number | null | undefined;
  isDone?: boolean | undefined;
  /** When a done activity happened (logging yesterday's call); defaults to now. */
  doneAt?: number | undefined;
}

export type ActivityPatch = Partial<Omit<ActivityInput, 'doneAt'>>;

function invalid(path: string, message: string, code: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [{ path: [path], message, code }]);
}

/**
 * Linked records must be in the workspace. A deal the actor may not see (reps limited to their
 * own deals) is answered exactly like a missing one, so its existence does not leak.
 */
async function assertLinksExist(ctx: ServiceContext, links: ActivityLinks): Promise<void> {
  if (links.dealId) {
    const deal = await findDeal(ctx.db, ctx.actor.workspaceId, links.dealId);
    const ownerOnly = await visibleOwnerOf(ctx);
    if (!deal || (ownerOnly !== undefined && deal.owner_id !== ownerOnly)) {
      throw invalid('dealId', 'Deal not found in this workspace', 'unknown_reference');
    }
  }
  await assertCompanyExists(ctx, links.companyId);
  if (links.contactId) await assertContactsExist(ctx, [links.contactId], 'contactId');
  await assertMember(ctx, links.ownerId);
}

/** Deals among the rows' links that the actor may not see; their activities are hidden too. */
async function hiddenDealIds(ctx: ServiceContext, rows: ActivityRow[]): Promise<Set<string>> {
  const ownerOnly = await visibleOwnerOf(ctx);
  if (ownerOnly === undefined) return new Set();
  const dealIds = [...new Set(rows.flatMap((r) => (r.deal_id ? [r.deal_id] : [])))];
  const owners = await listLinkedDealOwners(ctx.db, ctx.actor.workspaceId, dealIds);
  return new Set(owners.filter((d) => d.owner_id !== ownerOnly).map((d) => d.id));
}

/** Loads an activity the actor may see: another workspace's, or a hidden deal's, is "not found". */
async function loadVisibleActivity(ctx: ServiceContext, id: string): Promise<ActivityRow> {
  const row = await findActivity(ctx.db, ctx.actor.workspaceId, id);
  if (!row || (row.deal_id && (await hiddenDealIds(ctx, [row])).has(row.deal_id))) {
    throw notFound('Activity');
  }
  return row;
}

/** Something done on a deal keeps it from going stale: without moving the deal's version. */
async function recordOnDeal(ctx: ServiceContext, row: ActivityRow): Promise<void> {
  if (row.deal_id && row.done_at !== null) {
    await touchDealLastActivity(ctx.db, ctx.actor.workspaceId, row.deal_id, row.done_at);
  }
}

function doneTimeOf(ctx: ServiceContext, input: ActivityInput): number | null {
  if (input.doneAt === undefined) return input.isDone ? ctx.now : null;
  if (input.isDone === false) {
    throw invalid('doneAt', 'An activity that is not done has no done time', 'not_done');
  }
  if (input.doneAt > ctx.now) {
    throw invalid('doneAt', 'An activity cannot be done in the future', 'in_future');
  }
  return input.doneAt;
}

export async function getActivity(ctx: ServiceContext, id: string): Promise<ActivityView> {
  return toActivityView(await loadVisibleActivity(ctx, id));
}

/**
 * Activities in due order (undated last when ascending). Activities of deals hidden from a
 * limited rep are left out of the page, so such a page can hold fewer than `limit` items.
 */
export async function listActivityViews(
  ctx: ServiceContext,
  query: Omit<ActivityListQuery, 'workspaceId'>,
) {
  const page = await listActivities(ctx.db, { ...query, workspaceId: ctx.actor.workspaceId });
  const hidden = await hiddenDealIds(ctx, page.items);
  return {
    items: page.items.filter((r) => !r.deal_id || !hidden.has(r.deal_id)).map(toActivityView),
    nextCursor: page.nextCursor,
  };
}

export async function createActivity(
  ctx: ServiceContext,
  input: ActivityInput,
): Promise<ActivityView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    await assertLinksExist(tx, input);
    const id = newId();
    const subject = input.subject.trim();
    const note = input.note ?? null;
    await insertActivity(tx.db, {
      id,
      workspace_id: tx.actor.workspaceId,
      deal_id: input.dealId ?? null,
      company_id: input.companyId ?? null,
      contact_id: input.contactId ?? null,
      owner_id: input.ownerId ?? tx.actor.userId,
      kind: input.kind,
      subject,
      note,
      due_at: input.dueAt ?? null,
      done_at: doneTimeOf(tx, input),
      search_text: buildSearchText(subject, note),
      created_at: tx.now,
      updated_at: tx.now,
    });
    const row = await loadVisibleActivity(tx, id);
    await recordOnDeal(tx, row);
    return toActivityView(row);
  });
}

/** Applies a partial update if the activity is still at `version`; a stale write gets a 409. */
export async function updateActivity(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: ActivityPatch,
): Promise<ActivityView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const current = await loadVisibleActivity(tx, id);
    await assertLinksExist(tx, patch);
    const changes: Updateable<ActivityTable> = { updated_at: tx.now };
    if (patch.kind !== undefined) changes.kind = patch.kind;
    if (patch.subject !== undefined) changes.subject = patch.subject.trim();
    if (patch.note !== undefined) changes.note = patch.note;
    if (changes.subject !== undefined || changes.note !== undefined) {
      changes.search_text = buildSearchText(
        changes.subject ?? current.subject,
        changes.note === undefined ? current.note : changes.note,
      );
    }
    if (patch.dueAt !== undefined) changes.due_at = patch.dueAt;
    if (patch.ownerId !== undefined) changes.owner_id = patch.ownerId;
    if (patch.dealId !== undefined) changes.deal_id = patch.dealId;
    if (patch.companyId !== undefined) changes.company_id = patch.companyId;
    if (patch.contactId !== undefined) changes.contact_id = patch.contactId;
    if (patch.isDone !== undefined && patch.isDone !== (current.done_at !== null)) {
      changes.done_at = patch.isDone ? tx.now : null;
    }
    const changed = await updateAtVersion(
      tx.db,
      'activities',
      tx.actor.workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(toActivityView(current));
    const row = await loadVisibleActivity(tx, id);
    await recordOnDeal(tx, row);
    return toActivityView(row);
  });
}

/** Marks an activity done now; completing a done activity changes nothing. */
export async function completeActivity(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<ActivityView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const current = await loadVisibleActivity(tx, id);
    if (current.version !== version) throw versionConflict(toActivityView(current));
    if (current.done_at !== null) return toActivityView(current);
    const changed = await updateAtVersion(tx.db, 'activities', tx.actor.workspaceId, id, version, {
      done_at: tx.now,
      updated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(toActivityView(current));
    const row = await loadVisibleActivity(tx, id);
    await recordOnDeal(tx, row);
    return toActivityView(row);
  });
}

/** Deletes an activity; a deal it already kept fresh keeps its last-activity time. */
export async function deleteActivity(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<void> {
  requirePermission(ctx.actor, 'records.delete');
  await inTransaction(ctx, async (tx) => {
    const current = await loadVisibleActivity(tx, id);
    const deleted = await deleteActivityAtVersion(tx.db, tx.actor.workspaceId, id, version);
    if (deleted === 0) throw versionConflict(toActivityView(current));
  });
}
