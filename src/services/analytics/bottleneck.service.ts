import { countEntriesBetween, sumVisitsEndedBetween } from '../../db/bottleneck.repository.js';
import { assessBottleneck, BOTTLENECK_RULE } from '../../domain/bottleneck.js';
import { notFound } from '../../domain/errors.js';
import { orderStages } from '../../domain/stage.js';
import { type ServiceContext, toIso } from '../context.service.js';
import { resolveScope } from '../scope.service.js';

const DAY_MS = 86_400_000;
/** The baseline a stage's recent window is compared with: the 180 days before it. */
export const BASELINE_DAYS = 180;

export interface BottleneckQuery {
  pipelineId?: string | undefined;
  /** The recent window, in days ending now; default 30. */
  days?: number | undefined;
}

/**
 * For each open stage of a pipeline: its recent time in stage (mean of visits completed in the
 * last `days` days) and conversion (of deals that entered it in those days, the share that went
 * further or won, among those decided), each beside the same measure over the 180 days before,
 * and whether the difference is marked enough to call the stage a bottleneck.
 */
export async function getBottlenecks(ctx: ServiceContext, query: BottleneckQuery) {
  const { workspaceId } = ctx.actor;
  const resolved = await resolveScope(ctx, { pipelineId: query.pipelineId });
  const { pipeline } = resolved;
  if (!pipeline) throw notFound('Pipeline');
  const days = query.days ?? 30;
  const scope = {
    workspaceId,
    pipelineId: pipeline.id,
    visibleOwnerId: resolved.visibleOwnerId,
  };
  // Half-open windows; the recent one includes the present instant.
  const recent = { fromMs: ctx.now - days * DAY_MS, toMs: ctx.now + 1 };
  const baseline = { fromMs: recent.fromMs - BASELINE_DAYS * DAY_MS, toMs: recent.fromMs };
  const [stages, recentVisits, baselineVisits, recentEntries, baselineEntries] = await Promise.all([
    Promise.resolve(resolved.stages),
    sumVisitsEndedBetween(ctx.db, scope, recent),
    sumVisitsEndedBetween(ctx.db, scope, baseline),
    countEntriesBetween(ctx.db, scope, recent),
    countEntriesBetween(ctx.db, scope, baseline),
  ]);
  const visitsOf = (rows: typeof recentVisits, stageId: string) => {
    const row = rows.find((r) => r.stage_id === stageId);
    return { visits: row?.visits ?? 0, totalMs: row?.total_ms ?? 0 };
  };
  const entriesOf = (rows: typeof recentEntries, stageId: string) => {
    const row = rows.find((r) => r.stage_id === stageId);
    return {
      entered: row?.entered ?? 0,
      converted: row?.converted ?? 0,
      pending: row?.pending ?? 0,
    };
  };
  const conversionView = (sample: ReturnType<typeof entriesOf>, rate: number | null) => ({
    ...sample,
    decided: sample.entered - sample.pending,
    rate,
  });
  return {
    pipelineId: pipeline.id,
    days,
    baselineDays: BASELINE_DAYS,
    windows: {
      recent: { from: toIso(recent.fromMs) ?? '', to: toIso(ctx.now) ?? '' },
      baseline: { from: toIso(baseline.fromMs) ?? '', to: toIso(baseline.toMs) ?? '' },
    },
    rule: BOTTLENECK_RULE,
    stages: orderStages(stages)
      .filter((s) => s.kind === 'open')
      .map((stage) => {
        const recentTime = visitsOf(recentVisits, stage.id);
        const baselineTime = visitsOf(baselineVisits, stage.id);
        const recentSample = entriesOf(recentEntries, stage.id);
        const baselineSample = entriesOf(baselineEntries, stage.id);
        const assessment = assessBottleneck({
          recentTime,
          baselineTime,
          recentEntries: recentSample,
          baselineEntries: baselineSample,
        });
        return {
          stage: {
            id: stage.id,
            key: stage.key,
            nameEn: stage.nameEn,
            nameAr: stage.nameAr,
          },
          timeInStage: {
            recent: { visits: recentTime.visits, meanDays: assessment.time.recentMeanDays },
            baseline: { visits: baselineTime.visits, meanDays: assessment.time.baselineMeanDays },
            ratio: assessment.time.ratio,
            isFlagged: assessment.time.isFlagged,
          },
          conversion: {
            recent: conversionView(recentSample, assessment.conversion.recentRate),
            baseline: conversionView(baselineSample, assessment.conversion.baselineRate),
            dropPoints: assessment.conversion.dropPoints,
            isFlagged: assessment.conversion.isFlagged,
          },
          isBottleneck: assessment.isBottleneck,
        };
      }),
  };
}
