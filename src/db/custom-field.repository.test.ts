/**
 * Filtering a list by a custom field reads the values' index, on both databases: the plans
 * docs/custom-fields.md shows, asserted.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { CustomFieldPredicate } from '../domain/custom-field-filters.js';
import { createWorkspace } from '../services/access/workspace.service.js';
import { createCustomField } from '../services/records/custom-field.service.js';
import type { Db } from './connection.js';
import { replaceCustomValues } from './custom-field.repository.js';
import { applyDealFilter, dealsByCustomValue } from './deal.repository.js';
import { dialectOf } from './dialect.js';
import { newId } from './id.js';
import { insertRowsInChunks } from './import.repository.js';
import { findDefaultPipeline, listStages } from './pipeline.repository.js';

const NOW = Date.parse('2026-03-01T09:00:00Z');
const VALUES = 5_000;

let database: TestDatabase;
let workspaceId: string;
let fields: { revenue: string; tier: string };

beforeEach(async () => {
  database = await createTestDatabase();
  const workspace = await createWorkspace(database.db, { name: 'Plans' }, NOW);
  workspaceId = workspace.id;
  const ctx = {
    db: database.db,
    now: NOW,
    actor: { workspaceId, userId: null, role: 'admin' as const },
  };
  const revenue = await createCustomField(ctx, {
    recordKind: 'deal',
    key: 'revenue',
    type: 'number',
    labelEn: 'Revenue',
    labelAr: 'الإيرادات',
  });
  const tier = await createCustomField(ctx, {
    recordKind: 'deal',
    key: 'tier',
    type: 'single_select',
    labelEn: 'Tier',
    labelAr: 'الفئة',
    options: [
      { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي' },
      { key: 'silver', labelEn: 'Silver', labelAr: 'فضي' },
    ],
  });
  fields = { revenue: revenue.id, tier: tier.id };
  // VALUES deals, each with a revenue (0, 1, 2…) and a tier (1% gold).
  const pipeline = await findDefaultPipeline(database.db, workspaceId);
  const [stage] = pipeline ? await listStages(database.db, workspaceId, pipeline.id) : [];
  if (!pipeline || !stage) throw new Error('no default pipeline');
  const ids = Array.from({ length: VALUES }, () => newId());
  await insertRowsInChunks(
    database.db,
    'deals',
    ids.map((id, i) => ({
      id,
      workspace_id: workspaceId,
      pipeline_id: pipeline.id,
      stage_id: stage.id,
      title: `Deal ${i}`,
      company_id: null,
      owner_id: null,
      amount_minor: null,
      currency: 'USD',
      amount_source: 'estimate',
      expected_close_date: null,
      probability_override: null,
      source: null,
      status: 'open',
      lost_reason_id: null,
      lost_note: null,
      opened_at: NOW - i,
      closed_at: null,
      stage_entered_at: NOW - i,
      last_activity_at: null,
      search_text: '',
      created_at: NOW - i,
      updated_at: NOW - i,
      deleted_at: null,
    })),
  );
  const writes = ids.flatMap((recordId, i) => [
    { recordId, fieldId: revenue.id, rows: [{ ordinal: 0, text: null, number: i }] },
    {
      recordId,
      fieldId: tier.id,
      rows: [{ ordinal: 0, text: i % 100 === 0 ? 'gold' : 'silver', number: null }],
    },
  ]);
  await replaceCustomValues(database.db, workspaceId, writes);
  // Planner statistics, as Qanat gathers them after a bulk import and when it opens a file.
  await sql`analyze`.execute(database.db);
});
afterEach(async () => {
  await database.close();
});

/** The database's plan of a query, as one text. */
async function planOf(db: Db, query: CompiledQuery): Promise<string> {
  const prefix = dialectOf(db) === 'postgres' ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + query.sql, [...query.parameters]),
  );
  return result.rows
    .map((row) => {
      const line = row.detail ?? row['QUERY PLAN'];
      return typeof line === 'string' ? line : JSON.stringify(row);
    })
    .join('\n');
}

function dealListFiltered(db: Db, predicate: CustomFieldPredicate) {
  return applyDealFilter(db.selectFrom('deals').selectAll('deals'), {
    workspaceId,
    customFields: [predicate],
  })
    .orderBy('deals.updated_at', 'desc')
    .orderBy('deals.id', 'desc')
    .limit(51)
    .compile();
}

describe('the plans of custom-field filters', () => {
  it('answers a number range from the (workspace, field, value_number) index', async () => {
    const plan = await planOf(
      database.db,
      dealListFiltered(database.db, {
        fieldId: fields.revenue,
        column: 'value_number',
        op: '>=',
        value: VALUES - 10,
        isNegated: false,
      }),
    );
    expect(plan).toMatch(/custom_field_values_number/);
    if (dialectOf(database.db) === 'sqlite') {
      expect(plan).toMatch(
        /SEARCH v USING COVERING INDEX custom_field_values_number \(workspace_id=\? AND field_id=\? AND value_number>\?\)/,
      );
    }
  });

  it('answers an option (and a text) from the (workspace, field, value_text) index', async () => {
    const plan = await planOf(
      database.db,
      dealListFiltered(database.db, {
        fieldId: fields.tier,
        column: 'value_text',
        op: '=',
        value: 'gold',
        isNegated: false,
      }),
    );
    expect(plan).toMatch(/custom_field_values_text/);
    if (dialectOf(database.db) === 'sqlite') {
      expect(plan).toMatch(
        /SEARCH v USING COVERING INDEX custom_field_values_text \(workspace_id=\? AND field_id=\? AND value_text=\?\)/,
      );
    }
  });

  it('walks the values’ index in order to sort a page, without sorting the whole list', async () => {
    const query = dealsByCustomValue(
      database.db,
      { workspaceId, sort: 'updatedAt', direction: 'desc', limit: 50 },
      { fieldId: fields.revenue, column: 'value_number' },
      [VALUES - 100, '0'],
      51,
    ).compile();
    const plan = await planOf(database.db, query);
    // The range starts at the cursor (value <= 4900, descending), it is not filtered from the top.
    if (dialectOf(database.db) === 'sqlite') {
      expect(plan).toMatch(
        /SEARCH v USING COVERING INDEX custom_field_values_number \(workspace_id=\? AND field_id=\? AND value_number<\?\)/,
      );
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(plan).toMatch(
        /Index Only Scan Backward using custom_field_values_number on custom_field_values v.*\n\s+Index Cond: \(.*value_number <= /,
      );
      expect(plan).not.toMatch(/Sort/);
    }
  });
});
