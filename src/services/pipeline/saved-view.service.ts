/**
 * Saved views of the board: a name, a pipeline and the board's filters, private to the person
 * who saved them or shared with the workspace. Anyone who may write records may save views;
 * only a view's owner — or an admin — changes or deletes it; another's private view is not found.
 */
import type { Selectable } from 'kysely';
import { newId } from '../../db/id.js';
import { findPipeline } from '../../db/pipeline.repository.js';
import {
  deleteViewAtVersion,
  findView,
  insertView,
  listOwnViewNames,
  listVisibleViews,
} from '../../db/saved-view.repository.js';
import type { SavedViewTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import {
  compareViews,
  viewCustomFieldConditions,
  viewFilterErrors,
  viewNameKey,
} from '../../domain/saved-views.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { resolveCustomFilters } from '../custom-values.js';

type ViewRow = Selectable<SavedViewTable>;

export interface SavedViewInput {
  name: string;
  kind: 'board';
  pipelineId?: string | null | undefined;
  filters: Record<string, string>;
  isShared?: boolean | undefined;
}

export type SavedViewPatch = Partial<Omit<SavedViewInput, 'kind'>>;

function toView(ctx: ServiceContext, row: ViewRow) {
  return {
    id: row.id,
    kind: row.kind as 'board',
    name: row.name,
    pipelineId: row.pipeline_id,
    filters: JSON.parse(row.filters) as Record<string, string>,
    isShared: row.is_shared === 1,
    ownerId: row.owner_user_id,
    isMine: row.owner_user_id === ctx.actor.userId,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
  };
}

export type SavedViewView = ReturnType<typeof toView>;

function ownerOf(ctx: ServiceContext): string {
  if (ctx.actor.userId === null) {
    throw new DomainError('FORBIDDEN', 'A saved view belongs to a person: sign in to save one');
  }
  return ctx.actor.userId;
}

/** A view the actor may see: their own or a shared one (else, as if it did not exist). */
async function loadVisible(ctx: ServiceContext, id: string): Promise<ViewRow> {
  const row = await findView(ctx.db, ctx.actor.workspaceId, id);
  if (!row || (row.is_shared !== 1 && row.owner_user_id !== ctx.actor.userId)) {
    throw notFound('Saved view');
  }
  return row;
}

/**
 * The deal custom fields a view's `cf.*` filters name, checked as the board checks them: an
 * unknown or archived field, an operator its type has not, a value it cannot hold — each a 400
 * at ['filters', name], so that a view saved is one the board takes.
 */
async function customFilterErrors(ctx: ServiceContext, filters: Record<string, string>) {
  try {
    await resolveCustomFilters(ctx, 'deal', viewCustomFieldConditions(filters));
    return [];
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.details;
    throw error;
  }
}

async function check(ctx: ServiceContext, input: SavedViewPatch, ownerId: string, selfId?: string) {
  const details = input.filters
    ? [...viewFilterErrors(input.filters), ...(await customFilterErrors(ctx, input.filters))]
    : [];
  if (input.pipelineId) {
    const pipeline = await findPipeline(ctx.db, ctx.actor.workspaceId, input.pipelineId);
    if (!pipeline) {
      details.push({
        path: ['pipelineId'],
        message: 'Pipeline not found in this workspace',
        code: 'unknown_reference',
      });
    }
  }
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid view', details);
  if (input.name !== undefined) {
    const key = viewNameKey(input.name);
    const names = await listOwnViewNames(ctx.db, ctx.actor.workspaceId, 'board', ownerId);
    if (names.some((view) => view.id !== selfId && viewNameKey(view.name) === key)) {
      const message = 'You already have a view of that name';
      throw new DomainError('CONFLICT', message, [
        { path: ['name'], message, code: 'duplicate_name' },
      ]);
    }
  }
}

export async function listSavedViews(ctx: ServiceContext, kind: 'board') {
  requirePermission(ctx.actor, 'read');
  const rows = await listVisibleViews(ctx.db, ctx.actor.workspaceId, kind, ctx.actor.userId ?? '');
  return rows.sort(compareViews).map((row) => toView(ctx, row));
}

export async function getSavedView(ctx: ServiceContext, id: string): Promise<SavedViewView> {
  requirePermission(ctx.actor, 'read');
  return toView(ctx, await loadVisible(ctx, id));
}

export function createSavedView(ctx: ServiceContext, input: SavedViewInput) {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const ownerId = ownerOf(tx);
    await check(tx, input, ownerId);
    const id = newId();
    await insertView(tx.db, {
      id,
      workspace_id: tx.actor.workspaceId,
      owner_user_id: ownerId,
      kind: input.kind,
      name: input.name.trim(),
      pipeline_id: input.pipelineId ?? null,
      filters: JSON.stringify(input.filters),
      is_shared: input.isShared ? 1 : 0,
      created_at: tx.now,
      updated_at: tx.now,
    });
    return getSavedView(tx, id);
  });
}

/** Its owner changes a view; so may an admin, e.g. to tidy the shared ones. */
function requireOwnerOrAdmin(ctx: ServiceContext, row: ViewRow): void {
  if (row.owner_user_id !== ctx.actor.userId && ctx.actor.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'Only the person who saved this view may change it');
  }
}

export function updateSavedView(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: SavedViewPatch,
) {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, id);
    requireOwnerOrAdmin(tx, row);
    if (row.version !== version) throw versionConflict(toView(tx, row));
    await check(tx, patch, row.owner_user_id, row.id);
    const changed = await updateAtVersion(tx.db, 'saved_views', tx.actor.workspaceId, id, version, {
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.pipelineId !== undefined && { pipeline_id: patch.pipelineId }),
      ...(patch.filters !== undefined && { filters: JSON.stringify(patch.filters) }),
      ...(patch.isShared !== undefined && { is_shared: patch.isShared ? 1 : 0 }),
      updated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(await getSavedView(tx, id));
    return getSavedView(tx, id);
  });
}

export function deleteSavedView(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, id);
    requireOwnerOrAdmin(tx, row);
    if (!(await deleteViewAtVersion(tx.db, tx.actor.workspaceId, id, version))) {
      throw versionConflict(toView(tx, row));
    }
  });
}
