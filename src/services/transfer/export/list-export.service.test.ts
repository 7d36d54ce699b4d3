import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../../test/api-harness.js';
import { insertTestCompany } from '../../../../test/crm-fixtures.js';
import { csvRecords, readXlsx, xlsxRecords } from '../../../../test/spreadsheets.js';
import { listActivityViews } from '../../records/activity.service.js';
import { listCompanyViews } from '../../records/company.service.js';
import { listContactViews } from '../../records/contact.service.js';
import type { ServiceContext } from '../../context.service.js';
import { listDealViews } from '../../deals/deal.service.js';
import { loadDemoData } from '../../../demo/load-demo.js';
import { type ListExportRequest, prepareListExport } from './list-export.service.js';
import { newId } from '../../../db/id.js';
import { buildSearchText } from '../../../domain/search-text.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await loadDemoData(api.adminContext(), { deals: 40, seed: 11 });
});
afterAll(async () => {
  await api.close();
});

async function exportBuffer(
  ctx: ServiceContext,
  request: ListExportRequest,
  format: 'csv' | 'xlsx',
  pageSize: number,
) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const file = await prepareListExport(ctx, request, { format, lang: 'en', pageSize });
  const count = await file.writeTo(out);
  return { count, buffer: Buffer.concat(chunks) };
}

/** Every id the list service returns for the query, following its cursors. */
async function listedIds(
  list: (
    cursor: string | undefined,
  ) => Promise<{ items: { id: string }[]; nextCursor: string | null }>,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('list exports over many pages', () => {
  it('export every record once, in the list’s order, whatever the page size', async () => {
    const ctx = api.adminContext();
    const cases: [ListExportRequest, () => Promise<string[]>][] = [
      [
        { resource: 'deals', query: { sort: 'amount', direction: 'desc' } },
        () =>
          listedIds((cursor) =>
            listDealViews(ctx, { sort: 'amount', direction: 'desc', limit: 500, cursor }),
          ),
      ],
      [
        { resource: 'companies', query: { sort: 'name', direction: 'asc' } },
        () =>
          listedIds((cursor) =>
            listCompanyViews(ctx, { sort: 'name', direction: 'asc', limit: 500, cursor }),
          ),
      ],
      [
        { resource: 'contacts', query: { sort: 'name', direction: 'asc' } },
        () =>
          listedIds((cursor) =>
            listContactViews(ctx, { sort: 'name', direction: 'asc', limit: 500, cursor }),
          ),
      ],
      [
        { resource: 'activities', query: { direction: 'asc' } },
        () =>
          listedIds((cursor) => listActivityViews(ctx, { direction: 'asc', limit: 500, cursor })),
      ],
    ];
    for (const [request, expectedIds] of cases) {
      const expected = await expectedIds();
      expect(expected.length, request.resource).toBeGreaterThan(20);
      const csv = await exportBuffer(ctx, request, 'csv', 7);
      expect(csv.count, request.resource).toBe(expected.length);
      expect(
        csvRecords(csv.buffer.toString('utf8')).map((r) => r.ID),
        request.resource,
      ).toEqual(expected);
      const xlsx = await exportBuffer(ctx, request, 'xlsx', 7);
      const sheet = await readXlsx(xlsx.buffer);
      expect(
        xlsxRecords(sheet).map((r) => r.ID),
        request.resource,
      ).toEqual(expected);
    }
  });

  it('keep the deal list’s visibility for a limited rep, across pages', async () => {
    const ctx = api.adminContext();
    await ctx.db
      .updateTable('workspaces')
      .set({ reps_see_own_deals_only: 1 })
      .where('id', '=', ctx.actor.workspaceId)
      .execute();
    const owner = await ctx.db
      .selectFrom('deals')
      .select('owner_id')
      .where('workspace_id', '=', ctx.actor.workspaceId)
      .where('owner_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const repCtx: ServiceContext = {
      ...ctx,
      actor: { ...ctx.actor, userId: owner.owner_id, role: 'rep' },
    };
    const own = await listedIds((cursor) =>
      listDealViews(repCtx, { sort: 'updatedAt', direction: 'desc', limit: 500, cursor }),
    );
    const all = await listedIds((cursor) =>
      listDealViews(ctx, { sort: 'updatedAt', direction: 'desc', limit: 500, cursor }),
    );
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    const deals = await exportBuffer(
      repCtx,
      { resource: 'deals', query: { sort: 'updatedAt', direction: 'desc' } },
      'csv',
      3,
    );
    const records = csvRecords(deals.buffer.toString('utf8'));
    expect(records.map((r) => r.ID)).toEqual(own);

    const visibleActivities = await listedIds((cursor) =>
      listActivityViews(repCtx, { direction: 'asc', limit: 500, cursor }),
    );
    const activities = await exportBuffer(
      repCtx,
      { resource: 'activities', query: { direction: 'asc' } },
      'csv',
      5,
    );
    expect(csvRecords(activities.buffer.toString('utf8')).map((r) => r.ID)).toEqual(
      visibleActivities,
    );
    const ownTitles = new Set(records.map((r) => r.Title));
    for (const record of csvRecords(activities.buffer.toString('utf8'))) {
      if (record.Deal) expect(ownTitles.has(record.Deal ?? '')).toBe(true);
    }
  });
});

/** Deals straight in the database, many at a time: `count` of them in the workspace's pipeline. */
async function insertDeals(
  ctx: ServiceContext,
  count: number,
  title: (i: number) => string,
  companyId: string | null,
): Promise<string[]> {
  const stage = await ctx.db
    .selectFrom('stages')
    .select(['id', 'pipeline_id'])
    .where('workspace_id', '=', ctx.actor.workspaceId)
    .orderBy('position')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let start = 0; start < count; start += 250) {
    const rows = Array.from({ length: Math.min(250, count - start) }, (_, k) => {
      const i = start + k;
      const id = newId();
      ids.push(id);
      return {
        id,
        workspace_id: ctx.actor.workspaceId,
        pipeline_id: stage.pipeline_id,
        stage_id: stage.id,
        title: title(i),
        company_id: companyId,
        owner_id: ctx.actor.userId,
        amount_minor: i * 100,
        currency: 'SAR',
        amount_source: 'estimate',
        expected_close_date: null,
        probability_override: null,
        source: i % 2 === 0 ? '=cmd' : null,
        status: 'open',
        lost_reason_id: null,
        lost_note: null,
        opened_at: ctx.now - i * 1000,
        closed_at: null,
        stage_entered_at: ctx.now - i * 1000,
        last_activity_at: null,
        search_text: buildSearchText(title(i)),
        created_at: ctx.now - i * 1000,
        updated_at: ctx.now - i * 1000,
        deleted_at: null,
      };
    });
    await ctx.db.insertInto('deals').values(rows).execute();
  }
  return ids;
}

describe('a list export of thousands of records', () => {
  let bulk: TestApi;
  beforeAll(async () => {
    bulk = await createTestApi();
  });
  afterAll(async () => {
    await bulk.close();
  });

  it('streams every one, page by page, and never another workspace’s', async () => {
    const ctx = bulk.adminContext();
    const company = await insertTestCompany(bulk, 'شركة الأفق');
    const ids = await insertDeals(ctx, 3_000, (i) => `Deal ${i}`, company);

    const other = await bulk.createOtherWorkspace();
    const otherCtx: ServiceContext = {
      ...ctx,
      actor: { workspaceId: other.workspaceId, userId: other.userId, role: 'admin' },
    };
    const otherCompany = await insertTestCompany(bulk, 'Other Co', other.workspaceId);
    const otherIds = await insertDeals(otherCtx, 200, (i) => `Other ${i}`, otherCompany);

    const request: ListExportRequest = {
      resource: 'deals',
      query: { sort: 'updatedAt', direction: 'desc' },
    };
    const csv = await exportBuffer(ctx, request, 'csv', 500);
    expect(csv.count).toBe(3_000);
    const records = csvRecords(csv.buffer.toString('utf8'));
    expect(new Set(records.map((r) => r.ID))).toEqual(new Set(ids));
    expect(records.every((r) => r.Company === 'شركة الأفق')).toBe(true);
    expect(records.filter((r) => r.Source === "'=cmd")).toHaveLength(1_500);

    const xlsx = await exportBuffer(ctx, request, 'xlsx', 500);
    expect(xlsx.count).toBe(3_000);
    const sheet = await readXlsx(xlsx.buffer);
    expect(sheet.formulaCount).toBe(0);
    expect(xlsxRecords(sheet).map((r) => r.ID)).toEqual(records.map((r) => r.ID));

    const theirs = csvRecords(
      (await exportBuffer(otherCtx, request, 'csv', 500)).buffer.toString(),
    );
    expect(new Set(theirs.map((r) => r.ID))).toEqual(new Set(otherIds));
    expect(theirs.every((r) => r.Company === 'Other Co')).toBe(true);
  });
});
