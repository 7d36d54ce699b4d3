/**
 * How much Qanat adds on top of the SQL it needs, for the board and two deal lists.
 *   node --import tsx bench/board-list.bench.ts [--deals 100000] [--q word] [--analyze]
 *     [--iterations 200] [--warmup 10] [--seconds 30]
 * Each case runs the endpoint through app.inject() (routing, token auth, zod validation,
 * services, Kysely, serialisation) against the hand-written SQL on the same database, in the
 * same process, interleaved. Set DATABASE_URL=postgres://… to run on PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/api/build-app.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import { orderStages } from '../src/domain/stage.js';
import { createApiToken, revokeToken } from '../src/services/access/auth.service.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { countDealMatches, runBoardBaseline, runDealListBaseline } from './baseline-queries.js';
import { BENCH_NOW, BENCH_SEED, openBenchDataset, parseCount } from './bench-dataset.js';
import { assertSameBoard, assertSameIds, type BoardBody, type ListBody } from './bench-checks.js';
import { printTable } from './bench-table.js';
import { type TimingStats, timePair } from './timing.js';

const WON_VISIBLE_DAYS = 90;
const CARDS_PER_STAGE = 25;

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(BENCH_SEED) },
    now: { type: 'string' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    q: { type: 'string', default: 'northwind' },
    analyze: { type: 'boolean', default: false },
  },
});
const deals = parseCount(values.deals, '--deals');
const now = values.now ? Date.parse(values.now) : BENCH_NOW;
const timing = {
  iterations: parseCount(values.iterations, '--iterations'),
  warmup: parseCount(values.warmup, '--warmup'),
  budgetMs: parseCount(values.seconds, '--seconds') * 1000,
  minIterations: 20,
};

const dataset = await openBenchDataset({ deals, seed: parseCount(values.seed, '--seed'), now });
const { db, workspaceId } = dataset;
// Planner statistics change SQLite's plans a lot; Qanat gathers them when it opens a file.
if (values.analyze) await sql`analyze`.execute(db);
const statistics = dataset.label.startsWith('sqlite')
  ? (await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db)).rows.length > 0
    ? 'present (ANALYZE has run on this file)'
    : 'none (the file was written but not reopened since)'
  : 'managed by PostgreSQL (autovacuum)';
const admin = await db
  .selectFrom('memberships')
  .select('user_id')
  .where('workspace_id', '=', workspaceId)
  .where('role', '=', 'admin')
  .executeTakeFirstOrThrow();
const pipeline = await findDefaultPipeline(db, workspaceId);
if (!pipeline) throw new Error('The bench workspace has no pipeline');
const busiestOwner = await db
  .selectFrom('deals')
  .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
  .where('workspace_id', '=', workspaceId)
  .where('status', '=', 'open')
  .where('deleted_at', 'is', null)
  .groupBy('owner_id')
  .orderBy('n', 'desc')
  .orderBy('owner_id')
  .executeTakeFirstOrThrow();
const ownerId = busiestOwner.owner_id ?? '';
const count = async (table: 'deals' | 'stage_history') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const sizes = { deals: await count('deals'), history: await count('stage_history') };
const q = values.q;
const matches = await countDealMatches(db, { workspaceId, q });

const context: ServiceContext = {
  db,
  actor: { workspaceId, userId: admin.user_id, role: 'admin' },
  now,
};
const token = await createApiToken(context, { name: 'board-list bench', role: 'admin' });
const app = await buildApp({ db, clock: () => now });
const headers = { authorization: `Bearer ${token.token}` };
const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url, headers });
  if (response.statusCode !== 200) throw new Error(`${url} → ${response.statusCode}`);
  return response;
};

const board = {
  workspaceId,
  pipelineId: pipeline.id,
  wonSince: now - WON_VISIBLE_DAYS * 86_400_000,
  stages: orderStages(await listStages(db, workspaceId, pipeline.id)),
};
const listUrl = `/api/v1/deals?status=open&ownerId=${ownerId}&sort=updatedAt&limit=50`;
const searchUrl = `/api/v1/deals?q=${encodeURIComponent(q)}&sort=updatedAt&limit=50`;
const cases = [
  {
    name: '(a) GET /board',
    qanat: () => get('/api/v1/board'),
    baseline: () => runBoardBaseline(db, { ...board, cardsPerStage: CARDS_PER_STAGE }),
    check: async () =>
      assertSameBoard(
        (await get('/api/v1/board')).json<BoardBody>(),
        await runBoardBaseline(db, { ...board, cardsPerStage: CARDS_PER_STAGE }),
      ),
  },
  {
    name: '(b) GET /deals open, one owner',
    qanat: () => get(listUrl),
    baseline: () => runDealListBaseline(db, { workspaceId, status: 'open', ownerId, limit: 50 }),
    check: async () =>
      assertSameIds(
        (await get(listUrl)).json<ListBody>(),
        (await runDealListBaseline(db, { workspaceId, status: 'open', ownerId, limit: 50 })).deals,
      ),
  },
  {
    name: `(c) GET /deals q=${q}`,
    qanat: () => get(searchUrl),
    baseline: () => runDealListBaseline(db, { workspaceId, q, limit: 50 }),
    check: async () =>
      assertSameIds(
        (await get(searchUrl)).json<ListBody>(),
        (await runDealListBaseline(db, { workspaceId, q, limit: 50 })).deals,
      ),
  },
];

const results: { name: string; qanat: TimingStats; baseline: TimingStats }[] = [];
for (const benchCase of cases) {
  await benchCase.check();
  const [qanat, baseline] = await timePair(benchCase.qanat, benchCase.baseline, timing);
  results.push({ name: benchCase.name, qanat, baseline });
}

const generated =
  dataset.generatedMs === null
    ? 'reused'
    : `generated in ${(dataset.generatedMs / 1000).toFixed(1)} s`;
console.log(`\nDatabase: ${dataset.label}`);
console.log(
  `Dataset: ${sizes.deals.toLocaleString('en')} deals, ${sizes.history.toLocaleString('en')} ` +
    `history rows (${generated}); as of ${new Date(now).toISOString()}`,
);
console.log(`Owner in (b): ${busiestOwner.n} open deals; q=${q} in (c) matches ${matches} deals`);
console.log(`Planner statistics: ${statistics}`);
console.log(
  `Node ${process.version}; ${timing.warmup} warm-up rounds, then up to ${timing.iterations} ` +
    `timed rounds or ${timing.budgetMs / 1000} s per case (at least ${timing.minIterations}), interleaved\n`,
);
printResults(results);

await revokeToken(context, token.id);
await app.close();
await db.destroy();

function printResults(rows: typeof results): void {
  const header = [
    'case',
    'Qanat median ms',
    'baseline median ms',
    'ratio (Qanat/baseline)',
    'Qanat p95 ms',
    'baseline p95 ms',
    'rounds',
  ];
  const body = rows.map((r) => [
    r.name,
    r.qanat.medianMs.toFixed(3),
    r.baseline.medianMs.toFixed(3),
    `${(r.qanat.medianMs / r.baseline.medianMs).toFixed(2)}×`,
    r.qanat.p95Ms.toFixed(3),
    r.baseline.p95Ms.toFixed(3),
    String(r.qanat.samples),
  ]);
  printTable(header, body);
}
