import { nameOfPeriod } from '../../domain/period-name.js';
import { parsePeriod } from '../../domain/period.js';
import { type ServiceContext, toIso } from '../context.service.js';
import { type ForecastFilter, forecastPeriod, loadForecastWorld } from './forecast-model.js';

export interface ForecastQuery extends ForecastFilter {
  /** `2026-Q1`, `2026-03`, `2026` or `2026-01-01..2026-04-01`, in the workspace's time zone. */
  period: string;
  /** An instant (ISO 8601): the forecast as it would have been made then. */
  asOf?: string | undefined;
}

/**
 * The forecast for a period (docs/concepts.md#forecast-for-a-period, docs/forecast.md §3): won so far + Σ amount × p over open deals expected
 * to close in it, by forecast category, with a 90 % range; overdue open deals (expected before
 * the period) are reported apart and left out. All money in the workspace's base currency.
 */
export async function getForecast(ctx: ServiceContext, query: ForecastQuery) {
  const period = parsePeriod(query.period);
  const world = await loadForecastWorld(ctx, query);
  const asOf = world.asOfMs;
  const at = asOf ?? ctx.now;
  const forecast = await forecastPeriod(ctx, world, period, at, asOf);
  return {
    period: { name: nameOfPeriod(period), from: period.from, to: period.to },
    currency: world.workspace.base_currency,
    timeZone: world.workspace.time_zone,
    asOf: asOf === undefined ? null : toIso(asOf),
    probabilityMode: world.mode,
    ...forecast,
    generatedAt: toIso(ctx.now) ?? '',
  };
}
export type ForecastView = Awaited<ReturnType<typeof getForecast>>;
