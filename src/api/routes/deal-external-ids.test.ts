import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/api-harness.js';
import { importRecords } from '../../services/transfer/import/import.service.js';

let api: TestApi;
let dir: string;
beforeEach(async () => {
  api = await createTestApi();
  dir = mkdtempSync(join(tmpdir(), 'qanat-external-'));
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports two deals from "legacy-crm" with their old ids, and makes one by hand. */
async function arrange() {
  const path = join(dir, 'deals.csv');
  writeFileSync(path, ['Ref,Title', 'X1,Riyadh fleet renewal', 'X2,Jeddah port tender'].join('\n'));
  const report = await importRecords(api.adminContext(), {
    kind: 'deals',
    source: { path },
    options: { source: 'legacy-crm', externalIdColumn: 'Ref' },
  });
  expect(report.rejections).toEqual([]);
  const made = await api.admin.request({
    method: 'POST',
    url: '/api/v1/deals',
    payload: { title: 'Made here' },
  });
  expect(made.statusCode).toBe(201);
}

type DealPage = { items: { title: string; externalIds: { source: string; id: string }[] }[] };

describe('external ids on deals', () => {
  it('shows each deal’s ids from the systems it came from, in the list and on its own', async () => {
    await arrange();
    const list = await api.admin.request({
      method: 'GET',
      url: '/api/v1/deals?sort=title&direction=asc',
    });
    expect(list.statusCode).toBe(200);
    const items = list.json<DealPage>().items;
    expect(items.map((d) => [d.title, d.externalIds])).toEqual([
      ['Jeddah port tender', [{ source: 'legacy-crm', id: 'X2' }]],
      ['Made here', []],
      ['Riyadh fleet renewal', [{ source: 'legacy-crm', id: 'X1' }]],
    ]);
    const id = (list.json<{ items: { id: string; title: string }[] }>().items[0] ?? { id: '' }).id;
    const one = await api.admin.request({ method: 'GET', url: `/api/v1/deals/${id}` });
    expect(one.json().externalIds).toEqual([{ source: 'legacy-crm', id: 'X2' }]);
  });

  it('finds a deal by its old id, in one system or any', async () => {
    await arrange();
    const titles = async (query: string) =>
      (await api.admin.request({ method: 'GET', url: `/api/v1/deals?${query}` }))
        .json<DealPage>()
        .items.map((d) => d.title);
    expect(await titles('externalId=X1')).toEqual(['Riyadh fleet renewal']);
    expect(await titles('externalId=X1&externalSource=legacy-crm')).toEqual([
      'Riyadh fleet renewal',
    ]);
    expect(await titles('externalId=X1&externalSource=pipedrive')).toEqual([]);
    expect(await titles('externalId=nothing')).toEqual([]);
  });

  it('keeps another workspace’s old ids out of sight', async () => {
    await arrange();
    const other = await api.createOtherWorkspace();
    const response = await other.request({ method: 'GET', url: '/api/v1/deals?externalId=X1' });
    expect(response.json<DealPage>().items).toEqual([]);
  });
});
