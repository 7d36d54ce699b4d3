/**
 * The dataset of bench/custom-fields.bench.ts, written into a fresh database (a SQLite file in a
 * temporary folder, or the empty PostgreSQL database of DATABASE_URL):
 * - N open deals, each with two custom fields: `revenue` (a number: deal i holds i) and `tier`
 *   (a single select: 1% gold, 19% silver, 80% bronze);
 * - N/20 companies, one contact each, every deal at one of them;
 * - Arabic names written with hamza for search to find when they are typed without it: one deal
 *   in 50 is titled after a person ("أحمد الأنصاري — تجديد الاشتراك"), one company in 10 is named
 *   after one ("مؤسسة إبراهيم الأحمدي للتجارة"), one contact in 10 is one, the other contacts
 *   have the demo's Arabic, Arab-Latin and international names.
 * Every search_text is built by buildSearchText from the fields the app builds it from (a deal's
 * title and source, a company's name and domain, a contact's name, job title and emails); the
 * deals have no source and the contacts no job title or email, so a record's folded search text
 * is its folded name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Insertable, sql } from 'kysely';
import { connect, type Db, parseDatabaseUrl } from '../src/db/connection.js';
import { replaceCustomValues, type ValueWrite } from '../src/db/custom-field.repository.js';
import { dialectOf } from '../src/db/dialect.js';
import { newId } from '../src/db/id.js';
import { insertRowsInChunks } from '../src/db/import.repository.js';
import { optimizeDatabase } from '../src/db/maintenance.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import type { CompanyTable, ContactTable, DealTable } from '../src/db/schema.js';
import { createRandom } from '../src/demo/random.js';
import { buildSearchText } from '../src/domain/search-text.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { createCustomField } from '../src/services/records/custom-field.service.js';
import { companyDomain, companyName, personName } from './sample-names.js';

/** The instant the deals' history ends at (they were opened in the 400 days before). */
export const CF_BENCH_NOW = Date.parse('2026-11-01T09:00:00Z');
const DAY_MS = 86_400_000;
const DEALS_PER_BATCH = 10_000;

/** First names that begin with a hamza form (أ إ آ), as people type them without it: احمد. */
const HAMZA_FIRST_NAMES = ['أحمد', 'إبراهيم', 'أسامة', 'إيمان', 'أمل', 'آمنة', 'أنس', 'إسماعيل'];
const FAMILY_NAMES = [
  'الأنصاري',
  'العتيبي',
  'القحطاني',
  'الأحمدي',
  'الهاشمي',
  'المنصوري',
  'الشمري',
  'الإدريسي',
];
const DEAL_TOPICS = ['تجديد الاشتراك', 'توريد أجهزة', 'تراخيص سنوية', 'مشروع تكامل'];
const COMPANY_FORMS = ['مؤسسة', 'شركة', 'مجموعة'];
const COMPANY_KINDS = ['للتجارة', 'القابضة', 'للمقاولات'];

/** The n-th of the 64 hamza names: "أحمد الأنصاري", "إبراهيم الأنصاري" … "إسماعيل الإدريسي". */
function hamzaName(n: number): string {
  const first = HAMZA_FIRST_NAMES[n % HAMZA_FIRST_NAMES.length] ?? '';
  const family = FAMILY_NAMES[Math.floor(n / HAMZA_FIRST_NAMES.length) % FAMILY_NAMES.length];
  return `${first} ${family ?? ''}`;
}

/** Deal i's title: one in 50 after a person, the name first or last ("Deal 7" otherwise). */
function dealTitle(i: number): string {
  if (i % 50 !== 0) return `Deal ${i}`;
  const k = i / 50;
  const topic = DEAL_TOPICS[Math.floor(k / 128) % DEAL_TOPICS.length] ?? '';
  return Math.floor(k / 64) % 2 === 0 ? `${hamzaName(k)} — ${topic}` : `${topic} — ${hamzaName(k)}`;
}

export interface CustomFieldsDataset {
  db: Db;
  /** e.g. "sqlite (temporary file)" or "postgres (bench_cf)". */
  label: string;
  /** An admin of the workspace, as the services see a request. */
  ctx: ServiceContext;
  workspaceId: string;
  fields: { revenue: string; tier: string };
  sizes: { deals: number; companies: number; contacts: number };
  loadMs: number;
  /** Closes the connection; removes the SQLite file (a PostgreSQL database stays: drop it). */
  close: () => Promise<void>;
}

/** Companies and their contacts, the rows of one insert each. */
function companiesAndContacts(workspaceId: string, count: number, at: number) {
  const random = createRandom(2);
  const stamps = { created_at: at, updated_at: at, deleted_at: null };
  const companies: Insertable<CompanyTable>[] = [];
  const contacts: Insertable<ContactTable>[] = [];
  for (let i = 0; i < count; i += 1) {
    const form = COMPANY_FORMS[i % COMPANY_FORMS.length] ?? '';
    const kind = COMPANY_KINDS[i % COMPANY_KINDS.length] ?? '';
    const name = i % 10 === 0 ? `${form} ${hamzaName(i / 10)} ${kind}` : companyName(random);
    const domain = companyDomain(name, 'SA');
    const id = newId();
    companies.push({
      id,
      workspace_id: workspaceId,
      name,
      domain,
      sector: null,
      size: null,
      country: 'SA',
      owner_id: null,
      search_text: buildSearchText(name, domain),
      ...stamps,
    });
    const person = i % 10 === 5 ? hamzaName((i - 5) / 10 + 3) : personName(random);
    contacts.push({
      id: newId(),
      workspace_id: workspaceId,
      company_id: id,
      name: person,
      job_title: null,
      role: 'decision_maker',
      owner_id: null,
      // contact.service: buildSearchText(name, jobTitle, ...emails); no job title, no email here.
      search_text: buildSearchText(person, null),
      ...stamps,
    });
  }
  return { companies, contacts };
}

/** Makes the database and writes the dataset (see the top of this file); `deals` ≥ 20. */
export async function createCustomFieldsDataset(deals: number): Promise<CustomFieldsDataset> {
  const url = process.env.DATABASE_URL;
  const dir = url ? null : mkdtempSync(join(tmpdir(), 'qanat-cf-bench-'));
  // Removed at exit too, when a check throws before close().
  if (dir) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const target = url
    ? parseDatabaseUrl(url)
    : { kind: 'sqlite' as const, file: join(dir ?? '', 'bench.sqlite') };
  const db = connect(target);
  const close = async () => {
    await db.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  await migrateToLatest(db);
  if (await db.selectFrom('workspaces').select('id').executeTakeFirst()) {
    await close();
    throw new Error('DATABASE_URL must name an empty database (it holds a workspace)');
  }
  const workspace = await createWorkspace(db, { name: 'Custom fields bench' }, CF_BENCH_NOW);
  const ctx: ServiceContext = {
    db,
    now: CF_BENCH_NOW,
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

  console.log(`Writing ${deals.toLocaleString('en')} deals, their companies and custom fields…`);
  const started = performance.now();
  const { companies, contacts } = companiesAndContacts(
    workspace.id,
    Math.max(1, Math.floor(deals / 20)),
    CF_BENCH_NOW - 500 * DAY_MS,
  );
  await insertRowsInChunks(db, 'companies', companies);
  await insertRowsInChunks(db, 'contacts', contacts);
  const random = createRandom(1);
  for (let from = 0; from < deals; from += DEALS_PER_BATCH) {
    const rows: Insertable<DealTable>[] = [];
    const writes: ValueWrite[] = [];
    for (let i = from; i < Math.min(deals, from + DEALS_PER_BATCH); i += 1) {
      const id = newId();
      const at = CF_BENCH_NOW - Math.floor(random.next() * 400 * DAY_MS);
      const title = dealTitle(i);
      rows.push({
        id,
        workspace_id: workspace.id,
        pipeline_id: pipeline.id,
        stage_id: open[i % open.length]?.id ?? '',
        title,
        company_id: companies[i % companies.length]?.id ?? null,
        owner_id: null,
        amount_minor: Math.floor(random.next() * 5_000_000),
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
        // deal.service: buildSearchText(title, source); these deals have no source.
        search_text: buildSearchText(title, null),
        created_at: at,
        updated_at: at,
        deleted_at: null,
      });
      const draw = random.next();
      const tierKey = draw < 0.01 ? 'gold' : draw < 0.2 ? 'silver' : 'bronze';
      writes.push(
        { recordId: id, fieldId: revenue.id, rows: [{ ordinal: 0, text: null, number: i }] },
        { recordId: id, fieldId: tier.id, rows: [{ ordinal: 0, text: tierKey, number: null }] },
      );
    }
    await insertRowsInChunks(db, 'deals', rows);
    await replaceCustomValues(db, workspace.id, writes);
  }
  // SQLite: PRAGMA optimize gathers the statistics, as Qanat does after a bulk load. PostgreSQL:
  // ANALYZE now rather than whenever autovacuum gets to it, so every run plans alike.
  if (dialectOf(db) === 'postgres') await sql`analyze`.execute(db);
  else await optimizeDatabase(db);
  return {
    db,
    label: url
      ? `postgres (${new URL(url).pathname.slice(1) || 'default database'})`
      : 'sqlite (temporary file)',
    ctx,
    workspaceId: workspace.id,
    fields: { revenue: revenue.id, tier: tier.id },
    sizes: { deals, companies: companies.length, contacts: contacts.length },
    loadMs: performance.now() - started,
    close,
  };
}
