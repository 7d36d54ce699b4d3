/**
 * Pipeline changes between two instants (docs/history.md#pipeline-changes): the waterfall from
 * the open pipeline at the start to the open pipeline at the end, for the whole pipeline and per
 * stage, owner or forecast category, each step with its deals and each deal with its slippage.
 */
import type { DealFilter } from '../../db/deal.repository.js';
import {
  fieldChangesBetween,
  type PositionRow,
  positionsAt,
  regressionsBetween,
  stagesBeforeClosing,
} from '../../db/pipeline-changes.repository.js';
import { latestRatesOn } from '../../db/reference.repository.js';
import { listMembers } from '../../db/user.repository.js';
import { parseAsOf } from '../../domain/as-of.js';
import { totalColumns } from '../../domain/board.js';
import { DomainError } from '../../domain/errors.js';
import { convertMoney, type Money } from '../../domain/money.js';
import { nameOfPeriod } from '../../domain/period-name.js';
import { type Period, parsePeriod } from '../../domain/period.js';
import {
  type ChangeEntry,
  type DealMovement,
  type DealPosition,
  type GroupBy,
  type MoveReason,
  membersAt,
  placeMovements,
  STEP_KINDS,
  type StepKind,
} from '../../domain/pipeline-changes.js';
import { orderStages } from '../../domain/stage.js';
import type { ServiceContext } from '../context.service.js';
import { resolveScope } from '../scope.service.js';

export interface PipelineChangesQuery {
  /** The start: `YYYY-MM-DD` (its start in the workspace's time zone) or a zoned instant. */
  from: string;
  /** The end, the same way; absent: now. */
  to?: string | undefined;
  /** Only deals expected to close in this period (2026-Q3, 2026-07 …); absent: every deal. */
  period?: string | undefined;
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  source?: string | undefined;
  groupBy?: GroupBy | undefined;
  /** How many deals each step lists, largest amounts first (its count and total cover all). */
  dealsPerStep: number;
}

const DAY_MS = 86_400_000;

/** An instant of the query, its errors on the query's own field. */
function instantOf(text: string, field: 'from' | 'to', timeZone: string, now: number): number {
  try {
    return parseAsOf(text, timeZone, now) ?? now;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(
      error.code,
      error.message.replace('asOf', field),
      error.details.map((d) => ({ ...d, path: [field] })),
    );
  }
}

function positionOf(row: PositionRow): DealPosition {
  return {
    stageId: row.stage_id,
    status: row.status === 'won' ? 'won' : row.status === 'lost' ? 'lost' : 'open',
    since: row.since,
    amountMinor: row.amount_minor,
    currency: row.currency,
    ownerId: row.owner_id,
    pipelineId: row.pipeline_id,
    expectedCloseDate: row.expected_close_date,
    forecastCategory: row.forecast_category,
  };
}

/** Sums money of several currencies into the base currency at one day's rates. */
function converter(base: string, rates: ReadonlyMap<string, string>) {
  return (byCurrency: ReadonlyMap<string, number>, unconverted: Set<string>): number => {
    let total = 0;
    for (const [currency, minor] of byCurrency) {
      const rate = currency === base ? '1' : rates.get(currency);
      if (rate === undefined) {
        unconverted.add(currency);
        continue;
      }
      total += convertMoney({ minor, currency }, base, rate).minor;
    }
    return total;
  };
}

/**
 * The open pipeline at one end, per group, summed the way the board sums its columns (per stage,
 * currency and probability, each group converted once), so the whole equals the board's total.
 */
function totalsAt(
  members: ReturnType<typeof membersAt>,
  rows: ReadonlyMap<string, PositionRow>,
  base: string,
  rates: ReadonlyMap<string, string>,
  unconverted: Set<string>,
): Map<string, { count: number; minor: number }> {
  const keys = [...new Set(members.map((m) => `${m.group}\u0000${m.position.stageId}`))];
  const groups = new Map<string, { amountMinor: number; dealCount: number }>();
  for (const m of members) {
    const row = rows.get(m.dealId);
    const probability = row?.probability_override ?? row?.stage_probability ?? 0;
    const key = [m.group, m.position.stageId, m.position.currency, probability].join('\u0000');
    const group = groups.get(key) ?? { amountMinor: 0, dealCount: 0 };
    group.amountMinor += m.position.amountMinor;
    group.dealCount += 1;
    groups.set(key, group);
  }
  const columns = totalColumns(
    keys,
    [...groups].map(([key, g]) => {
      const [group, stageId, currency, probability] = key.split('\u0000');
      return {
        stageId: `${group}\u0000${stageId}`,
        currency: currency ?? base,
        probability: Number(probability),
        dealCount: g.dealCount,
        amountMinor: g.amountMinor,
      };
    }),
    base,
    rates,
  );
  const totals = new Map<string, { count: number; minor: number }>();
  for (const column of columns) {
    for (const c of column.unconvertedCurrencies) unconverted.add(c);
    const group = column.stageId.split('\u0000')[0] ?? '';
    const total = totals.get(group) ?? { count: 0, minor: 0 };
    total.count += column.count;
    total.minor += column.total.minor;
    totals.set(group, total);
  }
  return totals;
}

interface StepDeal {
  dealId: string;
  title: string;
  amount: Money;
  reason: MoveReason | null;
}

interface Step {
  kind: StepKind | 'exchangeRates';
  count: number;
  amount: Money;
  deals: StepDeal[];
}

interface Waterfall {
  start: { count: number; amount: Money };
  steps: Step[];
  end: { count: number; amount: Money };
}

export async function getPipelineChanges(ctx: ServiceContext, query: PipelineChangesQuery) {
  const scope = await resolveScope(ctx, {
    pipelineId: query.pipelineId,
    ownerId: query.ownerId,
    teamId: query.teamId,
    source: query.source,
  });
  const { timeZone, baseCurrency: base } = scope;
  const pipeline = scope.pipeline;
  if (!pipeline) throw new Error('resolveScope gives the default pipeline');
  const fromMs = instantOf(query.from, 'from', timeZone, ctx.now);
  const toMs = query.to === undefined ? ctx.now : instantOf(query.to, 'to', timeZone, ctx.now);
  if (toMs <= fromMs) {
    throw new DomainError('VALIDATION_FAILED', 'to must come after from', [
      { path: ['to'], message: 'Choose an end after the start', code: 'range_reversed' },
    ]);
  }
  const period: Period | null = query.period === undefined ? null : parsePeriod(query.period);
  const groupBy = query.groupBy ?? 'none';
  const { workspaceId } = ctx.actor;
  const filter: DealFilter = {
    workspaceId,
    pipelineId: pipeline.id,
    ownerId: scope.ownerId,
    teamId: scope.teamId,
    source: scope.source,
    visibleOwnerId: scope.visibleOwnerId,
  };

  // Open in the view at the start; open, or closed after the start, in the view at the end.
  const [startRows, endRows] = await Promise.all([
    positionsAt(ctx.db, filter, fromMs, { openOnly: true }),
    positionsAt(ctx.db, filter, toMs, { closedAfter: fromMs }),
  ]);
  const starts = new Map(startRows.map((r) => [r.id, r]));
  const ends = new Map(endRows.map((r) => [r.id, r]));
  // The other end of a deal seen at one end only, outside the view: where it came from or went.
  // Read whoever owned it then (a deal reassigned to a rep was someone else's): it gives the
  // step and its reason, never an amount the view does not show.
  const everywhere: DealFilter = { workspaceId };
  const [otherStarts, otherEnds] = await Promise.all([
    positionsAt(ctx.db, everywhere, fromMs, {
      ids: endRows.filter((r) => !starts.has(r.id)).map((r) => r.id),
    }),
    positionsAt(ctx.db, everywhere, toMs, {
      ids: startRows.filter((r) => !ends.has(r.id)).map((r) => r.id),
    }),
  ]);
  const startOf = new Map([...otherStarts.map((r) => [r.id, r] as const), ...starts]);
  const endOf = new Map([...otherEnds.map((r) => [r.id, r] as const), ...ends]);
  const ids = [...new Set([...starts.keys(), ...ends.keys()])].sort();
  // A deal that closed is grouped by the open stage it closed from, not the won or lost stage.
  const closedFrom = await stagesBeforeClosing(
    ctx.db,
    workspaceId,
    endRows.filter((r) => r.status !== 'open').map((r) => r.id),
    toMs,
  );
  const endPositionOf = (row: PositionRow): DealPosition => {
    const position = positionOf(row);
    const before = position.status === 'open' ? undefined : closedFrom.get(row.id);
    return before
      ? { ...position, stageId: before.stage_id, forecastCategory: before.forecast_category }
      : position;
  };
  const movements: DealMovement[] = ids.map((id) => {
    const start = startOf.get(id);
    const end = endOf.get(id);
    return {
      dealId: id,
      start: start ? positionOf(start) : null,
      end: end ? endPositionOf(end) : null,
      startInView: starts.has(id),
      endInView: ends.has(id),
    };
  });
  const options = { period, groupBy, fromMs };
  // The whole pipeline's waterfall has no moves between groups: placed again, ungrouped.
  const entries = placeMovements(movements, options);
  const wholeEntries =
    groupBy === 'none' ? entries : placeMovements(movements, { ...options, groupBy: 'none' });

  const [fromRates, toRates, members, stages] = await Promise.all([
    latestRatesOn(ctx.db, workspaceId, new Date(fromMs).toISOString().slice(0, 10)),
    latestRatesOn(ctx.db, workspaceId, new Date(toMs).toISOString().slice(0, 10)),
    listMembers(ctx.db, workspaceId),
    Promise.resolve(orderStages(scope.stages)),
  ]);
  const unconverted = new Set<string>();
  const startMembers = membersAt(movements, 'start', options);
  const endMembers = membersAt(movements, 'end', options);
  const startTotals = totalsAt(startMembers, starts, base, fromRates, unconverted);
  const endTotals = totalsAt(endMembers, ends, base, toRates, unconverted);
  // The whole is summed as the board sums it (per stage, currency and probability), not as the
  // sum of the groups' own roundings.
  const ungrouped = { ...options, groupBy: 'none' as const };
  const wholeStart = totalsAt(
    membersAt(movements, 'start', ungrouped),
    starts,
    base,
    fromRates,
    unconverted,
  );
  const wholeEnd = totalsAt(
    membersAt(movements, 'end', ungrouped),
    ends,
    base,
    toRates,
    unconverted,
  );
  const atEnd = converter(base, toRates);
  const titleOf = (id: string) => (endOf.get(id) ?? startOf.get(id))?.title ?? '';
  const money = (minor: number): Money => ({ minor, currency: base });

  const waterfallOf = (group: string | null): Waterfall => {
    const mine = group === null ? wholeEntries : entries.filter((e) => e.group === group);
    const sumOf = (totals: Map<string, { count: number; minor: number }>) => {
      let count = 0;
      let minor = 0;
      for (const [key, t] of totals) {
        if (group !== null && key !== group) continue;
        count += t.count;
        minor += t.minor;
      }
      return { count, minor };
    };
    const start = sumOf(group === null ? wholeStart : startTotals);
    const end = sumOf(group === null ? wholeEnd : endTotals);
    const steps: Step[] = STEP_KINDS.map((kind) => {
      const inStep = mine.filter((e) => e.kind === kind);
      const byCurrency = new Map<string, number>();
      for (const e of inStep) {
        byCurrency.set(e.currency, (byCurrency.get(e.currency) ?? 0) + e.amountMinor);
      }
      return {
        kind,
        count: new Set(inStep.map((e) => e.dealId)).size,
        amount: money(atEnd(byCurrency, unconverted)),
        deals: largestFirst(inStep)
          .slice(0, query.dealsPerStep)
          .map((e) => ({
            dealId: e.dealId,
            title: titleOf(e.dealId),
            amount: { minor: e.amountMinor, currency: e.currency },
            reason: e.reason,
          })),
      };
    });
    // What the steps, at the end's rates, leave between the two totals: rates that moved.
    const residual = end.minor - start.minor - steps.reduce((s, step) => s + step.amount.minor, 0);
    if (residual !== 0) {
      steps.push({ kind: 'exchangeRates', count: 0, amount: money(residual), deals: [] });
    }
    return {
      start: { count: start.count, amount: money(start.minor) },
      steps,
      end: { count: end.count, amount: money(end.minor) },
    };
  };

  const groupKeys = [
    ...new Set([...startTotals.keys(), ...endTotals.keys(), ...entries.map((e) => e.group)]),
  ];
  const stageOrder = new Map(stages.map((s, i) => [s.id, i]));
  const memberName = new Map(members.map((m) => [m.id, m.name]));
  const groups =
    groupBy === 'none'
      ? []
      : groupKeys.sort(groupOrder(groupBy, stageOrder)).map((key) => ({
          key,
          label: labelOf(groupBy, key, { stages, memberName }),
          ...waterfallOf(key),
        }));

  const listed = new Set(wholeEntries.map((e) => e.dealId));
  for (const m of endMembers) listed.add(m.dealId);
  const flags = await slippageOf(ctx, [...listed].sort(), { fromMs, toMs }, ends);
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    period: period ? { ...period, name: nameOfPeriod(period) } : null,
    pipeline: { id: pipeline.id, nameEn: pipeline.name_en, nameAr: pipeline.name_ar },
    baseCurrency: base,
    timeZone,
    groupBy,
    total: waterfallOf(null),
    groups,
    deals: [...listed].sort().map((id) => {
      const row = endOf.get(id) ?? startOf.get(id);
      return {
        id,
        title: titleOf(id),
        ownerId: row?.owner_id ?? null,
        ownerName: row?.owner_id ? (memberName.get(row.owner_id) ?? null) : null,
        ...(flags.get(id) ?? NO_FLAGS),
      };
    }),
    unconvertedCurrencies: [...unconverted].sort(),
  };
}

function largestFirst(entries: ChangeEntry[]): ChangeEntry[] {
  return [...entries].sort(
    (a, b) => Math.abs(b.amountMinor) - Math.abs(a.amountMinor) || a.dealId.localeCompare(b.dealId),
  );
}

const CATEGORY_ORDER = ['commit', 'best_case', 'pipeline', 'omitted'];

function groupOrder(groupBy: GroupBy, stageOrder: ReadonlyMap<string, number>) {
  return (a: string, b: string) => {
    if (groupBy === 'stage') {
      return (stageOrder.get(a) ?? 999) - (stageOrder.get(b) ?? 999) || a.localeCompare(b);
    }
    if (groupBy === 'category') {
      return CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b) || a.localeCompare(b);
    }
    return a.localeCompare(b);
  };
}

/** A group's name in both languages: a stage's, an owner's (no owner: null), a category key. */
function labelOf(
  groupBy: GroupBy,
  key: string,
  names: {
    stages: { id: string; nameEn: string; nameAr: string }[];
    memberName: ReadonlyMap<string, string>;
  },
): { en: string; ar: string } | null {
  if (groupBy === 'stage') {
    const stage = names.stages.find((s) => s.id === key);
    return stage ? { en: stage.nameEn, ar: stage.nameAr } : null;
  }
  if (groupBy === 'owner') {
    const name = names.memberName.get(key);
    return name ? { en: name, ar: name } : null;
  }
  return null;
}

interface Slippage {
  /** How many times the expected close date moved later between the two instants. */
  closeDatePushes: number;
  amountDecreased: boolean;
  stageRegressed: boolean;
  /** Open at the end and longer in its stage than the stage allows. */
  stuck: boolean;
}

const NO_FLAGS: Slippage = {
  closeDatePushes: 0,
  amountDecreased: false,
  stageRegressed: false,
  stuck: false,
};

async function slippageOf(
  ctx: ServiceContext,
  ids: string[],
  range: { fromMs: number; toMs: number },
  ends: ReadonlyMap<string, PositionRow>,
): Promise<Map<string, Slippage>> {
  const { workspaceId } = ctx.actor;
  const [changes, regressions] = await Promise.all([
    fieldChangesBetween(ctx.db, workspaceId, ids, range),
    regressionsBetween(ctx.db, workspaceId, ids, range),
  ]);
  const flags = new Map<string, Slippage>();
  const flagOf = (id: string) => {
    let f = flags.get(id);
    if (!f) {
      f = { ...NO_FLAGS };
      flags.set(id, f);
    }
    return f;
  };
  // An amount change in another currency says nothing of its size: only same-currency cuts count.
  const currencyChanged = new Set(
    changes.filter((c) => c.field === 'currency').map((c) => c.deal_id),
  );
  for (const c of changes) {
    if (
      c.field === 'expectedCloseDate' &&
      c.from_value &&
      c.to_value &&
      c.to_value > c.from_value
    ) {
      flagOf(c.deal_id).closeDatePushes += 1;
    }
    if (
      c.field === 'amount' &&
      !currencyChanged.has(`${c.deal_id}@${c.at}`) &&
      c.from_value !== null &&
      c.to_value !== null &&
      Number(c.to_value) < Number(c.from_value)
    ) {
      flagOf(c.deal_id).amountDecreased = true;
    }
  }
  for (const id of regressions.keys()) flagOf(id).stageRegressed = true;
  for (const id of ids) {
    const end = ends.get(id);
    if (
      end?.status === 'open' &&
      end.rotting_days !== null &&
      range.toMs - end.since > end.rotting_days * DAY_MS
    ) {
      flagOf(id).stuck = true;
    }
  }
  return flags;
}
