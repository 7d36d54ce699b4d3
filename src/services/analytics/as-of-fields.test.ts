/**
 * As of means as of: a deal cut from 100,000 to 20,000 and pushed into the next quarter is,
 * as of a day before the cut, on the board and in the forecast at 100,000 in the quarter it was
 * expected in then, owned by whom it was owned by then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld } from '../../../test/history-fixtures.js';
import { createDeal, updateDeal } from '../deals/deal.service.js';
import { moveDealToStage } from '../deals/deal-move.service.js';
import { getBoard } from '../pipeline/board.service.js';
import { getForecast } from './forecast.service.js';
import { computeMetrics } from './metrics.service.js';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const NOW = '2026-03-01T09:00:00Z';
const BEFORE_CUT = '2026-02-01T00:00:00Z';

describe('as of a past instant, a deal has the fields it had then', () => {
  let database: TestDatabase;
  let world: HistoryWorld;
  let repId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await createHistoryWorld(database);
    repId = await world.addMember('rep');
    const { stages } = world;
    const deal = await createDeal(world.contextAt('2026-01-05T08:00:00Z'), {
      title: 'Cut',
      stageId: stages.proposal!.id,
      amountMinor: 100_000_00,
      currency: 'USD',
      expectedCloseDate: '2026-03-20',
      ownerId: world.adminId,
    });
    await updateDeal(world.contextAt('2026-02-10T08:00:00Z'), deal.id, deal.version, {
      amountMinor: 20_000_00,
      expectedCloseDate: '2026-05-15',
      ownerId: repId,
      probabilityOverride: 10,
    });
    // A second deal made after the instant is not there as of it.
    const later = await createDeal(world.contextAt('2026-02-20T08:00:00Z'), {
      title: 'Later',
      stageId: stages.proposal!.id,
      amountMinor: 1_000_00,
      expectedCloseDate: '2026-03-25',
    });
    await moveDealToStage(world.contextAt('2026-02-21T08:00:00Z'), later.id, later.version, {
      stageId: stages.negotiation!.id,
    });
  });
  afterAll(async () => {
    await database.close();
  });

  const proposalOf = (board: Awaited<ReturnType<typeof getBoard>>) =>
    board.columns.find((c) => c.stage.id === world.stages.proposal!.id)!;

  it('on the board: its amount, weight and owner then', async () => {
    const now = await getBoard(world.contextAt(NOW), { cardsPerStage: 10 });
    expect(proposalOf(now).total).toEqual(usd(20_000_00));
    // 20,000.00 at the 10 % set on the deal.
    expect(proposalOf(now).weighted).toEqual(usd(2_000_00));
    expect(proposalOf(now).cards.map((c) => c.ownerId)).toEqual([repId]);

    const then = await getBoard(world.contextAt(NOW), { cardsPerStage: 10, asOf: BEFORE_CUT });
    expect(proposalOf(then).total).toEqual(usd(100_000_00));
    // 100,000.00 at the stage's 60 %: there was no override yet.
    expect(proposalOf(then).weighted).toEqual(usd(60_000_00));
    expect(proposalOf(then).cards).toMatchObject([
      {
        title: 'Cut',
        amountMinor: 100_000_00,
        expectedCloseDate: '2026-03-20',
        ownerId: world.adminId,
      },
    ]);
    const negotiation = then.columns.find((c) => c.stage.id === world.stages.negotiation!.id)!;
    expect(negotiation.count).toBe(0);
  });

  it('filtered by owner: the owner it had then', async () => {
    const mine = await getBoard(world.contextAt(NOW), {
      cardsPerStage: 10,
      asOf: BEFORE_CUT,
      ownerId: world.adminId,
    });
    expect(proposalOf(mine).count).toBe(1);
    const theRep = await getBoard(world.contextAt(NOW), {
      cardsPerStage: 10,
      asOf: BEFORE_CUT,
      ownerId: repId,
    });
    expect(proposalOf(theRep).count).toBe(0);
  });

  it('in the forecast: in the quarter it was expected in then, at its amount then', async () => {
    const q1Now = await getForecast(world.contextAt(NOW), { period: '2026-Q1' });
    // Now only "Later" closes in Q1 (1,000.00 × Negotiation's 90 %); "Cut" moved to Q2.
    expect(q1Now.weightedOpen).toEqual(usd(900_00));
    const q1Then = await getForecast(world.contextAt(NOW), { period: '2026-Q1', asOf: BEFORE_CUT });
    expect(q1Then.weightedOpen).toEqual(usd(60_000_00));
    expect(q1Then.byCategory.best_case).toEqual({
      count: 1,
      amount: usd(100_000_00),
      weighted: usd(60_000_00),
    });
    const q2Then = await getForecast(world.contextAt(NOW), { period: '2026-Q2', asOf: BEFORE_CUT });
    expect(q2Then.weightedOpen).toEqual(usd(0));
  });

  it('in the metrics: the deals an owner had then', async () => {
    const open = async (ownerId: string, asOf?: string) =>
      (
        await computeMetrics(world.contextAt(NOW), {
          from: '2026-01-01',
          to: '2026-04-01',
          ownerId,
          ...(asOf ? { asOf } : {}),
        })
      ).salesVelocity.openDeals;
    expect(await open(world.adminId, BEFORE_CUT)).toBe(1);
    expect(await open(repId, BEFORE_CUT)).toBe(0);
    // Now the rep owns it, and the admin owns "Later".
    expect(await open(repId)).toBe(1);
  });
});
