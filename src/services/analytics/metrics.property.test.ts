/**
 * Properties of the metrics over histories written by the real use-cases (createDeal,
 * moveDealToStage, winDeal, loseDeal, reopenDeal), each step at its own simulated instant:
 * whatever the history,
 * - won + lost are the deals whose last closing in the period was a win or a loss;
 * - rates are shares in [0, 1], and a stage's advanced + still-open entrants never exceed them;
 * - the funnel never grows down the stages;
 * - "as of" now gives the same metrics as no "as of".
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld } from '../../../test/history-fixtures.js';
import { insertCompany } from '../../db/company.repository.js';
import { insertContact } from '../../db/contact.repository.js';
import { newId } from '../../db/id.js';
import { listLostReasons } from '../../db/reference.repository.js';
import { createDeal } from '../deals/deal.service.js';
import { loseDeal, moveDealToStage, reopenDeal, winDeal } from '../deals/deal-move.service.js';
import type { DealView } from '../deals/deal-view.js';
import { computeMetrics } from './metrics.service.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-01-01T06:00:00Z');
const NOW = Date.parse('2026-05-01T09:00:00Z');
// 2026-01-20 … 2026-03-01 in Riyadh: events fall before, in and after it.
const PERIOD = { from: '2026-01-20', to: '2026-03-01' };
const PERIOD_MS = {
  from: Date.parse('2026-01-19T21:00:00Z'),
  to: Date.parse('2026-02-28T21:00:00Z'),
};
const OPEN_KEYS = [
  'lead_generation',
  'prospecting',
  'qualification',
  'initial_contact',
  'proposal',
  'negotiation',
];

type Action = 'forward' | 'jump' | 'back' | 'win' | 'lose' | 'reopen';

const dealPlan = fc.record({
  startsAfterHours: fc.integer({ min: 0, max: 24 * 40 }),
  // Every deal meets every exit criterion (company, contact, close date, an amount above zero),
  // so any move the plan makes is allowed: a zero amount would stop it at initial contact.
  amountMinor: fc.integer({ min: 1, max: 5_000_000 }),
  startStage: fc.integer({ min: 0, max: 5 }),
  actions: fc.array(
    fc.record({
      action: fc.constantFrom<Action>('forward', 'jump', 'back', 'win', 'lose', 'reopen'),
      afterHours: fc.integer({ min: 1, max: 24 * 15 }),
    }),
    { maxLength: 6 },
  ),
});
type DealPlan = typeof dealPlan extends fc.Arbitrary<infer T> ? T : never;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Plays the plans through the services; returns each deal's closings (instant, outcome). */
async function playThroughServices(world: HistoryWorld, plans: DealPlan[]) {
  const db = world.database.db;
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
  const closings: { at: number; outcome: 'won' | 'lost' }[][] = [];
  for (const plan of plans) {
    let at = START + plan.startsAfterHours * HOUR;
    let deal: DealView = await createDeal(world.contextAt(at), {
      title: 'Deal',
      stageId: stageId(plan.startStage),
      amountMinor: plan.amountMinor,
      expectedCloseDate: '2026-06-30',
      companyId,
      contacts: [{ contactId, role: null }],
    });
    const mine: { at: number; outcome: 'won' | 'lost' }[] = [];
    for (const step of plan.actions) {
      at += step.afterHours * HOUR;
      const ctx = world.contextAt(at);
      const index = OPEN_KEYS.findIndex((key) => world.stages[key]?.id === deal.stageId);
      const isOpen = deal.status === 'open';
      const last = OPEN_KEYS.length - 1;
      if (step.action === 'forward' && isOpen && index >= 0 && index < last) {
        deal = await moveDealToStage(ctx, deal.id, deal.version, { stageId: stageId(index + 1) });
      } else if (step.action === 'jump' && isOpen && index >= 0 && index < last - 1) {
        deal = await moveDealToStage(ctx, deal.id, deal.version, { stageId: stageId(index + 2) });
      } else if (step.action === 'back' && isOpen && index > 0) {
        deal = await moveDealToStage(ctx, deal.id, deal.version, {
          stageId: stageId(index - 1),
          reason: 'Decision maker left',
        });
      } else if (step.action === 'win' && isOpen) {
        deal = await winDeal(ctx, deal.id, deal.version);
        mine.push({ at, outcome: 'won' });
      } else if (step.action === 'lose' && isOpen && lostReason) {
        deal = await loseDeal(ctx, deal.id, deal.version, { lostReasonId: lostReason.id });
        mine.push({ at, outcome: 'lost' });
      } else if (step.action === 'reopen' && !isOpen) {
        deal = await reopenDeal(ctx, deal.id, deal.version, { reason: 'Came back' });
      }
    }
    closings.push(mine);
  }
  return closings;
}

describe('metrics over service-made histories', () => {
  it('hold their invariants for any history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dealPlan, { minLength: 1, maxLength: 4 }), async (plans) => {
        const world = await createHistoryWorld(database);
        const closings = await playThroughServices(world, plans);
        const ctx = world.contextAt(NOW);
        const metrics = await computeMetrics(ctx, PERIOD);

        // Each deal counts by its last closing in the period, if any.
        const outcomes = closings.map(
          (list) =>
            list.filter((c) => c.at >= PERIOD_MS.from && c.at < PERIOD_MS.to).at(-1)?.outcome,
        );
        expect(metrics.wonCount).toBe(outcomes.filter((o) => o === 'won').length);
        expect(metrics.lostCount).toBe(outcomes.filter((o) => o === 'lost').length);
        const ranked = metrics.leaderboard.reduce((n, o) => n + o.wonCount + o.lostCount, 0);
        expect(ranked).toBe(metrics.wonCount + metrics.lostCount);
        expect(metrics.lostByReason.reduce((n, r) => n + r.count, 0)).toBe(metrics.lostCount);

        for (const rate of [metrics.winRate, metrics.mqlToSql.rate]) {
          if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0);
          if (rate !== null) expect(rate).toBeLessThanOrEqual(1);
        }
        for (const stage of metrics.stageConversion) {
          expect(stage.advanced + stage.stillOpen).toBeLessThanOrEqual(stage.entered);
          if (stage.rate !== null) expect(stage.rate).toBeGreaterThanOrEqual(0);
          if (stage.rate !== null) expect(stage.rate).toBeLessThanOrEqual(1);
        }
        for (const [index, step] of metrics.funnel.entries()) {
          const above = metrics.funnel[index - 1];
          if (above) expect(step.reached).toBeLessThanOrEqual(above.reached);
          if (step.stepRate !== null) expect(step.stepRate).toBeLessThanOrEqual(1);
        }
        for (const stage of metrics.timeInStage) {
          if (stage.meanDays !== null) expect(stage.meanDays).toBeGreaterThanOrEqual(0);
        }

        const asOfNow = await computeMetrics(ctx, {
          ...PERIOD,
          asOf: new Date(NOW).toISOString(),
        });
        expect({ ...asOfNow, asOf: null }).toEqual(metrics);
      }),
      { numRuns: 15 },
    );
  });
});
