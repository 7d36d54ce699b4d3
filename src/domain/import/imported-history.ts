import type { DealStatus } from '../deal.js';

/** What a file says about a deal's path, once its stage and dates are resolved. */
export interface ImportedDealPath {
  /** The open stage the deal stands in, was lost at, or reached before it was won. */
  reachedStageId: string;
  /** The stage a won deal moves into (the pipeline's first `won` stage). */
  wonStageId: string | null;
  status: DealStatus;
  openedAt: number;
  /** Closing time of a won or lost deal. */
  closedAt: number | null;
  lostReasonId: string | null;
  lostNote: string | null;
}

export interface ImportedHistoryRow {
  fromStageId: string | null;
  toStageId: string;
  fromStatus: DealStatus | null;
  toStatus: DealStatus;
  at: number;
  lostReasonId: string | null;
  reason: string | null;
}

export interface ImportedDealState {
  stageId: string;
  status: DealStatus;
  closedAt: number | null;
  stageEnteredAt: number;
  lostReasonId: string | null;
  lostNote: string | null;
  history: ImportedHistoryRow[];
}

/**
 * The deal's fields and the append-only history rows an import writes: exactly the rows the
 * deal use-cases would have written had someone created the deal in its stage on the day it
 * opened and won or lost it on its closing day. Stages the file does not mention are not
 * invented: a deal enters the stage it is known to have reached.
 * @example a deal won on 2017-03-01 that was engaged on 2016-10-20 in Proposal →
 *   [null → proposal (open) at 2016-10-20, proposal → follow_up (won) at 2017-03-01]
 */
export function planImportedHistory(path: ImportedDealPath): ImportedDealState {
  const opened: ImportedHistoryRow = {
    fromStageId: null,
    toStageId: path.reachedStageId,
    fromStatus: null,
    toStatus: 'open',
    at: path.openedAt,
    lostReasonId: null,
    reason: null,
  };
  if (path.status === 'open' || path.closedAt === null) {
    return {
      stageId: path.reachedStageId,
      status: 'open',
      closedAt: null,
      stageEnteredAt: path.openedAt,
      lostReasonId: null,
      lostNote: null,
      history: [opened],
    };
  }
  if (path.status === 'won') {
    const wonStageId = path.wonStageId ?? path.reachedStageId;
    return {
      stageId: wonStageId,
      status: 'won',
      closedAt: path.closedAt,
      stageEnteredAt: path.closedAt,
      lostReasonId: null,
      lostNote: null,
      history: [
        opened,
        {
          fromStageId: path.reachedStageId,
          toStageId: wonStageId,
          fromStatus: 'open',
          toStatus: 'won',
          at: path.closedAt,
          lostReasonId: null,
          reason: null,
        },
      ],
    };
  }
  return {
    stageId: path.reachedStageId,
    status: 'lost',
    closedAt: path.closedAt,
    stageEnteredAt: path.closedAt,
    lostReasonId: path.lostReasonId,
    lostNote: path.lostNote,
    history: [
      opened,
      {
        fromStageId: path.reachedStageId,
        toStageId: path.reachedStageId,
        fromStatus: 'open',
        toStatus: 'lost',
        at: path.closedAt,
        lostReasonId: path.lostReasonId,
        reason: path.lostNote,
      },
    ],
  };
}

/** A deal's past as another CRM recorded it: what a migration reads from the export. */
export interface SourceDealHistory {
  /** The stages the deal entered (names as the export writes them), oldest first. */
  stages: { stage: string; at: number }[];
  /** Changes of tracked fields, oldest first, values as the export writes them (see below). */
  fields: SourceFieldChange[];
}

/**
 * A recorded change of a field: an amount as a plain decimal in the deal's currency, a close
 * date as YYYY-MM-DD, a probability as whole percent (null: the stage's own).
 */
export interface SourceFieldChange {
  field: 'amount' | 'expectedCloseDate' | 'probability';
  from: string | null;
  to: string | null;
  at: number;
}

/** A recorded stage step once its name is read: an open stage of the pipeline, or a close. */
export type RecordedStep = { at: number } & ({ stageId: string } | { status: 'won' | 'lost' });

/** What the deal's row says about where it ends, and what the history must arrive at. */
export interface RecordedDealPath extends ImportedDealPath {
  steps: readonly RecordedStep[];
  /** The open stage a lost deal falls back to when the history has it lost from a won stage. */
  lastOpenStageId: string;
  /** When a move the history lacks is dated (an open deal standing elsewhere than its history says). */
  reconcileAt: number;
}

function stepRow(
  from: { stageId: string; status: DealStatus } | null,
  toStageId: string,
  toStatus: DealStatus,
  at: number,
  lost: { id: string | null; note: string | null } = { id: null, note: null },
): ImportedHistoryRow {
  return {
    fromStageId: from?.stageId ?? null,
    toStageId,
    fromStatus: from?.status ?? null,
    toStatus,
    at,
    lostReasonId: toStatus === 'lost' ? lost.id : null,
    reason: toStatus === 'lost' ? lost.note : null,
  };
}

/**
 * The history of a deal whose stage steps the other CRM recorded (Salesforce's
 * OpportunityHistory, HubSpot's "Date entered" columns): one row per step that changes where
 * the deal stands — backward moves, losses and reopenings included — from the day it opened.
 * The history always ends where the deal's row says it stands: a close the export lacks is
 * added at the closing day, a last move at `reconcileAt`; the close is dated by the row's
 * closing day, not when someone clicked it (reports date wins by it), never before the step
 * before it. Returns, with the state, whether anything had to be added (`reconciled`).
 * @example steps Prospecting@d1, Negotiation@d5, Prospecting@d9, Closed Won@d20 →
 *   [null→prospecting, prospecting→negotiation, negotiation→prospecting (a move back),
 *    prospecting→won stage (won) at the closing day]
 */
export function planRecordedHistory(path: RecordedDealPath): {
  state: ImportedDealState;
  reconciled: boolean;
} {
  const rows: ImportedHistoryRow[] = [];
  let current: { stageId: string; status: DealStatus } | null = null;
  const lost = { id: path.lostReasonId, note: path.lostNote };
  const atLeastLast = (at: number) => Math.max(at, rows.at(-1)?.at ?? path.openedAt);
  const wonStageId = path.wonStageId ?? path.reachedStageId;
  const apply = (step: RecordedStep, at: number) => {
    if (current === null) {
      const first = 'stageId' in step ? step.stageId : path.reachedStageId;
      rows.push(stepRow(null, first, 'open', path.openedAt));
      current = { stageId: first, status: 'open' };
      if ('stageId' in step) return;
    }
    const from: { stageId: string; status: DealStatus } = current;
    if ('stageId' in step) {
      if (from.stageId === step.stageId && from.status === 'open') return;
      rows.push(stepRow(from, step.stageId, 'open', atLeastLast(at)));
      current = { stageId: step.stageId, status: 'open' };
    } else if (step.status === 'won') {
      if (from.status === 'won') return;
      rows.push(stepRow(from, wonStageId, 'won', atLeastLast(at)));
      current = { stageId: wonStageId, status: 'won' };
    } else {
      if (from.status === 'lost') return;
      const stageId = from.status === 'won' ? path.lastOpenStageId : from.stageId;
      rows.push(stepRow(from, stageId, 'lost', atLeastLast(at), lost));
      current = { stageId, status: 'lost' };
    }
  };
  const ordered = [...path.steps].sort((a, b) => a.at - b.at);
  const lastClose = ordered.findLastIndex((s) => 'status' in s);
  for (const [index, step] of ordered.entries()) {
    // The last close the export holds is the deal's own close when the row says it is closed.
    const isFinalClose =
      index === lastClose && path.status !== 'open' && index === ordered.length - 1;
    apply(step, isFinalClose && path.closedAt !== null ? path.closedAt : step.at);
  }
  let reconciled = false;
  const end = current as { stageId: string; status: DealStatus } | null;
  if (path.status === 'open') {
    if (end === null || end.status !== 'open' || end.stageId !== path.reachedStageId) {
      reconciled = end !== null;
      apply({ stageId: path.reachedStageId, at: path.reconcileAt }, path.reconcileAt);
    }
  } else if (end === null || end.status !== path.status) {
    reconciled = end !== null;
    if (end === null) apply({ stageId: path.reachedStageId, at: path.openedAt }, path.openedAt);
    apply(
      { status: path.status, at: path.closedAt ?? path.reconcileAt },
      path.closedAt ?? path.reconcileAt,
    );
  }
  const last = rows.at(-1) as ImportedHistoryRow;
  const isClosed = last.toStatus !== 'open';
  return {
    reconciled,
    state: {
      stageId: last.toStageId,
      status: last.toStatus,
      closedAt: isClosed ? last.at : null,
      stageEnteredAt: last.at,
      lostReasonId: last.toStatus === 'lost' ? path.lostReasonId : null,
      lostNote: last.toStatus === 'lost' ? path.lostNote : null,
      history: rows,
    },
  };
}
