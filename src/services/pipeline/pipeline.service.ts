import type { FollowUpTask } from '../../domain/follow-up.js';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { newId } from '../../db/id.js';
import {
  clearOtherDefaultPipelines,
  countOpenDealsInPipeline,
  clearOtherFirstQualified,
  findPipeline,
  insertPipeline,
  insertStages,
  listPipelines,
  listStages,
  updatePipelinePositions,
  updateStagePositions,
} from '../../db/pipeline.repository.js';
import type { PipelineTable, StageTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { DEFAULT_STAGES, orderStages } from '../../domain/stage.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { placeAt } from '../../domain/positions.js';
import { type StageFields, stageKeyOf, stageListErrors } from '../../domain/stage-rules.js';

type StageView = Awaited<ReturnType<typeof listStages>>[number];

/** A pipeline with its active stages in board order, then its archived ones. */
export function toPipelineView(row: Selectable<PipelineTable>, stages: StageView[]) {
  const active = orderStages(stages);
  const archived = stages.filter((s) => s.archived);
  return {
    id: row.id,
    nameEn: row.name_en,
    nameAr: row.name_ar,
    position: row.position,
    isDefault: row.is_default === 1,
    archived: row.archived_at !== null,
    followUpTasks: JSON.parse(row.follow_up_tasks) as FollowUpTask[],
    createdAt: toIso(row.created_at),
    version: row.version,
    stages: [...active, ...archived],
  };
}
export type PipelineView = ReturnType<typeof toPipelineView>;

export interface PipelineInput {
  nameEn: string;
  nameAr: string;
  /** 1-based place among the workspace's pipelines; defaults to last. */
  position?: number | undefined;
  /** Makes this the default pipeline (the others stop being it). */
  isDefault?: true | undefined;
  /** Defaults to the seven stages of docs/concepts.md#the-default-pipeline. */
  stages?: StageFields[] | undefined;
}

export type PipelinePatch = Partial<Omit<PipelineInput, 'stages'>> & {
  /** The tasks a won deal's owner gets (replaces the pipeline's template). */
  followUpTasks?: FollowUpTask[] | undefined;
  /** True archives the pipeline (it leaves the board and pickers; its deals and history stay). */
  archived?: boolean | undefined;
};

/**
 * Refuses an archive that would strand work: the default pipeline (make another the default
 * first) or one with open deals (move or close them first). Archived pipelines cannot become
 * the default either.
 */
async function assertArchiveAllowed(
  ctx: ServiceContext,
  current: PipelineView,
  patch: PipelinePatch,
): Promise<void> {
  const willBeArchived = patch.archived ?? current.archived;
  if (willBeArchived && (patch.isDefault || (current.isDefault && patch.archived))) {
    const message = 'The default pipeline cannot be archived; make another one the default first';
    throw new DomainError('CONFLICT', message, [
      { path: ['archived'], message, code: 'default_pipeline' },
    ]);
  }
  if (patch.archived && !current.archived) {
    const open = await countOpenDealsInPipeline(ctx.db, ctx.actor.workspaceId, current.id);
    if (open > 0) {
      const message = `${open} open deal(s) are in this pipeline; move or close them first`;
      throw new DomainError('CONFLICT', message, [
        { path: ['archived'], message, code: 'pipeline_has_open_deals' },
      ]);
    }
  }
}

export async function getPipeline(ctx: ServiceContext, id: string): Promise<PipelineView> {
  const row = await findPipeline(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Pipeline');
  return toPipelineView(row, await listStages(ctx.db, ctx.actor.workspaceId, id));
}

export async function listPipelineViews(ctx: ServiceContext): Promise<PipelineView[]> {
  const rows = await listPipelines(ctx.db, ctx.actor.workspaceId);
  return Promise.all(
    rows.map(async (row) =>
      toPipelineView(row, await listStages(ctx.db, ctx.actor.workspaceId, row.id)),
    ),
  );
}

async function placePipeline(ctx: ServiceContext, id: string, position: number) {
  const active = (await listPipelines(ctx.db, ctx.actor.workspaceId)).filter(
    (p) => p.archived_at === null,
  );
  const order = placeAt(
    active.map((p) => p.id),
    id,
    position,
  );
  await updatePipelinePositions(ctx.db, ctx.actor.workspaceId, order);
}

export async function createPipeline(
  ctx: ServiceContext,
  input: PipelineInput,
): Promise<PipelineView> {
  requirePermission(ctx.actor, 'pipelines.manage');
  const stages: StageFields[] = input.stages ?? DEFAULT_STAGES.map((s) => ({ ...s }));
  const errors = stageListErrors(stages);
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'The stage list is not a valid pipeline', errors);
  }
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const id = newId();
    const existing = await listPipelines(tx.db, workspaceId);
    await insertPipeline(tx.db, {
      id,
      workspace_id: workspaceId,
      name_en: input.nameEn.trim(),
      name_ar: input.nameAr.trim(),
      position: existing.length + 1,
      is_default: input.isDefault ? 1 : 0,
      created_at: tx.now,
    });
    if (input.position !== undefined) await placePipeline(tx, id, input.position);
    if (input.isDefault) await clearOtherDefaultPipelines(tx.db, workspaceId, id);
    const keys = new Set(stages.flatMap((s) => (s.key ? [s.key] : [])));
    const rows = stages.map((stage, index) => {
      const key = stage.key ?? stageKeyOf(stage.nameEn, keys);
      keys.add(key);
      return newStageRow(
        { id: newId(), workspaceId, pipelineId: id },
        { ...stage, key },
        index + 1,
      );
    });
    await insertStages(tx.db, rows);
    return getPipeline(tx, id);
  });
}

/** Changes names, place, default flag or archived state if the pipeline is still at `version`. */
export async function updatePipeline(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: PipelinePatch,
): Promise<PipelineView> {
  requirePermission(ctx.actor, 'pipelines.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await getPipeline(tx, id);
    if (current.version !== version) throw versionConflict(current);
    await assertArchiveAllowed(tx, current, patch);
    const changes: Updateable<PipelineTable> = {};
    if (patch.nameEn !== undefined) changes.name_en = patch.nameEn.trim();
    if (patch.nameAr !== undefined) changes.name_ar = patch.nameAr.trim();
    if (patch.isDefault) changes.is_default = 1;
    if (patch.followUpTasks !== undefined) {
      changes.follow_up_tasks = JSON.stringify(
        patch.followUpTasks.map((task) => ({
          ...task,
          subjectEn: task.subjectEn.trim(),
          subjectAr: task.subjectAr.trim(),
        })),
      );
    }
    if (patch.archived !== undefined && patch.archived !== current.archived) {
      changes.archived_at = patch.archived ? tx.now : null;
    }
    const changed = await updateAtVersion(
      tx.db,
      'pipelines',
      tx.actor.workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(current);
    if (patch.isDefault) await clearOtherDefaultPipelines(tx.db, tx.actor.workspaceId, id);
    if (patch.position !== undefined) await placePipeline(tx, id, patch.position);
    // Back from the archive, a pipeline goes last among the active ones.
    if (patch.archived === false && current.archived) await placePipeline(tx, id, 1_000_000);
    return getPipeline(tx, id);
  });
}

/**
 * Runs a change of the pipeline's stage structure (which stages are active, in what order)
 * guarded by the pipeline's version, which it bumps.
 */
async function changeStructure(
  ctx: ServiceContext,
  pipelineId: string,
  version: number,
  change: (tx: ServiceContext, current: PipelineView) => Promise<void>,
): Promise<PipelineView> {
  requirePermission(ctx.actor, 'pipelines.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await getPipeline(tx, pipelineId);
    if (current.version !== version) throw versionConflict(current);
    await change(tx, current);
    const changed = await updateAtVersion(
      tx.db,
      'pipelines',
      tx.actor.workspaceId,
      pipelineId,
      version,
      {},
    );
    if (changed === 0) throw versionConflict(current);
    return getPipeline(tx, pipelineId);
  });
}

/**
 * Adds a stage at a 1-based place among the active stages, shifting the later ones. Without a
 * position an open stage goes just before the first won stage, a won stage at the end.
 */
export function addStage(
  ctx: ServiceContext,
  pipelineId: string,
  version: number,
  input: StageFields & { position?: number | undefined },
): Promise<PipelineView> {
  return changeStructure(ctx, pipelineId, version, async (tx, current) => {
    const { workspaceId } = tx.actor;
    const taken = new Set(current.stages.map((s) => s.key));
    if (input.key !== undefined && taken.has(input.key)) {
      throw new DomainError('CONFLICT', `The pipeline already has a stage with key ${input.key}`, [
        {
          path: ['key'],
          message: 'Key already used in this pipeline',
          code: 'duplicate_stage_key',
        },
      ]);
    }
    const active = current.stages.filter((s) => !s.archived);
    const firstWon = active.findIndex((s) => s.kind === 'won');
    const position =
      input.position ?? (input.kind === 'open' && firstWon >= 0 ? firstWon + 1 : active.length + 1);
    const id = newId();
    const key = input.key ?? stageKeyOf(input.nameEn, taken);
    await insertStages(tx.db, [
      newStageRow({ id, workspaceId, pipelineId }, { ...input, key }, active.length + 1),
    ]);
    if (input.isFirstQualified) {
      await clearOtherFirstQualified(tx.db, workspaceId, pipelineId, id);
    }
    const order = placeAt(
      active.map((s) => s.id),
      id,
      position,
    );
    await updateStagePositions(tx.db, workspaceId, order);
  });
}

/** Puts the active stages in a new order; `stageIds` must name each of them exactly once. */
export function reorderStages(
  ctx: ServiceContext,
  pipelineId: string,
  version: number,
  stageIds: string[],
): Promise<PipelineView> {
  return changeStructure(ctx, pipelineId, version, async (tx, current) => {
    const active = new Set(current.stages.filter((s) => !s.archived).map((s) => s.id));
    const given = new Set(stageIds);
    const isExact =
      given.size === stageIds.length &&
      given.size === active.size &&
      stageIds.every((id) => active.has(id));
    if (!isExact) {
      throw new DomainError('VALIDATION_FAILED', 'List every active stage exactly once', [
        {
          path: ['stageIds'],
          message: 'Must be exactly the pipeline’s active stages, each once',
          code: 'not_the_active_stages',
        },
      ]);
    }
    await updateStagePositions(tx.db, tx.actor.workspaceId, stageIds);
  });
}

/** The row of a new stage; `forecastCategory` defaults to `commit` for won stages. */
export function newStageRow(
  ids: { id: string; workspaceId: string; pipelineId: string },
  stage: StageFields & { key: string },
  position: number,
): Insertable<StageTable> {
  return {
    id: ids.id,
    workspace_id: ids.workspaceId,
    pipeline_id: ids.pipelineId,
    key: stage.key,
    name_en: stage.nameEn.trim(),
    name_ar: stage.nameAr.trim(),
    position,
    kind: stage.kind,
    probability: stage.probability,
    forecast_category: stage.forecastCategory ?? (stage.kind === 'won' ? 'commit' : 'pipeline'),
    rotting_days: stage.rottingDays ?? null,
    exit_criteria: JSON.stringify([...new Set(stage.exitCriteria ?? [])]),
    is_first_qualified: stage.isFirstQualified ? 1 : 0,
  };
}
