/**
 * Performs a planned demo deal through the same use-cases a person would call, each at its
 * simulated time and as the deal's owner, so the append-only history holds exactly the rows the
 * product writes, and done activities freshen the deal's last-activity time (without moving its
 * version) just as logging a call does.
 */
import type { DealStatus } from '../domain/deal.js';
import {
  type ActivityView,
  completeActivity,
  createActivity,
} from '../services/records/activity.service.js';
import type { ServiceContext } from '../services/context.service.js';
import { createDeal, type getDeal, updateDeal } from '../services/deals/deal.service.js';
import {
  loseDeal,
  moveDealToStage,
  reopenDeal,
  winDeal,
} from '../services/deals/deal-move.service.js';
import type { DealPlan } from './deal-plan.js';
import type { PlannedActivity, PlannedStep } from './deal-path.js';
import { actingAs } from './directory.js';
import type { DemoMember } from './team.js';

type DealView = Awaited<ReturnType<typeof getDeal>>;

interface TimedEvent {
  at: number;
  run: () => Promise<void>;
}

export interface ReplayedDeal {
  status: DealStatus;
  activities: number;
}

function runStep(ctx: ServiceContext, deal: DealView, step: PlannedStep): Promise<DealView> {
  switch (step.kind) {
    case 'update':
      return updateDeal(ctx, deal.id, deal.version, step.patch);
    case 'move':
      return moveDealToStage(ctx, deal.id, deal.version, {
        stageId: step.stageId,
        reason: step.reason,
      });
    case 'win':
      return winDeal(ctx, deal.id, deal.version);
    case 'lose':
      return loseDeal(ctx, deal.id, deal.version, {
        lostReasonId: step.lostReasonId,
        note: step.note,
      });
    case 'reopen':
      return reopenDeal(ctx, deal.id, deal.version, { reason: step.reason });
  }
}

export async function replayDemoDeal(
  ctx: ServiceContext,
  plan: DealPlan,
  owner: DemoMember,
): Promise<ReplayedDeal> {
  const as = (now: number) => actingAs(ctx, owner, now);
  let deal = await createDeal(as(plan.create.openedAt), plan.create);
  const dealId = deal.id;

  const activityEvents = (activity: PlannedActivity): TimedEvent[] => {
    const { doneAt } = activity;
    // Logged after the fact (a call just made) or booked ahead and completed when it happens.
    const isLogged = doneAt === activity.createdAt;
    let created: ActivityView | undefined;
    const events: TimedEvent[] = [
      {
        at: activity.createdAt,
        run: async () => {
          created = await createActivity(as(activity.createdAt), {
            kind: activity.kind,
            subject: activity.subject,
            dueAt: activity.dueAt,
            isDone: isLogged,
            dealId,
            companyId: plan.companyId,
            contactId: plan.contactId,
            ownerId: owner.id,
          });
        },
      },
    ];
    if (doneAt !== null && !isLogged) {
      events.push({
        at: doneAt,
        run: async () => {
          if (!created) throw new Error('An activity is completed before it exists');
          await completeActivity(as(doneAt), created.id, created.version);
        },
      });
    }
    return events;
  };

  const events: TimedEvent[] = [
    ...plan.steps.map((step) => ({
      at: step.at,
      run: async () => {
        deal = await runStep(as(step.at), deal, step);
      },
    })),
    ...plan.activities.flatMap(activityEvents),
  ];
  // A stable sort: at equal times, deal steps run before activity writes.
  events.sort((a, b) => a.at - b.at);
  for (const event of events) await event.run();
  return { status: deal.status, activities: plan.activities.length };
}
