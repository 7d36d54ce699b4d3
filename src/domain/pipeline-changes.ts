/**
 * Pipeline changes between two instants (docs/history.md#pipeline-changes): where the open
 * pipeline of the start went, and where the open pipeline of the end came from. Every deal open
 * in the pipeline at either instant is placed in exactly one way, so
 *
 *   start + created + pulled in + moved in + increased − decreased − won − lost − pushed out
 *   − moved out = end
 *
 * holds in each currency to the unit, for the whole pipeline and for each group (stage, owner or
 * forecast category). A deal that leaves counts with its amount at the start, one that arrives
 * with its amount at the end, one that stays with the difference. A deal that arrives and closes
 * between the two instants counts both ways (created and won, say), so the wins of the window are
 * all there.
 */
import type { Period } from './period.js';

/** A deal as it stood at one instant: from the stage history and the field history. */
export interface DealPosition {
  stageId: string;
  status: 'open' | 'won' | 'lost';
  /** When it entered that stage and status (for a closed deal: when it closed). */
  since: number;
  amountMinor: number;
  currency: string;
  ownerId: string | null;
  pipelineId: string;
  expectedCloseDate: string | null;
  forecastCategory: string;
}

export interface DealMovement {
  dealId: string;
  /** Its position at the start, or null when it did not exist yet. */
  start: DealPosition | null;
  /** Its position at the end (a deal that exists at the start exists at the end). */
  end: DealPosition | null;
  /** Whether each position is within the view's pipeline and filters (owner, team, source). */
  startInView: boolean;
  endInView: boolean;
}

export const STEP_KINDS = [
  'created',
  'pulledIn',
  'movedIn',
  'increased',
  'decreased',
  'won',
  'lost',
  'pushedOut',
  'movedOut',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Why a deal moved in or out, where the step alone does not say. */
export const MOVE_REASONS = [
  'reopened',
  'pipeline',
  'owner',
  'filter',
  'closeDate',
  'noCloseDate',
  'stage',
  'category',
  'currency',
] as const;
export type MoveReason = (typeof MOVE_REASONS)[number];

export type GroupBy = 'none' | 'stage' | 'owner' | 'category';

export interface ChangeEntry {
  dealId: string;
  group: string;
  kind: StepKind;
  /** Signed, in `currency`: what this step adds to (or takes from) the group's pipeline. */
  amountMinor: number;
  currency: string;
  reason: MoveReason | null;
}

/** The key of a position's group; '' when not grouped, '' too for a deal without an owner. */
export function groupKeyOf(position: DealPosition, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'stage':
      return position.stageId;
    case 'owner':
      return position.ownerId ?? '';
    case 'category':
      return position.forecastCategory;
    case 'none':
      return '';
  }
}

/** Whether an expected close date falls in the period (no period: every date, and none). */
export function closesIn(date: string | null, period: Period | null): boolean {
  if (!period) return true;
  return date !== null && date >= period.from && date < period.to;
}

/** Where a position sits in the open pipeline of the view, or null when it is not in it. */
function memberKey(
  position: DealPosition | null,
  inView: boolean,
  period: Period | null,
  groupBy: GroupBy,
): string | null {
  if (!position || !inView || position.status !== 'open') return null;
  if (!closesIn(position.expectedCloseDate, period)) return null;
  return groupKeyOf(position, groupBy);
}

/** Why a deal is in the view at one end and not at the other, reading both positions. */
function viewReason(inside: DealPosition, other: DealPosition | null): MoveReason {
  if (!other) return 'filter';
  if (other.pipelineId !== inside.pipelineId) return 'pipeline';
  if (other.ownerId !== inside.ownerId) return 'owner';
  return 'filter';
}

/** Why a deal in the view at both ends is in one group at the start and another at the end. */
function groupReason(groupBy: GroupBy): MoveReason {
  return groupBy === 'owner' ? 'owner' : groupBy === 'category' ? 'category' : 'stage';
}

/**
 * How a deal outside the group's pipeline at the start came to be in it (or to close in it):
 * created, pulled in (its close date moved into the period), or moved in for a reason.
 */
function arrival(
  m: DealMovement,
  end: DealPosition,
  period: Period | null,
  groupBy: GroupBy,
): { kind: StepKind; reason: MoveReason | null } {
  const { start } = m;
  if (!start) return { kind: 'created', reason: null };
  if (start.status !== 'open') return { kind: 'movedIn', reason: 'reopened' };
  if (!m.startInView) return { kind: 'movedIn', reason: viewReason(end, start) };
  if (!closesIn(start.expectedCloseDate, period)) {
    return {
      kind: 'pulledIn',
      reason: start.expectedCloseDate === null ? 'noCloseDate' : 'closeDate',
    };
  }
  return { kind: 'movedIn', reason: groupReason(groupBy) };
}

/** How a deal of the group's pipeline at the start left it, when it did not close. */
function departure(
  m: DealMovement,
  start: DealPosition,
  period: Period | null,
  groupBy: GroupBy,
): { kind: StepKind; reason: MoveReason | null } {
  const { end } = m;
  if (!end || !m.endInView) return { kind: 'movedOut', reason: viewReason(start, end) };
  if (period && end.expectedCloseDate !== null && end.expectedCloseDate >= period.to) {
    return { kind: 'pushedOut', reason: 'closeDate' };
  }
  if (!closesIn(end.expectedCloseDate, period)) {
    return {
      kind: 'movedOut',
      reason: end.expectedCloseDate === null ? 'noCloseDate' : 'closeDate',
    };
  }
  return { kind: 'movedOut', reason: groupReason(groupBy) };
}

/**
 * Places every deal: the entries of the waterfall, each with its group, step and signed amount.
 * `fromMs` is the start instant: a deal closed after it closed inside the window.
 */
export function placeMovements(
  movements: readonly DealMovement[],
  options: { period: Period | null; groupBy: GroupBy; fromMs: number },
): ChangeEntry[] {
  const { period, groupBy, fromMs } = options;
  const entries: ChangeEntry[] = [];
  const push = (
    m: DealMovement,
    group: string,
    step: { kind: StepKind; reason: MoveReason | null },
    position: DealPosition,
    sign: 1 | -1,
  ) =>
    entries.push({
      dealId: m.dealId,
      group,
      kind: step.kind,
      amountMinor: sign * position.amountMinor,
      currency: position.currency,
      reason: step.reason,
    });
  for (const m of movements) {
    const a = memberKey(m.start, m.startInView, period, groupBy);
    const b = memberKey(m.end, m.endInView, period, groupBy);
    const { start, end } = m;
    if (a !== null && b !== null && start && end) {
      if (a !== b) {
        const reason = groupReason(groupBy);
        push(m, a, { kind: 'movedOut', reason }, start, -1);
        push(m, b, { kind: 'movedIn', reason }, end, 1);
      } else if (start.currency !== end.currency) {
        push(m, a, { kind: 'decreased', reason: 'currency' }, start, -1);
        push(m, b, { kind: 'increased', reason: 'currency' }, end, 1);
      } else if (end.amountMinor !== start.amountMinor) {
        const delta = end.amountMinor - start.amountMinor;
        entries.push({
          dealId: m.dealId,
          group: a,
          kind: delta > 0 ? 'increased' : 'decreased',
          amountMinor: delta,
          currency: end.currency,
          reason: null,
        });
      }
      continue;
    }
    const closedInWindow =
      end !== null && m.endInView && end.status !== 'open' && end.since > fromMs;
    const closing = end?.status === 'won' ? 'won' : 'lost';
    if (a !== null && start) {
      if (closedInWindow && end) push(m, a, { kind: closing, reason: null }, start, -1);
      else push(m, a, departure(m, start, period, groupBy), start, -1);
      continue;
    }
    if (!end) continue;
    if (b !== null) {
      push(m, b, arrival(m, end, period, groupBy), end, 1);
      continue;
    }
    // Neither end in the pipeline: it matters only when it arrived and closed in the window.
    if (closedInWindow && closesIn(end.expectedCloseDate, period)) {
      const group = groupKeyOf(end, groupBy);
      push(m, group, arrival(m, end, period, groupBy), end, 1);
      push(m, group, { kind: closing, reason: null }, end, -1);
    }
  }
  return entries;
}

/** The open pipeline of the view at one end, per group and currency: for the totals. */
export function membersAt(
  movements: readonly DealMovement[],
  side: 'start' | 'end',
  options: { period: Period | null; groupBy: GroupBy },
): { dealId: string; group: string; position: DealPosition }[] {
  const members: { dealId: string; group: string; position: DealPosition }[] = [];
  for (const m of movements) {
    const position = side === 'start' ? m.start : m.end;
    const inView = side === 'start' ? m.startInView : m.endInView;
    const key = memberKey(position, inView, options.period, options.groupBy);
    if (key !== null && position) members.push({ dealId: m.dealId, group: key, position });
  }
  return members;
}
