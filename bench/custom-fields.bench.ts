/**
 * The deal list filtered and sorted by custom fields, at scale.
 *   node --import tsx bench/custom-fields.bench.ts [--deals 100000] [--iterations 30]
 * Makes a fresh database (a SQLite file in a temporary folder, or DATABASE_URL=postgres://…,
 * which must be an empty database), writes N open deals with two custom fields — a number
 * (`revenue`, every deal) and a single select (`tier`: 1% gold, 19% silver, 80% bronze) — and
 * times `listDealViews` (the service behind GET /api/v1/deals, page of 50) with and without them.
 * Every 100th deal has an Arabic title (توريد أحمد …); "search everywhere" looks for it typed
 * without the hamza. Beside the service, the same page written as one raw SQL query: the ratio
 * is what the service's work around the query costs (views, related rows, ranking).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, parseDatabaseUrl } from '../src/db/connection.js';
import { replaceCustomValues, type ValueWrite } from '../src/db/custom-field.repository.js';
import { newId } from '../src/db/id.js';
import { insertRowsInChunks } from '../src/db/import.repository.js';
import { optimizeDatabase } from '../src/db/maintenance.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import type { DealTable } from '../src/db/schema.js';
import type { CustomFieldCondition } from '../src/domain/custom-field-filters.js';
import { sql } from 'kysely';
import { buildSearchText } from '../src/domain/search-text.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import { searchEverywhere } from '../src/services/search/search.service.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { type DealViewQuery, listDealViews } from '../src/services/deals/deal.service.js';
import { getBoard } from '../src/services/pipeline/board.service.js';
import { createCustomField } from '../src/services/records/custom-field.service.js';
import { parseCount } from './bench-dataset.js';
import { summarize } from './timing.js';
import type { Insertable } from 'kysely';

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '30' },
  },
});
const deals = parseCount(values.deals, '--deals');
const iterations = parseCount(values.iterations, '--iterations');
const NOW = Date.parse('2026-11-01T09:00:00Z');

const dir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'qanat-cf-bench-'));
const db = connect(
  process.env.DATABASE_URL
    ? parseDatabaseUrl(process.env.DATABASE_URL)
    : { kind: 'sqlite', file: join(dir ?? '', 'bench.sqlite') },
);
await migrateToLatest(db);
const workspace = await createWorkspace(db, { name: 'Custom fields bench' }, NOW);
const ctx: ServiceContext = {
  db,
  now: NOW,
  actor: { workspaceId: workspace.id, userId: null, role: 'admin' },
};
const pipeline = await findDefaultPipeline(db, workspace.id);
const stages = pipeline ? await listStages(db, workspace.id, pipeline.id) : [];
const open = stages.filter((s) => s.kind === 'open');
if (!pipeline || open.length === 0) throw new Error('no default pipeline');

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
  options: ['gold', 'silver', 'bronze'].map((key) => ({ key, labelEn: key, labelAr: key })),
});

console.log(`Writing ${deals.toLocaleString('en')} deals and their custom-field values…`);
const started = performance.now();
let seed = 1;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
for (let from = 0; from < deals; from += 10_000) {
  const rows: Insertable<DealTable>[] = [];
  const writes: ValueWrite[] = [];
  for (let i = from; i < Math.min(deals, from + 10_000); i += 1) {
    const id = newId();
    const at = NOW - Math.floor(random() * 400 * 86_400_000);
    rows.push({
      id,
      workspace_id: workspace.id,
      pipeline_id: pipeline.id,
      stage_id: open[i % open.length]?.id ?? '',
      title: i % 100 === 0 ? `توريد أحمد ${i}` : `Deal ${i}`,
      company_id: null,
      owner_id: null,
      amount_minor: Math.floor(random() * 5_000_000),
      currency: 'USD',
      amount_source: 'estimate',
      expected_close_date: null,
      probability_override: null,
      source: null,
      status: 'open',
      lost_reason_id: null,
      lost_note: null,
      opened_at: at,
      closed_at: null,
      stage_entered_at: at,
      last_activity_at: null,
      search_text: buildSearchText(i % 100 === 0 ? `توريد أحمد ${i}` : `Deal ${i}`),
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
    const draw = random();
    writes.push(
      { recordId: id, fieldId: revenue.id, rows: [{ ordinal: 0, text: null, number: i }] },
      {
        recordId: id,
        fieldId: tier.id,
        rows: [
          {
            ordinal: 0,
            text: draw < 0.01 ? 'gold' : draw < 0.2 ? 'silver' : 'bronze',
            number: null,
          },
        ],
      },
    );
  }
  await insertRowsInChunks(db, 'deals', rows);
  await replaceCustomValues(db, workspace.id, writes);
}
await optimizeDatabase(db);
console.log(`  ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

const cf = (param: string, value: string): CustomFieldCondition => {
  const [key = '', op = 'eq'] = param.split('.');
  return { path: [`cf.${param}`], key, op: op as CustomFieldCondition['op'], value };
};
const base: DealViewQuery = { sort: 'updatedAt', direction: 'desc', limit: 50 };
const cases: [string, () => Promise<unknown>][] = [
  ['no custom field (baseline)', () => listDealViews(ctx, base)],
  [
    'cf.tier=gold (1%)',
    () => listDealViews(ctx, { ...base, customFieldFilters: [cf('tier', 'gold')] }),
  ],
  [
    'cf.tier=silver (19%)',
    () => listDealViews(ctx, { ...base, customFieldFilters: [cf('tier', 'silver')] }),
  ],
  [
    `cf.revenue.gte=${deals - 500} (500 deals)`,
    () =>
      listDealViews(ctx, { ...base, customFieldFilters: [cf('revenue.gte', String(deals - 500))] }),
  ],
  ['sort=cf.revenue (every deal)', () => listDealViews(ctx, { ...base, sort: 'cf.revenue' })],
  [
    'sort=cf.revenue & cf.tier=gold',
    () =>
      listDealViews(ctx, { ...base, sort: 'cf.revenue', customFieldFilters: [cf('tier', 'gold')] }),
  ],
  ['board, no filter', () => getBoard(ctx, { cardsPerStage: 25 })],
  [
    'board, cf.tier=gold',
    () => getBoard(ctx, { cardsPerStage: 25, customFieldFilters: [cf('tier', 'gold')] }),
  ],
];

/** The same pages as one query each, written by hand: what the service is measured against. */
const ws = workspace.id;
const dialect = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const pageOfValue = (fieldId: string, predicate: ReturnType<typeof sql>) =>
  sql`select d.* from deals d
    where d.workspace_id = ${ws} and d.deleted_at is null and exists (
      select 1 from custom_field_values v
      where v.workspace_id = d.workspace_id and v.field_id = ${fieldId}
        and v.record_id = d.id and ${predicate})
    order by d.updated_at desc, d.id desc limit 50`.execute(db);
const raw: Record<string, () => Promise<unknown>> = {
  'no custom field (baseline)': () =>
    sql`select * from deals where workspace_id = ${ws} and deleted_at is null
      order by updated_at desc, id desc limit 50`.execute(db),
  'cf.tier=gold (1%)': () => pageOfValue(tier.id, sql`v.value_text = 'gold'`),
  'cf.tier=silver (19%)': () => pageOfValue(tier.id, sql`v.value_text = 'silver'`),
  [`cf.revenue.gte=${deals - 500} (500 deals)`]: () =>
    pageOfValue(revenue.id, sql`v.value_number >= ${deals - 500}`),
  'sort=cf.revenue (every deal)': () =>
    sql`select d.* from custom_field_values v join deals d
        on d.workspace_id = v.workspace_id and d.id = v.record_id and d.deleted_at is null
      where v.workspace_id = ${ws} and v.field_id = ${revenue.id}
      order by v.value_number asc, d.id asc limit 50`.execute(db),
  'search "احمد" (deals, without hamza)': () =>
    sql`select id, title from deals where workspace_id = ${ws} and deleted_at is null
      and search_text like ${'%احمد%'} order by length(search_text), id limit 20`.execute(db),
};
cases.push([
  'search "احمد" (deals, without hamza)',
  () => searchEverywhere(ctx, { q: 'احمد', limit: 10 }),
]);

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i += 1) await run();
  const durations: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const at = performance.now();
    await run();
    durations.push(performance.now() - at);
  }
  return summarize(durations);
}

console.log(
  `| case (${deals.toLocaleString('en')} deals, ${dialect}) | median ms | p95 ms | raw SQL median ms | ratio |`,
);
console.log('|:--|--:|--:|--:|--:|');
for (const [name, run] of cases) {
  const stats = await time(run);
  const baseline = raw[name];
  const rawStats = baseline ? await time(baseline) : null;
  const ratio = rawStats ? (stats.medianMs / Math.max(rawStats.medianMs, 0.01)).toFixed(2) : '';
  console.log(
    `| ${name} | ${stats.medianMs.toFixed(1)} | ${stats.p95Ms.toFixed(1)} | ${rawStats ? rawStats.medianMs.toFixed(1) : '—'} | ${ratio}${ratio ? '×' : ''} |`,
  );
}
const plan = await sql<Record<string, unknown>>`${sql.raw(
  dialect === 'sqlite' ? 'explain query plan' : 'explain',
)} select d.id from deals d where d.workspace_id = ${ws} and d.deleted_at is null and exists (
    select 1 from custom_field_values v where v.workspace_id = d.workspace_id
      and v.field_id = ${tier.id} and v.record_id = d.id and v.value_text = 'gold')
  order by d.updated_at desc, d.id desc limit 50`.execute(db);
console.log('\nPlan of the raw cf.tier=gold query:');
for (const row of plan.rows) {
  const line = row.detail ?? row['QUERY PLAN'];
  console.log(`  ${typeof line === 'string' ? line : JSON.stringify(row)}`);
}
await db.destroy();
if (dir) rmSync(dir, { recursive: true, force: true });
