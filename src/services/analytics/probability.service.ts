import { countClosedDealsByReach } from '../../db/probability.repository.js';
import {
  DEFAULT_WINDOW_MONTHS,
  historicalStageProbabilities,
  PRIOR_WEIGHT,
  type ProbabilityMode,
  trailingWindowStart,
} from '../../domain/probability.js';
import { orderStages } from '../../domain/stage.js';
import { type ServiceContext, toIso } from '../context.service.js';
import { resolveScope } from '../scope.service.js';

export interface ProbabilityQuery {
  windowMonths?: number | undefined;
  asOf?: string | undefined;
}

/**
 * Each active stage's configured and historical probability, side by side (docs/concepts.md#historical-stage-probability):
 * of deals closed in the trailing window that reached the stage, the share won, shrunk toward
 * the configured value with a Beta prior worth 20 deals. Probabilities are shares in [0, 1].
 */
export async function getStageProbabilities(
  ctx: ServiceContext,
  pipelineId: string,
  query: ProbabilityQuery = {},
) {
  const { workspaceId } = ctx.actor;
  const { workspace, stages, at } = await resolveScope(ctx, { pipelineId, asOf: query.asOf });
  const months = query.windowMonths ?? DEFAULT_WINDOW_MONTHS;
  const fromMs = trailingWindowStart(at, months, workspace.time_zone);
  const rows = await countClosedDealsByReach(ctx.db, workspaceId, { fromMs, at }, pipelineId);
  const active = orderStages(stages);
  const probabilities = historicalStageProbabilities(
    active,
    rows.map((r) => ({
      furthestPosition: r.furthest_position,
      status: r.status,
      dealCount: r.deal_count,
    })),
  );
  const mode: ProbabilityMode =
    workspace.probability_mode === 'historical' ? 'historical' : 'configured';
  return {
    pipelineId,
    probabilityMode: mode,
    priorWeight: PRIOR_WEIGHT,
    window: { from: toIso(fromMs) ?? '', to: toIso(at) ?? '', months },
    stages: active.map((stage, index) => {
      const p = probabilities[index];
      return {
        stageId: stage.id,
        key: stage.key,
        nameEn: stage.nameEn,
        nameAr: stage.nameAr,
        kind: stage.kind,
        configured: p?.configured ?? stage.probability / 100,
        historical: p?.historical ?? stage.probability / 100,
        observed: p?.observed ?? null,
        sampleSize: p?.sampleSize ?? 0,
        wonCount: p?.wonCount ?? 0,
      };
    }),
  };
}
