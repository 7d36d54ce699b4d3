import type { Selectable } from 'kysely';
import {
  findDefaultPipeline,
  findPipeline,
  listPipelines,
  listStages,
} from '../db/pipeline.repository.js';
import type { PipelineTable, WorkspaceRow } from '../db/schema.js';
import { findTeam } from '../db/team.repository.js';
import { listMembers } from '../db/user.repository.js';
import { findWorkspace } from '../db/workspace.repository.js';
import { parseAsOf } from '../domain/as-of.js';
import { DomainError, notFound } from '../domain/errors.js';
import type { Stage } from '../domain/stage.js';
import type { ServiceContext } from './context.service.js';
import { visibleOwnerOf } from './deals/deal-access.js';

/**
 * What a pipeline view is about — the board, metrics, forecast, bottlenecks, targets and
 * probabilities all read it the same way, so a bad id or an instant to come gets one answer.
 */
export interface ScopeQuery {
  /** One pipeline; absent: the default pipeline (or every pipeline, where a view allows it). */
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  source?: string | undefined;
  /** `YYYY-MM-DD` (its start in the workspace's time zone) or a zoned ISO 8601 instant. */
  asOf?: string | undefined;
}

export interface ResolvedScope {
  workspace: WorkspaceRow;
  timeZone: string;
  baseCurrency: string;
  /** The pipeline asked for or the default one; null when every pipeline was asked for. */
  pipeline: Selectable<PipelineTable> | null;
  /** Every stage of the pipeline, archived ones included (`orderStages` keeps the active ones
   * in board order); none for every pipeline. */
  stages: Stage[];
  ownerId: string | undefined;
  teamId: string | undefined;
  source: string | undefined;
  /** Set when the actor may see only their own deals. */
  visibleOwnerId: string | undefined;
  /** The instant asked about, if not now. */
  asOfMs: number | undefined;
  /** The instant the view describes: `asOfMs`, else now. */
  at: number;
}

/**
 * Resolves a view's scope: the workspace, the pipeline (given, or the default one; `'every'`
 * keeps "all pipelines" when none is given), its stages, the filters, who may see what, and
 * the "as of" instant.
 * - An unknown pipeline is "not found" (404), like any record of another workspace.
 * - An unknown team is a field error on `teamId` (400) in every view.
 * - An owner is a filter: an id that owns no deals selects none (people leave, their deals stay).
 * - `asOf` is read by {@link parseAsOf}: a day or a zoned instant, never in the future (400).
 */
export async function resolveScope(
  ctx: ServiceContext,
  query: ScopeQuery,
  pipelines: 'default' | 'every' = 'default',
): Promise<ResolvedScope> {
  const { workspaceId } = ctx.actor;
  const workspace = await findWorkspace(ctx.db, workspaceId);
  if (!workspace) throw notFound('Workspace');
  const pipelineId = query.pipelineId?.trim();
  const pipeline = pipelineId
    ? await findPipeline(ctx.db, workspaceId, pipelineId)
    : pipelines === 'default'
      ? await findDefaultPipeline(ctx.db, workspaceId)
      : null;
  if ((pipelineId || pipelines === 'default') && !pipeline) throw notFound('Pipeline');
  const teamId = query.teamId?.trim() || undefined;
  if (teamId && !(await findTeam(ctx.db, workspaceId, teamId))) {
    throw new DomainError('VALIDATION_FAILED', 'Team not found in this workspace', [
      { path: ['teamId'], message: 'Team not found', code: 'unknown_reference' },
    ]);
  }
  const asOfMs = parseAsOf(query.asOf, workspace.time_zone, ctx.now);
  const [stages, visibleOwnerId] = await Promise.all([
    pipeline ? listStages(ctx.db, workspaceId, pipeline.id) : [],
    visibleOwnerOf(ctx),
  ]);
  return {
    workspace,
    timeZone: workspace.time_zone,
    baseCurrency: workspace.base_currency,
    pipeline: pipeline ?? null,
    stages,
    ownerId: query.ownerId?.trim() || undefined,
    teamId,
    source: query.source?.trim() || undefined,
    visibleOwnerId,
    asOfMs,
    at: asOfMs ?? ctx.now,
  };
}

/**
 * Reads the selectors a person types at the command line (`--pipeline Sales --owner sara@…`):
 * a pipeline by id or name (English or Arabic, any case), an owner by id or email. An unknown
 * one is a field error naming the flag.
 */
export async function resolveSelectors(
  ctx: ServiceContext,
  selectors: { pipeline?: string | undefined; owner?: string | undefined },
): Promise<{ pipelineId?: string; ownerId?: string }> {
  const { workspaceId } = ctx.actor;
  const resolved: { pipelineId?: string; ownerId?: string } = {};
  const wanted = selectors.pipeline?.trim();
  if (wanted) {
    const name = wanted.toLowerCase();
    const pipeline = (await listPipelines(ctx.db, workspaceId)).find(
      (p) =>
        p.id === wanted || p.name_en.toLowerCase() === name || p.name_ar.toLowerCase() === name,
    );
    if (!pipeline) {
      throw new DomainError('VALIDATION_FAILED', `Pipeline "${wanted}" not found`, [
        {
          path: ['pipeline'],
          message: 'Not the id or name of a pipeline of this workspace',
          code: 'unknown_reference',
        },
      ]);
    }
    resolved.pipelineId = pipeline.id;
  }
  const owner = selectors.owner?.trim();
  if (owner) {
    const email = owner.toLowerCase();
    const member = (await listMembers(ctx.db, workspaceId)).find(
      (m) => m.id === owner || m.email === email,
    );
    if (!member) {
      throw new DomainError('VALIDATION_FAILED', `No member ${owner}`, [
        {
          path: ['owner'],
          message: 'Not the id or email of a member of this workspace',
          code: 'unknown_reference',
        },
      ]);
    }
    resolved.ownerId = member.id;
  }
  return resolved;
}
