import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, PASSWORD, type TestApi } from '../../test/api-harness.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildApp } from './build-app.js';
import type { Db } from '../db/connection.js';
import { newId } from '../db/id.js';
import { TABLES_NOT_EXPORTED, WORKSPACE_TABLES } from '../db/workspace-tables.js';
import { DomainError } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.service.js';
import { loadDemoData } from '../demo/load-demo.js';
import { takePipelineSnapshot } from '../services/analytics/snapshot.service.js';
import { addUserToWorkspace } from '../services/access/user.service.js';
import { mergeCompanies } from '../services/records/merge.service.js';
import { exportWorkspace } from '../services/transfer/workspace/workspace-export.service.js';
import { importWorkspace } from '../services/transfer/workspace/workspace-import.service.js';
import { createWorkspace } from '../services/access/workspace.service.js';

let api: TestApi;
let target: TestDatabase;
beforeEach(async () => {
  api = await createTestApi();
  target = await createTestDatabase();
});
afterEach(async () => {
  await target.close();
  await api.close();
});

/** Runs an export into memory and returns the file's text. */
async function exportToText(ctx: ServiceContext): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportWorkspace(ctx, out);
  return Buffer.concat(chunks).toString('utf8');
}

const linesOf = (text: string) => text.split('\n').filter((line) => line !== '');

/** The header without its export time, and every other line as it is. */
function comparable(text: string): unknown[] {
  const [header = '{}', ...rest] = linesOf(text);
  const stable: Record<string, unknown> = JSON.parse(header);
  delete stable.exportedAt;
  return [stable, ...rest];
}

async function post(caller: Caller, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') {
  const response = await caller.request({ method, url, payload });
  if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

/** The demo, plus a row in every table the demo leaves empty, so each table round-trips. */
async function arrangeWorkspace(): Promise<void> {
  const ctx = api.adminContext();
  await loadDemoData(ctx, { deals: 40, seed: 7 });
  const manager = await api.addMember('manager');
  const team = await post(api.admin, '/api/v1/teams', {
    name: 'فريق الرياض',
    managerUserId: manager.userId,
  });
  await post(api.admin, `/api/v1/users/${manager.userId}/team`, { teamId: team.id }, 'PUT');
  await post(api.admin, '/api/v1/targets', {
    scope: `team:${team.id}`,
    period: '2026-Q1',
    amountMinor: 50_000_000,
  });
  await post(api.admin, '/api/v1/tokens', { name: 'Reporting', role: 'manager' });
  const pipelines = await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' });
  await takePipelineSnapshot(ctx, { pipelineId: pipelines.json().items[0].id, day: '2026-03-01' });
  await arrangeImportTables(ctx.db, ctx.actor.workspaceId, api.clock.now);
  await post(api.admin, '/api/v1/custom-fields', {
    recordKind: 'company',
    key: 'tags',
    type: 'multi_select',
    labelEn: 'Tags',
    labelAr: 'الوسوم',
    options: [
      { key: 'vip', labelEn: 'VIP', labelAr: 'مهم' },
      { key: 'partner', labelEn: 'Partner', labelAr: 'شريك' },
    ],
  });
  await post(api.admin, '/api/v1/companies', {
    name: 'Acme Arabia',
    customFields: { tags: ['partner', 'vip'] },
  });
  const kept = await post(api.admin, '/api/v1/companies', { name: 'شركة النخبة' });
  const duplicate = await post(api.admin, '/api/v1/companies', {
    name: 'النخبة',
    sector: 'Retail',
  });
  await mergeCompanies(ctx, kept.id, kept.version, {
    duplicateId: duplicate.id,
    duplicateVersion: duplicate.version,
  });
  await post(api.admin, '/api/v1/custom-fields', {
    recordKind: 'deal',
    key: 'tier',
    type: 'single_select',
    labelEn: 'Tier',
    labelAr: 'الفئة',
    options: [{ key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي' }],
  });
  await post(api.admin, '/api/v1/views', {
    kind: 'board',
    name: 'العقود الذهبية',
    pipelineId: pipelines.json().items[0].id,
    filters: { q: 'النخبة', 'cf.tier': 'gold' },
    isShared: true,
  });
  // A pipeline review with one decision: verifying the first open deal's value.
  const review = await post(api.admin, '/api/v1/review/sessions', {});
  const worklist = (await get(api.admin, '/api/v1/review')) as {
    sections: { valueUnverified: { deals: { id: string; version: number }[] } };
  };
  const [unverified, another] = worklist.sections.valueUnverified.deals;
  if (!unverified || !another) throw new Error('the demo has too few deals with unverified values');
  await post(api.admin, `/api/v1/review/sessions/${review.id}/actions`, {
    action: 'verifyValue',
    deals: [{ id: unverified.id, version: unverified.version }],
  });
  // A BANT card.
  const response = await api.admin.request({
    method: 'PUT',
    url: `/api/v1/deals/${another.id}/qualification`,
    headers: { 'if-match': `"${another.version}"` },
    payload: { budget: { value: 'ميزانية معتمدة للعام القادم', confidence: 'high' } },
  });
  if (response.statusCode !== 200) throw new Error(`qualification: ${response.body}`);
  // A decision maker who left: their open deals are flagged.
  const decider = await api.database.db
    .selectFrom('deal_contacts')
    .innerJoin('deals', 'deals.id', 'deal_contacts.deal_id')
    .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
    .select(['contacts.id', 'contacts.version'])
    .where('deals.workspace_id', '=', api.admin.workspaceId)
    .where('deals.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('deal_contacts.role', '=', 'decision_maker'),
        eb('contacts.role', '=', 'decision_maker'),
      ]),
    )
    .executeTakeFirstOrThrow();
  const left = await api.admin.request({
    method: 'POST',
    url: `/api/v1/contacts/${decider.id}/left`,
    headers: { 'if-match': `"${decider.version}"` },
    payload: { hasLeft: true, note: 'انتقل إلى شركة أخرى' },
  });
  if (left.statusCode !== 200) throw new Error(`left: ${left.body}`);
  // A satisfaction survey of a won deal, answered.
  const won = await api.database.db
    .selectFrom('deals')
    .select('id')
    .where('workspace_id', '=', api.admin.workspaceId)
    .where('status', '=', 'won')
    .executeTakeFirstOrThrow();
  const survey = await post(api.admin, `/api/v1/deals/${won.id}/surveys`, {});
  const answered = await api.app.inject({
    method: 'POST',
    url: `/api/v1/public/surveys/${survey.url.split('/survey/')[1]}/answer`,
    payload: { score: 5, comment: 'ممتاز' },
  });
  if (answered.statusCode !== 200) throw new Error(`survey: ${answered.body}`);
  // Today's stale digest of the admin.
  await get(api.admin, '/api/v1/my-day/digest');
}

/** Rows of the tables imports use (products, deal items, external ids), written directly. */
async function arrangeImportTables(db: Db, workspaceId: string, now: number): Promise<void> {
  const deal = await db
    .selectFrom('deals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const productId = newId();
  await db
    .insertInto('products')
    .values({
      id: productId,
      workspace_id: workspaceId,
      name: 'خادم سحابي',
      series: 'S1',
      list_price_minor: 1_250_000,
      currency: 'SAR',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('deal_items')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      deal_id: deal.id,
      product_id: productId,
      quantity: 3,
      unit_price_minor: 1_250_000,
      currency: 'SAR',
      discount_bp: 1250,
    })
    .execute();
  await db
    .insertInto('external_refs')
    .values({
      workspace_id: workspaceId,
      kind: 'deal',
      source: 'pipedrive',
      external_id: '1042',
      record_id: deal.id,
      created_at: now,
    })
    .execute();
}

async function signInTo(db: Db): Promise<{ caller: Caller; close: () => Promise<void> }> {
  const app = await buildApp({ db, clock: () => api.clock.now });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'admin@example.com', password: PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'qanat_session')?.value ?? '';
  const { csrfToken } = login.json<{ csrfToken: string }>();
  return {
    caller: {
      ...api.admin,
      request: (options) =>
        app.inject({
          ...options,
          cookies: { qanat_session: cookie },
          headers: { 'x-csrf-token': csrfToken },
        }),
    },
    close: () => app.close(),
  };
}

/**
 * Every row the workspace owns, table by table, read with plain SQL rather than the exporter's
 * own paging: what the comparison of a source and its restored copy looks at.
 */
async function workspaceRows(db: Db, workspaceId: string): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const rule of WORKSPACE_TABLES) {
    const order = sql.join(rule.key.map((column) => sql.ref(`t.${column}`)));
    const from = sql`select t.* from ${sql.table(rule.table)} as t`;
    const query =
      rule.scope === 'self'
        ? sql`${from} where t.id = ${workspaceId}`
        : rule.scope === 'member'
          ? sql`${from} join memberships m on m.user_id = t.id
                where m.workspace_id = ${workspaceId} order by ${order}`
          : sql`${from} where t.workspace_id = ${workspaceId} order by ${order}`;
    rows[rule.table] = (await query.execute(db)).rows;
  }
  return rows;
}

async function get(caller: Caller, url: string): Promise<unknown> {
  const response = await caller.request({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}

describe('workspace export and import', () => {
  it('round-trips the demo losslessly: the same file again, and the same API answers', async () => {
    await arrangeWorkspace();
    const first = await exportToText(api.adminContext());
    const header = JSON.parse(linesOf(first)[0] ?? '{}');
    expect(header).toMatchObject({
      format: 'qanat-workspace',
      formatVersion: 1,
      workspaceId: api.admin.workspaceId,
      exportedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(header.migrations).toContain('2026-11-26-0001-initial');
    const tablesInFile = new Set(
      linesOf(first)
        .slice(1, -1)
        .map((line) => JSON.parse(line).table),
    );
    expect([...tablesInFile]).toEqual(WORKSPACE_TABLES.map((t) => t.table));
    expect(first).toContain('password_hash');

    const summary = await importWorkspace(target.db, linesOf(first));
    expect(summary.workspaceId).toBe(api.admin.workspaceId);
    expect(summary.workspaceName).toBe('Acme Sales');
    expect(summary.records).toBe(linesOf(first).length - 2);

    // Every table's rows, column by column: ids, versions, timestamps, hashes, history.
    const original = await workspaceRows(api.database.db, api.admin.workspaceId);
    for (const [table, rows] of Object.entries(original)) {
      expect(rows.length, `${table} has rows to compare`).toBeGreaterThan(0);
    }
    expect(await workspaceRows(target.db, api.admin.workspaceId)).toEqual(original);

    api.clock.now += 3_600_000;
    const second = await exportToText({ ...api.adminContext(), db: target.db });
    expect(JSON.parse(linesOf(second)[0] ?? '{}').exportedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(comparable(second)).toEqual(comparable(first));

    // The restored copy answers like the original, signed in with the original's password.
    const restored = await signInTo(target.db);
    try {
      const deals = (await get(api.admin, '/api/v1/deals?limit=500')) as {
        items: { id: string; status: string }[];
      };
      expect(deals.items).toHaveLength(40);
      expect(await get(restored.caller, '/api/v1/deals?limit=500')).toEqual(deals);
      for (const url of [
        '/api/v1/board',
        '/api/v1/companies?limit=500',
        '/api/v1/teams',
        '/api/v1/views',
      ]) {
        expect(await get(restored.caller, url), url).toEqual(await get(api.admin, url));
      }
      const closed = deals.items.filter((d) => d.status !== 'open').slice(0, 3);
      expect(closed.length).toBeGreaterThan(0);
      for (const deal of [...closed, deals.items[0]]) {
        const url = `/api/v1/deals/${deal?.id}/history`;
        expect(await get(restored.caller, url), url).toEqual(await get(api.admin, url));
      }
    } finally {
      await restored.close();
    }
  });

  it('reads the file through readline without losing the lines read while it begins', async () => {
    await loadDemoData(api.adminContext(), { deals: 5, seed: 3 });
    const text = await exportToText(api.adminContext());
    // As the command does: the interface reads at once, the transaction starts a moment later.
    const lines = createInterface({ input: Readable.from([text]), crlfDelay: Infinity });
    const summary = await importWorkspace(target.db, lines);
    expect(summary.records).toBe(linesOf(text).length - 2);
  });

  it('refuses a database that already has the workspace, changing nothing', async () => {
    await loadDemoData(api.adminContext(), { deals: 5, seed: 3 });
    const file = linesOf(await exportToText(api.adminContext()));
    await importWorkspace(target.db, file);
    const before = await target.db
      .selectFrom('deals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(importWorkspace(target.db, file)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already has workspace'),
    });
    const after = await target.db
      .selectFrom('deals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('imports beside another workspace without touching it, but refuses a clashing account', async () => {
    await loadDemoData(api.adminContext(), { deals: 5, seed: 3 });
    const file = linesOf(await exportToText(api.adminContext()));
    const resident = await createWorkspace(target.db, { name: 'Resident' }, api.clock.now);
    await addUserToWorkspace(
      target.db,
      resident.id,
      { email: 'resident@example.com', name: 'Rania Resident', password: PASSWORD, role: 'admin' },
      api.clock.now,
    );
    const residentBefore = await workspaceRows(target.db, resident.id);
    await importWorkspace(target.db, file);
    expect(await workspaceRows(target.db, resident.id)).toEqual(residentBefore);
    expect(await workspaceRows(target.db, api.admin.workspaceId)).toEqual(
      await workspaceRows(api.database.db, api.admin.workspaceId),
    );

    // Another account already signs in as admin@example.com there: which one is meant is unclear.
    const clashing = await createTestDatabase();
    try {
      const other = await createWorkspace(clashing.db, { name: 'Elsewhere' }, api.clock.now);
      await addUserToWorkspace(
        clashing.db,
        other.id,
        { email: 'admin@example.com', name: 'Another Admin', password: PASSWORD, role: 'admin' },
        api.clock.now,
      );
      await expect(importWorkspace(clashing.db, file)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('admin@example.com'),
      });
      const workspaces = await clashing.db.selectFrom('workspaces').select('id').execute();
      expect(workspaces).toEqual([{ id: other.id }]);
    } finally {
      await clashing.close();
    }
  });

  it('moves a workspace between SQLite and PostgreSQL, both ways', async () => {
    await arrangeWorkspace();
    const original = await workspaceRows(api.database.db, api.admin.workspaceId);
    const moved = await createTestDatabase(target.dialect === 'sqlite' ? 'postgres' : 'sqlite');
    try {
      await importWorkspace(moved.db, linesOf(await exportToText(api.adminContext())));
      // Each database orders text its own way: compare the rows, not their order.
      const sorted = (rows: Record<string, unknown[]>) =>
        Object.fromEntries(
          Object.entries(rows).map(([table, list]) => [
            table,
            list.map((row) => JSON.stringify(Object.entries(row as object).sort())).sort(),
          ]),
        );
      expect(sorted(await workspaceRows(moved.db, api.admin.workspaceId))).toEqual(
        sorted(original),
      );
      // And back: the copy's file restores into this dialect as the original.
      const back = await exportToText({ ...api.adminContext(), db: moved.db });
      await importWorkspace(target.db, linesOf(back));
      expect(await workspaceRows(target.db, api.admin.workspaceId)).toEqual(original);
    } finally {
      await moved.close();
    }
  });

  it('imports all or nothing: a file cut short or tampered with leaves the database empty', async () => {
    await loadDemoData(api.adminContext(), { deals: 5, seed: 3 });
    const file = linesOf(await exportToText(api.adminContext()));
    const dealLine = file.findIndex((line) => line.includes('"table":"deals"'));
    const foreign = file.map((line, i) =>
      i === dealLine ? line.replace(api.admin.workspaceId, newId()) : line,
    );
    const outOfOrder = [...file];
    const [moved] = outOfOrder.splice(dealLine, 1);
    outOfOrder.splice(3, 0, moved ?? '');
    const cases: [string, string[], string][] = [
      ['cut short', file.slice(0, -1), 'cut short'],
      ['cut at a record', file.slice(0, dealLine + 1), 'cut short'],
      ['a record dropped', file.filter((_, i) => i !== file.length - 2), 'counts'],
      ['a deal dropped', file.filter((_, i) => i !== dealLine), 'do not fit this database'],
      ['a row of another workspace', foreign, 'another workspace'],
      ['out of order', outOfOrder, 'must come before'],
      [
        'another schema',
        [
          file[0]?.replace('"migrations":[', '"migrations":["1999-01-01-0001-other",') ?? '',
          ...file.slice(1),
        ],
        'newer Qanat',
      ],
      ['no header', file.slice(1), 'header'],
    ];
    for (const [name, lines, message] of cases) {
      const attempt = importWorkspace(target.db, lines);
      await expect(attempt, name).rejects.toBeInstanceOf(DomainError);
      await expect(importWorkspace(target.db, lines), name).rejects.toThrow(message);
      for (const table of ['workspaces', 'users', 'deals', 'stage_history'] as const) {
        const rows = await target.db.selectFrom(table).select(sql`1`.as('x')).execute();
        expect(rows, `${name}: ${table}`).toEqual([]);
      }
    }
  });

  it('decides for every table of the database whether it is exported', async () => {
    const tables = await target.db.introspection.getTables();
    const names = tables.map((t) => t.name).sort();
    const decided = [
      ...WORKSPACE_TABLES.map((t) => t.table),
      ...Object.keys(TABLES_NOT_EXPORTED),
    ].sort();
    expect(names).toEqual(decided);
  });
});
