import {
  type DayScope,
  listDealsClosingBetween,
  listDealsWithoutNextStep,
  listFlaggedDeals,
  listNextSteps,
  listOpenActivitiesDue,
  listStaleDeals,
} from '../../db/my-day.repository.js';
import type { ActivityRow } from '../../db/schema.js';
import { findTeam } from '../../db/team.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { dayBounds, mayViewOthersDay } from '../../domain/my-day.js';
import type { DealFlagKind } from '../../domain/requalification.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { visibleOwnerOf } from '../deals/deal-access.js';
import { type ActivityView, toActivityView } from '../records/activity.service.js';
import { assertMember } from '../references.js';
import { confirmedStale } from './stale-rows.js';

/** Each list holds at most this many entries; `truncated` says which had more. */
export const MY_DAY_LIMIT = 100;

export interface MyDayQuery {
  /** Another member's day (managers and admins only); default: the signed-in user's. */
  ownerId?: string | undefined;
  /** A team's day: its current members' (managers and admins only). */
  teamId?: string | undefined;
}

export interface DealLite {
  id: string;
  title: string;
  version: number;
  stageId: string;
  pipelineId: string;
  ownerId: string | null;
  amountMinor: number | null;
  currency: string;
  expectedCloseDate: string | null;
  companyId: string | null;
  companyName: string | null;
  /** The deal's open activity with the earliest due date (overdue or not); null when none. */
  nextStep: { activityId: string; subject: string; dueAt: string | null } | null;
}

/** A deal waiting for its owner's decision, with what put it in doubt. */
export type FlaggedDeal = DealLite & {
  flag: { id: string; kind: DealFlagKind; contactName: string | null };
};

export type MyDayTask = ActivityView & { dealTitle: string | null };

export interface MyDayView {
  day: string;
  timeZone: string;
  ownerId: string | null;
  teamId: string | null;
  limit: number;
  overdueTasks: MyDayTask[];
  todayTasks: MyDayTask[];
  dealsWithoutNextStep: DealLite[];
  staleDeals: DealLite[];
  closingThisMonth: DealLite[];
  /** Deals whose decision maker left: a move back to qualification is one click away. */
  toRequalify: FlaggedDeal[];
  truncated: {
    overdueTasks: boolean;
    todayTasks: boolean;
    dealsWithoutNextStep: boolean;
    staleDeals: boolean;
    closingThisMonth: boolean;
    toRequalify: boolean;
  };
}

function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'Only managers and admins may look at someone else’s day');
}

/** Whose day is asked for, checked: a rep's own only; a known member or team otherwise. */
async function scopeOf(ctx: ServiceContext, query: MyDayQuery): Promise<DayScope> {
  const { actor } = ctx;
  const ownerId = query.ownerId?.trim() || undefined;
  const teamId = query.teamId?.trim() || undefined;
  if (ownerId && teamId) {
    const message = 'Ask for one owner or one team, not both';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: ['teamId'], message, code: 'owner_or_team' },
    ]);
  }
  const isOthers = teamId !== undefined || (ownerId !== undefined && ownerId !== actor.userId);
  if (isOthers && !mayViewOthersDay(actor.role)) throw forbidden();
  if (teamId && !(await findTeam(ctx.db, actor.workspaceId, teamId))) {
    throw new DomainError('VALIDATION_FAILED', 'Team not found in this workspace', [
      { path: ['teamId'], message: 'Team not found', code: 'unknown_reference' },
    ]);
  }
  await assertMember(ctx, ownerId);
  const owner = teamId ? undefined : (ownerId ?? actor.userId ?? undefined);
  if (!teamId && !owner) {
    const message = 'An API token acts for no one: name an ownerId or a teamId';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: ['ownerId'], message, code: 'owner_required' },
    ]);
  }
  return {
    workspaceId: actor.workspaceId,
    ownerId: owner,
    teamId,
    visibleOwnerId: await visibleOwnerOf(ctx),
  };
}

type DealRowLite = Awaited<ReturnType<typeof listDealsWithoutNextStep>>[number];

function taskOf(row: ActivityRow & { deal_title: string | null }): MyDayTask {
  const { deal_title: dealTitle, ...activity } = row;
  return { ...toActivityView(activity), dealTitle };
}

/** The first `limit` rows and whether there were more (each query asks for one more). */
function capped<T>(rows: T[]): { items: T[]; truncated: boolean } {
  return { items: rows.slice(0, MY_DAY_LIMIT), truncated: rows.length > MY_DAY_LIMIT };
}

/**
 * A person's or a team's day, in the workspace's time zone: open activities overdue (due
 * before today's start) and due today, open deals without a next step, open deals going stale
 * (the board's rule, domain/stale.ts) and open deals expected to close this month. Each list
 * holds at most MY_DAY_LIMIT entries; `truncated` says which had more.
 */
export async function getMyDay(ctx: ServiceContext, query: MyDayQuery): Promise<MyDayView> {
  requirePermission(ctx.actor, 'read');
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const scope = await scopeOf(ctx, query);
  const bounds = dayBounds(ctx.now, workspace.time_zone);
  const fetch = MY_DAY_LIMIT + 1;
  const [overdue, today, withoutNextStep, staleRows, closing, flagged] = await Promise.all([
    listOpenActivitiesDue(ctx.db, scope, null, bounds.todayStartMs, fetch),
    listOpenActivitiesDue(ctx.db, scope, bounds.todayStartMs, bounds.tomorrowStartMs, fetch),
    listDealsWithoutNextStep(ctx.db, scope, fetch),
    listStaleDeals(ctx.db, scope, ctx.now, fetch),
    listDealsClosingBetween(ctx.db, scope, bounds.monthStart, bounds.nextMonthStart, fetch),
    listFlaggedDeals(ctx.db, scope, fetch),
  ]);
  const stale = confirmedStale(staleRows, ctx.now);
  const dealLists = {
    dealsWithoutNextStep: capped(withoutNextStep),
    staleDeals: capped(stale),
    closingThisMonth: capped(closing),
    toRequalify: capped(flagged),
  };
  const dealIds = [
    ...new Set(Object.values(dealLists).flatMap((list) => list.items.map((d) => d.id))),
  ];
  const nextSteps = new Map(
    (await listNextSteps(ctx.db, ctx.actor.workspaceId, dealIds)).map((s) => [s.dealId, s]),
  );
  const lite = (row: DealRowLite): DealLite => {
    const step = nextSteps.get(row.id);
    return {
      id: row.id,
      title: row.title,
      version: row.version,
      stageId: row.stage_id,
      pipelineId: row.pipeline_id,
      ownerId: row.owner_id,
      amountMinor: row.amount_minor,
      currency: row.currency,
      expectedCloseDate: row.expected_close_date,
      companyId: row.company_id,
      companyName: row.company_name,
      nextStep: step
        ? { activityId: step.activityId, subject: step.subject, dueAt: toIso(step.dueAt) }
        : null,
    };
  };
  const overdueTasks = capped(overdue);
  const todayTasks = capped(today);
  return {
    day: bounds.day,
    timeZone: workspace.time_zone,
    ownerId: scope.ownerId ?? null,
    teamId: scope.teamId ?? null,
    limit: MY_DAY_LIMIT,
    overdueTasks: overdueTasks.items.map(taskOf),
    todayTasks: todayTasks.items.map(taskOf),
    dealsWithoutNextStep: dealLists.dealsWithoutNextStep.items.map(lite),
    staleDeals: dealLists.staleDeals.items.map(lite),
    closingThisMonth: dealLists.closingThisMonth.items.map(lite),
    toRequalify: dealLists.toRequalify.items.map((row) => ({
      ...lite(row),
      flag: {
        id: row.flag_id,
        kind: row.flag_kind as DealFlagKind,
        contactName: row.flag_contact_name,
      },
    })),
    truncated: {
      overdueTasks: overdueTasks.truncated,
      todayTasks: todayTasks.truncated,
      dealsWithoutNextStep: dealLists.dealsWithoutNextStep.truncated,
      staleDeals: dealLists.staleDeals.truncated,
      closingThisMonth: dealLists.closingThisMonth.truncated,
      toRequalify: dealLists.toRequalify.truncated,
    },
  };
}
