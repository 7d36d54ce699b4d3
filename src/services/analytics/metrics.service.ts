import type { Db } from '../../db/connection.js';
import {
  type ClosingGroupRow,
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
import { findDefaultPipeline, findPipeline, listStages } from '../../db/pipeline.repository.js';
import { latestRatesOn, listLostReasons } from '../../db/reference.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { notFound } from '../../domain/errors.js';
import {
  averageMoney,
  convertSums,
  funnelOf,
  leadVelocitySeries,
  meanOf,
  mqlStageOf,
  msToDays,
  salesVelocityPerDay,
  shareOf,
  winRate,
} from '../../domain/metrics.js';
import { metricsWindow, parseAsOf } from '../../domain/metrics-window.js';
import { dayOf } from '../../domain/period.js';
import { orderStages, type Stage } from '../../domain/stage.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { visibleOwnerOf } from '../deals/deal-access.js';
import type { MetricsResult, StageRef } from './metrics-result.js';

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

const refOf = (stage: Stage): StageRef => ({
  stage: stage.key,
  nameEn: stage.nameEn,
  nameAr: stage.nameAr,
});

/** Every metric of DESIGN.md §3 that is not a forecast, over one period and one pipeline. */
export async function computeMetrics(
  ctx: ServiceContext,
  query: MetricsQuery,
): Promise<MetricsResult> {
  requirePermission(ctx.actor, 'read');
  const { workspaceId } = ctx.actor;
  const workspace = await findWorkspace(ctx.db, workspaceId);
  if (!workspace) throw notFound('Workspace');
  const pipeline = query.pipelineId
    ? await findPipeline(ctx.db, workspaceId, query.pipelineId)
    : await findDefaultPipeline(ctx.db, workspaceId);
  if (!pipeline) throw notFound('Pipeline');
  const timeZone = workspace.time_zone;
  const baseCurrency = workspace.base_currency;
  const asOfMs = query.asOf === undefined ? null : parseAsOf(query.asOf, timeZone);
  const window = metricsWindow({ from: query.from, to: query.to }, timeZone, asOfMs, ctx.now);
  const allStages = await listStages(ctx.db, workspaceId, pipeline.id);
  const stages = orderStages(allStages);
  const openStages = stages.filter((s) => s.kind === 'open');
  const { mql, sql: sqlStage } = mqlStageOf(stages);
  const scope: MetricsScope = {
    workspaceId,
    pipelineId: pipeline.id,
    ownerId: query.ownerId,
    teamId: query.teamId,
    source: query.source,
    visibleOwnerId: await visibleOwnerOf(ctx),
    fromMs: window.fromMs,
    endMs: window.endMs,
    cutoffMs: window.cutoffMs,
  };
  const db: Db = ctx.db;
  const [closings, medians, losses, visits, open, conversion, furthest] = await Promise.all([
    summarizeClosings(db, scope),
    medianCycleMs(db, scope),
    countLosses(db, scope),
    summarizeStageVisits(db, scope),
    summarizeOpenDeals(db, scope, window.snapshotMs),
    summarizeConversion(db, scope),
    countFurthestPositions(db, scope),
  ]);
  const [qualified, mqlCounts, rates, reasons, names] = await Promise.all([
    sqlStage
      ? countQualifiedByMonth(db, scope, sqlStage.position, window.months)
      : Promise.resolve(window.months.map(() => 0)),
    mql && sqlStage
      ? countMqlToSql(db, scope, mql.position, sqlStage.position)
      : Promise.resolve({ mqls: 0, sqls: 0 }),
    // Every amount converts at the latest rate on or before the window's last day.
    latestRatesOn(db, workspaceId, dayOf(Math.max(window.fromMs, window.endMs - 1), timeZone)),
    listLostReasons(db, workspaceId, true),
    listUserNames(db, [
      ...new Set(closings.flatMap((c) => (c.owner_id === null ? [] : [c.owner_id]))),
    ]),
  ]);

  const sumsOf = (rows: ClosingGroupRow[]) =>
    convertSums(
      rows.map((r) => ({
        currency: r.currency,
        dealCount: r.amount_count,
        amountMinor: r.amount_minor,
      })),
      baseCurrency,
      rates,
    );
  const count = (rows: ClosingGroupRow[]) => rows.reduce((n, r) => n + r.deal_count, 0);
  const cycleMs = (rows: ClosingGroupRow[]) => rows.reduce((n, r) => n + r.cycle_ms, 0);
  const won = closings.filter((c) => c.outcome === 'won');
  const wonCount = count(won);
  const lostCount = count(closings) - wonCount;
  const wonSums = sumsOf(won);
  const averageWonAmount = averageMoney(wonSums.total, wonSums.dealCount);
  const rate = winRate(wonCount, lostCount);
  const meanWonMs = meanOf(cycleMs(won), wonCount);
  const meanClosedMs = meanOf(cycleMs(closings), wonCount + lostCount);
  const days = (ms: number | null) => (ms === null ? null : msToDays(ms));
  const openDeals = open.reduce((n, r) => n + r.deal_count, 0);
  const velocity = salesVelocityPerDay({
    openDeals,
    averageWonMinor: averageWonAmount?.minor ?? null,
    winRate: rate,
    meanCycleDays: days(meanWonMs),
  });
  const stageById = new Map(allStages.map((s) => [s.id, s]));
  const reasonById = new Map(reasons.map((r) => [r.id, r]));
  const owners = [...new Set(closings.map((c) => c.owner_id))];
  const unconverted = new Set(wonSums.unconvertedCurrencies);

  const byOwner = owners.map((ownerId) => {
    const mine = closings.filter((c) => c.owner_id === ownerId);
    const mineWon = mine.filter((c) => c.outcome === 'won');
    const ownerWon = count(mineWon);
    const ownerLost = count(mine) - ownerWon;
    return {
      ownerId,
      ownerName: ownerId === null ? null : (names.get(ownerId) ?? null),
      wonCount: ownerWon,
      lostCount: ownerLost,
      wonAmount: sumsOf(mineWon).total,
      winRate: winRate(ownerWon, ownerLost),
    };
  });
  byOwner.sort(
    (a, b) =>
      b.wonAmount.minor - a.wonAmount.minor ||
      b.wonCount - a.wonCount ||
      (a.ownerName ?? '').localeCompare(b.ownerName ?? ''),
  );

  const lossesByReason = new Map<string | null, number>();
  const lossesByStage = new Map<string, number>();
  for (const loss of losses) {
    const reason = loss.lost_reason_id;
    lossesByReason.set(reason, (lossesByReason.get(reason) ?? 0) + loss.deal_count);
    lossesByStage.set(loss.stage_id, (lossesByStage.get(loss.stage_id) ?? 0) + loss.deal_count);
  }
  const funnel = funnelOf(
    stages,
    furthest.map((f) => ({ maxPosition: f.max_position, deals: f.deal_count })),
  );

  return {
    period: window.period,
    asOf: toIso(window.asOfMs),
    timeZone,
    baseCurrency,
    pipeline: { id: pipeline.id, nameEn: pipeline.name_en, nameAr: pipeline.name_ar },
    filters: {
      ownerId: query.ownerId ?? null,
      teamId: query.teamId ?? null,
      source: query.source ?? null,
    },
    winRate: rate,
    wonCount,
    lostCount,
    wonAmount: wonSums.total,
    averageWonAmount,
    salesCycleDays: { mean: days(meanWonMs), median: days(medians.won) },
    salesCycleDaysAllClosed: { mean: days(meanClosedMs), median: days(medians.closed) },
    timeInStage: openStages.map((stage) => {
      const visit = visits.find((v) => v.stage_id === stage.id);
      const current = open.find((o) => o.stage_id === stage.id);
      return {
        ...refOf(stage),
        completedVisits: visit?.visits ?? 0,
        meanDays: visit ? msToDays(visit.mean_ms) : null,
        openDeals: current?.deal_count ?? 0,
        meanCurrentAgeDays: current ? msToDays(current.mean_age_ms) : null,
      };
    }),
    stageConversion: openStages.map((stage) => {
      const row = conversion.find((c) => c.stage_id === stage.id);
      const entered = row?.entered ?? 0;
      const advanced = row?.advanced ?? 0;
      return {
        ...refOf(stage),
        entered,
        advanced,
        stillOpen: row?.still_open ?? 0,
        rate: shareOf(advanced, entered),
      };
    }),
    funnel: stages.map((stage, index) => {
      const step = funnel[index];
      return {
        ...refOf(stage),
        reached: step?.reached ?? 0,
        stepRate: step?.stepRate ?? null,
        rateFromTop: step?.rateFromTop ?? null,
      };
    }),
    leadVelocityRate: leadVelocitySeries(
      window.months.map((m, index) => ({ month: m.month, qualified: qualified[index] ?? 0 })),
    ),
    mqlToSql: {
      mqlStage: mql?.key ?? null,
      sqlStage: sqlStage?.key ?? null,
      mqls: mqlCounts.mqls,
      sqls: mqlCounts.sqls,
      rate: shareOf(mqlCounts.sqls, mqlCounts.mqls),
    },
    salesVelocity: {
      perDay: velocity === null ? null : { minor: velocity, currency: baseCurrency },
      openDeals,
    },
    lostByReason: [...lossesByReason]
      .map(([reasonId, n]) => {
        const reason = reasonId === null ? undefined : reasonById.get(reasonId);
        return {
          reasonId,
          labelEn: reason?.label_en ?? null,
          labelAr: reason?.label_ar ?? null,
          count: n,
        };
      })
      .sort((a, b) => b.count - a.count || (a.labelEn ?? '').localeCompare(b.labelEn ?? '')),
    lostByStage: [...lossesByStage]
      .flatMap(([stageId, n]) => {
        const stage = stageById.get(stageId);
        return stage ? [{ ...refOf(stage), count: n, position: stage.position }] : [];
      })
      .sort((a, b) => a.position - b.position)
      .map(({ position: _position, ...rest }) => rest),
    leaderboard: byOwner,
    unconvertedCurrencies: [...unconverted].sort(),
  };
}
