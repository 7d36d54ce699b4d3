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
