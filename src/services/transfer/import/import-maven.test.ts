/**
 * The Maven Analytics CRM sample (examples/maven-crm), imported as docs/import.md walks through
 * it: every one of its 8,800 opportunities arrives, with its history, and its quirks are
 * reported, not hidden.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportWorkspace, type ImportWorkspace } from '../../../../test/import-fixtures.js';
import { computeMetrics } from '../../analytics/metrics.service.js';
import { listCompanyViews } from '../../records/company.service.js';
import { importMappingPlan, type PlanReport } from './import-plan.service.js';

const MAPPING = fileURLToPath(
  new URL('../../../../examples/maven-crm/mapping.json', import.meta.url),
);

function opportunityIds(): string[] {
  const text = readFileSync(
    new URL('../../../../examples/maven-crm/sales_pipeline.csv', import.meta.url),
    'utf8',
  );
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0] ?? '');
}

let ws: ImportWorkspace;
let plan: PlanReport;
beforeAll(async () => {
  ws = await createImportWorkspace();
  plan = await importMappingPlan(ws.context(), MAPPING);
}, 120_000);
afterAll(async () => {
  await ws.close();
});

function fileReport(kind: string) {
  const report = plan.files.find((f) => f.kind === kind);
  if (!report) throw new Error(`no ${kind} report`);
  return report;
}

describe('the Maven CRM sample', () => {
  it('imports every file, rejecting nothing', () => {
    expect(plan.committed).toBe(true);
    expect(plan.files.map((f) => [f.kind, f.rows.total, f.rows.created, f.rows.rejected])).toEqual([
      ['users', 35, 35, 0],
      ['companies', 85, 85, 0],
      ['products', 7, 7, 0],
      ['deals', 8_800, 8_800, 0],
    ]);
  });

  it('loses no opportunity: each of the 8,800 ids is a deal', async () => {
    const ids = opportunityIds();
    expect(ids).toHaveLength(8_800);
    const refs = await ws.db
      .selectFrom('external_refs')
      .innerJoin('deals', 'deals.id', 'external_refs.record_id')
      .select('external_refs.external_id')
      .where('external_refs.kind', '=', 'deal')
      .where('external_refs.source', '=', 'maven-crm')
      .execute();
    expect(new Set(refs.map((r) => r.external_id))).toEqual(new Set(ids));
    const byStatus = await ws.db
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select(['deals.status', 'stages.key', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['deals.status', 'stages.key'])
      .orderBy('deals.status')
      .orderBy('stages.key')
      .execute();
    expect(byStatus.map((r) => [r.status, r.key, Number(r.n)])).toEqual([
      ['lost', 'proposal', 2_473],
      ['open', 'proposal', 1_589],
      ['open', 'prospecting', 500],
      ['won', 'follow_up', 4_238],
    ]);
  });

  it('records each closed deal’s history from its engage date to its close date', async () => {
    const [row] = (
      await sql<{ won: number; rows: number }>`
        select count(distinct deal_id) as won, count(*) as rows from stage_history
        where deal_id in (select id from deals where status = 'won')`.execute(ws.db)
    ).rows;
    expect({ won: Number(row?.won), rows: Number(row?.rows) }).toEqual({ won: 4_238, rows: 8_476 });
    const first = await ws.db
      .selectFrom('deals')
      .innerJoin('external_refs', 'external_refs.record_id', 'deals.id')
      .innerJoin('users', 'users.id', 'deals.owner_id')
      .innerJoin('companies', 'companies.id', 'deals.company_id')
      .select([
        'deals.title',
        'deals.amount_minor',
        'deals.opened_at',
        'deals.closed_at',
        'users.name',
        'companies.name as company',
      ])
      .where('external_refs.external_id', '=', '1C1I7A6R')
      .executeTakeFirstOrThrow();
    expect(first).toEqual({
      title: 'GTX Plus Basic – Cancity',
      amount_minor: 105_400,
      opened_at: Date.parse('2016-10-20T00:00:00+03:00'),
      closed_at: Date.parse('2017-03-01T00:00:00+03:00'),
      name: 'Moses Frase',
      company: 'Cancity',
    });
  });

  it('puts agents under their managers’ teams and accounts with sector and size', async () => {
    expect(fileReport('users').alsoCreated).toEqual({ managers: 6, teams: 6 });
    const team = await ws.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('teams', 'teams.id', 'memberships.team_id')
      .innerJoin('users as manager', 'manager.id', 'teams.manager_user_id')
      .select(['memberships.role', 'teams.name', 'manager.name as manager'])
      .where('users.name', '=', 'Moses Frase')
      .executeTakeFirstOrThrow();
    expect(team).toEqual({
      role: 'rep',
      name: 'Central – Dustin Brinkmann',
      manager: 'Dustin Brinkmann',
    });
    const acme = await ws.db
      .selectFrom('companies')
      .select(['sector', 'size', 'country'])
      .where('name', '=', 'Acme Corporation')
      .executeTakeFirstOrThrow();
    expect(acme).toEqual({ sector: 'technology', size: '1000+', country: 'US' });
    const prices = await ws.db
      .selectFrom('products')
      .select(['name', 'list_price_minor'])
      .orderBy('name')
      .execute();
    expect(prices).toContainEqual({ name: 'GTX Pro', list_price_minor: 482_100 });
  });

  it('keeps each account’s revenue and year established in custom fields', async () => {
    const companies = fileReport('companies');
    expect(companies.alsoCreated).toEqual({ 'custom fields': 2 });
    expect(companies.columns).toEqual(
      expect.arrayContaining([
        { column: 'revenue', field: 'customFields.revenue', how: 'mapping' },
        { column: 'year_established', field: 'customFields.year_established', how: 'mapping' },
        { column: 'subsidiary_of', field: null, how: 'mapping' },
      ]),
    );
    expect(companies.customFields).toEqual([
      { key: 'revenue', column: 'revenue', values: 85 },
      { key: 'year_established', column: 'year_established', values: 85 },
    ]);
    const ctx = ws.context();
    const acme = (await listCompanyViews(ctx, { sort: 'name', direction: 'asc', limit: 1 }))
      .items[0];
    expect(acme).toMatchObject({
      name: 'Acme Corporation',
      customFields: { revenue: 1100.04, year_established: 1996 },
    });
    // Every account has both, and they filter and sort the company list.
    const old = await listCompanyViews(ctx, {
      sort: 'cf.year_established',
      direction: 'asc',
      limit: 500,
      customFieldFilters: [
        { path: ['cf.year_established.lte'], key: 'year_established', op: 'lte', value: '1980' },
      ],
    });
    const years = old.items.map((c) => c.customFields.year_established as number);
    expect(years.length).toBeGreaterThan(0);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(Math.max(...years)).toBeLessThanOrEqual(1980);
    const values = await ws.db
      .selectFrom('custom_field_values')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(values.n)).toBe(170);
  });

  it('reports the sample’s quirks', () => {
    const deals = fileReport('deals');
    const warnings = Object.fromEntries(deals.warnings.map((w) => [w.code, w.count]));
    expect(warnings).toEqual({
      amount_from_products: 2_089,
      no_company: 1_425,
      lost_without_reason: 2_473,
      opened_at_import: 500,
    });
    expect(deals.valueMaps).toContainEqual({
      field: 'product',
      from: 'GTXPro',
      to: 'GTX Pro',
      count: 1_480,
    });
    expect(fileReport('companies').valueMaps).toEqual([
      { field: 'sector', from: 'technolgy', to: 'technology', count: 12 },
      { field: 'country', from: 'Philipines', to: 'Philippines', count: 1 },
    ]);
    expect(deals.valueCheck).toMatchObject({ tolerance: 0.2, checked: 4_238, flagged: 172 });
  });

  it('gives the win rate, cycle length and won revenue of the original data', async () => {
    const metrics = await computeMetrics(ws.context(), { from: '2016-01-01', to: '2018-01-01' });
    expect(metrics.wonCount).toBe(4_238);
    expect(metrics.lostCount).toBe(2_473);
    expect(metrics.winRate).toBeCloseTo(4_238 / 6_711, 10);
    expect(metrics.wonAmount).toEqual({ minor: 1_000_553_400, currency: 'USD' });
    expect(metrics.salesCycleDays.mean).toBeCloseTo(51.78, 2);
    expect(metrics.salesCycleDays.median).toBe(57);
  });
});

describe('the Maven CRM sample without its value maps', () => {
  it('rejects GTXPro with a suggestion instead of merging it silently', async () => {
    const mapping = JSON.parse(readFileSync(MAPPING, 'utf8')) as {
      files: { file: string; values?: Record<string, unknown> }[];
    };
    for (const entry of mapping.files) {
      entry.file = fileURLToPath(
        new URL(`../../../../examples/maven-crm/${entry.file}`, import.meta.url),
      );
      // Keep the stage names (a choice, not a correction); drop the corrections.
      entry.values = entry.values?.stage ? { stage: entry.values.stage } : {};
    }
    const other = await createImportWorkspace();
    try {
      const report = await importMappingPlan(
        other.context(),
        other.write('mapping.json', JSON.stringify(mapping)),
        { dryRun: true },
      );
      const deals = report.files.find((f) => f.kind === 'deals');
      const companies = report.files.find((f) => f.kind === 'companies');
      expect(companies?.suggestions).toContainEqual(
        expect.objectContaining({ value: 'technolgy', similarTo: 'technology' }),
      );
      expect(companies?.suggestions).toContainEqual(
        expect.objectContaining({ value: 'Philipines', similarTo: 'Philippines' }),
      );
      expect(deals?.rows.rejected).toBe(1_480);
      expect(deals?.rejections[0]).toMatchObject({
        column: 'product',
        value: 'GTXPro',
        reason: expect.stringMatching(/did you mean "GTX Pro"/),
      });
      expect(deals?.suggestions).toEqual([
        expect.objectContaining({ value: 'GTXPro', similarTo: 'GTX Pro' }),
      ]);
    } finally {
      await other.close();
    }
  });
});
