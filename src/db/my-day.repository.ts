import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * Whose day: one owner or a team's current members, or — for a pipeline review — `everyone`;
 * `visibleOwnerId` for reps limited to their deals; `pipelineId` narrows deals to a pipeline.
 */
export interface DayScope {
  workspaceId: string;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  everyone?: boolean | undefined;
  visibleOwnerId?: string | undefined;
  pipelineId?: string | undefined;
}

/** `column` names one of the scope's owners (an owner, or a member of the team now). */
export function ownedBy(column: 'activities.owner_id' | 'deals.owner_id', scope: DayScope) {
  const ref = sql.ref(column);
  if (scope.everyone && !scope.teamId && !scope.ownerId) return sql<boolean>`1 = 1`;
  if (scope.teamId) {
    return sql<boolean>`${ref} in (select m.user_id from memberships m
      where m.workspace_id = ${scope.workspaceId} and m.team_id = ${scope.teamId})`;
  }
  return sql<boolean>`${ref} = ${scope.ownerId ?? '\u0000'}`;
}

/**
 * An activity worth doing: not on a deleted deal, nor on one the actor may not see (reps
 * limited to their own deals see none of the others' activities, as in the activity list).
 */
function onLiveVisibleDeal(scope: DayScope): RawBuilder<boolean> {
  const visible = scope.visibleOwnerId ? sql`and d.owner_id = ${scope.visibleOwnerId}` : sql``;
  return sql<boolean>`(activities.deal_id is null or exists (select 1 from deals d
    where d.id = activities.deal_id and d.workspace_id = ${scope.workspaceId}
    and d.deleted_at is null ${visible}))`;
}

/**
 * Open activities of the scope's owners due in [fromMs, toMs) (no lower bound when `fromMs` is
 * null), soonest first, with the title of the deal each is on. Walks the
 * `activities_owner_open_due` index (workspace, owner, done_at, due_at).
 */
export function listOpenActivitiesDue(
  db: Db,
  scope: DayScope,
  fromMs: number | null,
  toMs: number,
  limit: number,
) {
  let query = db
    .selectFrom('activities')
    .leftJoin('deals', (join) =>
      join
        .onRef('deals.id', '=', 'activities.deal_id')
        .onRef('deals.workspace_id', '=', 'activities.workspace_id'),
    )
    .selectAll('activities')
    .select('deals.title as deal_title')
    .where('activities.workspace_id', '=', scope.workspaceId)
    .where(ownedBy('activities.owner_id', scope))
    .where('activities.done_at', 'is', null)
    .where('activities.due_at', '<', toMs)
    .where(onLiveVisibleDeal(scope));
  if (fromMs !== null) query = query.where('activities.due_at', '>=', fromMs);
  return query.orderBy('activities.due_at').orderBy('activities.id').limit(limit).execute();
}

/** The later of a deal's last change of stage or status and its last done activity. */
export const LAST_TOUCH = sql<number>`case when deals.last_activity_at is not null
  and deals.last_activity_at > deals.stage_entered_at
  then deals.last_activity_at else deals.stage_entered_at end`;

/** An open activity with a due date on the deal (`extra` narrows it further). */
export function openDatedActivity(workspaceId: string, extra: RawBuilder<unknown> = sql``) {
  return sql`select 1 from activities a where a.workspace_id = ${workspaceId}
    and a.deal_id = deals.id and a.done_at is null and a.due_at is not null ${extra}`;
}

export function openDealsOf(db: Db, scope: DayScope) {
  let query = db
    .selectFrom('deals')
    .leftJoin('companies', (join) =>
      join
        .onRef('companies.id', '=', 'deals.company_id')
        .onRef('companies.workspace_id', '=', 'deals.workspace_id'),
    )
    .select([
      'deals.id',
      'deals.title',
      'deals.version',
      'deals.stage_id',
      'deals.pipeline_id',
      'deals.owner_id',
      'deals.amount_minor',
      'deals.currency',
      'deals.expected_close_date',
      'deals.company_id',
      'companies.name as company_name',
      'deals.stage_entered_at',
      'deals.last_activity_at',
      'deals.value_verified_at',
      'deals.status',
    ])
    .where('deals.workspace_id', '=', scope.workspaceId)
    .where('deals.deleted_at', 'is', null)
    .where('deals.status', '=', 'open')
    .where(ownedBy('deals.owner_id', scope));
  if (scope.visibleOwnerId) query = query.where('deals.owner_id', '=', scope.visibleOwnerId);
  if (scope.pipelineId) query = query.where('deals.pipeline_id', '=', scope.pipelineId);
  return query;
}

/** Open deals with no open activity that has a due date: nothing is planned. Least recently touched first. */
export function listDealsWithoutNextStep(db: Db, scope: DayScope, limit: number) {
  return openDealsOf(db, scope)
    .where(sql<boolean>`not exists (${openDatedActivity(scope.workspaceId)})`)
    .orderBy(LAST_TOUCH)
    .orderBy('deals.id')
    .limit(limit)
    .execute();
}

/**
 * Open deals that rot at `now` by the rule of domain/stale.ts, in SQL: untouched for longer
 * than their stage's rotting days, and their next step (the earliest open dated activity) is
 * not in the future. Each row carries its stage's rotting days and next due time, so the caller
 * can confirm it with isDealStale. Least recently touched first.
 */
export function listStaleDeals(db: Db, scope: DayScope, now: number, limit: number) {
  return openDealsOf(db, scope)
    .innerJoin('stages', 'stages.id', 'deals.stage_id')
    .select((eb) => ['stages.rotting_days', nextDueAt(eb, scope.workspaceId)])
    .where(staleCondition(scope.workspaceId, now))
    .orderBy(LAST_TOUCH)
    .orderBy('deals.id')
    .limit(limit)
    .execute();
}

/** The due time of the deal's earliest open activity, as `next_due_at`. */
export function nextDueAt(eb: ExpressionBuilder<Database, 'deals'>, workspaceId: string) {
  return eb
    .selectFrom('activities as a')
    .select((e) => e.fn.min('a.due_at').as('d'))
    .whereRef('a.deal_id', '=', 'deals.id')
    .where('a.workspace_id', '=', workspaceId)
    .where('a.done_at', 'is', null)
    .as('next_due_at');
}

/**
 * The rule of domain/stale.ts in SQL, over `deals` joined with its `stages`: untouched for
 * longer than the stage's rotting days, and the next step (the earliest open dated activity)
 * not in the future.
 */
export function staleCondition(workspaceId: string, now: number): RawBuilder<boolean> {
  return sql<boolean>`(stages.rotting_days is not null
    and ${LAST_TOUCH} < ${now} - cast(stages.rotting_days as bigint) * ${DAY_MS}
    and (not exists (${openDatedActivity(workspaceId)})
      or exists (${openDatedActivity(workspaceId, sql`and a.due_at < ${now}`)})))`;
}

/** Open deals with an open flag (a decision maker left …), one row per flag, oldest first. */
export function listFlaggedDeals(db: Db, scope: DayScope, limit: number) {
  return openDealsOf(db, scope)
    .innerJoin('deal_flags', (join) =>
      join
        .onRef('deal_flags.deal_id', '=', 'deals.id')
        .onRef('deal_flags.workspace_id', '=', 'deals.workspace_id'),
    )
    .leftJoin('contacts as flag_contact', 'flag_contact.id', 'deal_flags.contact_id')
    .select([
      'deal_flags.id as flag_id',
      'deal_flags.kind as flag_kind',
      'flag_contact.name as flag_contact_name',
    ])
    .where('deal_flags.resolved_at', 'is', null)
    .orderBy('deal_flags.raised_at')
    .orderBy('deal_flags.id')
    .limit(limit)
    .execute();
}

/** Open deals expected to close in [fromDay, toDay), soonest first. */
export function listDealsClosingBetween(
  db: Db,
  scope: DayScope,
  fromDay: string,
  toDay: string,
  limit: number,
) {
  return openDealsOf(db, scope)
    .where('deals.expected_close_date', '>=', fromDay)
    .where('deals.expected_close_date', '<', toDay)
    .orderBy('deals.expected_close_date')
    .orderBy('deals.id')
    .limit(limit)
    .execute();
}

/** The next step of each deal: its open activity with the earliest due date. */
export async function listNextSteps(db: Db, workspaceId: string, dealIds: string[]) {
  if (dealIds.length === 0) return [];
  const ranked = db
    .selectFrom('activities')
    .select([
      'activities.deal_id',
      'activities.id',
      'activities.subject',
      'activities.due_at',
      sql<number>`row_number() over (partition by activities.deal_id
        order by activities.due_at, activities.id)`.as('rank'),
    ])
    .where('activities.workspace_id', '=', workspaceId)
    .where('activities.deal_id', 'in', dealIds)
    .where('activities.done_at', 'is', null)
    .where('activities.due_at', 'is not', null);
  const rows = await db.selectFrom(ranked.as('n')).selectAll().where('n.rank', '=', 1).execute();
  return rows.map((r) => ({
    dealId: r.deal_id ?? '',
    activityId: r.id,
    subject: r.subject,
    dueAt: Number(r.due_at),
  }));
}
