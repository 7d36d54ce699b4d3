/**
 * What forecasts, backtests and target progress share: the deals in scope, the stage
 * probabilities of the workspace's mode at an instant, and the period sums fed to the pure maths.
 */
import {
  type DealScope,
  listWorkspaceStages,
  sumOpenClosingBetween,
  sumOpenOverdue,
  sumWonBetween,
  WON_SLOT_MS,
} from '../../db/forecast.repository.js';
import { countClosedDealsByReach } from '../../db/probability.repository.js';
import { listExchangeRates } from '../../db/reference.repository.js';
import type { StageRow, WorkspaceRow } from '../../db/schema.js';
import {
  computeForecast,
  type DatedRate,
  type Forecast,
  type ForecastStage,
} from '../../domain/forecast.js';
import { dayOf, type Period, periodBoundsMs } from '../../domain/period.js';
import {
  type ClosedDealGroup,
  DEFAULT_WINDOW_MONTHS,
  historicalStageProbabilities,
  type ProbabilityMode,
  trailingWindowStart,
} from '../../domain/probability.js';
import type { ForecastCategory } from '../../domain/stage.js';
import type { ServiceContext } from '../context.service.js';
import { resolveScope } from '../scope.service.js';

export interface ForecastFilter {
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
}

export interface ForecastWorld {
  workspace: WorkspaceRow;
  mode: ProbabilityMode;
  /** Every stage of the workspace, archived ones included. */
  stages: StageRow[];
  rates: DatedRate[];
  scope: DealScope;
  /** The instant the forecast is made as of, if not now. */
  asOfMs: number | undefined;
}

/** Loads the workspace, its stages and rates, and checks the filter's references. */
export async function loadForecastWorld(
  ctx: ServiceContext,
  filter: ForecastFilter & { asOf?: string | undefined },
): Promise<ForecastWorld> {
  const { workspaceId } = ctx.actor;
  const resolved = await resolveScope(ctx, filter, 'every');
  const { workspace } = resolved;
  const [stages, rates] = await Promise.all([
    listWorkspaceStages(ctx.db, workspaceId),
    listExchangeRates(ctx.db, workspaceId),
  ]);
  return {
    workspace,
    mode: workspace.probability_mode === 'historical' ? 'historical' : 'configured',
    stages,
    rates: rates.map((r) => ({ currency: r.currency, day: r.day, rate: r.rate })),
    scope: {
      workspaceId,
      pipelineId: resolved.pipeline?.id,
      ownerId: resolved.ownerId,
      teamId: resolved.teamId,
      visibleOwnerId: resolved.visibleOwnerId,
    },
    asOfMs: resolved.asOfMs,
  };
}

/**
 * Each stage's probability in basis points as the model stood at instant `at`: the configured
 * one, or in historical mode the shrunk historical one learnt from the 12 months before `at`.
 * Stage probabilities are not versioned, so "configured" is today's configuration.
 */
export async function stageProbabilitiesAt(
  ctx: ServiceContext,
  world: ForecastWorld,
  at: number,
): Promise<Map<string, number>> {
  const basisPoints = new Map(world.stages.map((s) => [s.id, s.probability * 100]));
  if (world.mode === 'configured') return basisPoints;
  const rows = await countClosedDealsByReach(
    ctx.db,
    world.workspace.id,
    {
      fromMs: trailingWindowStart(at, DEFAULT_WINDOW_MONTHS, world.workspace.time_zone),
      at,
    },
    world.scope.pipelineId,
  );
  const pipelineIds = new Set(world.stages.map((s) => s.pipeline_id));
  for (const pipelineId of pipelineIds) {
    const groups: ClosedDealGroup[] = rows
      .filter((r) => r.pipeline_id === pipelineId)
      .map((r) => ({
        furthestPosition: r.furthest_position,
        status: r.status,
        dealCount: r.deal_count,
      }));
    const stages = world.stages.filter((s) => s.pipeline_id === pipelineId);
    for (const p of historicalStageProbabilities(stages, groups)) {
      basisPoints.set(p.stageId, p.historicalBasisPoints);
    }
  }
  return basisPoints;
}

function wonGroupsOf(
  world: ForecastWorld,
  rows: Awaited<ReturnType<typeof sumWonBetween>>,
  fallbackDay: string,
) {
  const base = world.workspace.base_currency;
  return rows.map((r) => ({
    currency: r.currency,
    // The win's day in the workspace's time zone picks the rate; base-currency rows need none.
    day: r.currency === base ? fallbackDay : dayOf(r.slot * WON_SLOT_MS, world.workspace.time_zone),
    dealCount: r.deal_count,
    amountMinor: r.amount_minor,
  }));
}

/**
 * The forecast of `period` as the model stood at instant `at`: won so far (states as of `asOf`,
 * or now), open deals then, stage probabilities then, open amounts converted on `at`'s day.
 */
export async function forecastPeriod(
  ctx: ServiceContext,
  world: ForecastWorld,
  period: Period,
  at: number,
  asOf: number | undefined,
): Promise<Forecast> {
  const timeZone = world.workspace.time_zone;
  const base = world.workspace.base_currency;
  const [won, open, overdue, probabilities] = await Promise.all([
    sumWonBetween(ctx.db, world.scope, periodBoundsMs(period, timeZone), base, asOf),
    sumOpenClosingBetween(ctx.db, world.scope, { fromDay: period.from, toDay: period.to }, asOf),
    sumOpenOverdue(ctx.db, world.scope, period.from, asOf),
    stageProbabilitiesAt(ctx, world, at),
  ]);
  const evaluationDay = dayOf(at, timeZone);
  const stages = new Map<string, ForecastStage>(
    world.stages.map((s) => [
      s.id,
      {
        forecastCategory: s.forecast_category as ForecastCategory,
        probabilityBasisPoints: probabilities.get(s.id) ?? s.probability * 100,
      },
    ]),
  );
  return computeForecast({
    baseCurrency: base,
    evaluationDay,
    rates: world.rates,
    stages,
    won: wonGroupsOf(world, won, evaluationDay),
    open: open.map((r) => ({
      stageId: r.stage_id,
      currency: r.currency,
      probabilityOverride: r.probability_override,
      dealCount: r.deal_count,
      amountMinor: r.amount_minor,
      amountSquaredSum: r.amount_squared,
    })),
    overdue: overdue.map((r) => ({
      currency: r.currency,
      dealCount: r.deal_count,
      amountMinor: r.amount_minor,
    })),
  });
}

/**
 * What was won in [fromMs, toMs) by the deals' state as of `asOf` (or now), in the base
 * currency, each win converted on its own day: the total and the number of deals.
 */
export async function wonBetween(
  ctx: ServiceContext,
  world: ForecastWorld,
  range: { fromMs: number; toMs: number },
  asOf: number | undefined,
): Promise<{ minor: number; count: number; unconvertedCurrencies: string[] }> {
  const base = world.workspace.base_currency;
  const rows = await sumWonBetween(ctx.db, world.scope, range, base, asOf);
  const day = dayOf(asOf ?? ctx.now, world.workspace.time_zone);
  const forecast = computeForecast({
    baseCurrency: base,
    evaluationDay: day,
    rates: world.rates,
    stages: new Map(),
    won: wonGroupsOf(world, rows, day),
    open: [],
    overdue: [],
  });
  return {
    minor: forecast.wonSoFar.minor,
    count: forecast.wonCount,
    unconvertedCurrencies: forecast.unconvertedCurrencies,
  };
}
