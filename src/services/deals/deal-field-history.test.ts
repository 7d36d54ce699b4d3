import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createHistoryWorld, type HistoryWorld } from '../../../test/history-fixtures.js';
import { findDeal, listFieldHistory } from '../../db/deal.repository.js';
import {
  type RecordedChange,
  replayChanges,
  TRACKED_DEAL_FIELDS,
  type TrackedDealValues,
  trackedValuesAsOf,
} from '../../domain/deal-field-history.js';
import { createDeal, updateDeal } from './deal.service.js';

const start = Date.parse('2026-03-01T09:00:00Z');

function trackedOf(row: Record<string, unknown>): TrackedDealValues {
  const values = Object.fromEntries(
    Object.values(TRACKED_DEAL_FIELDS).map((column) => [column, row[column] ?? null]),
  ) as Record<string, unknown>;
  for (const column of ['amount_minor', 'probability_override'] as const) {
    if (values[column] !== null) values[column] = Number(values[column]);
  }
  return values as TrackedDealValues;
}

/** One edit a person might make: any subset of the tracked fields. */
const editArb = (ownerIds: string[]) =>
  fc.record(
    {
      amountMinor: fc.option(fc.integer({ min: 0, max: 10_000_000_00 }), { nil: null }),
      currency: fc.constantFrom('USD', 'SAR', 'EUR'),
      amountSource: fc.constantFrom('estimate', 'quoted', 'signed'),
      expectedCloseDate: fc.option(
        fc
          .integer({ min: 0, max: 400 })
          .map((d) =>
            new Date(Date.parse('2026-01-01') + d * 86_400_000).toISOString().slice(0, 10),
          ),
        { nil: null },
      ),
      ownerId: fc.constantFrom(...ownerIds),
      probabilityOverride: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    },
    { requiredKeys: [] },
  );

describe('replaying a deal’s field history', () => {
  let database: TestDatabase;
  let world: HistoryWorld;
  let owners: string[];
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await createHistoryWorld(database);
    owners = [world.adminId, await world.addMember('rep'), await world.addMember('manager')];
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives back the current row, and every past row as of its instant', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 2, max: 5 * 86_400_000 }), editArb(owners)), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          let now = start;
          let deal = await createDeal(world.contextAt(now), {
            title: 'Replayed',
            amountMinor: 1_000_00,
            currency: 'USD',
          });
          const snapshots: { at: number; values: TrackedDealValues }[] = [];
          const read = async () =>
            trackedOf((await findDeal(database.db, world.workspaceId, deal.id)) as never);
          const first = await read();
          snapshots.push({ at: now, values: first });
          for (const [gap, edit] of edits) {
            now += gap;
            deal = await updateDeal(world.contextAt(now), deal.id, deal.version, edit);
            snapshots.push({ at: now, values: await read() });
          }
          const current = await read();
          const changes: RecordedChange[] = (
            await listFieldHistory(database.db, world.workspaceId, deal.id)
          ).map((r) => ({ field: r.field, from: r.from_value, to: r.to_value, at: Number(r.at) }));

          // As of now is now; replaying forward from the first row is the current row.
          expect(trackedValuesAsOf(current, changes, now)).toEqual(current);
          expect(replayChanges(first, changes)).toEqual(current);
          // As of any instant between two edits is the row as it stood then.
          for (const snapshot of snapshots) {
            expect(trackedValuesAsOf(current, changes, snapshot.at)).toEqual(snapshot.values);
            expect(trackedValuesAsOf(current, changes, snapshot.at + 1)).toEqual(snapshot.values);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
