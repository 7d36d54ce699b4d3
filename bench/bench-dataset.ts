/**
 * Finds or makes the dataset a benchmark runs on: a SQLite file under bench-data/ by default,
 * or the PostgreSQL database in DATABASE_URL. A dataset is recognised by its workspace name, so
 * a second run reuses the first one's data instead of generating it again.
 */
import { existsSync } from 'node:fs';
import { connect, type Db, parseDatabaseUrl } from '../src/db/connection.js';
import { optimizeDatabase } from '../src/db/maintenance.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { benchWorkspaceName, generatePipelineData } from './generate-pipeline.js';

/** The instant generated histories end at: fixed, so every run sees the same board. */
export const BENCH_NOW = Date.parse('2026-11-01T09:00:00Z');
export const BENCH_SEED = 1;

/** @example datasetFile(100_000) === 'bench-data/pipeline-100k.sqlite' */
export function datasetFile(deals: number): string {
  const label =
    deals % 1_000_000 === 0
      ? `${deals / 1_000_000}m`
      : deals % 1_000 === 0
        ? `${deals / 1_000}k`
        : String(deals);
  return `bench-data/pipeline-${label}.sqlite`;
}

export function parseCount(text: string, flag: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${flag} must be a positive integer`);
  }
  return value;
}

export interface BenchDataset {
  db: Db;
  /** e.g. "sqlite (bench-data/pipeline-100k.sqlite)" or "postgres". */
  label: string;
  workspaceId: string;
  /** Milliseconds spent generating, or null when an existing dataset was reused. */
  generatedMs: number | null;
}

export async function openBenchDataset(options: {
  deals: number;
  seed: number;
  now: number;
}): Promise<BenchDataset> {
  const url = process.env.DATABASE_URL;
  const target = url
    ? parseDatabaseUrl(url)
    : ({ kind: 'sqlite', file: datasetFile(options.deals) } as const);
  const isNewFile = target.kind === 'sqlite' && !existsSync(target.file);
  const db = connect(target);
  const label = target.kind === 'sqlite' ? `sqlite (${target.file})` : 'postgres';
  await migrateToLatest(db);
  const name = benchWorkspaceName(options.deals, options.seed);
  const existing = isNewFile
    ? undefined
    : await db.selectFrom('workspaces').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) {
    await optimizeDatabase(db); // as `qanat serve` does when it opens a database
    return { db, label, workspaceId: existing.id, generatedMs: null };
  }

  console.log(`Generating ${options.deals.toLocaleString('en')} deals into ${label}…`);
  const started = performance.now();
  const generated = await generatePipelineData(db, { ...options, workspaceName: name });
  const generatedMs = performance.now() - started;
  await optimizeDatabase(db); // as after any bulk load
  return {
    db,
    label,
    workspaceId: generated.workspaceId,
    generatedMs,
  };
}
