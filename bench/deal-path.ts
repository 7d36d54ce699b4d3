/**
 * How one synthetic deal travels through the default seven-stage pipeline: a pure model that
 * returns the deal's stage history, with no database and no clock of its own.
 *
 * Stage indexes (docs/concepts.md): 0 lead_generation … 5 negotiation are open, 6 follow_up is
 * the won stage. Each visit to a stage lasts a log-normal number of days, then the deal either
 * advances, is lost there, or (from Initial contact on, now and then) goes back with a reason.
 * The advance odds multiply to a ~25% win rate over closed deals, and most losses come early.
 */
import type { DealStatus } from '../src/domain/deal.js';
import {
  chance,
  logNormal,
  pick,
  pickWeighted,
  type Random,
  randomInt,
} from '../src/demo/random.js';

export const WON_STAGE_INDEX = 6;
const LAST_OPEN_INDEX = 5;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Median days a visit to each open stage lasts; the spread is wide (sigma 0.9). */
const STAGE_MEDIAN_DAYS = [5, 8, 10, 12, 15, 18] as const;
/** Chance a deal leaving each open stage moves on rather than being lost there. */
const ADVANCE_ODDS = [0.74, 0.8, 0.8, 0.82, 0.82, 0.87] as const;
/** Chance, per visit to Initial contact or later, of a move back (at most twice per deal). */
const BACKWARD_ODDS = 0.05;
/** Chance a proposal is signed on the spot, skipping negotiation. */
const SKIP_TO_WIN_ODDS = 0.03;
/** Deals that stop moving and stay open for good: the rotting ones a board should flag. */
const STALL_ODDS = 0.04;

const BACKWARD_REASONS = [
  'Decision maker left',
  'Budget re-scoped to next quarter',
  'Requirements changed after the demo',
  'Champion went quiet; requalifying',
  'غادر صاحب القرار',
  'تغيّرت المتطلبات',
] as const;

const LOST_NOTES = [
  'Went with a cheaper local vendor',
  'Budget frozen until next fiscal year',
  'No reply after three follow-ups',
  'Needs on-premise hosting',
  'اختاروا مزودًا محليًا',
  'تأجل المشروع إلى العام القادم',
] as const;

/** Lost-reason labels (the workspace's default list) weighted by how far the deal got. */
const LOST_REASONS_EARLY = [
  ['No decision / went silent', 40],
  ['No budget', 20],
  ['Product fit', 20],
  ['Timing', 15],
  ['Chose a competitor', 5],
] as const;
const LOST_REASONS_MIDDLE = [
  ['Price', 25],
  ['Chose a competitor', 25],
  ['No budget', 15],
  ['Timing', 15],
  ['No decision / went silent', 10],
  ['Product fit', 10],
] as const;
const LOST_REASONS_LATE = [
  ['Price', 35],
  ['Chose a competitor', 30],
  ['Timing', 10],
  ['No decision / went silent', 10],
  ['Decision maker left', 10],
  ['No budget', 5],
] as const;

/** One row of stage history, with stages as indexes and the lost reason as its English label. */
export interface PathStep {
  fromStage: number | null;
  toStage: number;
  fromStatus: DealStatus | null;
  toStatus: DealStatus;
  at: number;
  reason: string | null;
  lostReasonLabel: string | null;
}

export interface DealPath {
  steps: PathStep[];
  stage: number;
  status: DealStatus;
  closedAt: number | null;
  /** The furthest open stage the deal ever reached (drives which fields it must have). */
  furthestStage: number;
  lostNote: string | null;
}

/**
 * Moves an instant into the team's working hours (Sunday to Thursday, 08:00–18:00 in Riyadh,
 * UTC+3) by squeezing the day into that window, so history looks like people did the work.
 */
export function toWorkingTime(ms: number): number {
  let day = Math.floor(ms / DAY_MS) * DAY_MS;
  const fractionOfDay = (ms - day) / DAY_MS;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 5) day += 2 * DAY_MS;
  if (weekday === 6) day += DAY_MS;
  return Math.round(day + 5 * HOUR_MS + fractionOfDay * 10 * HOUR_MS);
}

function lostReasonFor(random: Random, stage: number): string {
  if (stage <= 2) return pickWeighted(random, LOST_REASONS_EARLY);
  if (stage <= 4) return pickWeighted(random, LOST_REASONS_MIDDLE);
  return pickWeighted(random, LOST_REASONS_LATE);
}

/**
 * Simulates a deal opened at `openedAt` up to `now`: the steps it took, where it stands, and
 * whether it is open, won or lost. Steps are strictly increasing in time and never after `now`.
 */
export function simulateDealPath(random: Random, openedAt: number, now: number): DealPath {
  let stage: number = pickWeighted(random, [
    [0, 80],
    [1, 12],
    [2, 8],
  ] as const);
  const steps: PathStep[] = [
    {
      fromStage: null,
      toStage: stage,
      fromStatus: null,
      toStatus: 'open',
      at: openedAt,
      reason: null,
      lostReasonLabel: null,
    },
  ];
  const stallAfterVisits = chance(random, STALL_ODDS) ? randomInt(random, 1, 4) : Infinity;
  let furthestStage = stage;
  let backwardMoves = 0;
  let visits = 0;
  let at = openedAt;
  const open = (): DealPath => ({
    steps,
    stage,
    status: 'open',
    closedAt: null,
    furthestStage,
    lostNote: null,
  });

  for (;;) {
    visits += 1;
    if (visits >= stallAfterVisits) return open();
    const dwellMs = logNormal(random, STAGE_MEDIAN_DAYS[stage] ?? 10, 0.9) * DAY_MS;
    const next = Math.max(toWorkingTime(at + dwellMs), at + randomInt(random, 1, 30) * 60_000);
    if (next > now) return open();
    at = next;
    const step = { fromStage: stage, at, reason: null, lostReasonLabel: null };

    if (stage >= 3 && backwardMoves < 2 && chance(random, BACKWARD_ODDS)) {
      backwardMoves += 1;
      const to = Math.max(2, stage - randomInt(random, 1, 2));
      steps.push({
        ...step,
        toStage: to,
        fromStatus: 'open',
        toStatus: 'open',
        reason: pick(random, BACKWARD_REASONS),
      });
      stage = to;
      continue;
    }
    const isSkipToWin = stage === 4 && chance(random, SKIP_TO_WIN_ODDS);
    if (isSkipToWin || chance(random, ADVANCE_ODDS[stage] ?? 0.5)) {
      const to = isSkipToWin || stage === LAST_OPEN_INDEX ? WON_STAGE_INDEX : stage + 1;
      const isWon = to === WON_STAGE_INDEX;
      steps.push({ ...step, toStage: to, fromStatus: 'open', toStatus: isWon ? 'won' : 'open' });
      stage = to;
      if (isWon) {
        return { steps, stage, status: 'won', closedAt: at, furthestStage, lostNote: null };
      }
      furthestStage = Math.max(furthestStage, stage);
      continue;
    }
    const lostNote = chance(random, 0.3) ? pick(random, LOST_NOTES) : null;
    steps.push({
      ...step,
      toStage: stage,
      fromStatus: 'open',
      toStatus: 'lost',
      reason: lostNote,
      lostReasonLabel: lostReasonFor(random, stage),
    });
    return { steps, stage, status: 'lost', closedAt: at, furthestStage, lostNote };
  }
}
