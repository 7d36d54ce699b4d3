import { newId } from '../../db/id.js';
import type { DayScope } from '../../db/my-day.repository.js';
import { listNextSteps } from '../../db/my-day.repository.js';
import {
  findReview,
  insertDecision,
  insertReview,
  listCloseDateChanges,
  listDecisions,
  listReviews,
  listSectionDeals,
  type ReviewClock,
  type SectionDealRow,
} from '../../db/review.repository.js';
import type { PipelineReviewTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { findPipeline } from '../../db/pipeline.repository.js';
import { findTeam } from '../../db/team.repository.js';
import { updateAtVersion } from '../../db/versioned.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { dayBounds, mayViewOthersDay } from '../../domain/my-day.js';
import {
  REVIEW_SECTIONS,
  type ReviewAction,
  type ReviewSection,
  reviewSectionsOf,
  SLIP_LOOKBACK_DAYS,
  type Slip,
  slipOf,
} from '../../domain/review.js';
import { daysSince } from '../../domain/stale.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { loadVisibleDeal, visibleOwnerOf } from '../deals/deal-access.js';
import { getDeal, updateDeal, verifyDealValue } from '../deals/deal.service.js';
import { loseDeal, moveDealToStage } from '../deals/deal-move.service.js';
import type { DealView } from '../deals/deal-view.js';
import { type ActivityKind, createActivity } from '../records/activity.service.js';
import { assertMember } from '../references.js';

const DAY_MS = 86_400_000;
/** Each section lists at most this many deals (least recently touched first); `total` counts all. */
export const REVIEW_LIMIT = 100;

export interface ReviewQuery {
  /** One pipeline; absent: every pipeline. */
  pipelineId?: string | undefined;
  /** One owner's deals, or a team's (managers and admins only for others'); absent: everyone's. */
  ownerId?: string | undefined;
  teamId?: string | undefined;
}

/** An open deal as the review shows it: where it stands and every section it is in. */
export interface ReviewDeal {
  id: string;
  title: string;
  version: number;
  pipelineId: string;
  stageId: string;
  ownerId: string | null;
  companyId: string | null;
  companyName: string | null;
  amountMinor: number | null;
  currency: string;
  expectedCloseDate: string | null;
  daysInStage: number;
  /** The later of the last stage change and the last activity done. */
  lastTouchAt: string;
  rottingDays: number | null;
  valueVerifiedAt: string | null;
  slip: Slip;
  nextStep: { activityId: string; subject: string; dueAt: string | null } | null;
  sections: ReviewSection[];
}

export interface ReviewSectionView {
  total: number;
  deals: ReviewDeal[];
}

export interface ReviewWorklist {
  day: string;
  timeZone: string;
  pipelineId: string | null;
  ownerId: string | null;
  teamId: string | null;
  limit: number;
  slipLookbackDays: number;
  sections: Record<ReviewSection, ReviewSectionView>;
}

function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'Only managers and admins may review someone else’s deals');
}

/**
 * The deals a review looks at: a rep's own (always); a manager's or admin's choice of one
 * owner, a team or everyone; one pipeline or all. Unknown ids are field errors or 404s.
 */
async function scopeOf(ctx: ServiceContext, query: ReviewQuery): Promise<DayScope> {
  const { actor } = ctx;
  const ownerId = query.ownerId?.trim() || undefined;
  const teamId = query.teamId?.trim() || undefined;
  const pipelineId = query.pipelineId?.trim() || undefined;
  if (ownerId && teamId) {
    const message = 'Ask for one owner or one team, not both';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: ['teamId'], message, code: 'owner_or_team' },
    ]);
  }
  const mayReviewOthers = mayViewOthersDay(actor.role);
  if (!mayReviewOthers && (teamId || (ownerId && ownerId !== actor.userId))) throw forbidden();
  if (pipelineId && !(await findPipeline(ctx.db, actor.workspaceId, pipelineId))) {
    throw notFound('Pipeline');
  }
  if (teamId && !(await findTeam(ctx.db, actor.workspaceId, teamId))) {
    throw new DomainError('VALIDATION_FAILED', 'Team not found in this workspace', [
      { path: ['teamId'], message: 'Team not found', code: 'unknown_reference' },
    ]);
  }
  await assertMember(ctx, ownerId);
  const owner = ownerId ?? (mayReviewOthers ? undefined : (actor.userId ?? undefined));
  return {
    workspaceId: actor.workspaceId,
    ownerId: owner,
    teamId,
    everyone: !owner && !teamId,
    pipelineId,
    visibleOwnerId: await visibleOwnerOf(ctx),
  };
}

async function clockOf(ctx: ServiceContext) {
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const bounds = dayBounds(ctx.now, workspace.time_zone);
  const clock: ReviewClock = {
    now: ctx.now,
    today: bounds.day,
    slipSinceMs: ctx.now - SLIP_LOOKBACK_DAYS * DAY_MS,
  };
  return { clock, timeZone: workspace.time_zone };
}

/**
 * The pipeline review's worklist: the open deals in scope that are stale, overdue (close date
 * passed), without a next step, with an unverified value, or slipping (close date pushed later
 * in the last SLIP_LOOKBACK_DAYS days, read from the field history). Each section holds its
 * first REVIEW_LIMIT deals, least recently touched first, and its total; each deal names every
 * section it is in, so fixing one problem shows what else is left.
 */
export async function getReviewWorklist(
  ctx: ServiceContext,
  query: ReviewQuery,
): Promise<ReviewWorklist> {
  requirePermission(ctx.actor, 'read');
  const scope = await scopeOf(ctx, query);
  const { clock, timeZone } = await clockOf(ctx);
  const found = await Promise.all(
    REVIEW_SECTIONS.map((section) => listSectionDeals(ctx.db, scope, section, clock, REVIEW_LIMIT)),
  );
  const rowsById = new Map<string, SectionDealRow>();
  for (const { rows } of found) for (const row of rows) rowsById.set(row.id, row);
  const ids = [...rowsById.keys()];
  const [changes, steps] = await Promise.all([
    listCloseDateChanges(ctx.db, ctx.actor.workspaceId, ids, clock.slipSinceMs),
    listNextSteps(ctx.db, ctx.actor.workspaceId, ids),
  ]);
  const stepOf = new Map(steps.map((s) => [s.dealId, s]));
  const dealOf = new Map<string, ReviewDeal>();
  for (const row of rowsById.values()) {
    const slip = slipOf(
      changes.filter((c) => c.dealId === row.id),
      clock.slipSinceMs,
    );
    const nextDueAt = row.next_due_at === null ? null : Number(row.next_due_at);
    const stageEnteredAt = Number(row.stage_entered_at);
    const lastActivityAt = row.last_activity_at === null ? null : Number(row.last_activity_at);
    const valueVerifiedAt = row.value_verified_at === null ? null : Number(row.value_verified_at);
    const step = stepOf.get(row.id);
    dealOf.set(row.id, {
      id: row.id,
      title: row.title,
      version: row.version,
      pipelineId: row.pipeline_id,
      stageId: row.stage_id,
      ownerId: row.owner_id,
      companyId: row.company_id,
      companyName: row.company_name,
      amountMinor: row.amount_minor === null ? null : Number(row.amount_minor),
      currency: row.currency,
      expectedCloseDate: row.expected_close_date,
      daysInStage: daysSince(stageEnteredAt, ctx.now),
      lastTouchAt: toIso(Math.max(stageEnteredAt, lastActivityAt ?? 0)) ?? '',
      rottingDays: row.rotting_days,
      valueVerifiedAt: toIso(valueVerifiedAt),
      slip,
      nextStep: step
        ? { activityId: step.activityId, subject: step.subject, dueAt: toIso(step.dueAt) }
        : null,
      sections: reviewSectionsOf(
        {
          status: row.status,
          rottingDays: row.rotting_days,
          stageEnteredAt,
          lastActivityAt,
          nextDueAt,
          expectedCloseDate: row.expected_close_date,
          amountMinor: row.amount_minor,
          valueVerifiedAt,
          slip,
        },
        ctx.now,
        clock.today,
      ),
    });
  }
  const sections = Object.fromEntries(
    REVIEW_SECTIONS.map((section, index) => {
      const { rows, total } = found[index] ?? { rows: [], total: 0 };
      const deals = rows.flatMap((row) => {
        const deal = dealOf.get(row.id);
        return deal?.sections.includes(section) ? [deal] : [];
      });
      return [section, { total, deals }];
    }),
  ) as Record<ReviewSection, ReviewSectionView>;
  return {
    day: clock.today,
    timeZone,
    pipelineId: scope.pipelineId ?? null,
    ownerId: scope.ownerId ?? null,
    teamId: scope.teamId ?? null,
    limit: REVIEW_LIMIT,
    slipLookbackDays: SLIP_LOOKBACK_DAYS,
    sections,
  };
}

type ReviewRow = Selectable<PipelineReviewTable>;

function toReviewView(row: ReviewRow, decisionCount: number) {
  return {
    id: row.id,
    reviewerUserId: row.reviewer_user_id,
    pipelineId: row.pipeline_id,
    ownerId: row.owner_id,
    teamId: row.team_id,
    startedAt: toIso(Number(row.started_at)) ?? '',
    closedAt: toIso(row.closed_at === null ? null : Number(row.closed_at)),
    summary: row.summary,
    found: JSON.parse(row.found) as Record<ReviewSection, number>,
    decisionCount,
    version: row.version,
  };
}
export type ReviewView = ReturnType<typeof toReviewView>;

/** Reviewing others' deals is for those who may see others' days; anyone may review their own. */
function assertMayRecord(ctx: ServiceContext, row: ReviewRow): void {
  const isOwn = row.reviewer_user_id !== null && row.reviewer_user_id === ctx.actor.userId;
  if (!isOwn && !mayViewOthersDay(ctx.actor.role)) throw notFound('Review');
}

async function loadReview(ctx: ServiceContext, id: string): Promise<ReviewRow> {
  const row = await findReview(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Review');
  assertMayRecord(ctx, row);
  return row;
}

/**
 * Starts a review over a scope (as the worklist reads it), recording who started it, when,
 * and how many deals each section held then.
 */
export async function startReview(ctx: ServiceContext, query: ReviewQuery): Promise<ReviewView> {
  requirePermission(ctx.actor, 'records.write');
  const worklist = await getReviewWorklist(ctx, query);
  const found = Object.fromEntries(
    REVIEW_SECTIONS.map((section) => [section, worklist.sections[section].total]),
  );
  const id = newId();
  await insertReview(ctx.db, {
    id,
    workspace_id: ctx.actor.workspaceId,
    reviewer_user_id: ctx.actor.userId,
    pipeline_id: worklist.pipelineId,
    owner_id: worklist.ownerId,
    team_id: worklist.teamId,
    started_at: ctx.now,
    closed_at: null,
    summary: null,
    found: JSON.stringify(found),
  });
  return getReview(ctx, id).then((r) => r.review);
}

/** Past and open reviews, newest first (a rep sees their own). */
export async function listReviewViews(ctx: ServiceContext, limit = 50): Promise<ReviewView[]> {
  requirePermission(ctx.actor, 'read');
  const rows = await listReviews(ctx.db, ctx.actor.workspaceId, limit);
  return rows
    .filter((row) => mayViewOthersDay(ctx.actor.role) || row.reviewer_user_id === ctx.actor.userId)
    .map((row) => toReviewView(row, Number(row.decision_count ?? 0)));
}

/** One review with every decision it recorded, oldest first. */
export async function getReview(ctx: ServiceContext, id: string) {
  requirePermission(ctx.actor, 'read');
  const row = await loadReview(ctx, id);
  const decisions = await listDecisions(ctx.db, ctx.actor.workspaceId, id);
  return {
    review: toReviewView(row, decisions.length),
    decisions: decisions.map((d) => ({
      id: d.id,
      dealId: d.deal_id,
      dealTitle: d.deal_title,
      action: d.action as ReviewAction,
      detail: JSON.parse(d.detail) as Record<string, unknown>,
      at: toIso(Number(d.at)) ?? '',
      actorUserId: d.actor_user_id,
    })),
  };
}

/** Closes a review with a summary, or reopens a closed one to go on deciding in it. */
export async function setReviewClosed(
  ctx: ServiceContext,
  id: string,
  version: number,
  input: { isClosed: boolean; summary?: string | null | undefined },
) {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const row = await loadReview(tx, id);
    const patch: Partial<ReviewRow> = { closed_at: input.isClosed ? tx.now : null };
    if (input.summary !== undefined) patch.summary = input.summary?.trim() || null;
    const changed = await updateAtVersion(
      tx.db,
      'pipeline_reviews',
      tx.actor.workspaceId,
      id,
      version,
      patch,
    );
    if (changed === 0) throw versionConflict((await getReview(tx, row.id)).review);
    return (await getReview(tx, id)).review;
  });
}

/** What one action does; each deal gets it with its own version. */
export type ReviewActionInput =
  | {
      action: 'nextStep';
      subject: string;
      kind: ActivityKind;
      /** Epoch ms. */
      dueAt: number;
    }
  | { action: 'move'; stageId: string; reason?: string | null | undefined }
  | { action: 'lose'; lostReasonId: string; note?: string | null | undefined }
  | { action: 'reassign'; ownerId: string }
  | { action: 'pushCloseDate'; expectedCloseDate: string }
  | { action: 'verifyValue' };

export interface ReviewActionOutcome {
  dealId: string;
  outcome: 'done' | 'conflict' | 'refused';
  /** The deal after the action (done) or as it is now (conflict). */
  deal: DealView | null;
  error: DomainError | null;
}

async function applyOne(
  ctx: ServiceContext,
  dealId: string,
  version: number,
  input: ReviewActionInput,
): Promise<DealView> {
  switch (input.action) {
    case 'nextStep': {
      const row = await loadVisibleDeal(ctx, dealId);
      if (row.version !== version) throw versionConflict(await getDeal(ctx, dealId));
      if (row.status !== 'open') {
        throw new DomainError('DEAL_CLOSED', 'A closed deal needs no next step');
      }
      await createActivity(ctx, {
        kind: input.kind,
        subject: input.subject,
        dueAt: input.dueAt,
        dealId,
        ownerId: row.owner_id,
      });
      return getDeal(ctx, dealId);
    }
    case 'move':
      return moveDealToStage(ctx, dealId, version, {
        stageId: input.stageId,
        reason: input.reason,
      });
    case 'lose':
      return loseDeal(ctx, dealId, version, {
        lostReasonId: input.lostReasonId,
        note: input.note,
      });
    case 'reassign':
      return updateDeal(ctx, dealId, version, { ownerId: input.ownerId });
    case 'pushCloseDate':
      return updateDeal(ctx, dealId, version, { expectedCloseDate: input.expectedCloseDate });
    case 'verifyValue':
      return verifyDealValue(ctx, dealId, version);
  }
}

/** The action's parameters as the decision records them. */
function detailOf(input: ReviewActionInput): Record<string, unknown> {
  const detail: Record<string, unknown> = { ...input };
  delete detail.action;
  if (input.action === 'nextStep') detail.dueAt = toIso(input.dueAt);
  return detail;
}

/**
 * Applies one action to each selected deal in an open review, each deal in its own
 * transaction with its own version: a deal someone else changed meanwhile (409) or one the
 * rules refuse (exit criteria, closed deal …) is reported and left as it was, the others are
 * done. Each deal done is recorded as a decision of the review in the same transaction.
 */
export async function applyReviewAction(
  ctx: ServiceContext,
  reviewId: string,
  deals: readonly { id: string; version: number }[],
  input: ReviewActionInput,
): Promise<{ review: ReviewView; results: ReviewActionOutcome[] }> {
  requirePermission(ctx.actor, 'records.write');
  const review = await loadReview(ctx, reviewId);
  if (review.closed_at !== null) {
    const message = 'This review is closed: reopen it to decide more';
    throw new DomainError('CONFLICT', message, [
      { path: ['reviewId'], message, code: 'review_closed' },
    ]);
  }
  const results: ReviewActionOutcome[] = [];
  const versionOf = new Map<string, number>();
  for (const deal of deals) if (!versionOf.has(deal.id)) versionOf.set(deal.id, deal.version);
  for (const [id, version] of versionOf) {
    try {
      const deal = await inTransaction(ctx, async (tx) => {
        const after = await applyOne(tx, id, version, input);
        await insertDecision(tx.db, {
          id: newId(),
          workspace_id: tx.actor.workspaceId,
          review_id: reviewId,
          deal_id: id,
          action: input.action,
          detail: JSON.stringify(detailOf(input)),
          at: tx.now,
          actor_user_id: tx.actor.userId,
        });
        return after;
      });
      results.push({ dealId: id, outcome: 'done', deal, error: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const isConflict = error.code === 'VERSION_CONFLICT';
      const current = isConflict ? (error.data?.current as DealView | undefined) : undefined;
      results.push({
        dealId: id,
        outcome: isConflict ? 'conflict' : 'refused',
        deal: current ?? null,
        error,
      });
    }
  }
  return { review: (await getReview(ctx, reviewId)).review, results };
}
