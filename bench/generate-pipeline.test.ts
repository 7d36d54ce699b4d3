import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealRow } from '../src/db/schema.js';
import { replayChanges, trackedValuesAsOf } from '../src/domain/deal-field-history.js';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { BENCH_NOW } from './bench-dataset.js';
import { type GeneratedPipeline, generatePipelineData } from './generate-pipeline.js';

const DEALS = 300;

let database: TestDatabase;
let generated: GeneratedPipeline;
let deals: DealRow[];
let historyByDeal: Map<string, { to_stage_id: string; to_status: string; at: number }[]>;
type FieldRow = { field: string; from_value: string | null; to_value: string | null; at: number };
let fieldHistoryByDeal: Map<string, FieldRow[]>;
let wonStageId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  generated = await generatePipelineData(db, { deals: DEALS, seed: 7, now: BENCH_NOW });
  deals = await db
    .selectFrom('deals')
    .selectAll()
    .where('workspace_id', '=', generated.workspaceId)
    .execute();
  const history = await db
    .selectFrom('stage_history')
    .select(['deal_id', 'to_stage_id', 'to_status', 'at'])
    .where('workspace_id', '=', generated.workspaceId)
    .orderBy('deal_id')
    .orderBy('at')
    .orderBy('id')
    .execute();
  historyByDeal = new Map();
  for (const row of history) {
    const rows = historyByDeal.get(row.deal_id) ?? [];
    rows.push(row);
    historyByDeal.set(row.deal_id, rows);
  }
  const fieldHistory = await db
    .selectFrom('deal_field_history')
    .select(['deal_id', 'field', 'from_value', 'to_value', 'at'])
    .where('workspace_id', '=', generated.workspaceId)
    .orderBy('deal_id')
    .orderBy('at')
    .orderBy('id')
    .execute();
  fieldHistoryByDeal = new Map();
  for (const row of fieldHistory) {
    const rows = fieldHistoryByDeal.get(row.deal_id) ?? [];
    rows.push({ ...row, at: Number(row.at) });
    fieldHistoryByDeal.set(row.deal_id, rows);
  }
  const wonStage = await db
    .selectFrom('stages')
    .select('id')
    .where('pipeline_id', '=', generated.pipelineId)
    .where('kind', '=', 'won')
    .executeTakeFirstOrThrow();
  wonStageId = wonStage.id;
});

afterAll(async () => {
  await database.close();
});

function historyOf(deal: DealRow) {
  const rows = historyByDeal.get(deal.id) ?? [];
  const last = rows.at(-1);
  if (!last) throw new Error(`deal ${deal.id} has no history`);
  return { rows, last };
}

describe('generatePipelineData', () => {
  it('writes the requested deals with open, won and lost among them', () => {
    expect(deals).toHaveLength(DEALS);
    expect(generated.counts.deals).toBe(DEALS);
    expect(new Set(deals.map((d) => d.status))).toEqual(new Set(['open', 'won', 'lost']));
  });

  it('gives every deal a history whose last row is where the deal stands', () => {
    for (const deal of deals) {
      const { rows, last } = historyOf(deal);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(last.to_stage_id).toBe(deal.stage_id);
      expect(last.to_status).toBe(deal.status);
      expect(deal.stage_entered_at).toBe(last.at);
      // One version per stage step, per field change and for the deletion.
      const changes = fieldHistoryByDeal.get(deal.id) ?? [];
      expect(deal.version).toBe(rows.length + changes.length + (deal.deleted_at === null ? 0 : 1));
      expect(deal.updated_at).toBe(
        Math.max(last.at, changes.at(-1)?.at ?? 0, deal.deleted_at ?? 0),
      );
    }
  });

  it('keeps each deal history in non-decreasing time, opened at the first row, not after now', () => {
    for (const deal of deals) {
      const { rows } = historyOf(deal);
      expect(rows[0]?.at).toBe(deal.opened_at);
      for (let i = 1; i < rows.length; i += 1) {
        expect(rows[i]?.at).toBeGreaterThanOrEqual(rows[i - 1]?.at ?? Infinity);
      }
      expect(rows.at(-1)?.at).toBeLessThanOrEqual(BENCH_NOW);
    }
  });

  it('puts won deals in the won stage with a close date', () => {
    const won = deals.filter((d) => d.status === 'won');
    expect(won.length).toBeGreaterThan(0);
    for (const deal of won) {
      expect(deal.stage_id).toBe(wonStageId);
      expect(deal.closed_at).toBe(historyOf(deal).last.at);
      expect(deal.lost_reason_id).toBeNull();
    }
  });

  it('gives lost deals a reason from the list and a close date, and open deals neither', async () => {
    const reasons = await database.db
      .selectFrom('lost_reasons')
      .select('id')
      .where('workspace_id', '=', generated.workspaceId)
      .execute();
    const reasonIds = new Set(reasons.map((r) => r.id));
    for (const deal of deals) {
      if (deal.status === 'lost') {
        expect(reasonIds.has(deal.lost_reason_id ?? '')).toBe(true);
        expect(deal.closed_at).toBe(historyOf(deal).last.at);
      }
      if (deal.status === 'open') {
        expect(deal.closed_at).toBeNull();
        expect(deal.stage_id).not.toBe(wonStageId);
      }
    }
  });

  it('starts each history from no stage and records a reason on every backward move', async () => {
    const firsts = await database.db
      .selectFrom('stage_history as h')
      .innerJoin('stages as t', 't.id', 'h.to_stage_id')
      .leftJoin('stages as f', 'f.id', 'h.from_stage_id')
      .select([
        'h.deal_id',
        'h.from_stage_id',
        'h.reason',
        't.position as to',
        'f.position as from',
      ])
      .where('h.workspace_id', '=', generated.workspaceId)
      .execute();
    expect(firsts.filter((h) => h.from_stage_id === null)).toHaveLength(DEALS);
    for (const move of firsts) {
      if (move.from !== null && move.to < move.from) expect(move.reason).toBeTruthy();
    }
  });

  it('writes amount cuts and raises and close-date pushes for some deals', () => {
    const changes = [...fieldHistoryByDeal.values()].flat();
    expect(generated.counts.fieldHistoryRows).toBe(changes.length);
    const amounts = changes.filter((c) => c.field === 'amount');
    const dates = changes.filter((c) => c.field === 'expectedCloseDate');
    expect(new Set(changes.map((c) => c.field))).toEqual(new Set(['amount', 'expectedCloseDate']));
    expect(amounts.some((c) => Number(c.to_value) < Number(c.from_value))).toBe(true);
    expect(amounts.some((c) => Number(c.to_value) > Number(c.from_value))).toBe(true);
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect((date.to_value ?? '') > (date.from_value ?? '')).toBe(true);
    const dealsWithAmountChanges = deals.filter((d) =>
      (fieldHistoryByDeal.get(d.id) ?? []).some((c) => c.field === 'amount'),
    );
    const withAmount = deals.filter((d) => d.amount_minor !== null).length;
    expect(dealsWithAmountChanges.length / withAmount).toBeGreaterThan(0.15);
    expect(dealsWithAmountChanges.length / withAmount).toBeLessThan(0.45);
  });

  it('keeps each field history consistent with the deal: replaying it gives today’s values', () => {
    let replayed = 0;
    for (const deal of deals) {
      const changes = fieldHistoryByDeal.get(deal.id) ?? [];
      if (changes.length === 0) continue;
      for (const field of ['amount', 'expectedCloseDate']) {
        const own = changes.filter((c) => c.field === field);
        for (let i = 1; i < own.length; i += 1) {
          expect(own[i]?.from_value).toBe(own[i - 1]?.to_value);
        }
        for (const change of own) {
          expect(change.from_value).not.toBeNull();
          expect(change.from_value).not.toBe(change.to_value);
        }
      }
      for (const change of changes) {
        expect(change.at).toBeGreaterThan(deal.opened_at);
        expect(change.at).toBeLessThanOrEqual(deal.closed_at ?? deal.deleted_at ?? BENCH_NOW);
      }
      const recorded = changes.map((c) => ({
        field: c.field,
        from: c.from_value,
        to: c.to_value,
        at: c.at,
      }));
      // The deal's values before its first change, then every change replayed forward.
      const start = trackedValuesAsOf(deal, recorded, (changes[0]?.at ?? 0) - 1);
      const now = replayChanges(start, recorded);
      expect(now.amount_minor).toBe(deal.amount_minor);
      expect(now.expected_close_date).toBe(deal.expected_close_date);
      const firstAmount = changes.find((c) => c.field === 'amount');
      if (firstAmount) {
        expect(start.amount_minor).toBe(Number(firstAmount.from_value));
        replayed += 1;
      }
    }
    expect(replayed).toBeGreaterThan(0);
  });

  it('is reproducible: the same seed gives the same deals', async () => {
    const again = await createTestDatabase();
    try {
      const other = await generatePipelineData(again.db, { deals: 50, seed: 7, now: BENCH_NOW });
      const first = await generatePipelineData(database.db, {
        deals: 50,
        seed: 7,
        now: BENCH_NOW,
        workspaceName: 'Second copy',
      });
      const titles = async (db: TestDatabase['db'], workspaceId: string) =>
        (
          await db
            .selectFrom('deals')
            .select(['title', 'amount_minor', 'status', 'opened_at'])
            .where('workspace_id', '=', workspaceId)
            .orderBy('opened_at')
            .orderBy('title')
            .execute()
        ).map((d) => [d.title, d.amount_minor, d.status, d.opened_at]);
      expect(await titles(again.db, other.workspaceId)).toEqual(
        await titles(database.db, first.workspaceId),
      );
      const changes = async (db: TestDatabase['db'], workspaceId: string) =>
        (
          await db
            .selectFrom('deal_field_history')
            .select(['field', 'from_value', 'to_value', 'at'])
            .where('workspace_id', '=', workspaceId)
            .orderBy('at')
            .orderBy('field')
            .execute()
        ).map((c) => [c.field, c.from_value, c.to_value, Number(c.at)]);
      const otherChanges = await changes(again.db, other.workspaceId);
      expect(otherChanges.length).toBeGreaterThan(0);
      expect(otherChanges).toEqual(await changes(database.db, first.workspaceId));
    } finally {
      await again.close();
    }
  });
});
