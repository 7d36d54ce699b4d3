/**
 * The life of one demo deal, decided up front and without I/O: when it enters each stage, what
 * the rep fills in to meet the stage's exit criteria, where it is won, lost, sent back or left
 * waiting, and the calls, meetings and tasks around it. The replay then performs these steps
 * through the real services at their simulated times, so the history is what Qanat records.
 */
import type { Stage } from '../domain/stage.js';
import type { DealPatch } from '../services/deals/deal.service.js';
import type { DealContactLink } from '../domain/deal.js';
import {
  AFTER_WIN_ACTIVITIES,
  type ActivityIdea,
  BACKWARD_REASONS,
  CHECK_IN_CALL,
  DECISION_MAKER_LEFT,
  type DemoActivityKind,
  FOLLOW_UPS,
  KEY_ACTIVITIES,
  LOGGED_ACTIVITIES,
  LOST_NOTES,
  LOST_REASON_WEIGHTS,
  REOPEN_REASONS,
} from './deal-catalog.js';
import { type DealFacts, fillDealFields } from './deal-fields.js';
import type { DemoCompany } from './directory.js';
import { scaleAmount } from './money.js';
import type { Script } from './names.js';
import {
  chance,
  type Random,
  logNormal,
  pick,
  pickWeighted,
  randomBetween,
  randomInt,
} from './random.js';
import { DAY_MS, HOUR_MS, isoDay, MINUTE_MS, toWorkingTime } from './time.js';

export type PlannedStep =
  | { kind: 'update'; at: number; patch: DealPatch }
  | { kind: 'move'; at: number; stageId: string; reason: string | null }
  | { kind: 'win'; at: number }
  | { kind: 'lose'; at: number; lostReasonId: string; note: string | null }
  | { kind: 'reopen'; at: number; reason: string };

export interface PlannedActivity {
  kind: DemoActivityKind;
  subject: string;
  createdAt: number;
  dueAt: number | null;
  /** Null while not done; a done activity with `doneAt === createdAt` was logged after the fact. */
  doneAt: number | null;
}

export interface PathWorld {
  now: number;
  /** Active open stages in board order. */
  openStages: Pick<Stage, 'id' | 'exitCriteria' | 'forecastCategory'>[];
  hasWonStage: boolean;
  lostReasons: { id: string; labelEn: string }[];
}

/** What the deal already has when it is created, and what the rep will add when asked. */
export interface PathDeal {
  openedAt: number;
  startIndex: number;
  script: Script;
  currency: string;
  company: DemoCompany;
  /** The amount the rep estimates once one is needed. */
  estimateMinor: number;
  amountMinor: number | null;
  companyId: string | null;
  contacts: DealContactLink[];
  /** The contacts the deal gets once the stage asks for them. */
  plannedContacts: DealContactLink[];
}

/** Share of deals that move on from each stage (the rest are lost, or left waiting). */
const ADVANCE_RATE = [0.9, 0.85, 0.8, 0.8, 0.7, 0.8];
const MEDIAN_DAYS_IN_STAGE = [3, 5, 7, 9, 12, 8];
/** A deal that stops moving this recently is often still "open" on the board: a stale one. */
const STALL_WINDOW_MS = 60 * DAY_MS;

type Outcome = 'advance' | 'skip' | 'back' | 'win' | 'lose' | 'stall' | 'in_flight';

export function planDealPath(random: Random, world: PathWorld, deal: PathDeal) {
  const { now, openStages: stages } = world;
  const lastIndex = stages.length - 1;
  const steps: PlannedStep[] = [];
  const activities: PlannedActivity[] = [];
  const facts: DealFacts = {
    amountMinor: deal.amountMinor,
    amountSource: 'estimate',
    closeDate: null,
    companyId: deal.companyId,
    contacts: deal.contacts,
  };
  const say = (idea: ActivityIdea) => ({ kind: idea[0], subject: idea[1][deal.script] });
  let index = deal.startIndex;
  let enteredAt = deal.openedAt;
  let keyCreatedAt = deal.openedAt + randomInt(random, 1, 30) * MINUTE_MS;
  let canGoBack = true;
  let canReopen = true;

  const decide = (exitAt: number): Outcome => {
    if (exitAt > now) return 'in_flight';
    if (chance(random, ADVANCE_RATE[index] ?? 0.8)) {
      if (index === lastIndex) return world.hasWonStage ? 'win' : 'stall';
      if (canGoBack && index >= 3 && chance(random, 0.12)) return 'back';
      if (index <= 1 && index + 2 <= lastIndex && chance(random, 0.1)) return 'skip';
      return 'advance';
    }
    if (now - exitAt < STALL_WINDOW_MS && chance(random, 0.35)) return 'stall';
    return world.lostReasons.length > 0 ? 'lose' : 'stall';
  };

  /** The next step: done on time, done late, or still waiting (overdue or booked ahead). */
  const planOpenVisit = (keyActivity: PlannedActivity) => {
    const dueAt = keyActivity.dueAt ?? now;
    if (dueAt <= now) {
      if (chance(random, 0.3)) return; // overdue: nobody logged it yet
      keyActivity.doneAt = Math.min(dueAt + randomInt(random, 30, 90) * MINUTE_MS, now);
      if (chance(random, 0.3)) return; // done, nothing booked: may go stale
      activities.push({
        ...say(pick(random, FOLLOW_UPS)),
        createdAt: keyActivity.doneAt,
        dueAt: toWorkingTime(random, now + randomInt(random, 0, 9) * DAY_MS),
        doneAt: null,
      });
    }
    const lastStepAt = steps.at(-1)?.at ?? deal.openedAt;
    if (facts.closeDate !== null && facts.closeDate < isoDay(now) && chance(random, 0.7)) {
      facts.closeDate = isoDay(now + randomInt(random, 7, 45) * DAY_MS);
      steps.push({
        kind: 'update',
        at: Math.round(lastStepAt + (now - lastStepAt) * randomBetween(random, 0.3, 0.9)),
        patch: { expectedCloseDate: facts.closeDate },
      });
    }
  };

  const planWon = (wonAt: number, enteredAt: number) => {
    const signed = scaleAmount(
      facts.amountMinor ?? deal.estimateMinor,
      deal.currency,
      randomBetween(random, 0.9, 1),
    );
    steps.push({
      kind: 'update',
      at: wonAt - randomInt(random, 10, 60) * MINUTE_MS,
      patch: { amountMinor: signed, amountSource: 'signed' },
    });
    const kickOffDue = toWorkingTime(random, wonAt + randomInt(random, 2, 10) * DAY_MS);
    activities.push({
      ...say(pick(random, AFTER_WIN_ACTIVITIES)),
      createdAt: Math.max(enteredAt + MINUTE_MS, wonAt - randomInt(random, 30, 240) * MINUTE_MS),
      dueAt: kickOffDue,
      doneAt: kickOffDue + HOUR_MS,
    });
    steps.push({ kind: 'win', at: wonAt });
    if (chance(random, 0.6)) {
      const at = toWorkingTime(random, wonAt + randomInt(random, 30, 60) * DAY_MS);
      activities.push({ ...say(CHECK_IN_CALL), createdAt: at, dueAt: null, doneAt: at });
    }
  };

  const pickLoss = () => {
    const reason = pickWeighted(
      random,
      world.lostReasons.map(
        (r) => [r, LOST_REASON_WEIGHTS[r.labelEn]?.[index >= 3 ? 1 : 0] ?? 1] as const,
      ),
    );
    const note = LOST_NOTES[reason.labelEn];
    return {
      lostReasonId: reason.id,
      note: note && chance(random, 0.6) ? note[deal.script] : null,
    };
  };

  for (;;) {
    const dwell = Math.max(
      DAY_MS,
      logNormal(random, (MEDIAN_DAYS_IN_STAGE[index] ?? 8) * DAY_MS, 0.6),
    );
    const exitAt = toWorkingTime(random, enteredAt + dwell);
    const outcome = decide(exitAt);
    // Stages this exit leaves: skipping one, or winning from here, must meet their criteria too.
    const leaveUntil =
      outcome === 'skip' ? index + 2 : outcome === 'win' ? stages.length : index + 1;
    const patch = fillDealFields(random, facts, deal, {
      stage: stages[index],
      leaving: stages.slice(index, leaveUntil),
      enteredAt,
    });
    const patchAt = enteredAt + randomInt(random, 10, 120) * MINUTE_MS;
    if (Object.keys(patch).length > 0 && patchAt <= now)
      steps.push({ kind: 'update', at: patchAt, patch });

    let dueAt = toWorkingTime(random, enteredAt + randomBetween(random, 0.2, 0.7) * dwell);
    if (dueAt >= exitAt) dueAt = Math.round(enteredAt + (exitAt - enteredAt) / 2);
    const doneAt = Math.max(
      dueAt,
      Math.min(dueAt + randomInt(random, 30, 90) * MINUTE_MS, exitAt - MINUTE_MS),
    );
    const keyActivity: PlannedActivity = {
      ...say(pick(random, KEY_ACTIVITIES[Math.min(index, KEY_ACTIVITIES.length - 1)] ?? [])),
      createdAt: keyCreatedAt,
      dueAt,
      doneAt: outcome === 'in_flight' ? null : doneAt,
    };
    activities.push(keyActivity);
    for (
      let n = pickWeighted(random, [
        [0, 4],
        [1, 4],
        [2, 2],
      ] as const);
      n > 0;
      n -= 1
    ) {
      const at = Math.round(enteredAt + random.next() * (Math.min(exitAt, now) - enteredAt));
      activities.push({
        ...say(pick(random, LOGGED_ACTIVITIES)),
        createdAt: at,
        dueAt: null,
        doneAt: at,
      });
    }
    const nextKeyCreatedAt = Math.max(
      enteredAt + MINUTE_MS,
      exitAt - randomInt(random, 30, 240) * MINUTE_MS,
    );

    if (outcome === 'in_flight') {
      planOpenVisit(keyActivity);
      break;
    }
    if (outcome === 'advance' || outcome === 'skip' || outcome === 'back') {
      let reason: string | null = null;
      let to = outcome === 'skip' ? index + 2 : index + 1;
      if (outcome === 'back') {
        const why = pick(random, BACKWARD_REASONS);
        to = Math.max(0, index - (why === DECISION_MAKER_LEFT ? 2 : 1));
        reason = why[deal.script];
        canGoBack = false;
      }
      const stage = stages[to];
      if (!stage) break;
      steps.push({ kind: 'move', at: exitAt, stageId: stage.id, reason });
      index = to;
      enteredAt = exitAt;
      keyCreatedAt = nextKeyCreatedAt;
      continue;
    }
    if (outcome === 'win') {
      planWon(exitAt, enteredAt);
      break;
    }
    if (outcome === 'stall') break;
    steps.push({ kind: 'lose', at: exitAt, ...pickLoss() });
    const reopenAt = toWorkingTime(random, exitAt + randomInt(random, 20, 90) * DAY_MS);
    if (!canReopen || !chance(random, 0.06) || reopenAt > now) break;
    steps.push({ kind: 'reopen', at: reopenAt, reason: pick(random, REOPEN_REASONS)[deal.script] });
    canReopen = false;
    enteredAt = reopenAt;
    keyCreatedAt = reopenAt + randomInt(random, 5, 60) * MINUTE_MS;
  }
  return {
    steps: steps.sort((a, b) => a.at - b.at),
    activities: settleActivities(activities, now),
  };
}

/** Nothing is created or done after `now`: what lies ahead stays open. */
function settleActivities(activities: PlannedActivity[], now: number): PlannedActivity[] {
  return activities
    .filter((a) => a.createdAt <= now)
    .map((a) => (a.doneAt !== null && a.doneAt > now ? { ...a, doneAt: null } : a))
    .sort((a, b) => a.createdAt - b.createdAt);
}
