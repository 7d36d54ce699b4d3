import type { Db } from '../../db/connection.js';
import {
  countLosses,
  listUserNames,
  medianCycleMs,
  summarizeClosings,
} from '../../db/metrics.repository.js';
import type { MetricsScope } from '../../db/metrics-scope.js';
import { countMqlToSql, countQualifiedByMonth } from '../../db/metrics-qualified.repository.js';
import {
  countFurthestPositions,
  summarizeConversion,
  summarizeOpenDeals,
  summarizeStageVisits,
} from '../../db/metrics-stage.repository.js';
import { latestRatesOn, listLostReasons } from '../../db/reference.repository.js';
import { mqlStageOf } from '../../domain/metrics.js';
import type { MetricsWindow } from '../../domain/metrics-window.js';
import { dayOf } from '../../domain/period.js';
import { orderStages, type Stage } from '../../domain/stage.js';
import type { ResolvedScope } from '../scope.service.js';

/** Everything the metrics are assembled from: aggregate rows, never one row per deal. */
export type MetricsFacts = Awaited<ReturnType<typeof loadMetricsFacts>>;

/** The SQL side of the metrics: each aggregate over the scope's history, in parallel. */
export async function loadMetricsFacts(
  db: Db,
  resolved: ResolvedScope & { pipeline: { id: string } },
  window: MetricsWindow,
) {
  const { mql, sql: sqlStage } = mqlStageOf(orderStages(resolved.stages));
  const scope: MetricsScope = {
    workspaceId: resolved.workspace.id,
    pipelineId: resolved.pipeline.id,
    ownerId: resolved.ownerId,
    teamId: resolved.teamId,
    source: resolved.source,
    visibleOwnerId: resolved.visibleOwnerId,
    fromMs: window.fromMs,
    endMs: window.endMs,
    cutoffMs: window.cutoffMs,
  };
  const [closings, medians, losses, visits, open, conversion, furthest] = await Promise.all([
    summarizeClosings(db, scope),
    medianCycleMs(db, scope),
    countLosses(db, scope),
    summarizeStageVisits(db, scope),
    summarizeOpenDeals(db, scope, window.snapshotMs),
    summarizeConversion(db, scope),
    countFurthestPositions(db, scope),
  ]);
  const lastDay = dayOf(Math.max(window.fromMs, window.endMs - 1), resolved.timeZone);
  const [qualified, mqlCounts, rates, reasons, names] = await Promise.all([
    countQualified(db, scope, sqlStage, window),
    mql && sqlStage
      ? countMqlToSql(db, scope, mql.position, sqlStage.position)
      : Promise.resolve({ mqls: 0, sqls: 0 }),
    // Every amount converts at the latest rate on or before the window's last day.
    latestRatesOn(db, scope.workspaceId, lastDay),
    listLostReasons(db, scope.workspaceId, true),
    listUserNames(db, [
      ...new Set(closings.flatMap((c) => (c.owner_id === null ? [] : [c.owner_id]))),
    ]),
  ]);
  return {
    closings,
    medians,
    losses,
    visits,
    open,
    conversion,
    furthest,
    qualified,
    mql,
    sqlStage,
    mqlCounts,
    rates,
    reasons,
    names,
  };
}

function countQualified(
  db: Db,
  scope: MetricsScope,
  sqlStage: Stage | undefined,
  window: MetricsWindow,
): Promise<number[]> {
  return sqlStage
    ? countQualifiedByMonth(db, scope, sqlStage.position, window.months)
    : Promise.resolve(window.months.map(() => 0));
}
