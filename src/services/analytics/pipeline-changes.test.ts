/**
 * One quarter of a team's pipeline, each deal doing one thing the waterfall must name: raised,
 * cut, won, lost, pushed out of the quarter twice, pulled into it, created, moved back a stage,
 * created and won inside the window, moved to another pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld } from '../../../test/history-fixtures.js';
import { listLostReasons } from '../../db/reference.repository.js';
import { createPipeline } from '../pipeline/pipeline.service.js';
import { createDeal, updateDeal } from '../deals/deal.service.js';
import { loseDeal, moveDealToStage, winDeal } from '../deals/deal-move.service.js';
import { getPipelineChanges } from './pipeline-changes.service.js';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const FROM = '2026-01-01T00:00:00Z';

describe('the pipeline changes of a quarter', () => {
  let database: TestDatabase;
  let world: HistoryWorld;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await createHistoryWorld(database);
    const { stages } = world;
    const at = (iso: string) => world.contextAt(iso);
    const make = async (
      key: string,
      when: string,
      amount: number,
      close: string,
      stage = stages.proposal!.id,
    ) => {
      const deal = await createDeal(at(when), {
        title: key,
        stageId: stage,
        amountMinor: amount,
        currency: 'USD',
        expectedCloseDate: close,
      });
      ids[key] = deal.id;
      return deal;
    };
    const raised = await make('Raised', '2025-12-01T08:00:00Z', 10_000_00, '2026-02-15');
    await updateDeal(at('2026-01-10T08:00:00Z'), raised.id, raised.version, {
      amountMinor: 12_000_00,
    });
    const cut = await make('Cut', '2025-12-01T09:00:00Z', 50_000_00, '2026-03-10');
    await updateDeal(at('2026-01-15T08:00:00Z'), cut.id, cut.version, { amountMinor: 30_000_00 });
    const won = await make('Won', '2025-12-05T08:00:00Z', 8_000_00, '2026-01-30');
    await winDeal(at('2026-01-29T08:00:00Z'), won.id, won.version);
    const lost = await make('Lost', '2025-12-05T09:00:00Z', 5_000_00, '2026-02-01');
    const [reason] = await listLostReasons(database.db, world.workspaceId);
    await loseDeal(at('2026-01-20T08:00:00Z'), lost.id, lost.version, {
      lostReasonId: reason!.id,
    });
    let pushed = await make('Pushed', '2025-12-06T08:00:00Z', 20_000_00, '2026-02-20');
    pushed = await updateDeal(at('2026-01-05T08:00:00Z'), pushed.id, pushed.version, {
      expectedCloseDate: '2026-03-15',
    });
    await updateDeal(at('2026-02-10T08:00:00Z'), pushed.id, pushed.version, {
      expectedCloseDate: '2026-04-20',
    });
    const pulled = await make('Pulled', '2025-12-10T08:00:00Z', 7_000_00, '2026-05-01');
    await updateDeal(at('2026-02-01T08:00:00Z'), pulled.id, pulled.version, {
      expectedCloseDate: '2026-03-20',
    });
    await make('New', '2026-02-20T09:00:00Z', 3_000_00, '2026-03-25');
    const back = await make(
      'Back',
      '2025-12-11T08:00:00Z',
      1_000_00,
      '2026-03-01',
      stages.negotiation!.id,
    );
    await moveDealToStage(at('2026-02-05T08:00:00Z'), back.id, back.version, {
      stageId: stages.proposal!.id,
      reason: 'Decision maker left',
    });
    const quick = await make('Quick', '2026-01-10T09:00:00Z', 4_000_00, '2026-01-20');
    await winDeal(at('2026-01-20T08:00:00Z'), quick.id, quick.version);
    const away = await make('Away', '2025-12-12T08:00:00Z', 2_000_00, '2026-03-05');
    const renewals = await createPipeline(at('2025-12-01T00:00:00Z'), {
      nameEn: 'Renewals',
      nameAr: 'التجديدات',
    });
    await moveDealToStage(at('2026-02-07T08:00:00Z'), away.id, away.version, {
      stageId: renewals.stages[0]!.id,
    });
  });
  afterAll(async () => {
    await database.close();
  });

  const changes = (query: Partial<Parameters<typeof getPipelineChanges>[1]> = {}) =>
    getPipelineChanges(world.contextAt('2026-03-01T09:00:00Z'), {
      from: FROM,
      period: '2026-Q1',
      dealsPerStep: 50,
      ...query,
    });

  it('names every change and adds up from the start to the end', async () => {
    const { total, deals } = await changes();
    // Start: Raised 10k, Cut 50k, Won 8k, Lost 5k, Pushed 20k, Back 1k, Away 2k.
    expect(total.start).toEqual({ count: 7, amount: usd(96_000_00) });
    const step = (kind: string) => total.steps.find((s) => s.kind === kind)!;
    const named = (kind: string) =>
      step(kind)
        .deals.map((d) => deals.find((x) => x.id === d.dealId)?.title)
        .sort();
    expect(step('created')).toMatchObject({ count: 2, amount: usd(7_000_00) });
    expect(named('created')).toEqual(['New', 'Quick']);
    expect(step('pulledIn')).toMatchObject({ count: 1, amount: usd(7_000_00) });
    expect(step('pulledIn').deals[0]).toMatchObject({ title: 'Pulled', reason: 'closeDate' });
    expect(step('increased')).toMatchObject({ count: 1, amount: usd(2_000_00) });
    expect(step('decreased')).toMatchObject({ count: 1, amount: usd(-20_000_00) });
    expect(step('won')).toMatchObject({ count: 2, amount: usd(-12_000_00) });
    expect(named('won')).toEqual(['Quick', 'Won']);
    expect(step('lost')).toMatchObject({ count: 1, amount: usd(-5_000_00) });
    expect(step('pushedOut')).toMatchObject({ count: 1, amount: usd(-20_000_00) });
    expect(named('pushedOut')).toEqual(['Pushed']);
    expect(step('movedOut')).toMatchObject({ count: 1, amount: usd(-2_000_00) });
    expect(step('movedOut').deals[0]).toMatchObject({ title: 'Away', reason: 'pipeline' });
    expect(step('movedIn')).toMatchObject({ count: 0, amount: usd(0) });
    // End: Raised 12k, Cut 30k, Back 1k, Pulled 7k, New 3k.
    expect(total.end).toEqual({ count: 5, amount: usd(53_000_00) });
    expect(total.steps.map((s) => s.kind)).not.toContain('exchangeRates');
  });

  it('flags the slipping deals: pushed twice, cut, moved back, stuck', async () => {
    const { deals } = await changes();
    const flags = (title: string) => deals.find((d) => d.title === title);
    expect(flags('Pushed')).toMatchObject({ closeDatePushes: 2, amountDecreased: false });
    expect(flags('Cut')).toMatchObject({ amountDecreased: true, closeDatePushes: 0 });
    expect(flags('Back')).toMatchObject({ stageRegressed: true });
    expect(flags('Raised')).toMatchObject({
      closeDatePushes: 0,
      amountDecreased: false,
      stageRegressed: false,
    });
    // Pulled in is not pushed: its date moved earlier.
    expect(flags('Pulled')?.closeDatePushes).toBe(0);
    // Proposal lets a deal sit 14 days: Raised has been there since December.
    expect(flags('Raised')?.stuck).toBe(true);
    expect(flags('New')?.stuck).toBe(false);
  });

  it('per stage: a deal moved back leaves Negotiation and arrives in Proposal', async () => {
    const { groups, total } = await changes({ groupBy: 'stage' });
    const negotiation = groups.find((g) => g.key === world.stages.negotiation!.id)!;
    expect(negotiation.label).toEqual({ en: 'Negotiation & closing', ar: 'التفاوض والإغلاق' });
    expect(negotiation.start.amount).toEqual(usd(1_000_00));
    expect(negotiation.steps.find((s) => s.kind === 'movedOut')).toMatchObject({
      count: 1,
      deals: [{ reason: 'stage', amount: usd(-1_000_00) }],
    });
    expect(negotiation.end.count).toBe(0);
    const proposal = groups.find((g) => g.key === world.stages.proposal!.id)!;
    expect(proposal.steps.find((s) => s.kind === 'movedIn')?.count).toBe(1);
    // A deal won or lost is counted in the stage it closed from, not in the won or lost stage.
    const wonHere = proposal.steps.find((s) => s.kind === 'won')!;
    expect(wonHere.deals.map((d) => d.title).sort()).toEqual(['Quick', 'Won']);
    expect(groups.map((g) => g.key)).not.toContain(world.stages.follow_up!.id);
    expect(groups.reduce((s, g) => s + g.end.amount.minor, 0)).toBe(total.end.amount.minor);
    // The whole pipeline's waterfall has no moves between its own stages.
    expect(total.steps.find((s) => s.kind === 'movedIn')?.count).toBe(0);
  });

  it('without a period, a close date moved is no change; a forecast category groups', async () => {
    const whole = await changes({ period: undefined, groupBy: 'category' });
    const kinds = whole.total.steps.filter((s) => s.count > 0).map((s) => s.kind);
    expect(kinds).not.toContain('pushedOut');
    expect(kinds).not.toContain('pulledIn');
    // Pulled was already open in the pipeline, Pushed still is.
    expect(whole.total.start.count).toBe(8);
    expect(whole.groups.map((g) => g.key)).toEqual(['commit', 'best_case']);
  });

  it('answers bad instants on their own field', async () => {
    await expect(changes({ from: 'yesterday' })).rejects.toMatchObject({
      details: [{ path: ['from'], code: 'invalid_as_of' }],
    });
    await expect(changes({ to: '2026-04-01' })).rejects.toMatchObject({
      details: [{ path: ['to'], code: 'future_as_of' }],
    });
    await expect(changes({ to: '2025-12-01' })).rejects.toMatchObject({
      details: [{ path: ['to'], code: 'range_reversed' }],
    });
  });
});
