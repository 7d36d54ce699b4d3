/**
 * How fast and in how much memory a large deals CSV imports, beside the raw batched INSERT of
 * the same rows into the same database.
 *   node --import tsx bench/import.bench.ts [--rows 1000000] [--seed 1] [--keep]
 * Generates bench-data/import-deals-<rows>.csv once (reused afterwards), creates a workspace
 * in a fresh SQLite file (bench-data/import-bench.sqlite) or in the PostgreSQL database of
 * DATABASE_URL, then runs each side in a child process of its own, so that each one's peak
 * memory is its own: first the baseline (bench/import-baseline.ts) into one workspace, then
 * importRecords — the service the CLI and the API call — into another. Both commit; the import
 * runs second, on a database already holding the baseline's rows, which can only slow it.
 */
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, type Db, parseDatabaseUrl } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { importRecords } from '../src/services/transfer/import/import.service.js';
import { parseCount } from './bench-dataset.js';
import { printTable } from './bench-table.js';
import { type BaselineCounts, runRawInsert } from './import-baseline.js';
import { createBenchWorkspace, ensureDealsCsv, IMPORT_BENCH_NOW } from './import-dataset.js';

const SQLITE_FILE = 'bench-data/import-bench.sqlite';
const SELF = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    // Internal: the child processes.
    phase: { type: 'string' },
    workspace: { type: 'string' },
    admin: { type: 'string' },
    file: { type: 'string' },
  },
});

interface PhaseResult {
  ms: number;
  rows: number;
  maxRssBytes: number;
  startRssBytes: number;
  peakHeapBytes: number;
  /**
   * Live heap (after a full garbage collection) and RSS when 10%, 20% … 100% of the rows were
   * in (the import only): flat memory is a flat series.
   */
  heapByDecile: number[];
  rssByDecile: number[];
  counts: BaselineCounts;
  rejected: number;
}

function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `sqlite:${SQLITE_FILE}`;
}

async function countRows(db: Db, workspaceId: string): Promise<BaselineCounts> {
  const count = async (table: 'companies' | 'deals' | 'stage_history' | 'external_refs') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    companies: await count('companies'),
    deals: await count('deals'),
    history: await count('stage_history'),
    refs: await count('external_refs'),
  };
}

/** One side, in this (child) process: prints its result as one JSON line. */
async function runPhase(phase: string): Promise<void> {
  const db = connect(parseDatabaseUrl(databaseUrl()));
  const ctx: ServiceContext = {
    db,
    now: IMPORT_BENCH_NOW,
    actor: { workspaceId: values.workspace ?? '', userId: values.admin ?? null, role: 'admin' },
  };
  const file = values.file ?? '';
  const totalRows = parseCount(values.rows, '--rows');
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 50);
  const heapByDecile: number[] = [];
  const rssByDecile: number[] = [];
  // Started with --expose-gc (see runChild): live memory, not garbage awaiting collection.
  const collect = (globalThis as { gc?: () => void }).gc;
  const startRss = process.memoryUsage().rss;
  const started = performance.now();
  let counts: BaselineCounts;
  let rejected = 0;
  if (phase === 'baseline') {
    counts = await runRawInsert(ctx, file);
  } else {
    const report = await importRecords(ctx, {
      kind: 'deals',
      source: { path: file },
      onProgress: (p) => {
        sample();
        while (p.rows >= ((heapByDecile.length + 1) / 10) * totalRows) {
          collect?.();
          const memory = process.memoryUsage();
          heapByDecile.push(memory.heapUsed);
          rssByDecile.push(memory.rss);
        }
      },
    });
    rejected = report.rows.rejected;
    if (!report.committed)
      throw new Error(`import refused: ${JSON.stringify(report.rejections.slice(0, 3))}`);
    counts = await countRows(db, ctx.actor.workspaceId);
  }
  const ms = performance.now() - started;
  sample();
  clearInterval(timer);
  await db.destroy();
  const result: PhaseResult = {
    ms,
    rows: totalRows,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    startRssBytes: startRss,
    peakHeapBytes: peakHeap,
    heapByDecile,
    rssByDecile,
    counts,
    rejected,
  };
  console.log(JSON.stringify(result));
}

function runChild(phase: string, args: string[]): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const node = ['--expose-gc', '--import', 'tsx'];
    const child = spawn(process.execPath, [...node, SELF, '--phase', phase, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${phase} exited with ${code}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(last) as PhaseResult);
    });
  });
}

async function orchestrate(): Promise<void> {
  const rows = parseCount(values.rows, '--rows');
  const seed = parseCount(values.seed, '--seed');
  const csv = await ensureDealsCsv(rows, seed);
  const target = parseDatabaseUrl(databaseUrl());
  if (target.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
  }
  const db = connect(target);
  await migrateToLatest(db);
  const stamp = new Date().toISOString();
  const workspaces = {
    baseline: await createBenchWorkspace(db, `Qanat import bench ${stamp} (baseline)`),
    qanat: await createBenchWorkspace(db, `Qanat import bench ${stamp} (import)`),
  };
  await db.destroy();
  const argsOf = (ctx: ServiceContext) => [
    '--rows',
    String(rows),
    '--workspace',
    ctx.actor.workspaceId,
    '--admin',
    ctx.actor.userId ?? '',
    '--file',
    csv.path,
  ];
  console.log(`Running the raw batched INSERT of ${rows.toLocaleString('en')} deals…`);
  const baseline = await runChild('baseline', argsOf(workspaces.baseline));
  console.log('Running importRecords on the same file, into the same database…');
  const qanat = await runChild('qanat', argsOf(workspaces.qanat));

  const label = target.kind === 'sqlite' ? `sqlite (${target.file})` : 'postgres';
  const size = statSync(csv.path).size;
  console.log(`\nDatabase: ${label}`);
  console.log(
    `File: ${csv.path}, ${rows.toLocaleString('en')} deals, ${(size / MB).toFixed(0)} MB ` +
      `(${csv.generatedMs === null ? 'reused' : `generated in ${(csv.generatedMs / 1000).toFixed(1)} s`})`,
  );
  console.log(
    `Node ${process.version}; each side in its own process, one run each; both commit, the ` +
      'import second (into a database already holding the baseline’s rows)\n',
  );
  printSides(baseline, qanat);
  const q = qanat.counts;
  const b = baseline.counts;
  const isSame = q.deals === b.deals && q.history === b.history && q.refs === b.refs;
  console.log(
    `\nRows written — Qanat: ${q.deals.toLocaleString('en')} deals, ${q.history.toLocaleString('en')} ` +
      `history rows, ${q.refs.toLocaleString('en')} external ids, ${q.companies.toLocaleString('en')} companies; ` +
      `baseline: ${b.deals.toLocaleString('en')}, ${b.history.toLocaleString('en')}, ` +
      `${b.refs.toLocaleString('en')}, ${b.companies.toLocaleString('en')}` +
      (isSame ? ' (same deals, history and ids)' : ' — DIFFERENT'),
  );
  const series = (values: number[]) => values.map((v) => (v / MB).toFixed(0)).join(', ');
  console.log(
    `Qanat after 10%, 20% … 100% of the rows — live heap: ${series(qanat.heapByDecile)} MB; ` +
      `RSS: ${series(qanat.rssByDecile)} MB`,
  );
  // On PostgreSQL the history is append-only (a trigger refuses deletes): the run's two
  // workspaces stay; use a scratch database.
  if (!values.keep && target.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
  }
  if (!isSame) process.exitCode = 1;
}

function printSides(baseline: PhaseResult, qanat: PhaseResult): void {
  const rate = (r: PhaseResult) => r.rows / (r.ms / 1000);
  const mb = (bytes: number) => (bytes / MB).toFixed(0);
  const header = ['side', 'seconds', 'rows/s', 'peak RSS MB', 'RSS at start MB', 'peak heap MB'];
  const row = (name: string, r: PhaseResult) => [
    name,
    (r.ms / 1000).toFixed(1),
    Math.round(rate(r)).toLocaleString('en'),
    mb(r.maxRssBytes),
    mb(r.startRssBytes),
    mb(r.peakHeapBytes),
  ];
  const body = [
    row('raw batched INSERT (baseline)', baseline),
    row('Qanat importRecords', qanat),
    [
      'ratio (Qanat / baseline)',
      `${(qanat.ms / baseline.ms).toFixed(2)}×`,
      `${(rate(qanat) / rate(baseline)).toFixed(2)}×`,
      `${(qanat.maxRssBytes / baseline.maxRssBytes).toFixed(2)}×`,
      '',
      `${(qanat.peakHeapBytes / baseline.peakHeapBytes).toFixed(2)}×`,
    ],
  ];
  printTable(header, body);
}

if (values.phase) await runPhase(values.phase);
else await orchestrate();
