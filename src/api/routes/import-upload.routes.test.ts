import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/api-harness.js';
import { expectStatus } from '../../../test/crm-fixtures.js';
import { zipFolder } from '../../../test/zip-folder.js';

const SALESFORCE = fileURLToPath(
  new URL('../../../test/fixtures/migrations/salesforce', import.meta.url),
);

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

/** A folder with a text file and no CSV in it. */
function textOnlyFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'qanat-upload-'));
  writeFileSync(join(folder, 'README.txt'), 'not an export');
  return folder;
}

async function upload(zip: Buffer, caller = api.admin) {
  return caller.request({
    method: 'POST',
    url: '/api/v1/imports/uploads?fileName=export.zip',
    payload: zip,
    headers: { 'content-type': 'application/zip' },
  });
}

describe('the import wizard’s uploads', () => {
  it('unpacks a zipped Salesforce export, detects it, dry-runs, imports with progress, and keeps the rejected rows', async () => {
    const zip = await zipFolder(SALESFORCE);
    const created = expectStatus(await upload(zip), 201);
    expect(created.source).toBe('salesforce');
    const opportunity = created.files.find((f: { name: string }) => f.name === 'Opportunity.csv');
    expect(opportunity.headers).toContain('StageName');
    expect(opportunity.samples[0]).toContain('Nile Foods – Analytics');
    expect(
      expectStatus(
        await api.admin.request({ method: 'GET', url: `/api/v1/imports/uploads/${created.id}` }),
        200,
      ),
    ).toEqual(created);

    const run = (body: object, headers: Record<string, string> = {}) =>
      api.admin.request({
        method: 'POST',
        url: `/api/v1/imports/uploads/${created.id}/run`,
        payload: { source: 'salesforce', ...body },
        headers,
      });
    const dry = expectStatus(await run({ dryRun: true }), 200);
    expect(dry).toMatchObject({ dryRun: true, committed: false, notRead: ['Lead.csv'] });
    expect(dry.files.find((f: { kind: string }) => f.kind === 'deals').rows.created).toBe(4);
    expect(dry).not.toHaveProperty('folder');
    // A column of one file mapped otherwise than the migration does, or left out.
    const remapped = expectStatus(
      await run({
        dryRun: true,
        columnsByFile: { 'Opportunity.csv': { LeadSource: null, Type: 'source' } },
      }),
      200,
    );
    const columns = remapped.files.find((f: { kind: string }) => f.kind === 'deals').columns;
    expect(columns).toContainEqual({ column: 'Type', field: 'source', how: 'mapping' });
    expect(columns).toContainEqual({ column: 'LeadSource', field: null, how: 'mapping' });

    const streamed = await run({}, { accept: 'application/x-ndjson' });
    expect(streamed.statusCode).toBe(200);
    const events = streamed.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ type: 'report', report: { committed: true } });
    const deals = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/deals?limit=50' }),
      200,
    );
    expect(deals.items.map((d: { title: string }) => d.title)).toContain('Nile Foods – Analytics');

    const rejected = await api.admin.request({
      method: 'GET',
      url: `/api/v1/imports/uploads/${created.id}/rejected.csv`,
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'file,line,row,column,value,reason',
    );
  });

  it('answers a stage it cannot place with the rejection and its did-you-mean; the mapping places it', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'qanat-upload-')), 'sf');
    cpSync(SALESFORCE, folder, { recursive: true });
    const file = join(folder, 'Opportunity.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace(',Prospecting,', ',Prospectin,'));
    const created = expectStatus(await upload(await zipFolder(folder)), 201);
    const run = (mapping: object) =>
      api.admin.request({
        method: 'POST',
        url: `/api/v1/imports/uploads/${created.id}/run`,
        payload: { source: 'salesforce', mapping },
      });
    const refused = expectStatus(await run({}), 200);
    expect(refused.committed).toBe(false);
    const deals = refused.files.find((f: { kind: string }) => f.kind === 'deals');
    expect(deals.rejections).toEqual([
      expect.objectContaining({
        column: 'StageName',
        value: 'Prospectin',
        reason: expect.stringContaining('did you mean "Prospecting"'),
      }),
    ]);
    const csv = (
      await api.admin.request({
        method: 'GET',
        url: `/api/v1/imports/uploads/${created.id}/rejected.csv`,
      })
    ).body;
    expect(csv).toContain('Opportunity.csv,5,5,StageName,Prospectin,');
    // The rejected row itself, with its cells, under the file's headers.
    const rows = await api.admin.request({
      method: 'GET',
      url: `/api/v1/imports/uploads/${created.id}/rejected/Opportunity.csv`,
    });
    expect(rows.statusCode).toBe(200);
    const [header, row] = rows.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toMatch(/^rejected row,rejected line,rejected column,reason,Id,Name,/);
    expect(row).toMatch(
      /^5,5,StageName,.*,0064,Société Générale – expansion,0011,0051,Prospectin,/,
    );
    const none = await api.admin.request({
      method: 'GET',
      url: `/api/v1/imports/uploads/${created.id}/rejected/Account.csv`,
    });
    expect(none.statusCode).toBe(404);
    const fixed = expectStatus(
      await run({ values: { stage: { Prospectin: 'Prospecting' } } }),
      200,
    );
    expect(fixed.committed).toBe(true);
  });

  it('keeps uploads to their workspace and to admins and managers; refuses a body that is no file', async () => {
    const created = expectStatus(await upload(await zipFolder(SALESFORCE)), 201);
    const rep = await api.addMember('rep');
    expect((await upload(await zipFolder(SALESFORCE), rep)).statusCode).toBe(403);
    const other = await api.createOtherWorkspace();
    const foreign = await other.request({
      method: 'GET',
      url: `/api/v1/imports/uploads/${created.id}`,
    });
    expect(foreign.statusCode).toBe(404);
    const empty = await api.admin.request({
      method: 'POST',
      url: '/api/v1/imports/uploads?fileName=x.zip',
      payload: Buffer.alloc(0),
      headers: { 'content-type': 'application/zip' },
    });
    expect(empty.statusCode).toBe(400);
    const noFiles = await api.admin.request({
      method: 'POST',
      url: '/api/v1/imports/uploads?fileName=x.zip',
      payload: await zipFolder(textOnlyFolder()),
      headers: { 'content-type': 'application/zip' },
    });
    expect(noFiles.statusCode).toBe(400);
  });
});
