/**
 * A workspace with hand-written deal histories: each deal's stage history is written straight
 * into `stage_history` at chosen instants, so forecasts, backtests and metrics can be checked
 * against numbers worked out by hand. The deal's own columns agree with its last step.
 */
import { insertDeal, insertStageHistory } from '../src/db/deal.repository.js';
import { newId } from '../src/db/id.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import { listLostReasons, upsertExchangeRate } from '../src/db/reference.repository.js';
import type { Role } from '../src/domain/permissions.js';
import type { Stage } from '../src/domain/stage.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { addUserToWorkspace } from '../src/services/access/user.service.js';
import {
  createWorkspace,
  type WorkspaceSettings,
} from '../src/services/access/workspace.service.js';
import type { TestDatabase } from './database.js';

/** An instant: epoch milliseconds, or an ISO 8601 string. */
export type Instant = number | string;

/** Epoch milliseconds of an ISO 8601 instant (numbers pass through). */
export function ms(at: Instant): number {
  if (typeof at === 'number') return at;
  const value = Date.parse(at);
  if (Number.isNaN(value)) throw new Error(`Not an instant: ${at}`);
  return value;
}

const CREATED_AT = Date.parse('2024-01-01T00:00:00Z');
const PASSWORD = 'a long enough password';
let counter = 0;

export interface HistoryWorld {
  database: TestDatabase;
  workspaceId: string;
  pipelineId: string;
  /** The default pipeline's stages, by key. */
  stages: Record<string, Stage>;
  adminId: string;
  /** A service context acting as the workspace's admin at instant `at`. */
  contextAt: (at: Instant) => ServiceContext;
  /** Adds a member with a role; returns the user id. */
  addMember: (role: Role) => Promise<string>;
}

/** A new workspace (Asia/Riyadh and USD unless told) with an admin, on the test database. */
export async function createHistoryWorld(
  database: TestDatabase,
  settings: Partial<WorkspaceSettings> = {},
): Promise<HistoryWorld> {
  const { db } = database;
  counter += 1;
  const workspace = await createWorkspace(
    db,
    {
      timeZone: 'Asia/Riyadh',
      baseCurrency: 'USD',
      ...settings,
      name: settings.name ?? `History ${counter}`,
    },
    CREATED_AT,
  );
  const pipeline = await findDefaultPipeline(db, workspace.id);
  if (!pipeline) throw new Error('The new workspace has no pipeline');
  const stages = Object.fromEntries(
    (await listStages(db, workspace.id, pipeline.id)).map((s) => [s.key, s]),
  );
  const addMember = async (role: Role) => {
    counter += 1;
    const user = await addUserToWorkspace(
      db,
      workspace.id,
      {
        email: `history-${role}-${counter}-${newId()}@example.com`,
        name: `${role} ${counter}`,
        password: PASSWORD,
        role,
      },
      CREATED_AT,
    );
    return user.id;
  };
  const adminId = await addMember('admin');
  return {
    database,
    workspaceId: workspace.id,
    pipelineId: pipeline.id,
    stages,
    adminId,
    contextAt: (at) => ({
      db,
      now: ms(at),
      actor: { workspaceId: workspace.id, userId: adminId, role: 'admin' },
    }),
    addMember,
  };
}

/** Sets the rate of `currency` on `day`: 1 unit = `rate` units of the base currency. */
export async function setRate(
  world: HistoryWorld,
  currency: string,
  day: string,
  rate: string,
): Promise<void> {
  await upsertExchangeRate(world.database.db, {
    workspace_id: world.workspaceId,
    currency,
    day,
    rate,
  });
}

/** A team with these members; returns its id. */
export async function insertTeamWith(
  world: HistoryWorld,
  name: string,
  memberIds: string[],
): Promise<string> {
  const { db } = world.database;
  const id = newId();
  await db
    .insertInto('teams')
    .values({ id, workspace_id: world.workspaceId, name, created_at: CREATED_AT })
    .execute();
  for (const userId of memberIds) {
    await db
      .updateTable('memberships')
      .set({ team_id: id })
      .where('workspace_id', '=', world.workspaceId)
      .where('user_id', '=', userId)
      .execute();
  }
  return id;
}

export interface HistoryStep {
  at: Instant;
  /** Stage key of the default pipeline. */
  stage: string;
  /** Status after the step; open unless said. A loss stays in its stage. */
  status?: 'open' | 'won' | 'lost';
}

export interface DealWithHistory {
  steps: HistoryStep[];
  amountMinor?: number | null;
  currency?: string;
  expectedCloseDate?: string | null;
  probabilityOverride?: number | null;
  ownerId?: string | null;
  source?: string | null;
  title?: string;
  companyId?: string | null;
  isDeleted?: boolean;
}

/**
 * A deal with exactly these history rows (no rule is checked: the point is to choose every row
 * and instant). The first step opens the deal; each row's `from` is the step before. Losses carry
 * the workspace's first lost reason. Returns the deal id.
 */
export async function insertDealWithHistory(
  world: HistoryWorld,
  deal: DealWithHistory,
): Promise<string> {
  const { db } = world.database;
  const first = deal.steps[0];
  const last = deal.steps.at(-1);
  if (!first || !last) throw new Error('A deal needs at least one history step');
  const stageIdOf = (key: string) => {
    const stage = world.stages[key];
    if (!stage) throw new Error(`No stage ${key}`);
    return stage.id;
  };
  const [lostReason] = await listLostReasons(db, world.workspaceId);
  const lostReasonId = lostReason?.id ?? null;
  const lastStatus = last.status ?? 'open';
  const id = newId();
  await insertDeal(db, {
    id,
    workspace_id: world.workspaceId,
    pipeline_id: world.pipelineId,
    stage_id: stageIdOf(last.stage),
    title: deal.title ?? `Deal ${counter}`,
    company_id: deal.companyId ?? null,
    owner_id: deal.ownerId === undefined ? world.adminId : deal.ownerId,
    amount_minor: deal.amountMinor ?? null,
    currency: deal.currency ?? 'USD',
    amount_source: 'quoted',
    expected_close_date: deal.expectedCloseDate ?? null,
    probability_override: deal.probabilityOverride ?? null,
    source: deal.source ?? null,
    status: lastStatus,
    lost_reason_id: lastStatus === 'lost' ? lostReasonId : null,
    opened_at: ms(first.at),
    closed_at: lastStatus === 'open' ? null : ms(last.at),
    stage_entered_at: ms(last.at),
    search_text: (deal.title ?? 'deal').toLowerCase(),
    created_at: ms(first.at),
    updated_at: ms(last.at),
    deleted_at: deal.isDeleted ? ms(last.at) : null,
  });
  let previous: HistoryStep | undefined;
  for (const step of deal.steps) {
    const status = step.status ?? 'open';
    await insertStageHistory(db, {
      id: newId(),
      workspace_id: world.workspaceId,
      deal_id: id,
      from_stage_id: previous ? stageIdOf(previous.stage) : null,
      to_stage_id: stageIdOf(step.stage),
      from_status: previous ? (previous.status ?? 'open') : null,
      to_status: status,
      at: ms(step.at),
      actor_user_id: null,
      reason: null,
      lost_reason_id: status === 'lost' ? lostReasonId : null,
    });
    previous = step;
  }
  return id;
}
