/**
 * The deal list filtered and sorted by custom fields, and "search everywhere", at scale, against
 * the same queries written by hand.
 *   node --import tsx bench/custom-fields.bench.ts [--deals 100000] [--q احمد] [--iterations 30]
 *     [--warmup 3] [--seconds 20]
 * Makes a fresh database (a SQLite file in a temporary folder, or DATABASE_URL=postgres://…,
 * which must be an empty database) with the dataset of custom-fields-dataset.ts, then times each
 * case's service call — `listDealViews` (behind GET /api/v1/deals, a page of 50),
 * `searchEverywhere` (behind GET /api/v1/search, 20 hits), `getBoard` — against its baseline in
 * custom-fields-baselines.ts, interleaved, after checking both return the same rows in the same
 * order. Prints one table, and the plans of the custom-field filters.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { CompiledQuery } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { CustomFieldCondition } from '../src/domain/custom-field-filters.js';
import { normalizeSearchText } from '../src/domain/search-text.js';
import { type DealViewQuery, listDealViews } from '../src/services/deals/deal.service.js';
import { getBoard } from '../src/services/pipeline/board.service.js';
import { searchEverywhere } from '../src/services/search/search.service.js';
import { parseCount } from './bench-dataset.js';
import { assertSameIds, assertSameList } from './bench-checks.js';
import { printTable } from './bench-table.js';
import {
  explain,
  oneLine,
  type RawPageInput,
  rawDealPage,
  rawSearch,
  recordStatements,
} from './custom-fields-baselines.js';
import { createCustomFieldsDataset } from './custom-fields-dataset.js';
import { type TimingStats, timeOne, timePair } from './timing.js';

const PAGE = 50;
const SEARCH_LIMIT = 20; // GET /api/v1/search's default

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '100000' },
    q: { type: 'string', default: 'احمد' },
    iterations: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
  },
});
const deals = parseCount(values.deals, '--deals');
const iterations = parseCount(values.iterations, '--iterations');
const timing = {
  iterations,
  warmup: parseCount(values.warmup, '--warmup'),
  budgetMs: parseCount(values.seconds, '--seconds') * 1000,
  minIterations: Math.min(20, iterations),
};
const q = values.q;

const dataset = await createCustomFieldsDataset(deals);
const { db, ctx, workspaceId, fields } = dataset;
const loadAverage = loadavg()[0] ?? 0;

const cf = (param: string, value: string): CustomFieldCondition => {
  const [key = '', op = 'eq'] = param.split('.');
  return { path: [`cf.${param}`], key, op: op as CustomFieldCondition['op'], value };
};
const base: DealViewQuery = { sort: 'updatedAt', direction: 'desc', limit: PAGE };
const gold = { fieldId: fields.tier, column: 'value_text', op: '=', value: 'gold' } as const;
const silver = { ...gold, value: 'silver' } as const;
const revenueFrom = (min: number) =>
  ({ fieldId: fields.revenue, column: 'value_number', op: '>=', value: min }) as const;
// Deal i holds revenue i: the top 19% of them, and the top 500.
const wide = Math.round(deals * 0.81);
const narrow = Math.max(0, deals - 500);

interface BenchCase {
  name: string;
  service: (c: typeof ctx) => Promise<unknown>;
  /** The hand-written SQL, and how to check it returns what the service does (or none). */
  raw?: (on: Db) => Promise<unknown>;
  check?: () => Promise<void>;
  /** Print the plans of the service's custom-field statement and of the raw one. */
  explain?: boolean;
}

/** A deal-list case: the service with this query, the raw page with this input. */
function listCase(
  name: string,
  query: Partial<DealViewQuery>,
  raw: Omit<RawPageInput, 'workspaceId' | 'limit'>,
  isExplained = false,
): BenchCase {
  const input: RawPageInput = { workspaceId, limit: PAGE, ...raw };
  return {
    name,
    service: (c) => listDealViews(c, { ...base, ...query }),
    raw: (on) => rawDealPage(on, input),
    check: async () =>
      assertSameIds(await listDealViews(ctx, { ...base, ...query }), await rawDealPage(db, input)),
    explain: isExplained,
  };
}

const searchCase: BenchCase = {
  name: `(4) search everywhere q=${q}`,
  service: (c) => searchEverywhere(c, { q, limit: SEARCH_LIMIT }),
  raw: (on) => rawSearch(on, { workspaceId, q, limit: SEARCH_LIMIT }),
  check: async () => {
    const service = await searchEverywhere(ctx, { q, limit: SEARCH_LIMIT });
    const raw = await rawSearch(db, { workspaceId, q, limit: SEARCH_LIMIT });
    if (service.items.length === 0) throw new Error(`q=${q} finds nothing: no case to time`);
    assertSameList(
      'search hits',
      service.items.map((h) => JSON.stringify([h.kind, h.id, h.title, h.subtitle, h.activityKind])),
      raw.map((h) => JSON.stringify([h.kind, h.id, h.title, h.subtitle, h.activity_kind])),
    );
  },
};

const cases: BenchCase[] = [
  listCase(
    '(1) cf.tier=gold (1%)',
    { customFieldFilters: [cf('tier', 'gold')] },
    { filters: [gold] },
    true,
  ),
  listCase(
    `(2) cf.revenue.gte=${wide} (19%)`,
    { customFieldFilters: [cf('revenue.gte', String(wide))] },
    { filters: [revenueFrom(wide)] },
    true,
  ),
  listCase('(3) sort=cf.revenue, page 1', { sort: 'cf.revenue' }, { sortBy: fields.revenue }),
  searchCase,
  listCase('no custom field', {}, {}),
  listCase(
    'cf.tier=silver (19%)',
    { customFieldFilters: [cf('tier', 'silver')] },
    { filters: [silver] },
  ),
  listCase(
    `cf.revenue.gte=${narrow} (500 deals)`,
    { customFieldFilters: [cf('revenue.gte', String(narrow))] },
    { filters: [revenueFrom(narrow)] },
  ),
  listCase(
    'sort=cf.revenue & cf.tier=gold',
    { sort: 'cf.revenue', customFieldFilters: [cf('tier', 'gold')] },
    { sortBy: fields.revenue, filters: [gold] },
  ),
  { name: 'board, no filter', service: (c) => getBoard(c, { cardsPerStage: 25 }) },
  {
    name: 'board, cf.tier=gold',
    service: (c) => getBoard(c, { cardsPerStage: 25, customFieldFilters: [cf('tier', 'gold')] }),
  },
];

const results: { name: string; service: TimingStats; raw: TimingStats | null }[] = [];
const plans: { name: string; side: string; statement: CompiledQuery; plan: string[] }[] = [];
for (const benchCase of cases) {
  await benchCase.check?.();
  const { raw } = benchCase;
  const service = () => benchCase.service(ctx);
  if (raw) {
    const [serviceStats, rawStats] = await timePair(service, () => raw(db), timing);
    results.push({ name: benchCase.name, service: serviceStats, raw: rawStats });
  } else {
    results.push({ name: benchCase.name, service: await timeOne(service, timing), raw: null });
  }
  if (benchCase.explain && raw) {
    // The service's statement with the custom-field condition, and the raw one, as sent.
    const sent = await recordStatements(db, (on) => benchCase.service({ ...ctx, db: on }));
    const filtered = sent.find((s) => /in \(select v\.record_id/.test(s.sql));
    const [rawStatement] = await recordStatements(db, raw);
    for (const [side, statement] of [
      ['service', filtered],
      ['raw SQL', rawStatement],
    ] as const) {
      if (!statement) throw new Error(`${benchCase.name}: no ${side} statement to explain`);
      plans.push({ name: benchCase.name, side, statement, plan: await explain(db, statement) });
    }
  }
}

const count = async (table: 'deals' | 'companies' | 'contacts') => {
  const rows = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('search_text', 'like', `%${normalizeSearchText(q)}%`)
    .executeTakeFirstOrThrow();
  return Number(rows.n);
};
const hits = {
  deals: await count('deals'),
  companies: await count('companies'),
  contacts: await count('contacts'),
};

console.log(`\nDatabase: ${dataset.label}`);
console.log(
  `Dataset: ${dataset.sizes.deals.toLocaleString('en')} open deals, ` +
    `${dataset.sizes.companies.toLocaleString('en')} companies, ` +
    `${dataset.sizes.contacts.toLocaleString('en')} contacts (written in ` +
    `${(dataset.loadMs / 1000).toFixed(1)} s, then ${dataset.label.startsWith('sqlite') ? 'PRAGMA optimize' : 'ANALYZE'})`,
);
console.log(
  `q=${q} is in the folded search_text of ${hits.deals} deals, ${hits.companies} companies, ` +
    `${hits.contacts} contacts`,
);
console.log(
  `Node ${process.version}; load average ${loadAverage.toFixed(2)} at the start; ` +
    `${timing.warmup} warm-up rounds, then up to ${timing.iterations} timed rounds or ` +
    `${timing.budgetMs / 1000} s per case (at least ${timing.minIterations}), service and raw interleaved\n`,
);
const ms = (stats: TimingStats | null) => (stats ? stats.medianMs.toFixed(2) : '—');
const p95 = (stats: TimingStats | null) => (stats ? stats.p95Ms.toFixed(2) : '—');
printTable(
  [
    'case',
    'service median ms',
    'service p95 ms',
    'raw SQL median ms',
    'raw SQL p95 ms',
    'ratio',
    'rounds',
  ],
  results.map((r) => [
    r.name,
    ms(r.service),
    p95(r.service),
    ms(r.raw),
    p95(r.raw),
    r.raw ? `${(r.service.medianMs / r.raw.medianMs).toFixed(2)}×` : '—',
    String(r.service.samples),
  ]),
);

for (const { name, side, statement, plan } of plans) {
  console.log(`\n${name}, ${side}: ${oneLine(statement)}`);
  for (const line of plan) console.log(`  ${line}`);
}
await dataset.close();
