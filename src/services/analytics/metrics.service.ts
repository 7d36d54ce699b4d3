import { metricsWindow } from '../../domain/metrics-window.js';
import { orderStages } from '../../domain/stage.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { resolveScope } from '../scope.service.js';
import {
  closedSums,
  closingsOf,
  leaderboardOf,
  lossesOf,
  qualifiedLeadsOf,
  salesVelocityOf,
  stageTablesOf,
} from './metrics-assemblers.js';
import { loadMetricsFacts } from './metrics-facts.js';
import type { MetricsResult } from './metrics-result.js';

export interface MetricsQuery {
  /** First day, YYYY-MM-DD, in the workspace's time zone. */
  from: string;
  /** Day after the last day, YYYY-MM-DD. */
  to: string;
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  source?: string | undefined;
  /** Cut the history at this instant: ISO 8601 with a zone, or a day (its start). */
  asOf?: string | undefined;
}

/**
 * Every metric that is not a forecast, over one period and one pipeline (docs/concepts.md):
 * resolve the scope, load the aggregates, assemble each part of the answer.
 */
export async function computeMetrics(
  ctx: ServiceContext,
  query: MetricsQuery,
): Promise<MetricsResult> {
  requirePermission(ctx.actor, 'read');
  const scope = await resolveScope(ctx, query);
  const { pipeline, timeZone, baseCurrency } = scope;
  if (!pipeline) throw new Error('resolveScope gives the default pipeline');
  const window = metricsWindow(query, timeZone, scope.asOfMs ?? null, ctx.now);
  const facts = await loadMetricsFacts(ctx.db, { ...scope, pipeline }, window);
  const sumsOf = closedSums(facts, baseCurrency);
  const { unconvertedCurrencies, ...closings } = closingsOf(facts, sumsOf);
  return {
    period: window.period,
    asOf: toIso(window.asOfMs),
    timeZone,
    baseCurrency,
    pipeline: { id: pipeline.id, nameEn: pipeline.name_en, nameAr: pipeline.name_ar },
    filters: {
      ownerId: scope.ownerId ?? null,
      teamId: scope.teamId ?? null,
      source: scope.source ?? null,
    },
    ...closings,
    ...stageTablesOf(facts, orderStages(scope.stages)),
    ...qualifiedLeadsOf(facts, window),
    salesVelocity: salesVelocityOf(facts, closings, baseCurrency),
    ...lossesOf(facts, scope.stages),
    leaderboard: leaderboardOf(facts, sumsOf),
    unconvertedCurrencies,
  };
}
