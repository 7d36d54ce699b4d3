/**
 * Writes a benchmark dataset into a fresh SQLite file (or a PostgreSQL URL).
 *   node --import tsx bench/generate.ts --deals 100000 --out bench-data/pipeline-100k.sqlite
 * Options: --seed (default 1), --now (ISO instant the history ends at; default BENCH_NOW),
 * --force (replace an existing SQLite file).
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect, parseDatabaseUrl } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { BENCH_NOW, datasetFile, parseCount } from './bench-dataset.js';
import { generatePipelineData } from './generate-pipeline.js';

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '100000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    now: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const deals = parseCount(values.deals, '--deals');
const seed = parseCount(values.seed, '--seed');
const now = values.now ? Date.parse(values.now) : BENCH_NOW;
if (Number.isNaN(now)) throw new Error(`--now is not an ISO instant: ${values.now}`);
const out = values.out ?? datasetFile(deals);
const target = parseDatabaseUrl(out);

if (target.kind === 'sqlite' && existsSync(target.file)) {
  if (!values.force) {
    console.error(`${target.file} exists; pass --force to replace it`);
    process.exit(1);
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
}

const db = connect(target);
try {
  await migrateToLatest(db);
  const started = performance.now();
  const result = await generatePipelineData(db, {
    deals,
    seed,
    now,
    onProgress: (written) => {
      if (written % 100_000 === 0 || written === deals) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`  ${written.toLocaleString('en')} deals written (${seconds} s)`);
      }
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { counts } = result;
  console.log(
    `Generated ${counts.deals.toLocaleString('en')} deals ` +
      `(${counts.open} open, ${counts.won} won, ${counts.lost} lost), ` +
      `${counts.historyRows.toLocaleString('en')} history rows, ` +
      `${counts.fieldHistoryRows.toLocaleString('en')} field-history rows, ${counts.companies} companies, ` +
      `${counts.owners} owners in ${seconds} s → ${out}`,
  );
} finally {
  await db.destroy();
}
