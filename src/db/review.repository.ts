import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { ReviewSection } from '../domain/review.js';
import type { Db } from './connection.js';
import {
  type DayScope,
  LAST_TOUCH,
  nextDueAt,
  openDatedActivity,
  openDealsOf,
  staleCondition,
} from './my-day.repository.js';
import type { PipelineReviewTable, ReviewDecisionTable } from './schema.js';

/** The instants and day a review's sections are judged at. */
export interface ReviewClock {
  now: number;
  /** Today in the workspace's time zone, `YYYY-MM-DD`. */
  today: string;
  /** Close-date pushes from this instant on count as slipping. */
  slipSinceMs: number;
}

/** The SQL side of each section's rule (domain/review.ts decides the same in TypeScript). */
function sectionCondition(
  section: ReviewSection,
  workspaceId: string,
  clock: ReviewClock,
): RawBuilder<boolean> {
  switch (section) {
    case 'stale':
      return staleCondition(workspaceId, clock.now);
    case 'overdue':
      return sql<boolean>`(deals.expected_close_date is not null
        and deals.expected_close_date < ${clock.today})`;
    case 'noNextStep':
      return sql<boolean>`not exists (${openDatedActivity(workspaceId)})`;
    case 'valueUnverified':
      return sql<boolean>`(deals.amount_minor is not null and deals.value_verified_at is null)`;
    case 'slipping':
      return sql<boolean>`exists (select 1 from deal_field_history h
        where h.workspace_id = ${workspaceId} and h.deal_id = deals.id
        and h.field = 'expectedCloseDate' and h.at >= ${clock.slipSinceMs}
        and h.from_value is not null and h.to_value is not null and h.to_value > h.from_value)`;
  }
}

function sectionBase(db: Db, scope: DayScope, section: ReviewSection, clock: ReviewClock) {
  return openDealsOf(db, scope)
    .innerJoin('stages', 'stages.id', 'deals.stage_id')
    .where(sectionCondition(section, scope.workspaceId, clock));
}

/**
 * A section's open deals in the scope, least recently touched first, with what the review's
 * rules need (stage's rotting days, next due time, verification), and how many there are.
 */
export async function listSectionDeals(
  db: Db,
  scope: DayScope,
  section: ReviewSection,
  clock: ReviewClock,
  limit: number,
) {
  const base = sectionBase(db, scope, section, clock);
  const [rows, total] = await Promise.all([
    base
      .select((eb) => ['stages.rotting_days', nextDueAt(eb, scope.workspaceId)])
      .orderBy(LAST_TOUCH)
      .orderBy('deals.id')
      .limit(limit)
      .execute(),
    db
      .selectFrom(base.as('s'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export type SectionDealRow = Awaited<ReturnType<typeof listSectionDeals>>['rows'][number];

/** The close-date changes of these deals since an instant, oldest first. */
export async function listCloseDateChanges(
  db: Db,
  workspaceId: string,
  dealIds: readonly string[],
  sinceMs: number,
) {
  if (dealIds.length === 0) return [];
  const rows = await db
    .selectFrom('deal_field_history')
    .select(['deal_id', 'from_value', 'to_value', 'at'])
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', 'in', [...dealIds])
    .where('field', '=', 'expectedCloseDate')
    .where('at', '>=', sinceMs)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    dealId: r.deal_id,
    from: r.from_value,
    to: r.to_value,
    at: Number(r.at),
  }));
}

export function insertReview(db: Db, row: Insertable<PipelineReviewTable>) {
  return db.insertInto('pipeline_reviews').values(row).execute();
}

export function findReview(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('pipeline_reviews')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Reviews, newest first, each with how many decisions it holds. */
export function listReviews(db: Db, workspaceId: string, limit: number) {
  return db
    .selectFrom('pipeline_reviews')
    .selectAll('pipeline_reviews')
    .select((eb) =>
      eb
        .selectFrom('review_decisions as d')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('d.review_id', '=', 'pipeline_reviews.id')
        .where('d.workspace_id', '=', workspaceId)
        .as('decision_count'),
    )
    .where('workspace_id', '=', workspaceId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function insertDecision(db: Db, row: Insertable<ReviewDecisionTable>) {
  return db.insertInto('review_decisions').values(row).execute();
}

/** A review's decisions, oldest first, with each deal's title. */
export function listDecisions(db: Db, workspaceId: string, reviewId: string) {
  return db
    .selectFrom('review_decisions')
    .innerJoin('deals', 'deals.id', 'review_decisions.deal_id')
    .selectAll('review_decisions')
    .select('deals.title as deal_title')
    .where('review_decisions.workspace_id', '=', workspaceId)
    .where('review_decisions.review_id', '=', reviewId)
    .orderBy('review_decisions.at')
    .orderBy('review_decisions.id')
    .execute();
}
