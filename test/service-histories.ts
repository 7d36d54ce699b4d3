/**
 * Histories written by the real use-cases (createDeal, updateDeal, moveDealToStage, winDeal,
 * loseDeal, reopenDeal), each step at its own simulated instant, for the properties that must
 * hold whatever happened: plans drawn by fast-check, played through the services.
 */
import fc from 'fast-check';
import { insertCompany } from '../src/db/company.repository.js';
import { insertContact } from '../src/db/contact.repository.js';
import { newId } from '../src/db/id.js';
import { listLostReasons } from '../src/db/reference.repository.js';
import { createDeal, updateDeal } from '../src/services/deals/deal.service.js';
import {
  loseDeal,
  moveDealToStage,
  reopenDeal,
  winDeal,
} from '../src/services/deals/deal-move.service.js';
import type { DealView } from '../src/services/deals/deal-view.js';
import type { HistoryWorld } from './history-fixtures.js';

export const HOUR = 3_600_000;
export const START = Date.parse('2025-10-01T06:00:00Z');
export const NOW = Date.parse('2026-03-01T09:00:00Z');
const OPEN_KEYS = [
  'lead_generation',
  'prospecting',
  'qualification',
  'initial_contact',
  'proposal',
  'negotiation',
];

type Action = 'forward' | 'back' | 'win' | 'lose' | 'reopen' | 'edit';

/** An edit of the fields the history tracks (any of them, or none). */
const editPlan = fc.record(
  {
    amountMinor: fc.integer({ min: 1, max: 5_000_000 }),
    currency: fc.constantFrom('USD', 'SAR'),
    closeInDays: fc.integer({ min: -60, max: 120 }),
    probabilityOverride: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    toRep: fc.boolean(),
  },
  { requiredKeys: [] },
);

export const dealPlan = fc.record({
  startsAfterHours: fc.integer({ min: 0, max: 24 * 30 }),
  // At least 1: leaving Initial contact needs an amount (exit criteria).
  amountMinor: fc.integer({ min: 1, max: 5_000_000 }),
  currency: fc.constantFrom('USD', 'SAR'),
  closeInDays: fc.integer({ min: -60, max: 120 }),
  probabilityOverride: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  startStage: fc.integer({ min: 0, max: 5 }),
  actions: fc.array(
    fc.record({
      action: fc.constantFrom<Action>('forward', 'back', 'win', 'lose', 'reopen', 'edit'),
      afterHours: fc.integer({ min: 1, max: 24 * 20 }),
      edit: editPlan,
    }),
    { maxLength: 5 },
  ),
});

export type DealPlan = typeof dealPlan extends fc.Arbitrary<infer T> ? T : never;

export interface Snapshot {
  dealId: string;
  at: number;
  stageId: string;
  status: string;
  fields: ReturnType<typeof fieldsOf>;
}

/** The tracked fields of a deal as the API shows them. */
export function fieldsOf(deal: DealView) {
  return {
    amount_minor: deal.amountMinor,
    currency: deal.currency,
    expected_close_date: deal.expectedCloseDate,
    owner_id: deal.ownerId,
    probability_override: deal.probabilityOverride,
    pipeline_id: deal.pipelineId,
  };
}

const dayAfterNow = (days: number) => new Date(NOW + days * 24 * HOUR).toISOString().slice(0, 10);

/** Plays the plans through the services; returns the state after every step. */
export async function playThroughServices(
  world: HistoryWorld,
  plans: DealPlan[],
): Promise<Snapshot[]> {
  const db = world.database.db;
  const repId = await world.addMember('rep');
  const companyId = newId();
  await insertCompany(db, {
    id: companyId,
    workspace_id: world.workspaceId,
    name: 'Acme',
    search_text: 'acme',
    created_at: START,
    updated_at: START,
  });
  const contactId = newId();
  await insertContact(db, {
    id: contactId,
    workspace_id: world.workspaceId,
    name: 'Layla',
    role: 'champion',
    search_text: 'layla',
    created_at: START,
    updated_at: START,
  });
  const [lostReason] = await listLostReasons(db, world.workspaceId);
  const stageId = (index: number) => world.stages[OPEN_KEYS[index] ?? '']?.id ?? '';
  const snapshots: Snapshot[] = [];
  for (const plan of plans) {
    let at = START + plan.startsAfterHours * HOUR;
    let deal: DealView = await createDeal(world.contextAt(at), {
      title: 'Deal',
      stageId: stageId(plan.startStage),
      amountMinor: plan.amountMinor,
      currency: plan.currency,
      expectedCloseDate: dayAfterNow(plan.closeInDays),
      probabilityOverride: plan.probabilityOverride,
      companyId,
      contacts: [{ contactId, role: null }],
    });
    const snap = () => ({
      dealId: deal.id,
      at,
      stageId: deal.stageId,
      status: deal.status,
      fields: fieldsOf(deal),
    });
    snapshots.push(snap());
    for (const step of plan.actions) {
      at += step.afterHours * HOUR;
      const ctx = world.contextAt(at);
      const index = OPEN_KEYS.findIndex((key) => world.stages[key]?.id === deal.stageId);
      const isOpen = deal.status === 'open';
      if (step.action === 'forward' && isOpen && index >= 0 && index < OPEN_KEYS.length - 1) {
        deal = await moveDealToStage(ctx, deal.id, deal.version, { stageId: stageId(index + 1) });
      } else if (step.action === 'back' && isOpen && index > 0) {
        deal = await moveDealToStage(ctx, deal.id, deal.version, {
          stageId: stageId(index - 1),
          reason: 'Decision maker left',
        });
      } else if (step.action === 'win' && isOpen) {
        deal = await winDeal(ctx, deal.id, deal.version);
      } else if (step.action === 'lose' && isOpen && lostReason) {
        deal = await loseDeal(ctx, deal.id, deal.version, { lostReasonId: lostReason.id });
      } else if (step.action === 'reopen' && !isOpen) {
        deal = await reopenDeal(ctx, deal.id, deal.version, { reason: 'Came back' });
      } else if (step.action === 'edit') {
        const { closeInDays, toRep, ...edit } = step.edit;
        deal = await updateDeal(ctx, deal.id, deal.version, {
          ...edit,
          ...(closeInDays === undefined ? {} : { expectedCloseDate: dayAfterNow(closeInDays) }),
          ...(toRep === undefined ? {} : { ownerId: toRep ? repId : world.adminId }),
        });
      } else {
        continue;
      }
      snapshots.push(snap());
    }
  }
  return snapshots;
}
