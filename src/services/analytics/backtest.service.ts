import {
  type BacktestGrain,
  backtestPeriods,
  forecastAccuracy,
  summarizeBacktest,
} from '../../domain/backtest.js';
import { DomainError } from '../../domain/errors.js';
import { nameOfPeriod } from '../../domain/period-name.js';
import { parsePeriod, periodBoundsMs } from '../../domain/period.js';
import { listTeamMemberIds } from '../../db/team.repository.js';
import { listMembers } from '../../db/user.repository.js';
import { rolledUpCall } from '../../domain/forecast-call.js';
import { type ServiceContext, toIso } from '../context.service.js';
import { loadCalls } from './forecast-call.service.js';
import {
  type ForecastFilter,
  forecastPeriod,
  loadForecastWorld,
  wonBetween,
} from './forecast-model.js';

export interface BacktestQuery extends ForecastFilter {
  /** The first period, e.g. `2025-01` or `2025-Q1`. */
  from: string;
  /** The period the range stops before (excluded), e.g. `2026-01`. */
  to: string;
  grain: BacktestGrain;
}

/** The first day of a period name, with errors naming the query field. */
function startOf(text: string, field: 'from' | 'to'): string {
  try {
    return parsePeriod(text).from;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError('VALIDATION_FAILED', error.message, [
      {
        path: [field],
        message: 'Use a month (2025-01), a quarter (2025-Q1) or a year (2025)',
        code: 'invalid_period',
      },
    ]);
  }
}

/**
 * How well the forecast would have done: for each past month or quarter in [from, to), the
 * pipeline is rebuilt as of the period's first instant from the stage history, forecast as the
 * model stood then (probabilities as of then), and compared with what was won in the period.
 * Periods not yet over are left out. Amounts, close dates, owners and probabilities are those
 * the deals had then (the field history), so nothing learnt later leaks into a period.
 *
 * The people's calls are scored the same way: the call of the backtest's scope in force at the
 * period's first instant (the scope's own, else its members' summed), commit and best case each
 * against what was won. `overall.model` and `overall.calls` score the periods that had a call,
 * so the two are compared on the same periods: who forecasts better.
 */
export async function getBacktest(ctx: ServiceContext, query: BacktestQuery) {
  const from = startOf(query.from, 'from');
  const to = startOf(query.to, 'to');
  if (to <= from) {
    throw new DomainError('VALIDATION_FAILED', 'The range is empty', [
      { path: ['to'], message: 'Must come after from', code: 'range_reversed' },
    ]);
  }
  const world = await loadForecastWorld(ctx, query);
  const timeZone = world.workspace.time_zone;
  const periods = backtestPeriods(from, to, query.grain)
    .map((period) => ({ period, ...periodBoundsMs(period, timeZone) }))
    .filter((p) => p.toMs <= ctx.now);
  const callScope = await callScopeOf(ctx, world.scope);
  const rows = [];
  for (const { period, fromMs, toMs } of periods) {
    const forecast = await forecastPeriod(ctx, world, period, fromMs, fromMs);
    const actual = await wonBetween(ctx, world, { fromMs, toMs }, toMs - 1);
    const openDeals = Object.values(forecast.byCategory).reduce((n, c) => n + c.count, 0);
    const calls = await loadCalls(ctx, period, world.scope.pipelineId ?? null);
    const call = rolledUpCall(calls, callScope.key, callScope.memberIds, fromMs);
    const currency = forecast.expected.currency;
    rows.push({
      period: { name: nameOfPeriod(period), from: period.from, to: period.to },
      forecast: forecast.expected,
      range: forecast.range,
      actual: { minor: actual.minor, currency: forecast.expected.currency },
      error: {
        minor: forecast.expected.minor - actual.minor,
        currency: forecast.expected.currency,
      },
      accuracy: forecastAccuracy(actual.minor, forecast.expected.minor),
      openDeals,
      wonDeals: actual.count,
      call: call && {
        commit: { minor: call.commitMinor, currency },
        bestCase: { minor: call.bestCaseMinor, currency },
        basis: call.basis,
        submittedAt: toIso(call.submittedAt) ?? '',
        commitAccuracy: forecastAccuracy(actual.minor, call.commitMinor),
        bestCaseAccuracy: forecastAccuracy(actual.minor, call.bestCaseMinor),
      },
    });
  }
  const called = rows.flatMap((r) => (r.call ? [{ row: r, call: r.call }] : []));
  return {
    grain: query.grain,
    currency: world.workspace.base_currency,
    probabilityMode: world.mode,
    periods: rows,
    overall: summarizeBacktest(
      rows.map((r) => ({ actualMinor: r.actual.minor, forecastMinor: r.forecast.minor })),
    ),
    calls: {
      periodsCalled: called.length,
      model: summarizeBacktest(
        called.map(({ row }) => ({
          actualMinor: row.actual.minor,
          forecastMinor: row.forecast.minor,
        })),
      ),
      commit: summarizeBacktest(
        called.map(({ row, call }) => ({
          actualMinor: row.actual.minor,
          forecastMinor: call.commit.minor,
        })),
      ),
      bestCase: summarizeBacktest(
        called.map(({ row, call }) => ({
          actualMinor: row.actual.minor,
          forecastMinor: call.bestCase.minor,
        })),
      ),
    },
    generatedAt: toIso(ctx.now) ?? '',
  };
}
export type BacktestView = Awaited<ReturnType<typeof getBacktest>>;

/** Whose calls the backtest scores: the scope of its filter, and the members it rolls up. */
async function callScopeOf(
  ctx: ServiceContext,
  scope: {
    ownerId?: string | undefined;
    teamId?: string | undefined;
    visibleOwnerId?: string | undefined;
  },
): Promise<{ key: string; memberIds: string[] }> {
  const ownerId = scope.visibleOwnerId ?? scope.ownerId;
  if (ownerId) return { key: `owner:${ownerId}`, memberIds: [ownerId] };
  if (scope.teamId) {
    const teams = await listTeamMemberIds(ctx.db, ctx.actor.workspaceId);
    return { key: `team:${scope.teamId}`, memberIds: teams.get(scope.teamId) ?? [] };
  }
  const members = await listMembers(ctx.db, ctx.actor.workspaceId);
  return { key: 'workspace', memberIds: members.map((m) => m.id) };
}
