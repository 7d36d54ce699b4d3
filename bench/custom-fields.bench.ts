/**
 * The deal list filtered and sorted by custom fields, at scale.
 *   node --import tsx bench/custom-fields.bench.ts [--deals 100000] [--iterations 30]
 * Makes a fresh database (a SQLite file in a temporary folder, or DATABASE_URL=postgres://…,
 * which must be an empty database), writes N open deals with two custom fields — a number
 * (`revenue`, every deal) and a single select (`tier`: 1% gold, 19% silver, 80% bronze) — and
 * times `listDealViews` (the service behind GET /api/v1/deals, page of 50) with and without them.
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
import { createWorkspace } from '../src/services/access/workspace.service.js';
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
      title: `Deal ${i}`,
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
      search_text: `deal ${i}`,
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

console.log(`| case (${deals.toLocaleString('en')} deals) | median ms | p95 ms |`);
console.log('|:--|--:|--:|');
for (const [name, run] of cases) {
  for (let i = 0; i < 3; i += 1) await run();
  const durations: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const at = performance.now();
    await run();
    durations.push(performance.now() - at);
  }
  const stats = summarize(durations);
  console.log(`| ${name} | ${stats.medianMs.toFixed(1)} | ${stats.p95Ms.toFixed(1)} |`);
}
await db.destroy();
if (dir) rmSync(dir, { recursive: true, force: true });
