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
import { createHistoryWorld, setRate } from '../../../test/history-fixtures.js';
import { dealPlan, fieldsOf, NOW, playThroughServices } from '../../../test/service-histories.js';
import { dealsAsOf, listDealStatesAsOf } from '../../db/as-of.repository.js';
import { getBoard } from '../pipeline/board.service.js';
import type { DealView } from '../deals/deal-view.js';
import { getForecast } from './forecast.service.js';
import { getStageProbabilities } from './probability.service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** The board without what an as-of board cannot know (staleness, next steps, cursors). */
function comparableBoard(board: Awaited<ReturnType<typeof getBoard>>) {
  return board.columns.map((column) => ({
    stage: column.stage.id,
    count: column.count,
    total: column.total,
    weighted: column.weighted,
    cards: column.cards.map((c) => ({ ...c, isStale: undefined, nextStep: undefined })),
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
