import { findDefaultPipeline, listStages } from '../db/pipeline.repository.js';
import { listLostReasons, upsertExchangeRate } from '../db/reference.repository.js';
import { findWorkspace } from '../db/workspace.repository.js';
import { DomainError, type ErrorDetail, notFound } from '../domain/errors.js';
import { findWonStage, orderStages } from '../domain/stage.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
} from '../services/context.service.js';
import { type DealPlan, type DemoWorld, planDemoDeal } from './deal-plan.js';
import { replayDemoDeal } from './deal-replay.js';
import { createDemoDirectory } from './directory.js';
import { callDemoForecasts } from './forecast-calls.js';
import { demoRates } from './money.js';
import { deriveRandom } from './random.js';
import { addDemoTeam, type DemoMember } from './team.js';
import { DAY_MS, firstDaysOfMonths, monthsBefore } from './time.js';

export interface DemoOptions {
  /** The same seed (and the same `now`) gives the same workspace; default 42. */
  seed?: number | undefined;
  /** How many deals; default 300. */
  deals?: number | undefined;
}

export interface DemoSummary {
  users: number;
  companies: number;
  contacts: number;
  deals: number;
  won: number;
  lost: number;
  open: number;
  activities: number;
  forecastCalls: number;
}

const DEFAULT_SEED = 42;
const DEFAULT_DEALS = 300;
const MAX_DEALS = 100_000;
const HISTORY_MONTHS = 18;
/** Deals replayed per transaction: few commits, yet no single huge one. */
const DEALS_PER_TRANSACTION = 50;
/** Independent random streams, so one part's draws never shift another's. */
const STREAM = { directory: 1, deals: 2, rates: 3, calls: 4 } as const;

function validateOptions(options: DemoOptions): { seed: number; deals: number } {
  const seed = options.seed ?? DEFAULT_SEED;
  const deals = options.deals ?? DEFAULT_DEALS;
  const details: ErrorDetail[] = [];
  if (!Number.isSafeInteger(seed)) details.push({ path: ['seed'], message: 'A whole number' });
  if (!Number.isInteger(deals) || deals < 0 || deals > MAX_DEALS) {
    details.push({ path: ['deals'], message: `A whole number from 0 to ${MAX_DEALS}` });
  }
  if (details.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'Invalid demo options', details);
  return { seed, deals };
}

async function loadWorld(ctx: ServiceContext, start: number) {
  const { workspaceId } = ctx.actor;
  const workspace = await findWorkspace(ctx.db, workspaceId);
  if (!workspace) throw notFound('Workspace');
  const pipeline = await findDefaultPipeline(ctx.db, workspaceId);
  if (!pipeline) throw notFound('Pipeline');
  const stages = orderStages(await listStages(ctx.db, workspaceId, pipeline.id));
  const openStages = stages.filter((s) => s.kind === 'open');
  if (openStages.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'The default pipeline has no open stage');
  }
  const lostReasons = await listLostReasons(ctx.db, workspaceId);
  return {
    now: ctx.now,
    start,
    baseCurrency: workspace.base_currency,
    openStages,
    hasWonStage: findWonStage(stages) !== undefined,
    lostReasons: lostReasons.map((r) => ({ id: r.id, labelEn: r.label_en })),
  };
}

async function replayInBatches(
  ctx: ServiceContext,
  plans: DealPlan[],
  team: DemoMember[],
  summary: DemoSummary,
): Promise<void> {
  const owners = new Map(team.map((m) => [m.id, m]));
  for (let first = 0; first < plans.length; first += DEALS_PER_TRANSACTION) {
    await inTransaction(ctx, async (tx) => {
      for (const plan of plans.slice(first, first + DEALS_PER_TRANSACTION)) {
        const owner = owners.get(plan.create.ownerId);
        if (!owner) throw notFound('Deal owner');
        const result = await replayDemoDeal(tx, plan, owner);
        summary[result.status] += 1;
        summary.activities += result.activities;
      }
    });
  }
}

/**
 * Fills the actor's workspace with a bilingual demo: a sales team of eight, sixty companies with
 * their contacts, and `deals` deals opened over the 18 months before `ctx.now`, each created,
 * moved, won, lost or reopened through the deal use-cases at its own simulated time, with
 * calls, meetings and tasks around it, monthly exchange rates for every currency used, and the
 * team's forecast calls for each quarter.
 * @example loadDemoData(ctx, { seed: 42 }) → { users: 8, companies: 60, deals: 300, … }
 */
export async function loadDemoData(
  ctx: ServiceContext,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  requirePermission(ctx.actor, 'workspace.manage');
  const { seed, deals } = validateOptions(options);
  const start = monthsBefore(ctx.now, HISTORY_MONTHS);
  const base = await loadWorld(ctx, start);
  const team = await inTransaction(ctx, (tx) => addDemoTeam(tx, start - 30 * DAY_MS));
  const companies = await inTransaction(ctx, (tx) =>
    createDemoDirectory(tx, deriveRandom(seed, STREAM.directory), team, {
      from: start - 120 * DAY_MS,
      to: start - 7 * DAY_MS,
    }),
  );
  const world: DemoWorld = { ...base, team, companies };
  const dealRandom = deriveRandom(seed, STREAM.deals);
  const plans = Array.from({ length: deals }, () => planDemoDeal(dealRandom, world)).sort(
    (a, b) => a.create.openedAt - b.create.openedAt,
  );
  const rates = demoRates(
    deriveRandom(seed, STREAM.rates),
    base.baseCurrency,
    plans.map((p) => p.create.currency ?? base.baseCurrency),
    firstDaysOfMonths(start, ctx.now),
  );
  await inTransaction(ctx, async (tx) => {
    for (const rate of rates) {
      await upsertExchangeRate(tx.db, { workspace_id: ctx.actor.workspaceId, ...rate });
    }
  });
  const summary: DemoSummary = {
    users: team.length,
    companies: companies.length,
    contacts: companies.reduce((sum, c) => sum + c.contacts.length, 0),
    deals: plans.length,
    won: 0,
    lost: 0,
    open: 0,
    activities: 0,
    forecastCalls: 0,
  };
  // The demo's wins are history: their after-sale tasks would all be long overdue. The
  // pipelines keep their templates for the wins made in the workspace from now on.
  const templates = await ctx.db
    .selectFrom('pipelines')
    .select(['id', 'follow_up_tasks'])
    .where('workspace_id', '=', ctx.actor.workspaceId)
    .execute();
  const setTemplate = (id: string, tasks: string) =>
    ctx.db
      .updateTable('pipelines')
      .set({ follow_up_tasks: tasks })
      .where('workspace_id', '=', ctx.actor.workspaceId)
      .where('id', '=', id)
      .execute();
  for (const { id } of templates) await setTemplate(id, '[]');
  try {
    await replayInBatches(ctx, plans, team, summary);
  } finally {
    for (const { id, follow_up_tasks } of templates) await setTemplate(id, follow_up_tasks);
  }
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  summary.forecastCalls = await inTransaction(ctx, (tx) =>
    callDemoForecasts(
      tx,
      deriveRandom(seed, STREAM.calls),
      team,
      workspace?.time_zone ?? 'UTC',
      start,
    ),
  );
  return summary;
}
