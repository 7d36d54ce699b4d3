import { findTarget } from '../../db/target.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { rateOnDay } from '../../domain/forecast.js';
import { convertMoney } from '../../domain/money.js';
import { dayOf, type Period } from '../../domain/period.js';
import { DEFAULT_WINDOW_MONTHS, trailingWindowStart } from '../../domain/probability.js';
import { orderStages } from '../../domain/stage.js';
import { computeTargetProgress, parseTargetScope } from '../../domain/targets.js';
import { type ServiceContext, toIso } from '../context.service.js';
import {
  type ForecastFilter,
  forecastPeriod,
  loadForecastWorld,
  stageProbabilitiesAt,
  wonBetween,
} from './forecast-model.js';
import { resolveScope } from '../scope.service.js';
import { toTargetView } from './target.service.js';

/**
 * Where a target stands now: won so far in its period for its scope, the gap, the open pipeline
 * closing in the period against the gap (coverage), and how many more deals must enter each open
 * stage of a pipeline (default: the default pipeline) to close the gap, from the average won deal
 * of the last 12 months in scope and each stage's probability in the workspace's mode.
 */
export async function getTargetProgress(
  ctx: ServiceContext,
  id: string,
  query: { pipelineId?: string | undefined } = {},
) {
  const { workspaceId } = ctx.actor;
  const row = await findTarget(ctx.db, workspaceId, id);
  if (!row) throw notFound('Target');
  const scope = parseTargetScope(row.scope_key);
  const filter: ForecastFilter =
    scope.kind === 'team'
      ? { teamId: scope.teamId }
      : scope.kind === 'owner'
        ? { ownerId: scope.userId }
        : {};
  const { pipeline, stages } = await resolveScope(ctx, { pipelineId: query.pipelineId });
  if (!pipeline) throw notFound('Pipeline');
  const world = await loadForecastWorld(ctx, filter);
  const { time_zone: timeZone, base_currency: base } = world.workspace;
  const period: Period = { from: row.period_from, to: row.period_to };
  const today = dayOf(ctx.now, timeZone);

  const targetRate = rateOnDay(world.rates, row.currency, base, today);
  if (targetRate === undefined) {
    throw new DomainError(
      'EXCHANGE_RATE_MISSING',
      `The target is in ${row.currency}; set a rate from ${row.currency} to ${base} first`,
    );
  }
  const targetMinor = convertMoney(
    { minor: Number(row.amount_minor), currency: row.currency },
    base,
    targetRate,
  ).minor;

  const [forecast, recentWon, probabilities] = await Promise.all([
    forecastPeriod(ctx, world, period, ctx.now, undefined),
    wonBetween(
      ctx,
      world,
      {
        fromMs: trailingWindowStart(ctx.now, DEFAULT_WINDOW_MONTHS, timeZone),
        toMs: ctx.now + 1,
      },
      undefined,
    ),
    stageProbabilitiesAt(ctx, world, ctx.now),
  ]);
  const openStages = orderStages(stages).filter((s) => s.kind === 'open');
  const openUnweighted = Object.values(forecast.byCategory).reduce(
    (sum, c) => sum + c.amount.minor,
    0,
  );
  const progress = computeTargetProgress({
    targetMinor,
    wonSoFarMinor: forecast.wonSoFar.minor,
    openWeightedMinor: forecast.weightedOpen.minor,
    openUnweightedMinor: openUnweighted,
    recentWon: { totalMinor: recentWon.minor, count: recentWon.count },
    stages: openStages.map((s) => ({
      stageId: s.id,
      probabilityBasisPoints: probabilities.get(s.id) ?? s.probability * 100,
    })),
  });
  const money = (minor: number) => ({ minor, currency: base });
  return {
    target: toTargetView(row),
    currency: base,
    probabilityMode: world.mode,
    targetAmount: money(targetMinor),
    wonSoFar: forecast.wonSoFar,
    remaining: money(progress.remainingMinor),
    attainment: progress.attainment,
    openPipeline: { weighted: forecast.weightedOpen, unweighted: money(openUnweighted) },
    coverage: progress.coverage,
    averageWonDeal:
      progress.averageWonDealMinor === null ? null : money(progress.averageWonDealMinor),
    recentWonDeals: recentWon.count,
    pipelineId: pipeline.id,
    opportunitiesNeeded: openStages.map((stage, index) => ({
      stageId: stage.id,
      key: stage.key,
      nameEn: stage.nameEn,
      nameAr: stage.nameAr,
      probability: (probabilities.get(stage.id) ?? stage.probability * 100) / 10_000,
      needed: progress.opportunitiesNeeded[index]?.needed ?? null,
    })),
    unconvertedCurrencies: [
      ...new Set([...forecast.unconvertedCurrencies, ...recentWon.unconvertedCurrencies]),
    ].sort(),
    generatedAt: toIso(ctx.now) ?? '',
  };
}
