import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, type TestApi } from '../../../test/api-harness.js';
import { importRecords } from '../../services/transfer/import/import.service.js';

let api: TestApi;
let dir: string;
let rep: Caller;
let teamId: string;
let productId: string;

beforeEach(async () => {
  api = await createTestApi();
  dir = mkdtempSync(join(tmpdir(), 'qanat-board-filters-'));
  rep = await api.addMember('rep');
  const team = await api.admin.request({
    method: 'POST',
    url: '/api/v1/teams',
    payload: { name: 'Riyadh desk' },
  });
  teamId = team.json().id;
  const joined = await api.admin.request({
    method: 'PUT',
    url: `/api/v1/users/${rep.userId}/team`,
    payload: { teamId },
  });
  expect(joined.statusCode).toBe(200);
  const products = join(dir, 'products.csv');
  writeFileSync(products, ['Name,Price', 'GTX Pro,4821', 'GTX Basic,550'].join('\n'));
  const catalogue = await importRecords(api.adminContext(), {
    kind: 'products',
    source: { path: products },
    options: { columns: { Name: 'name', Price: 'listPrice' } },
  });
  expect(catalogue.rejections).toEqual([]);
  // Three deals: the rep's from a referral carrying GTX Pro; two of the admin's.
  const path = join(dir, 'deals.csv');
  writeFileSync(
    path,
    [
      'Title,Owner,Source,Product',
      `Rep referral,${rep.email},Referral,GTX Pro`,
      'Admin website,admin@example.com,Website,GTX Basic',
      'Admin referral,admin@example.com,Referral,',
    ].join('\n'),
  );
  const report = await importRecords(api.adminContext(), {
    kind: 'deals',
    source: { path },
    options: { columns: { Title: 'title', Owner: 'owner', Source: 'source', Product: 'product' } },
  });
  expect(report.rejections).toEqual([]);
  const product = await api.database.db
    .selectFrom('products')
    .select('id')
    .where('name', '=', 'GTX Pro')
    .executeTakeFirstOrThrow();
  productId = product.id;
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

type Board = { columns: { stage: { id: string }; count: number; cards: { title: string }[] }[] };

async function boardTitles(query: string): Promise<string[]> {
  const response = await api.admin.request({ method: 'GET', url: `/api/v1/board?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json<Board>()
    .columns.flatMap((c) => c.cards.map((card) => card.title))
    .sort();
}

async function listTitles(query: string): Promise<string[]> {
  const response = await api.admin.request({ method: 'GET', url: `/api/v1/deals?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json<{ items: { title: string }[] }>()
    .items.map((d) => d.title)
    .sort();
}

describe('filtering the board and the deal list by team, source and product', () => {
  it('narrows cards, counts and the list alike', async () => {
    expect(await boardTitles('')).toEqual(['Admin referral', 'Admin website', 'Rep referral']);
    expect(await boardTitles(`teamId=${teamId}`)).toEqual(['Rep referral']);
    expect(await boardTitles('source=Referral')).toEqual(['Admin referral', 'Rep referral']);
    expect(await boardTitles(`productId=${productId}`)).toEqual(['Rep referral']);
    expect(await boardTitles(`source=Website&teamId=${teamId}`)).toEqual([]);

    const counted = await api.admin.request({
      method: 'GET',
      url: '/api/v1/board?source=Referral',
    });
    const total = counted.json<Board>().columns.reduce((sum, c) => sum + c.count, 0);
    expect(total).toBe(2);

    expect(await listTitles(`teamId=${teamId}`)).toEqual(['Rep referral']);
    expect(await listTitles('source=Website')).toEqual(['Admin website']);
    expect(await listTitles(`productId=${productId}`)).toEqual(['Rep referral']);
  });

  it('pages a column with the same filters', async () => {
    const board = await api.admin.request({ method: 'GET', url: '/api/v1/board' });
    const column = board.json<Board>().columns.find((c) => c.count > 0);
    const page = await api.admin.request({
      method: 'GET',
      url: `/api/v1/board/columns/${column?.stage.id}/cards?source=Referral&limit=10`,
    });
    expect(page.statusCode).toBe(200);
    expect(
      page
        .json<{ cards: { title: string }[] }>()
        .cards.map((c) => c.title)
        .sort(),
    ).toEqual(['Admin referral', 'Rep referral']);
  });

  it('lists the product catalogue the product filter picks from, to every member', async () => {
    const response = await rep.request({ method: 'GET', url: '/api/v1/products' });
    expect(response.statusCode).toBe(200);
    expect(
      response.json<{ items: { name: string; listPriceMinor: number | null }[] }>().items,
    ).toMatchObject([
      { name: 'GTX Basic', listPriceMinor: 55_000 },
      { name: 'GTX Pro', listPriceMinor: 482_100 },
    ]);
    const other = await api.createOtherWorkspace();
    const theirs = await other.request({ method: 'GET', url: '/api/v1/products' });
    expect(theirs.json().items).toEqual([]);
  });

  it('refuses a team the workspace does not have', async () => {
    const response = await api.admin.request({ method: 'GET', url: '/api/v1/board?teamId=nope' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toMatchObject([
      { path: ['teamId'], code: 'unknown_reference' },
    ]);
  });
});
