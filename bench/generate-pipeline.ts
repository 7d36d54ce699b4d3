/**
 * Fills a migrated database with a realistic sales pipeline for benchmarks: one workspace,
 * ~50 owners, deals/20 companies and N deals whose stage history spans the 18 months before
 * `now`, some with amount changes and close-date pushes in their field history. The same seed and `now` give the same data (only ids differ: they are salted with the
 * workspace id). Rows go in with multi-row INSERTs, a transaction per slice of deals.
 */
import { SqliteAdapter, sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import { listLostReasons } from '../src/db/reference.repository.js';
import { orderStages } from '../src/domain/stage.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import { insertInChunks } from './batch-insert.js';
import { insertCompanies, insertExchangeRates, insertOwners } from './bench-people.js';
import { simulateDealPath, toWorkingTime, WON_STAGE_INDEX } from './deal-path.js';
import { buildDealRows, type DealRows, type DealRowsContext } from './deal-rows.js';
import { createRandom, deriveRandom, type Random } from '../src/demo/random.js';

const DAY_MS = 86_400_000;
const HISTORY_MONTHS = 18;
/** Deals written per transaction: big enough to amortise commits, small enough for memory. */
const DEALS_PER_TRANSACTION = 10_000;

export interface GenerateOptions {
  deals: number;
  seed: number;
  now: number;
  workspaceName?: string;
  onProgress?: (dealsWritten: number) => void;
}

export interface GeneratedPipeline {
  workspaceId: string;
  pipelineId: string;
  adminUserId: string;
  ownerIds: string[];
  counts: {
    deals: number;
    historyRows: number;
    fieldHistoryRows: number;
    open: number;
    won: number;
    lost: number;
    companies: number;
    owners: number;
    dealContacts: number;
  };
}

/** The workspace name a benchmark dataset gets, so a later run can find and reuse it. */
export function benchWorkspaceName(deals: number, seed: number): string {
  return `Qanat bench (${deals} deals, seed ${seed})`;
}

export async function generatePipelineData(
  db: Db,
  options: GenerateOptions,
): Promise<GeneratedPipeline> {
  const { now } = options;
  const random = createRandom(options.seed);
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - HISTORY_MONTHS);
  const windowStart = start.getTime();
  const setupAt = windowStart - 30 * DAY_MS;

  const workspace = await createWorkspace(
    db,
    {
      name: options.workspaceName ?? benchWorkspaceName(options.deals, options.seed),
      baseCurrency: 'USD',
      timeZone: 'Asia/Riyadh',
    },
    setupAt,
  );
  // Ids draw from their own stream, salted with the workspace id: the data is the same for a
  // seed, yet a second dataset in the same database never collides with the first one's ids.
  const ids = createRandom(options.seed ^ hashText(workspace.id));
  const pipeline = await findDefaultPipeline(db, workspace.id);
  if (!pipeline) throw new Error('createWorkspace made no pipeline');
  const stages = orderStages(await listStages(db, workspace.id, pipeline.id));
  if (stages.length !== WON_STAGE_INDEX + 1 || stages.at(-1)?.kind !== 'won') {
    throw new Error('The generator models the default seven-stage pipeline (six open, one won)');
  }
  const lostReasons = await listLostReasons(db, workspace.id);
  const owners = await insertOwners(db, workspace.id, random, ids, setupAt);
  const companyCount = Math.max(1, Math.round(options.deals / 20));
  const companies = await insertCompanies(
    db,
    workspace.id,
    owners,
    random,
    ids,
    companyCount,
    setupAt,
  );
  await insertExchangeRates(db, workspace.id, random, setupAt, now);

  const context: DealRowsContext = {
    workspaceId: workspace.id,
    pipelineId: pipeline.id,
    stageIds: stages.map((s) => s.id),
    lostReasonIds: new Map(lostReasons.map((r) => [r.label_en, r.id])),
    anyLostReasonIds: lostReasons.map((r) => r.id),
    owners,
    ownerTotalWeight: owners.reduce((sum, o) => sum + o.weight, 0),
    companies,
    now,
    random,
    ids,
    changes: deriveRandom(options.seed, 1),
  };
  const counts = {
    deals: 0,
    historyRows: 0,
    fieldHistoryRows: 0,
    open: 0,
    won: 0,
    lost: 0,
    companies: companyCount,
    owners: owners.length,
    dealContacts: 0,
  };

  const openedTimes = openingTimes(random, options.deals, windowStart, now);
  const restoreCache = await enlargeSqliteCache(db);
  try {
    for (let first = 0; first < options.deals; first += DEALS_PER_TRANSACTION) {
      const rows: DealRows = { deals: [], history: [], fieldHistory: [], links: [] };
      const last = Math.min(options.deals, first + DEALS_PER_TRANSACTION);
      for (let index = first; index < last; index += 1) {
        const openedAt = toWorkingTime(openedTimes[index] ?? now);
        const path = simulateDealPath(random, Math.min(openedAt, now), now);
        buildDealRows(context, path, rows);
        counts[path.status] += 1;
      }
      await db.transaction().execute(async (trx) => {
        await insertInChunks(trx, 'deals', rows.deals);
        await insertInChunks(trx, 'stage_history', rows.history);
        await insertInChunks(trx, 'deal_field_history', rows.fieldHistory);
        await insertInChunks(trx, 'deal_contacts', rows.links);
      });
      counts.deals += rows.deals.length;
      counts.historyRows += rows.history.length;
      counts.fieldHistoryRows += rows.fieldHistory.length;
      counts.dealContacts += rows.links.length;
      options.onProgress?.(counts.deals);
    }
  } finally {
    await restoreCache();
  }

  const admin = owners.find((o) => o.role === 'admin');
  if (!admin) throw new Error('No admin among the generated owners');
  return {
    workspaceId: workspace.id,
    pipelineId: pipeline.id,
    adminUserId: admin.id,
    ownerIds: owners.map((o) => o.id),
    counts,
  };
}

/**
 * SQLite's default page cache is 2 MB; inserting into six indexes of a growing table thrashes
 * it. A 256 MB cache while loading makes 1M deals minutes instead of many more. The connection's
 * own setting is restored afterwards, so a benchmark in the same process measures the default.
 */
async function enlargeSqliteCache(db: Db): Promise<() => Promise<void>> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return () => Promise.resolve();
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = rows[0]?.cache_size ?? -2000;
  await sql`pragma cache_size = -262144`.execute(db);
  return async () => {
    await sql`pragma cache_size = ${sql.raw(String(previous))}`.execute(db);
  };
}

/**
 * Sorted opening instants over [from, to), denser towards `to` (the team grew: the last month
 * opens about twice as many deals as the first). Sorted, so deal ids arrive in index order.
 */
function openingTimes(random: Random, count: number, from: number, to: number): Float64Array {
  const growth = 1;
  const times = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    // Inverse CDF of the density 1 + growth·x on [0, 1).
    const u = random.next();
    const x = (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth;
    times[index] = from + x * (to - from);
  }
  return times.sort();
}

/** FNV-1a, 32 bits. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}
