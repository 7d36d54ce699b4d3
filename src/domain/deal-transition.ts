import type { DealState, DealTransition } from './deal.js';
import { DomainError } from './errors.js';
import { unmetExitCriteria } from './exit-criteria.js';
import { findWonStage, orderStages, type Stage } from './stage.js';

type StageLike = Pick<Stage, 'id' | 'key' | 'kind' | 'position' | 'archived' | 'exitCriteria'>;

function requireStage(stages: StageLike[], id: string): StageLike {
  const stage = stages.find((s) => s.id === id);
  if (!stage) {
    throw new DomainError('STAGE_NOT_IN_PIPELINE', 'The stage is not in the deal’s pipeline', [
      {
        path: ['stageId'],
        message: 'Stage not found in this pipeline',
        code: 'stage_not_in_pipeline',
      },
    ]);
  }
  return stage;
}

function requireReason(reason: string | null | undefined, message: string): string {
  const trimmed = reason?.trim();
  if (!trimmed) {
    throw new DomainError('REASON_REQUIRED', message, [{ path: ['reason'], message }]);
  }
  return trimmed;
}

/**
 * A new deal entering its first stage, open, on the day it opened.
 * @example planOpening('lead', t) → { stageId: 'lead', status: 'open', change: null → lead at t }
 */
export function planOpening(stageId: string, openedAt: number): DealTransition {
  return {
    stageId,
    status: 'open',
    closedAt: null,
    lostReasonId: null,
    lostNote: null,
    stageEnteredAt: openedAt,
    change: {
      fromStageId: null,
      toStageId: stageId,
      fromStatus: null,
      toStatus: 'open',
      at: openedAt,
      reason: null,
      lostReasonId: null,
    },
  };
}

/**
 * Moves an open deal to another stage of its pipeline.
 * - Forward: every stage left or skipped must have its exit criteria met.
 * - Backward: a reason is required (e.g. "decision maker left"); it is not a loss.
 * - Into a `won` stage: the deal is won and closed now.
 */
export function planStageMove(
  deal: DealState,
  stages: StageLike[],
  toStageId: string,
  options: { now: number; reason?: string | null },
): DealTransition {
  if (deal.status !== 'open') {
    throw new DomainError('DEAL_CLOSED', `The deal is ${deal.status}; reopen it before moving it`);
  }
  const ordered = orderStages(stages);
  const from = requireStage(stages, deal.stageId);
  const to = requireStage(stages, toStageId);
  if (to.archived) {
    throw new DomainError('STAGE_ARCHIVED', 'Deals cannot move into an archived stage', [
      { path: ['stageId'], message: 'Stage is archived', code: 'stage_archived' },
    ]);
  }
  if (to.id === from.id) {
    throw new DomainError('STAGE_UNCHANGED', 'The deal is already in that stage', [
      { path: ['stageId'], message: 'Same as the current stage', code: 'stage_unchanged' },
    ]);
  }
  const isBackward = to.position < from.position;
  let reason: string | null = options.reason?.trim() || null;
  if (isBackward) {
    reason = requireReason(options.reason, 'Moving a deal back needs a reason');
  } else {
    const left = ordered.filter((s) => s.position >= from.position && s.position < to.position);
    const unmet = unmetExitCriteria(deal, left.length > 0 ? left : [from]);
    if (unmet.length > 0) {
      throw new DomainError('EXIT_CRITERIA_UNMET', 'Exit criteria are not met', unmet);
    }
  }
  const isWin = to.kind === 'won';
  const status = isWin ? 'won' : 'open';
  return {
    stageId: to.id,
    status,
    closedAt: isWin ? options.now : null,
    lostReasonId: null,
    lostNote: null,
    stageEnteredAt: options.now,
    change: {
      fromStageId: from.id,
      toStageId: to.id,
      fromStatus: deal.status,
      toStatus: status,
      at: options.now,
      reason,
      lostReasonId: null,
    },
  };
}

/**
 * Moves an open deal into an open stage of another pipeline (the pipeline was the wrong one, or
 * the deal became another kind of sale). The stages of two pipelines have no order between
 * them, so no exit criteria apply and no reason is required; one given is kept.
 */
export function planPipelineMove(
  deal: DealState,
  to: StageLike & { pipelineId: string },
  options: { now: number; reason?: string | null },
): DealTransition {
  if (deal.status !== 'open') {
    throw new DomainError('DEAL_CLOSED', `The deal is ${deal.status}; reopen it before moving it`);
  }
  if (to.archived || to.kind !== 'open') {
    const message = 'A deal moves into an open, active stage of the other pipeline';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: ['stageId'], message, code: 'not_open_stage' },
    ]);
  }
  return {
    stageId: to.id,
    status: 'open',
    closedAt: null,
    lostReasonId: null,
    lostNote: null,
    stageEnteredAt: options.now,
    change: {
      fromStageId: deal.stageId,
      toStageId: to.id,
      fromStatus: 'open',
      toStatus: 'open',
      at: options.now,
      reason: options.reason?.trim() || null,
      lostReasonId: null,
    },
  };
}

/** Wins an open deal by moving it into its pipeline's first `won` stage. */
export function planWin(
  deal: DealState,
  stages: StageLike[],
  options: { now: number; reason?: string | null },
): DealTransition {
  const wonStage = findWonStage(stages);
  if (!wonStage) {
    throw new DomainError('NO_WON_STAGE', 'This pipeline has no won stage to move the deal into');
  }
  return planStageMove(deal, stages, wonStage.id, options);
}

/** Loses an open deal where it stands, with a reason from the workspace's list and a note. */
export function planLoss(
  deal: DealState,
  options: { now: number; lostReasonId: string; note?: string | null },
): DealTransition {
  if (deal.status !== 'open') {
    throw new DomainError('DEAL_CLOSED', `The deal is already ${deal.status}`);
  }
  const note = options.note?.trim() || null;
  return {
    stageId: deal.stageId,
    status: 'lost',
    closedAt: options.now,
    lostReasonId: options.lostReasonId,
    lostNote: note,
    stageEnteredAt: options.now,
    change: {
      fromStageId: deal.stageId,
      toStageId: deal.stageId,
      fromStatus: 'open',
      toStatus: 'lost',
      at: options.now,
      reason: note,
      lostReasonId: options.lostReasonId,
    },
  };
}

/**
 * Reopens a won or lost deal. A lost deal goes back to the stage it was lost at; a won deal
 * must leave its won stage, so it returns to `toStageId` or, by default, the last open stage.
 */
export function planReopen(
  deal: DealState,
  stages: StageLike[],
  options: { now: number; reason: string | null | undefined; toStageId?: string | null },
): DealTransition {
  if (deal.status === 'open') {
    throw new DomainError('DEAL_NOT_CLOSED', 'The deal is already open');
  }
  const reason = requireReason(options.reason, 'Reopening a deal needs a reason');
  const openStages = orderStages(stages).filter((s) => s.kind === 'open');
  let target = requireStage(stages, options.toStageId ?? deal.stageId);
  if (target.kind !== 'open' || target.archived) {
    if (options.toStageId) {
      throw new DomainError('VALIDATION_FAILED', 'A reopened deal must go to an open stage', [
        { path: ['toStageId'], message: 'Not an open, active stage', code: 'not_open_stage' },
      ]);
    }
    const fallback = openStages.at(-1);
    if (!fallback) throw new DomainError('VALIDATION_FAILED', 'The pipeline has no open stage');
    target = fallback;
  }
  return {
    stageId: target.id,
    status: 'open',
    closedAt: null,
    lostReasonId: null,
    lostNote: null,
    stageEnteredAt: options.now,
    change: {
      fromStageId: deal.stageId,
      toStageId: target.id,
      fromStatus: deal.status,
      toStatus: 'open',
      at: options.now,
      reason,
      lostReasonId: null,
    },
  };
}
