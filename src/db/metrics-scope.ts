import { NO_CUTOFF_MS } from '../domain/metrics-window.js';
import { dealsAsOf } from './as-of.repository.js';
import type { Db } from './connection.js';
import { applyDealFilter } from './deal.repository.js';

/**
 * Which deals and which history a metrics query sees. Instants are epoch milliseconds:
 * events count when `fromMs <= at < endMs`, and history rows exist only when `at < cutoffMs`.
 */
export interface MetricsScope {
  workspaceId: string;
  pipelineId: string;
  ownerId?: string | undefined;
  /** Deals whose owner is a member of this team (memberships.team_id). */
  teamId?: string | undefined;
  source?: string | undefined;
  /** Only this owner's deals (reps limited to their own). */
  visibleOwnerId?: string | undefined;
  fromMs: number;
  endMs: number;
  cutoffMs: number;
}

/**
 * The deals a metrics query counts: live deals of the pipeline matching the filters, opened
 * before the cut-off. Needs `deals` in the query under its own name.
 */
// Shared by select queries of different shapes; each caller keeps its own row type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function applyMetricsScope<Q extends { where: (...args: any[]) => Q }>(
  select: Q,
  scope: MetricsScope,
): Q {
  return applyDealFilter(select, {
    workspaceId: scope.workspaceId,
    pipelineId: scope.pipelineId,
    ownerId: scope.ownerId,
    teamId: scope.teamId,
    source: scope.source,
    visibleOwnerId: scope.visibleOwnerId,
  }).where('deals.opened_at', '<', scope.cutoffMs);
}

/**
 * The deals a metrics query reads, under the name `deals`: the table itself, or, with a cut-off,
 * every deal with its owner, pipeline, amount and the rest as they stood just before it, so a
 * metric as of a past day counts the deals its filters matched then, at their amounts then.
 */
export function dealsOf(db: Db, scope: MetricsScope): 'deals' {
  if (scope.cutoffMs >= NO_CUTOFF_MS) return 'deals';
  // The subquery has every column of the table under the table's name: the builders that take
  // a table name take it alike, so the name's type stands for both.
  return dealsAsOf(db, scope.workspaceId, scope.cutoffMs - 1) as unknown as 'deals';
}

/** History rows of the deals in scope, with the stage each row leads into (`s`). */
export function historyOf(db: Db, scope: MetricsScope) {
  return applyMetricsScope(
    db
      .selectFrom('stage_history as h')
      .innerJoin(dealsOf(db, scope), 'deals.id', 'h.deal_id')
      .innerJoin('stages as s', 's.id', 'h.to_stage_id'),
    scope,
  ).where('h.workspace_id', '=', scope.workspaceId);
}
