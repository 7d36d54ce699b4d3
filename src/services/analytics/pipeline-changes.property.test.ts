/**
 * The waterfall adds up to the board, whatever the history: over histories played through the
 * real services, the open pipeline at the start and at the end of any window are the as-of
 * board's totals of its open columns then, per stage too; in one currency the steps take the
 * start to the end to the unit with no exchange-rate remainder; and every group's waterfall adds
 * up to the whole.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, setRate } from '../../../test/history-fixtures.js';
import { dealPlan, NOW, playThroughServices, START } from '../../../test/service-histories.js';
import { getBoard } from '../pipeline/board.service.js';
import { getPipelineChanges } from './pipeline-changes.service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const iso = (ms: number) => new Date(ms).toISOString();
type Changes = Awaited<ReturnType<typeof getPipelineChanges>>;

const stepsSum = (w: Changes['total']) => w.steps.reduce((sum, s) => sum + s.amount.minor, 0);

describe('pipeline changes over service-made histories', () => {
  it('start and end are the as-of board’s open totals; the steps add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dealPlan, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        fc.constantFrom(undefined, '2026-Q1', '2026-Q2'),
        async (plans, a, b, oneCurrency, period) => {
          const world = await createHistoryWorld(database);
          await setRate(world, 'SAR', '2025-01-01', '0.2666');
          await setRate(world, 'SAR', '2026-01-01', '0.2700');
          const played = oneCurrency
            ? plans.map((p) => ({
                ...p,
                currency: 'USD' as const,
                actions: p.actions.map((x) => ({
                  ...x,
                  edit: { ...x.edit, currency: 'USD' as const },
                })),
              }))
            : plans;
          await playThroughServices(world, played);
          const ctx = world.contextAt(NOW);
          const span = NOW - START;
          const fromMs = START + Math.floor((span * Math.min(a, a + b - 1)) / 2000);
          const toMs = Math.min(NOW, fromMs + Math.max(1, Math.floor((span * b) / 1000)));

          const openTotals = async (at: number) => {
            const board = await getBoard(ctx, { cardsPerStage: 1, asOf: iso(at) });
            const open = board.columns.filter((c) => c.stage.kind === 'open');
            return {
              count: open.reduce((s, c) => s + c.count, 0),
              minor: open.reduce((s, c) => s + c.total.minor, 0),
              byStage: new Map(open.map((c) => [c.stage.id, c.total.minor])),
            };
          };
          const [startBoard, endBoard] = [await openTotals(fromMs), await openTotals(toMs)];
          const changes = await getPipelineChanges(ctx, {
            from: iso(fromMs),
            to: iso(toMs),
            groupBy: 'stage',
            dealsPerStep: 1000,
          });
          const { total } = changes;
          const inPeriod = await getPipelineChanges(ctx, {
            from: iso(fromMs),
            to: iso(toMs),
            period: period ?? '2026-Q1',
            groupBy: 'owner',
            dealsPerStep: 1000,
          });
          // Within a period of close dates: still exact, and never more than the whole.
          for (const w of [inPeriod.total, ...inPeriod.groups]) {
            expect(w.start.amount.minor + stepsSum(w)).toBe(w.end.amount.minor);
            if (oneCurrency) expect(w.steps.map((s) => s.kind)).not.toContain('exchangeRates');
          }
          expect(inPeriod.total.end.count).toBeLessThanOrEqual(total.end.count);
          // Grouped by owner, the whole still sums as the board does.
          const byOwner = await getPipelineChanges(ctx, {
            from: iso(fromMs),
            to: iso(toMs),
            groupBy: 'owner',
            dealsPerStep: 0,
          });
          expect(byOwner.total.start).toEqual(total.start);
          expect(byOwner.total.end).toEqual(total.end);
          expect(total.start).toEqual({
            count: startBoard.count,
            amount: { minor: startBoard.minor, currency: 'USD' },
          });
          expect(total.end).toEqual({
            count: endBoard.count,
            amount: { minor: endBoard.minor, currency: 'USD' },
          });
          expect(total.start.amount.minor + stepsSum(total)).toBe(total.end.amount.minor);
          if (oneCurrency) {
            expect(total.steps.map((s) => s.kind)).not.toContain('exchangeRates');
          }
          // Each stage's waterfall starts and ends at the board's column, and they add up.
          for (const group of changes.groups) {
            expect(group.start.amount.minor).toBe(startBoard.byStage.get(group.key) ?? 0);
            expect(group.end.amount.minor).toBe(endBoard.byStage.get(group.key) ?? 0);
            expect(group.start.amount.minor + stepsSum(group)).toBe(group.end.amount.minor);
          }
          expect(changes.groups.reduce((s, g) => s + g.end.count, 0)).toBe(total.end.count);
          // Every step lists each of its deals once, and its total is theirs (one currency).
          for (const step of total.steps) {
            expect(new Set(step.deals.map((d) => d.dealId)).size).toBe(step.count);
            if (oneCurrency) {
              expect(step.deals.reduce((s, d) => s + d.amount.minor, 0)).toBe(step.amount.minor);
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 180_000);
});
