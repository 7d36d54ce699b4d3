/**
 * What the import benchmark imports: a deals CSV as another CRM would export it (generated,
 * seeded, reused between runs), and the workspace it goes into (default pipeline, 50 owners).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import type { Db } from '../src/db/connection.js';
import { newId } from '../src/db/id.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import { companyName, dealTitle } from './sample-names.js';
import { chance, createRandom, logNormal, pick, randomInt } from '../src/demo/random.js';

export const OWNER_COUNT = 50;
const COMPANY_COUNT = 5_000;
const DAY_MS = 86_400_000;
/** Deals open between these days; the import's clock is after the last close. */
const FIRST_DAY = Date.UTC(2024, 0, 1);
const LAST_DAY = Date.UTC(2026, 5, 30);
export const IMPORT_BENCH_NOW = Date.parse('2026-11-01T09:00:00Z');
const LAST_CLOSE_DAY = Date.UTC(2026, 9, 30);

/** Shares no password: generated owners never sign in (see bench-people.ts). */
const UNUSABLE_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2gtdXNlcnMtbmV2ZXI$bm90LWEtcmVhbC1oYXNoLWJlbmNoLXVzZXJz';

export const OPEN_STAGES = [
  'Lead generation',
  'Prospecting',
  'Lead qualification',
  'Initial contact',
  'Proposal',
  'Negotiation & closing',
] as const;
const LOST_REASONS = ['Price', 'Chose a competitor', 'No budget', 'Timing', 'Went quiet'] as const;

export const CSV_HEADER =
  'ID,Title,Company,Owner,Amount,Currency,Stage,Status,Created,Close date,Lost reason';

export function ownerEmail(index: number): string {
  return `owner${index}@import-bench.example`;
}

/** @example importCsvFile(1_000_000) === 'bench-data/import-deals-1m.csv' */
export function importCsvFile(rows: number): string {
  const label =
    rows % 1_000_000 === 0
      ? `${rows / 1_000_000}m`
      : rows % 1_000 === 0
        ? `${rows / 1_000}k`
        : `${rows}`;
  return `bench-data/import-deals-${label}.csv`;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes `rows` deals: 15% open; of the closed, 25% won; amounts log-normal (median 15,000,
 * written with thousands separators), 85% USD and 15% SAR; companies drawn from 5,000 English
 * and Arabic names (about 1,000 distinct); one of 50 owners by email; lost deals with a reason, a fifth not in the workspace's
 * list. Streams, so a million rows need no memory.
 */
export async function writeDealsCsv(path: string, rows: number, seed: number): Promise<void> {
  const random = createRandom(seed);
  const companies = Array.from({ length: COMPANY_COUNT }, () => companyName(random));
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let chunk = `${CSV_HEADER}\n`;
  for (let i = 1; i <= rows; i += 1) {
    const company = pick(random, companies);
    const opened = FIRST_DAY + randomInt(random, 0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS;
    const status = chance(random, 0.15) ? 'open' : chance(random, 0.25) ? 'won' : 'lost';
    const cycle = Math.ceil(logNormal(random, 45, 0.8)) * DAY_MS;
    const closed = status === 'open' ? '' : day(Math.min(opened + cycle, LAST_CLOSE_DAY));
    const amount = Math.round(logNormal(random, 15_000, 1) * 100) / 100;
    const lostReason =
      status === 'lost'
        ? chance(random, 0.8)
          ? pick(random, LOST_REASONS)
          : 'Reorganisation'
        : '';
    chunk +=
      [
        `B${i}`,
        csvCell(dealTitle(random, company)),
        csvCell(company),
        ownerEmail(randomInt(random, 0, OWNER_COUNT - 1)),
        csvCell(amount.toLocaleString('en', { minimumFractionDigits: 2 })),
        chance(random, 0.15) ? 'SAR' : 'USD',
        pick(random, OPEN_STAGES),
        status,
        day(opened),
        closed,
        lostReason,
      ].join(',') + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(partial, path);
}

/** The CSV of `rows` deals, generated the first time. */
export async function ensureDealsCsv(
  rows: number,
  seed: number,
): Promise<{ path: string; generatedMs: number | null }> {
  const path = importCsvFile(rows);
  if (existsSync(path)) return { path, generatedMs: null };
  const started = performance.now();
  await writeDealsCsv(path, rows, seed);
  return { path, generatedMs: performance.now() - started };
}

/**
 * A new workspace (USD, Asia/Riyadh, default pipeline and lost reasons) with the 50 owners the
 * CSV names; owners already in the database (an earlier run on PostgreSQL) join it too.
 */
export async function createBenchWorkspace(db: Db, name: string): Promise<ServiceContext> {
  const workspace = await createWorkspace(
    db,
    { name, baseCurrency: 'USD', timeZone: 'Asia/Riyadh' },
    IMPORT_BENCH_NOW,
  );
  const emails = Array.from({ length: OWNER_COUNT }, (_, i) => ownerEmail(i));
  await db
    .insertInto('users')
    .values(
      emails.map((email, i) => ({
        id: newId(),
        email,
        name: `Owner ${i}`,
        password_hash: UNUSABLE_PASSWORD_HASH,
        locale: null,
        created_at: IMPORT_BENCH_NOW,
      })),
    )
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', emails)
    .execute();
  await db
    .insertInto('memberships')
    .values(
      users.map((user, i) => ({
        workspace_id: workspace.id,
        user_id: user.id,
        role: i === 0 ? ('admin' as const) : ('rep' as const),
        created_at: IMPORT_BENCH_NOW,
      })),
    )
    .execute();
  const admin = users[0];
  if (!admin) throw new Error('no bench owner');
  return {
    db,
    now: IMPORT_BENCH_NOW,
    actor: { workspaceId: workspace.id, userId: admin.id, role: 'admin' },
  };
}
