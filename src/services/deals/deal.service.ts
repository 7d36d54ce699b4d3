import type { Updateable } from 'kysely';
import {
  type DealListQuery,
  type DealSort,
  findDeal,
  listDealContacts,
  listRottingDays,
  listDeals,
  replaceDealContacts,
} from '../../db/deal.repository.js';
import { listExternalIdsOf } from '../../db/external-ref.repository.js';
import { listOpenFlags } from '../../db/deal-flag.repository.js';
import { listNextSteps } from '../../db/my-day.repository.js';
import { listQualifications } from '../../db/qualification.repository.js';
import { newId } from '../../db/id.js';
import { findDefaultPipeline, findPipeline, listStages } from '../../db/pipeline.repository.js';
import type { DealRow, DealTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import type { AmountSource, BusinessKind, DealContactLink } from '../../domain/deal.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { currencyExponent } from '../../domain/money.js';
import { buildSearchText } from '../../domain/search-text.js';
import { NO_QUALIFICATION } from '../../domain/qualification.js';
import type { DealFlagKind } from '../../domain/requalification.js';
import { isDealStale } from '../../domain/stale.js';
import { planOpening } from '../../domain/deal-transition.js';
import { orderStages } from '../../domain/stage.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { loadVisibleDeal, visibleOwnerOf } from './deal-access.js';
import { applyDealChange, authorOf, changeOf, insertNewDeal } from './deal-spine.js';
import { type DealRelated, type DealView, toDealView } from './deal-view.js';
import { assertCompanyLiveForDeal, assertContactsExist, assertMember } from '../references.js';
import {
  type CustomFieldQuery,
  type CustomFieldSortKey,
  customFieldsOfRecords,
  prepareCustomValues,
  resolveCustomListQuery,
  writeCustomValues,
} from '../custom-values.js';

export interface DealInput {
  title: string;
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  companyId?: string | null | undefined;
  ownerId?: string | null | undefined;
  amountMinor?: number | null | undefined;
  currency?: string | undefined;
  amountSource?: AmountSource | undefined;
  expectedCloseDate?: string | null | undefined;
  probabilityOverride?: number | null | undefined;
  source?: string | null | undefined;
  contacts?: DealContactLink[] | undefined;
  /** When the first interaction happened (an import's start date); defaults to now. */
  openedAt?: number | undefined;
  /** Custom-field values by key (see docs/custom-fields.md); on update, only those given change. */
  customFields?: Readonly<Record<string, unknown>> | undefined;
  /** An upsell or cross-sell of a won deal (`originDealId`), or new business (the default). */
  businessKind?: BusinessKind | undefined;
  originDealId?: string | undefined;
}

export type DealPatch = Partial<
  Omit<DealInput, 'pipelineId' | 'stageId' | 'openedAt' | 'businessKind' | 'originDealId'>
>;

/**
 * An upsell or a cross-sell comes from a won deal the actor may see; new business from none.
 * Returns the origin deal (its company is the new deal's when none is given).
 */
async function originOf(ctx: ServiceContext, input: DealInput): Promise<DealRow | null> {
  const kind = input.businessKind ?? 'new';
  if (kind === 'new') {
    if (input.originDealId) {
      const message = 'New business comes from no other deal: choose upsell or cross_sell';
      throw new DomainError('VALIDATION_FAILED', message, [
        { path: ['originDealId'], message, code: 'origin_for_new_business' },
      ]);
    }
    return null;
  }
  const invalid = (message: string, code: string) =>
    new DomainError('VALIDATION_FAILED', message, [{ path: ['originDealId'], message, code }]);
  if (!input.originDealId)
    throw invalid('An upsell or cross-sell names the won deal it comes from', 'origin_required');
  const origin = await findDeal(ctx.db, ctx.actor.workspaceId, input.originDealId);
  const ownerOnly = await visibleOwnerOf(ctx);
  if (
    !origin ||
    origin.deleted_at !== null ||
    (ownerOnly !== undefined && origin.owner_id !== ownerOnly)
  ) {
    throw invalid('Deal not found in this workspace', 'unknown_reference');
  }
  if (origin.status !== 'won')
    throw invalid('Only a won deal has upsells and cross-sells', 'origin_not_won');
  return origin;
}

/**
 * The contacts, external ids, custom values and staleness of these deals, by deal id: a fixed
 * number of queries for any number of deals.
 */
async function relatedOfDeals(
  ctx: ServiceContext,
  rows: DealRow[],
): Promise<(id: string) => DealRelated> {
  const { workspaceId } = ctx.actor;
  const ids = rows.map((r) => r.id);
  const [contacts, refs, customFields, rotting, steps, cards, flags] = await Promise.all([
    listDealContacts(ctx.db, workspaceId, ids),
    listExternalIdsOf(ctx.db, workspaceId, 'deal', ids),
    customFieldsOfRecords(ctx, 'deal', ids),
    listRottingDays(ctx.db, workspaceId, [...new Set(rows.map((r) => r.stage_id))]),
    listNextSteps(ctx.db, workspaceId, ids),
    listQualifications(ctx.db, workspaceId, ids),
    listOpenFlags(ctx.db, workspaceId, ids),
  ]);
  const nextDue = new Map(steps.map((s) => [s.dealId, s.dueAt]));
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const byDeal = new Map<string, DealRelated>();
  const of = (id: string) => {
    let related = byDeal.get(id);
    if (!related) {
      const row = rowOf.get(id);
      const isStale =
        row !== undefined &&
        isDealStale(
          {
            status: row.status,
            rottingDays: rotting.get(row.stage_id) ?? null,
            stageEnteredAt: Number(row.stage_entered_at),
            lastActivityAt: row.last_activity_at === null ? null : Number(row.last_activity_at),
            nextDueAt: nextDue.get(id) ?? null,
          },
          ctx.now,
        );
      related = {
        contacts: [],
        externalIds: [],
        customFields: customFields(id),
        isStale,
        qualification: cards.get(id) ?? NO_QUALIFICATION,
        flags: flags
          .filter((f) => f.deal_id === id)
          .map((f) => ({
            id: f.id,
            kind: f.kind as DealFlagKind,
            contactId: f.contact_id,
            contactName: f.contact_name,
            note: f.contact_left_note,
            raisedAt: toIso(Number(f.raised_at)) ?? '',
          })),
      };
      byDeal.set(id, related);
    }
    return related;
  };
  for (const row of contacts) {
    of(row.deal_id).contacts.push({ contactId: row.contact_id, role: row.role });
  }
  for (const ref of refs) {
    of(ref.record_id).externalIds.push({ source: ref.source, id: ref.external_id });
  }
  return of;
}

export async function viewDeal(ctx: ServiceContext, row: DealRow): Promise<DealView> {
  const related = await relatedOfDeals(ctx, [row]);
  return toDealView(row, related(row.id));
}

async function validateDealFields(ctx: ServiceContext, input: DealPatch): Promise<void> {
  if (input.currency !== undefined) currencyExponent(input.currency);
  await assertCompanyLiveForDeal(ctx, input.companyId);
  await assertMember(ctx, input.ownerId);
  if (input.contacts) {
    await assertContactsExist(
      ctx,
      input.contacts.map((c) => c.contactId),
    );
  }
  const ownerOnly = await visibleOwnerOf(ctx);
  if (ownerOnly !== undefined && input.ownerId && input.ownerId !== ownerOnly) {
    throw new DomainError('FORBIDDEN', 'Reps limited to their own deals cannot assign others');
  }
}

export async function createDeal(ctx: ServiceContext, input: DealInput): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const workspace = await findWorkspace(tx.db, workspaceId);
    if (!workspace) throw notFound('Workspace');
    const pipeline = input.pipelineId
      ? await findPipeline(tx.db, workspaceId, input.pipelineId)
      : await findDefaultPipeline(tx.db, workspaceId);
    if (!pipeline) {
      throw new DomainError('VALIDATION_FAILED', 'Pipeline not found', [
        {
          path: ['pipelineId'],
          message: 'Pipeline not found in this workspace',
          code: 'unknown_reference',
        },
      ]);
    }
    if (pipeline.archived_at !== null) {
      const message = 'This pipeline is archived: bring it back first, or choose another';
      throw new DomainError('CONFLICT', message, [
        { path: ['pipelineId'], message, code: 'pipeline_archived' },
      ]);
    }
    const stages = orderStages(await listStages(tx.db, workspaceId, pipeline.id));
    const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages[0];
    if (!stage || stage.kind !== 'open') {
      throw new DomainError('VALIDATION_FAILED', 'A new deal starts in an open stage', [
        {
          path: ['stageId'],
          message: 'Not an open, active stage of this pipeline',
          code: 'not_open_stage',
        },
      ]);
    }
    await validateDealFields(tx, input);
    const origin = await originOf(tx, input);
    const customValues = await prepareCustomValues(tx, 'deal', input.customFields);
    const id = newId();
    const openedAt = input.openedAt ?? tx.now;
    const opening = changeOf(planOpening(stage.id, openedAt));
    await insertNewDeal(
      tx.db,
      authorOf(tx),
      {
        id,
        workspace_id: workspaceId,
        pipeline_id: pipeline.id,
        title: input.title.trim(),
        company_id: input.companyId ?? origin?.company_id ?? null,
        business_kind: input.businessKind ?? 'new',
        origin_deal_id: origin?.id ?? null,
        owner_id: input.ownerId ?? tx.actor.userId,
        amount_minor: input.amountMinor ?? null,
        currency: input.currency ?? workspace.base_currency,
        amount_source: input.amountSource ?? 'estimate',
        expected_close_date: input.expectedCloseDate ?? null,
        probability_override: input.probabilityOverride ?? null,
        source: input.source ?? null,
        opened_at: openedAt,
        search_text: buildSearchText(input.title, input.source),
        created_at: tx.now,
        updated_at: tx.now,
      },
      opening,
    );
    if (input.contacts?.length) {
      await replaceDealContacts(tx.db, workspaceId, id, dedupeContacts(input.contacts));
    }
    await writeCustomValues(tx, id, customValues);
    return getDeal(tx, id);
  });
}

function dedupeContacts(contacts: DealContactLink[]) {
  const byId = new Map(contacts.map((c) => [c.contactId, c]));
  return [...byId.values()].map((c) => ({ contact_id: c.contactId, role: c.role ?? null }));
}

export async function getDeal(ctx: ServiceContext, id: string): Promise<DealView> {
  return viewDeal(ctx, await loadVisibleDeal(ctx, id));
}

/** The deal list's query: the repository's, with custom-field filters and `sort=cf.<key>`. */
export type DealViewQuery = Omit<
  DealListQuery,
  'workspaceId' | 'visibleOwnerId' | 'customFields' | 'customSort' | 'sort'
> &
  CustomFieldQuery & { sort: DealSort | CustomFieldSortKey };

export async function listDealViews(ctx: ServiceContext, query: DealViewQuery) {
  const { customFieldFilters, ...rest } = query;
  const page = await listDeals(ctx.db, {
    ...rest,
    ...(await resolveCustomListQuery(
      ctx,
      'deal',
      { customFieldFilters, sort: query.sort },
      'updatedAt',
    )),
    workspaceId: ctx.actor.workspaceId,
    visibleOwnerId: await visibleOwnerOf(ctx),
  });
  const related = await relatedOfDeals(ctx, page.items);
  return {
    items: page.items.map((row) => toDealView(row, related(row.id))),
    nextCursor: page.nextCursor,
  };
}

/** Applies a partial update if the deal is still at `version`; a stale write gets a 409. */
export async function updateDeal(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: DealPatch,
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const current = await loadVisibleDeal(tx, id);
    await validateDealFields(tx, patch);
    const customValues = await prepareCustomValues(tx, 'deal', patch.customFields, id);
    const changes: Updateable<DealTable> & { updated_at: number } = { updated_at: tx.now };
    if (patch.title !== undefined) {
      changes.title = patch.title.trim();
      changes.search_text = buildSearchText(patch.title, patch.source ?? current.source);
    }
    if (patch.companyId !== undefined) changes.company_id = patch.companyId;
    if (patch.ownerId !== undefined) changes.owner_id = patch.ownerId;
    if (patch.amountMinor !== undefined) changes.amount_minor = patch.amountMinor;
    if (patch.currency !== undefined) changes.currency = patch.currency;
    if (patch.amountSource !== undefined) changes.amount_source = patch.amountSource;
    if (patch.expectedCloseDate !== undefined)
      changes.expected_close_date = patch.expectedCloseDate;
    if (patch.probabilityOverride !== undefined) {
      changes.probability_override = patch.probabilityOverride;
    }
    if (patch.source !== undefined) changes.source = patch.source;
    if (
      (changes.amount_minor !== undefined && changes.amount_minor !== current.amount_minor) ||
      (changes.currency !== undefined && changes.currency !== current.currency)
    ) {
      // A new value is not the one the buyer confirmed.
      changes.value_verified_at = null;
      changes.value_verified_by = null;
    }
    const isApplied = await applyDealChange(
      tx.db,
      authorOf(tx),
      { ...current, version },
      changes,
      null,
      customValues.flatMap((v) => (v.change ? [v.change] : [])),
    );
    if (!isApplied) throw versionConflict(await viewDeal(tx, current));
    if (patch.contacts) {
      await replaceDealContacts(tx.db, tx.actor.workspaceId, id, dedupeContacts(patch.contacts));
    }
    await writeCustomValues(tx, id, customValues);
    return getDeal(tx, id);
  });
}

/**
 * Marks the deal's amount as confirmed with the buyer now, by the actor; the next change of
 * amount or currency clears the mark. A deal without an amount has nothing to verify.
 */
export async function verifyDealValue(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const current = await loadVisibleDeal(tx, id);
    if (current.amount_minor === null) {
      const message = 'The deal has no amount to verify';
      throw new DomainError('VALIDATION_FAILED', message, [
        { path: ['amountMinor'], message, code: 'amount_required' },
      ]);
    }
    const isApplied = await applyDealChange(
      tx.db,
      authorOf(tx),
      { ...current, version },
      {
        updated_at: tx.now,
        value_verified_at: tx.now,
        value_verified_by: tx.actor.userId,
      },
      null,
    );
    if (!isApplied) throw versionConflict(await viewDeal(tx, current));
    return getDeal(tx, id);
  });
}

/** Deletes a deal softly: its history stays (it is append-only), it leaves every list. */
export async function deleteDeal(ctx: ServiceContext, id: string, version: number): Promise<void> {
  requirePermission(ctx.actor, 'records.delete');
  await inTransaction(ctx, async (tx) => {
    const current = await loadVisibleDeal(tx, id);
    const changed = await updateAtVersion(tx.db, 'deals', tx.actor.workspaceId, id, version, {
      deleted_at: tx.now,
      updated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(await viewDeal(tx, current));
  });
}
