/**
 * Every metric on a small, hand-built history whose numbers are worked out below. The history
 * rows are written straight into stage_history at chosen instants (Riyadh time, UTC+3), and the
 * deals' current columns are never read by the metrics.
 *
 * Period: Q1 2026, [2026-01-01, 2026-04-01) in Asia/Riyadh. Stages by position: 1 lead_generation
 * (LG), 2 prospecting (PR), 3 qualification (Q), 4 initial_contact (IC, first qualified),
 * 5 proposal (P), 6 negotiation (N), 7 follow_up (FU, won).
 *
 * | deal | owner | amount        | source   | history (local time, all at 10:00)                    |
 * |------|-------|---------------|----------|-------------------------------------------------------|
 * | D1   | alice | 10,000.00 USD | web      | 01-01 LG, 01-03 PR, 01-06 Q, 01-11 IC, 01-21 P,       |
 * |      |       |               |          | 01-31 N, 02-10 won (cycle 40 d)                       |
 * | D2   | bob   |  5,000.00 EUR | referral | 01-10 LG, 01-12 Q, 01-22 IC, 02-01 P, 02-06 back to Q,|
 * |      |       |               |          | 02-11 IC, 02-16 P, 03-02 won (cycle 51 d)             |
 * | D3   | alice |  2,000.00 USD | web      | 01-15 LG, 01-20 PR, 03-01 lost at PR: Price (45 d)    |
 * | D4   | bob   |  3,000.00 USD | referral | 2025-12-01 LG, 12-10 Q, 12-20 IC, 01-09 lost at IC:   |
 * |      |       |               |          | No budget, 01-19 reopened in IC, 01-29 P, 02-18 lost  |
 * |      |       |               |          | at P: Chose a competitor (79 d, its last closing)     |
 * | D5   | admin |  1,000.00 USD | —        | 02-01 LG, 02-05 PR (still open)                       |
 * | D6   | alice | 99,999.99 USD | web      | 01-05 LG, 01-08 won — soft-deleted: never counted     |
 * | D7   | bob   |  8,000.00 SAR | web      | 03-20 LG, 03-25 IC, 04-05 won (after the period)      |
 * | D8   | alice |  4,000.00 USD | web      | 02-20 LG, 02-25 Q (still open)                        |
 * | D9   | admin |  1,000.00 USD | web      | 03-01 LG, 03-04 won (cycle 3 d)                       |
 *
 * alice is in team North, bob in team South. EUR rates: 1.10 from 2026-01-01, 1.20 from
 * 2026-03-15, 1.30 from 2026-04-10. The clock reads 2026-04-10 12:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { insertDeal, insertStageHistory } from '../../db/deal.repository.js';
import { newId } from '../../db/id.js';
import { listStages } from '../../db/pipeline.repository.js';
import { listLostReasons, upsertExchangeRate } from '../../db/reference.repository.js';
import type { ServiceContext } from '../context.service.js';
import { computeMetrics, type MetricsQuery } from './metrics.service.js';
import { addUserToWorkspace } from '../access/user.service.js';
import { createWorkspace } from '../access/workspace.service.js';

/** An instant given as Riyadh local time, e.g. `riyadh('2026-01-03T10:00')`. */
const riyadh = (local: string) => Date.parse(`${local}:00+03:00`);
const NOW = riyadh('2026-04-10T12:00');
const Q1: MetricsQuery = { from: '2026-01-01', to: '2026-04-01' };

type Step = [at: string, stage: string, status: 'open' | 'won' | 'lost', lostReason?: string];

let database: TestDatabase;
let ctx: ServiceContext;
const users: Record<string, string> = {};
const teams: Record<string, string> = {};
const deals: Record<string, string> = {};
const stageIds: Record<string, string> = {};
const reasonIds: Record<string, string> = {};

async function addDeal(
  name: string,
  deal: { owner: string; minor: number; currency: string; source: string | null },
  steps: Step[],
  options: { deleted?: boolean } = {},
) {
  const { db } = database;
  const id = newId();
  deals[name] = id;
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || !last) throw new Error('a deal needs a history');
  const openedAt = riyadh(first[0]);
  await insertDeal(db, {
    id,
    workspace_id: ctx.actor.workspaceId,
    pipeline_id: (await db.selectFrom('stages').select('pipeline_id').executeTakeFirstOrThrow())
      .pipeline_id,
    stage_id: stageIds[last[1]] ?? '',
    title: name,
    owner_id: users[deal.owner] ?? null,
    amount_minor: deal.minor,
    currency: deal.currency,
    amount_source: 'quoted',
    source: deal.source,
    status: last[2],
    opened_at: openedAt,
    closed_at: last[2] === 'open' ? null : riyadh(last[0]),
    stage_entered_at: riyadh(last[0]),
    search_text: name.toLowerCase(),
    created_at: openedAt,
    updated_at: riyadh(last[0]),
    deleted_at: options.deleted ? NOW - 1000 : null,
  });
  let previous: Step | undefined;
  for (const step of steps) {
    const [at, stage, status, reason] = step;
    await insertStageHistory(db, {
      id: newId(),
      workspace_id: ctx.actor.workspaceId,
      deal_id: id,
      from_stage_id: previous ? (stageIds[previous[1]] ?? null) : null,
      to_stage_id: stageIds[stage] ?? '',
      from_status: previous ? previous[2] : null,
      to_status: status,
      at: riyadh(at),
      actor_user_id: null,
      reason: null,
      lost_reason_id: reason ? (reasonIds[reason] ?? null) : null,
    });
    previous = step;
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const created = riyadh('2025-11-01T09:00');
  const workspace = await createWorkspace(
    db,
    { name: 'Metrics', timeZone: 'Asia/Riyadh', baseCurrency: 'USD' },
    created,
  );
  for (const [name, role] of [
    ['admin', 'admin'],
    ['alice', 'rep'],
    ['bob', 'rep'],
  ] as const) {
    const user = await addUserToWorkspace(
      db,
      workspace.id,
      { email: `${name}@example.com`, name, password: 'a long enough password', role },
      created,
    );
    users[name] = user.id;
  }
  for (const [team, member] of [
    ['North', 'alice'],
    ['South', 'bob'],
  ] as const) {
    teams[team] = newId();
    await db
      .insertInto('teams')
      .values({ id: teams[team], workspace_id: workspace.id, name: team, created_at: created })
      .execute();
    await db
      .updateTable('memberships')
      .set({ team_id: teams[team] })
      .where('workspace_id', '=', workspace.id)
      .where('user_id', '=', users[member] ?? '')
      .execute();
  }
  ctx = {
    db,
    now: NOW,
    actor: { workspaceId: workspace.id, userId: users.admin ?? null, role: 'admin' },
  };
  const pipelineId = (await db.selectFrom('pipelines').select('id').executeTakeFirstOrThrow()).id;
  for (const stage of await listStages(db, workspace.id, pipelineId))
    stageIds[stage.key] = stage.id;
  for (const reason of await listLostReasons(db, workspace.id))
    reasonIds[reason.label_en] = reason.id;
  for (const [day, rate] of [
    ['2026-01-01', '1.10'],
    ['2026-03-15', '1.20'],
    ['2026-04-10', '1.30'],
  ] as const) {
    await upsertExchangeRate(db, { workspace_id: workspace.id, currency: 'EUR', day, rate });
  }

  const [LG, PR, Q, IC, P, N, FU] = [
    'lead_generation',
    'prospecting',
    'qualification',
    'initial_contact',
    'proposal',
    'negotiation',
    'follow_up',
  ] as const;
  const web = 'web';
  await addDeal('D1', { owner: 'alice', minor: 1_000_000, currency: 'USD', source: web }, [
    ['2026-01-01T10:00', LG, 'open'],
    ['2026-01-03T10:00', PR, 'open'],
    ['2026-01-06T10:00', Q, 'open'],
    ['2026-01-11T10:00', IC, 'open'],
    ['2026-01-21T10:00', P, 'open'],
    ['2026-01-31T10:00', N, 'open'],
    ['2026-02-10T10:00', FU, 'won'],
  ]);
  await addDeal('D2', { owner: 'bob', minor: 500_000, currency: 'EUR', source: 'referral' }, [
    ['2026-01-10T10:00', LG, 'open'],
    ['2026-01-12T10:00', Q, 'open'],
    ['2026-01-22T10:00', IC, 'open'],
    ['2026-02-01T10:00', P, 'open'],
    ['2026-02-06T10:00', Q, 'open'],
    ['2026-02-11T10:00', IC, 'open'],
    ['2026-02-16T10:00', P, 'open'],
    ['2026-03-02T10:00', FU, 'won'],
  ]);
  await addDeal('D3', { owner: 'alice', minor: 200_000, currency: 'USD', source: web }, [
    ['2026-01-15T10:00', LG, 'open'],
    ['2026-01-20T10:00', PR, 'open'],
    ['2026-03-01T10:00', PR, 'lost', 'Price'],
  ]);
  await addDeal('D4', { owner: 'bob', minor: 300_000, currency: 'USD', source: 'referral' }, [
    ['2025-12-01T10:00', LG, 'open'],
    ['2025-12-10T10:00', Q, 'open'],
    ['2025-12-20T10:00', IC, 'open'],
    ['2026-01-09T10:00', IC, 'lost', 'No budget'],
    ['2026-01-19T10:00', IC, 'open'],
    ['2026-01-29T10:00', P, 'open'],
    ['2026-02-18T10:00', P, 'lost', 'Chose a competitor'],
  ]);
  await addDeal('D5', { owner: 'admin', minor: 100_000, currency: 'USD', source: null }, [
    ['2026-02-01T10:00', LG, 'open'],
    ['2026-02-05T10:00', PR, 'open'],
  ]);
  await addDeal(
    'D6',
    { owner: 'alice', minor: 9_999_999, currency: 'USD', source: web },
    [
      ['2026-01-05T10:00', LG, 'open'],
      ['2026-01-08T10:00', FU, 'won'],
    ],
    { deleted: true },
  );
  await addDeal('D7', { owner: 'bob', minor: 800_000, currency: 'SAR', source: web }, [
    ['2026-03-20T10:00', LG, 'open'],
    ['2026-03-25T10:00', IC, 'open'],
    ['2026-04-05T10:00', FU, 'won'],
  ]);
  await addDeal('D8', { owner: 'alice', minor: 400_000, currency: 'USD', source: web }, [
    ['2026-02-20T10:00', LG, 'open'],
    ['2026-02-25T10:00', Q, 'open'],
  ]);
  await addDeal('D9', { owner: 'admin', minor: 100_000, currency: 'USD', source: web }, [
    ['2026-03-01T10:00', LG, 'open'],
    ['2026-03-04T10:00', FU, 'won'],
  ]);
});

afterAll(async () => {
  await database?.close();
});

const HOUR = 1 / 24;
const byStage = <T extends { stage: string }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [r.stage, r]));

describe('computeMetrics over a hand-built history', () => {
  it('counts each deal closed in the period once, by its last closing, deleted deals never', async () => {
    const m = await computeMetrics(ctx, Q1);
    // Won: D1 (02-10), D2 (03-02), D9 (03-04). D7 is won on 04-05, after the period; D6 is deleted.
    // Lost: D3 (03-01) and D4, lost twice in the period and counted once, by its last loss.
    expect(m.wonCount).toBe(3);
    expect(m.lostCount).toBe(2);
    expect(m.winRate).toBeCloseTo(3 / 5, 12);
  });

  it('measures the sales cycle from opening to the closing row, mean and median', async () => {
    const m = await computeMetrics(ctx, Q1);
    // Won cycles: D9 3 d, D1 40 d, D2 51 d → mean 94 / 3 = 31.33 d, median 40 d.
    expect(m.salesCycleDays.mean).toBeCloseTo(94 / 3, 9);
    expect(m.salesCycleDays.median).toBeCloseTo(40, 9);
    // Won and lost: 3, 40, 45 (D3), 51, 79 (D4: 2025-12-01 → 2026-02-18) → mean 218 / 5 = 43.6,
    // median 45.
    expect(m.salesCycleDaysAllClosed.mean).toBeCloseTo(43.6, 9);
    expect(m.salesCycleDaysAllClosed.median).toBeCloseTo(45, 9);
  });

  it('converts won amounts at the latest rate on or before the period’s last day', async () => {
    const m = await computeMetrics(ctx, Q1);
    // 10,000.00 USD + 5,000.00 EUR × 1.20 (rate of 03-15, the latest by 03-31) + 1,000.00 USD
    // = 17,000.00 USD; average 17,000.00 / 3 = 5,666.666… → 5,666.67.
    expect(m.wonAmount).toEqual({ minor: 1_700_000, currency: 'USD' });
    expect(m.averageWonAmount).toEqual({ minor: 566_667, currency: 'USD' });
    expect(m.unconvertedCurrencies).toEqual([]);
  });

  it('times completed visits per stage from the history, and ages the open deals', async () => {
    const m = byStage((await computeMetrics(ctx, Q1)).timeInStage);
    // Visits that ended in the period (a move, a win or a loss leaves the stage):
    // LG: D1 2, D2 2, D3 5, D5 4, D7 5, D8 5, D9 3 → 26 / 7 days.
    expect(m.lead_generation?.completedVisits).toBe(7);
    expect(m.lead_generation?.meanDays).toBeCloseTo(26 / 7, 9);
    // PR: D1 3, D3 40 (ended by its loss) → 21.5 days.
    expect(m.prospecting?.completedVisits).toBe(2);
    expect(m.prospecting?.meanDays).toBeCloseTo(21.5, 9);
    // Q: D1 5, D2 10 and, after its move back, 5 → 20 / 3 days.
    expect(m.qualification?.completedVisits).toBe(3);
    expect(m.qualification?.meanDays).toBeCloseTo(20 / 3, 9);
    // IC: D1 10, D2 10 and 5, D4 20 (12-20 → lost 01-09) and 10 (reopened 01-19 → 01-29) → 11.
    expect(m.initial_contact?.completedVisits).toBe(5);
    expect(m.initial_contact?.meanDays).toBeCloseTo(11, 9);
    // P: D1 10, D2 5 and 14, D4 20 → 49 / 4 = 12.25 days. N: D1 10 days.
    expect(m.proposal?.meanDays).toBeCloseTo(12.25, 9);
    expect(m.negotiation?.meanDays).toBeCloseTo(10, 9);
    // Open now (04-10 12:00): D5 in PR since 02-05 10:00 (64 d 2 h), D8 in Q since 02-25 10:00
    // (44 d 2 h).
    expect(m.prospecting?.openDeals).toBe(1);
    expect(m.prospecting?.meanCurrentAgeDays).toBeCloseTo(64 + 2 * HOUR, 9);
    expect(m.qualification?.meanCurrentAgeDays).toBeCloseTo(44 + 2 * HOUR, 9);
    expect(m.proposal?.openDeals).toBe(0);
    expect(m.proposal?.meanCurrentAgeDays).toBeNull();
    expect(Object.keys(m)).not.toContain('follow_up');
  });

  it('follows each stage’s entrants, counting a deal once per stage through moves back', async () => {
    const m = byStage((await computeMetrics(ctx, Q1)).stageConversion);
    const counts = (key: string) => {
      const row = m[key];
      return row && [row.entered, row.advanced, row.stillOpen];
    };
    // LG: D1 D2 D3 D5 D7 D8 D9 entered, all went further.
    expect(counts('lead_generation')).toEqual([7, 7, 0]);
    // PR: D1 went on, D3 was lost there, D5 is still there.
    expect(counts('prospecting')).toEqual([3, 1, 1]);
    expect(m.prospecting?.rate).toBeCloseTo(1 / 3, 12);
    // Q: D1 and D2 (entered twice, counted once) went on; D8 is still there.
    expect(counts('qualification')).toEqual([3, 2, 1]);
    // IC: D1, D2 (twice, once), D4 (reopened into it) and D7 (won after the period) went on.
    expect(counts('initial_contact')).toEqual([4, 4, 0]);
    // P: D1 and D2 (back to Q, then on to a win) advanced; D4 was lost there.
    expect(counts('proposal')).toEqual([3, 2, 0]);
    expect(m.proposal?.rate).toBeCloseTo(2 / 3, 12);
    expect(counts('negotiation')).toEqual([1, 1, 0]);
  });

  it('builds the funnel from the deals opened in the period, skipped stages included', async () => {
    const m = await computeMetrics(ctx, Q1);
    // Opened in Q1: D1 D2 D3 D5 D7 D8 D9 (D4 opened in December). Furthest positions:
    // D1 7, D2 7, D3 2, D5 2, D7 7 (it skipped PR, Q, P and N), D8 3, D9 7.
    expect(m.funnel.map((f) => f.reached)).toEqual([7, 7, 5, 4, 4, 4, 4]);
    expect(m.funnel.map((f) => f.stepRate)).toEqual([null, 1, 5 / 7, 4 / 5, 1, 1, 1]);
    expect(m.funnel[6]?.rateFromTop).toBeCloseTo(4 / 7, 12);
  });

  it('counts qualified leads per month, with a month of none, and MQL → SQL', async () => {
    const m = await computeMetrics(ctx, Q1);
    // First reach of IC or beyond (a win is beyond): D4 in December (the month before), D1 and
    // D2 in January (D2's second entry in February does not count), none in February, D7 and
    // D9 (won straight from LG) in March.
    expect(m.leadVelocityRate).toEqual([
      { month: '2026-01', qualified: 2, rate: 100 }, // (2 − 1) / 1
      { month: '2026-02', qualified: 0, rate: -100 }, // (0 − 2) / 2
      { month: '2026-03', qualified: 2, rate: null }, // last month had none
    ]);
    // MQL stage: qualification, the stage before initial_contact. First reached Q or beyond in
    // Q1: D1, D2, D8, D7 (straight to IC), D9 (won); D4 was there in December. All but D8
    // reached IC or beyond.
    expect(m.mqlToSql).toEqual({
      mqlStage: 'qualification',
      sqlStage: 'initial_contact',
      mqls: 5,
      sqls: 4,
      rate: 0.8,
    });
  });

  it('breaks losses down by reason and stage, from each deal’s last loss', async () => {
    const m = await computeMetrics(ctx, Q1);
    expect(m.lostByReason.map((r) => [r.labelEn, r.count])).toEqual([
      ['Chose a competitor', 1],
      ['Price', 1],
    ]);
    expect(m.lostByStage.map((r) => [r.stage, r.count])).toEqual([
      ['prospecting', 1],
      ['proposal', 1],
    ]);
  });

  it('derives sales velocity and ranks owners', async () => {
    const m = await computeMetrics(ctx, Q1);
    // 2 open deals (D5, D8) × 5,666.67 × 0.6 / (94 / 3) days = 680,000.4 × 3 / 94 = 21,702.14…
    expect(m.salesVelocity).toEqual({ perDay: { minor: 21_702, currency: 'USD' }, openDeals: 2 });
    expect(
      m.leaderboard.map((o) => [
        o.ownerName,
        o.wonCount,
        o.lostCount,
        o.wonAmount.minor,
        o.winRate,
      ]),
    ).toEqual([
      ['alice', 1, 1, 1_000_000, 0.5],
      ['bob', 1, 1, 600_000, 0.5], // 5,000.00 EUR × 1.20
      ['admin', 1, 0, 100_000, 1],
    ]);
  });

  it('filters by owner, team and source', async () => {
    const alice = await computeMetrics(ctx, { ...Q1, ownerId: users.alice });
    expect([alice.wonCount, alice.lostCount, alice.wonAmount.minor]).toEqual([1, 1, 1_000_000]);
    const south = await computeMetrics(ctx, { ...Q1, teamId: teams.South });
    // bob's D2 (won), D4 (lost); D7 reached IC in March.
    expect([south.wonCount, south.lostCount, south.wonAmount.minor]).toEqual([1, 1, 600_000]);
    expect(south.leadVelocityRate.map((m) => m.qualified)).toEqual([1, 0, 1]);
    const web = await computeMetrics(ctx, { ...Q1, source: 'web' });
    // D1 and D9 won, D3 lost; D5 has no source and is not an open web deal.
    expect([web.wonCount, web.lostCount, web.salesVelocity.openDeals]).toEqual([2, 1, 1]);
    const nobody = await computeMetrics(ctx, { ...Q1, ownerId: 'someone-who-left' });
    expect([nobody.wonCount, nobody.winRate, nobody.averageWonAmount]).toEqual([0, null, null]);
    // A team is a record of the workspace: one it does not have is a mistake, as in every view.
    await expect(computeMetrics(ctx, { ...Q1, teamId: 'no-such-team' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: ['teamId'], code: 'unknown_reference' }],
    });
  });

  it('reads the history as it stood at an earlier instant', async () => {
    // As of 2 March 00:00 Riyadh: D2's win (03-02 10:00) and D9's (03-04) have not happened, D7
    // does not exist, and the rates are those of 1 March (EUR 1.10).
    const m = await computeMetrics(ctx, { ...Q1, asOf: '2026-03-02' });
    expect(m.asOf).toBe('2026-03-01T21:00:00.000Z');
    expect([m.wonCount, m.lostCount]).toEqual([1, 2]);
    expect(m.winRate).toBeCloseTo(1 / 3, 12);
    expect(m.wonAmount.minor).toBe(1_000_000);
    // Open then: D2 in P since 02-16 10:00 (13 d 14 h), D5 in PR (24 d 14 h), D8 in Q
    // (4 d 14 h), D9 in LG since 03-01 10:00 (14 h).
    const stages = byStage(m.timeInStage);
    expect(m.salesVelocity.openDeals).toBe(4);
    expect(stages.proposal?.meanCurrentAgeDays).toBeCloseTo(13 + 14 * HOUR, 9);
    expect(stages.lead_generation?.meanCurrentAgeDays).toBeCloseTo(14 * HOUR, 9);
    // D2 had not advanced from P yet: it sits there, still open.
    expect(byStage(m.stageConversion).proposal).toMatchObject({
      entered: 3,
      advanced: 1,
      stillOpen: 1,
    });
    expect(m.leadVelocityRate.map((x) => x.qualified)).toEqual([2, 0, 0]);
  });

  it('gives the same answer "as of" a moment after the last row as without', async () => {
    const withCutoff = await computeMetrics(ctx, { ...Q1, asOf: '2026-04-10' });
    const without = await computeMetrics({ ...ctx, now: riyadh('2026-04-10T00:00') }, Q1);
    expect(withCutoff.asOf).toBe('2026-04-09T21:00:00.000Z');
    expect({ ...withCutoff, asOf: null }).toEqual(without);
  });

  it('refuses an unknown pipeline and a reversed period', async () => {
    await expect(computeMetrics(ctx, { ...Q1, pipelineId: newId() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      computeMetrics(ctx, { from: '2026-04-01', to: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
