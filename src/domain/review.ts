import { isDealStale, type StaleFacts } from './stale.js';

/** The problems a pipeline review walks through, in the order it shows them. */
export const REVIEW_SECTIONS = [
  'stale',
  'overdue',
  'noNextStep',
  'valueUnverified',
  'slipping',
] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

/** What a review may do to the deals it selects, each deal with its own version. */
export const REVIEW_ACTIONS = [
  'nextStep',
  'move',
  'lose',
  'reassign',
  'pushCloseDate',
  'verifyValue',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** A close date pushed later within this many days makes a deal "slipping". */
export const SLIP_LOOKBACK_DAYS = 90;

const DAY_MS = 86_400_000;

/** One recorded change of a deal's expected close date (dates are `YYYY-MM-DD`). */
export interface CloseDateChange {
  from: string | null;
  to: string | null;
  at: number;
}

export interface Slip {
  /** How many times the close date moved later in the lookback window. */
  pushes: number;
  /** The days those pushes added up to. */
  daysPushed: number;
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * How a deal's close date slipped since `sinceMs`: each change from one date to a later one is a
 * push; a date set for the first time, cleared, or brought forward is not.
 * @example changes 03-01→03-15, 03-15→04-01, 04-01→03-20 → { pushes: 2, daysPushed: 31 }
 */
export function slipOf(changes: readonly CloseDateChange[], sinceMs: number): Slip {
  let pushes = 0;
  let daysPushed = 0;
  for (const change of changes) {
    if (change.at < sinceMs || change.from === null || change.to === null) continue;
    const days = dayNumber(change.to) - dayNumber(change.from);
    if (days <= 0) continue;
    pushes += 1;
    daysPushed += days;
  }
  return { pushes, daysPushed };
}

/** What the review needs to know about an open deal to say what is wrong with it. */
export interface ReviewFacts extends StaleFacts {
  expectedCloseDate: string | null;
  amountMinor: number | null;
  valueVerifiedAt: number | null;
  slip: Slip;
}

/**
 * Every section an open deal belongs in at `now` (today is `today` in the workspace's zone):
 * - stale: the rotting rule of domain/stale.ts;
 * - overdue: its expected close date is before today;
 * - noNextStep: no open activity with a due date, overdue or not;
 * - valueUnverified: it has an amount nobody confirmed since it last changed;
 * - slipping: its close date was pushed later in the last SLIP_LOOKBACK_DAYS days.
 * @example a deal closing yesterday, never verified, with a call due tomorrow →
 *   ['overdue', 'valueUnverified']
 */
export function reviewSectionsOf(deal: ReviewFacts, now: number, today: string): ReviewSection[] {
  if (deal.status !== 'open') return [];
  const sections: ReviewSection[] = [];
  if (isDealStale(deal, now)) sections.push('stale');
  if (deal.expectedCloseDate !== null && deal.expectedCloseDate < today) sections.push('overdue');
  if (deal.nextDueAt === null) sections.push('noNextStep');
  if (deal.amountMinor !== null && deal.valueVerifiedAt === null) {
    sections.push('valueUnverified');
  }
  if (deal.slip.pushes > 0) sections.push('slipping');
  return sections;
}
