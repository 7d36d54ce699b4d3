/**
 * Properties over histories written by the real use-cases (createDeal, updateDeal,
 * moveDealToStage, winDeal, loseDeal, reopenDeal), each step at its own simulated instant:
 * whatever the history,
 * - as of any instant, a deal stands where the services left it at that instant, with the
 *   amount, currency, close date, owner and probability it had then;
 * - as of now is now (board and forecast);
 * - a forecast never expects less than is already won, and its range holds the expectation;
 * - historical probabilities are shares in [0, 1].
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld, setRate } from '../../../test/history-fixtures.js';
import { dealsAsOf, listDealStatesAsOf } from '../../db/as-of.repository.js';
import { insertCompany } from '../../db/company.repository.js';
import { insertContact } from '../../db/contact.repository.js';
import { newId } from '../../db/id.js';
import { listLostReasons } from '../../db/reference.repository.js';
import { getBoard } from '../pipeline/board.service.js';
import { createDeal, updateDeal } from '../deals/deal.service.js';
import { loseDeal, moveDealToStage, reopenDeal, winDeal } from '../deals/deal-move.service.js';
import type { DealView } from '../deals/deal-view.js';
import { getForecast } from './forecast.service.js';
import { getStageProbabilities } from './probability.service.js';

const HOUR = 3_600_000;
const START = Date.parse('2025-10-01T06:00:00Z');
const NOW = Date.parse('2026-03-01T09:00:00Z');
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

const dealPlan = fc.record({
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

type DealPlan = typeof dealPlan extends fc.Arbitrary<infer T> ? T : never;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

interface Snapshot {
  dealId: string;
  at: number;
  stageId: string;
  status: string;
  fields: ReturnType<typeof fieldsOf>;
}

/** The tracked fields of a deal as the API shows them. */
function fieldsOf(deal: DealView) {
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
async function playThroughServices(world: HistoryWorld, plans: DealPlan[]): Promise<Snapshot[]> {
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

/** The board without what an as-of board cannot know (staleness, next steps, cursors). */
function comparableBoard(board: Awaited<ReturnType<typeof getBoard>>) {
  return board.columns.map((column) => ({
    stage: column.stage.id,
    count: column.count,
    total: column.total,
    weighted: column.weighted,
    cards: column.cards.map((c) => ({ ...c, isStale: undefined })),
  }));
}

describe('forecast and as-of properties over service-made histories', () => {
  it('hold for any history', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dealPlan, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<'configured' | 'historical'>('configured', 'historical'),
        async (plans, mode) => {
          const world = await createHistoryWorld(database, { probabilityMode: mode });
          await setRate(world, 'SAR', '2025-01-01', '0.2666');
          const snapshots = await playThroughServices(world, plans);
          const ctx = world.contextAt(NOW);

          // As of the instant of each step, each deal is where that step left it.
          for (const snapshot of snapshots) {
            const states = await listDealStatesAsOf(database.db, world.workspaceId, snapshot.at);
            const state = states.find((s) => s.id === snapshot.dealId);
            expect(state).toMatchObject({ stage_id: snapshot.stageId, status: snapshot.status });
            const then = await database.db
              .selectFrom(dealsAsOf(database.db, world.workspaceId, snapshot.at))
              .selectAll()
              .where('deals.id', '=', snapshot.dealId)
              .executeTakeFirstOrThrow();
            expect(
              fieldsOf({
                amountMinor: then.amount_minor === null ? null : Number(then.amount_minor),
                currency: then.currency,
                expectedCloseDate: then.expected_close_date,
                ownerId: then.owner_id,
                probabilityOverride:
                  then.probability_override === null ? null : Number(then.probability_override),
                pipelineId: then.pipeline_id,
              } as DealView),
            ).toEqual(snapshot.fields);
          }

          // As of now is now.
          const board = await getBoard(ctx, { cardsPerStage: 25 });
          const boardAsOfNow = await getBoard(ctx, {
            cardsPerStage: 25,
            asOf: new Date(NOW).toISOString(),
          });
          expect(comparableBoard(boardAsOfNow)).toEqual(comparableBoard(board));

          for (const period of ['2025-Q4', '2026-Q1', '2026-Q2', '2026']) {
            const forecast = await getForecast(ctx, { period });
            const asOfNow = await getForecast(ctx, { period, asOf: new Date(NOW).toISOString() });
            expect({ ...asOfNow, asOf: null }).toEqual(forecast);
            expect(forecast.expected.minor).toBeGreaterThanOrEqual(forecast.wonSoFar.minor);
            expect(forecast.range.low.minor).toBeGreaterThanOrEqual(forecast.wonSoFar.minor);
            expect(forecast.range.low.minor).toBeLessThanOrEqual(forecast.expected.minor);
            expect(forecast.range.high.minor).toBeGreaterThanOrEqual(forecast.expected.minor);
          }

          const probabilities = await getStageProbabilities(ctx, world.pipelineId);
          for (const stage of probabilities.stages) {
            expect(stage.historical).toBeGreaterThanOrEqual(0);
            expect(stage.historical).toBeLessThanOrEqual(1);
            if (stage.observed !== null) {
              expect(stage.observed).toBeGreaterThanOrEqual(0);
              expect(stage.observed).toBeLessThanOrEqual(1);
            }
            expect(stage.wonCount).toBeLessThanOrEqual(stage.sampleSize);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
