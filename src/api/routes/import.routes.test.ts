import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, type TestApi } from '../../../test/api-harness.js';
import { errorPaths, expectStatus } from '../../../test/crm-fixtures.js';
import { buildXlsx, databaseState, importFixture } from '../../../test/import-fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

function postImport(
  caller: Caller,
  kind: string,
  body: string | Buffer,
  query = '',
  headers: Record<string, string> = {},
) {
  return caller.request({
    method: 'POST',
    url: `/api/v1/imports/${kind}${query}`,
    payload: body,
    headers: { 'content-type': 'text/csv', ...headers },
  });
}

const fixture = (name: string) => readFileSync(importFixture(name));

describe('POST /imports/:kind', () => {
  it('imports a CSV body and answers with the report; the deals are then listed', async () => {
    const mapping = encodeURIComponent(
      JSON.stringify({ defaultOwnerEmail: 'admin@example.com', closedFromStage: 'proposal' }),
    );
    const report = expectStatus(
      await postImport(
        api.admin,
        'deals',
        fixture('deals-hubspot.csv'),
        `?fileName=hubspot.csv&mapping=${mapping}`,
      ),
      200,
    );
    expect(report).toMatchObject({
      kind: 'deals',
      file: 'hubspot.csv',
      preset: 'hubspot',
      committed: true,
      rows: { total: 3, created: 3, rejected: 0 },
    });
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain('owner_defaulted');
    const list = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/deals' }),
      200,
    );
    expect(list.items.map((d: { title: string }) => d.title).sort()).toEqual([
      'Hooli expansion',
      'Stark licences',
      'Umbrella audit',
    ]);
  });

  it('answers 400 with each rejected row and column as a path, and writes nothing', async () => {
    const before = await databaseState(api.database.db);
    const response = await postImport(api.admin, 'deals', fixture('deals-bad.csv'));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^4 of 6 rows were rejected, so nothing was imported/),
    });
    expect(errorPaths(response)).toEqual([
      'body.3.Title',
      'body.4.Amount',
      'body.5.Stage',
      'body.6.Close date',
    ]);
    expect(error.details[1]).toEqual({
      path: ['body', 4, 'Amount'],
      message: expect.stringMatching(/^not an amount: "12x".*\(value "12x"\)$/),
      code: 'rejected_row',
    });
    expect(await databaseState(api.database.db)).toEqual(before);

    const dry = expectStatus(
      await postImport(api.admin, 'deals', fixture('deals-bad.csv'), '?dryRun=true'),
      200,
    );
    expect(dry).toMatchObject({
      dryRun: true,
      committed: false,
      rows: { created: 2, rejected: 4 },
    });
    expect(dry.rejections[0]).toEqual({
      row: 3,
      line: 3,
      column: 'Title',
      columnNumber: 1,
      value: null,
      reason: 'the deal title is empty',
    });

    const valid = expectStatus(
      await postImport(api.admin, 'deals', fixture('deals-bad.csv'), '?validOnly=true'),
      200,
    );
    expect(valid).toMatchObject({ committed: true, rows: { created: 2, rejected: 4 } });
    const list = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/deals' }),
      200,
    );
    expect(list.items.map((d: { title: string }) => d.title).sort()).toEqual([
      'Another good one',
      'Good one',
    ]);
  });

  it('answers 4xx with a code and a field path to input it cannot read', async () => {
    const empty = await postImport(api.admin, 'deals', '');
    expect(empty.statusCode).toBe(400);
    expect(errorPaths(empty)).toEqual(['body']);

    const badKind = await postImport(api.admin, 'invoices', 'Title\nX\n');
    expect(badKind.statusCode).toBe(400);
    expect(errorPaths(badKind)).toEqual(['params.kind']);

    const badJson = await postImport(api.admin, 'deals', 'Title\nX\n', '?mapping=%7Bnope');
    expect(badJson.statusCode).toBe(400);
    expect(errorPaths(badJson)).toEqual(['mapping']);

    const mapping = encodeURIComponent(JSON.stringify({ columns: { Titel: 'title' }, colour: 1 }));
    const badMapping = await postImport(api.admin, 'deals', 'Title\nX\n', `?mapping=${mapping}`);
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(badMapping)).toEqual(['mapping']);

    const misfit = encodeURIComponent(JSON.stringify({ columns: { Titel: 'title' } }));
    const notFitting = await postImport(
      api.admin,
      'deals',
      'Title\nX\n',
      `?mapping=${misfit}&fileName=d.csv`,
    );
    expect(notFitting.statusCode).toBe(400);
    expect(errorPaths(notFitting)).toEqual(['d.csv.columns.Titel']);

    const ambiguous = await postImport(api.admin, 'deals', fixture('deals-ambiguous.csv'));
    expect(ambiguous.statusCode).toBe(400);
    expect(errorPaths(ambiguous)).toEqual(['body.3.Created']);

    const notUtf8 = await postImport(api.admin, 'companies', fixture('companies-1256.csv'));
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error.details[0].code).toBe('encoding');

    const notXlsx = await postImport(api.admin, 'deals', Buffer.from('PK\u0003\u0004garbage'), '', {
      'content-type': XLSX,
    });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toMatch(/not a readable XLSX workbook/);
  });

  it('reads XLSX bodies and declared encodings', async () => {
    const workbook = await buildXlsx([
      {
        name: 'Companies',
        rows: [
          ['Company', 'Website'],
          ['Initech', 'initech.example'],
        ],
      },
    ]);
    const xlsx = expectStatus(
      await postImport(api.admin, 'companies', workbook, '', { 'content-type': XLSX }),
      200,
    );
    expect(xlsx).toMatchObject({ format: 'xlsx', sheet: 'Companies', rows: { created: 1 } });
    const arabic = expectStatus(
      await postImport(
        api.admin,
        'companies',
        fixture('companies-1256.csv'),
        '?encoding=windows-1256',
      ),
      200,
    );
    expect(arabic.rows.created).toBe(2);
  });

  it('streams progress events before the report when asked for NDJSON', async () => {
    const lines = ['Title,Amount,Created'];
    for (let i = 1; i <= 3_000; i += 1) lines.push(`Deal ${i},${i},2026-01-05`);
    const response = await postImport(api.admin, 'deals', lines.join('\n'), '', {
      accept: 'application/x-ndjson',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson');
    const events = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatchObject({ rows: 3_000, totalBytes: expect.any(Number) });
    expect(progress.at(-1).rowsPerSecond).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'report', report: { rows: { created: 3_000 } } });

    const refused = await postImport(api.admin, 'deals', fixture('deals-bad.csv'), '', {
      accept: 'application/x-ndjson',
    });
    const last = JSON.parse(refused.body.trim().split('\n').at(-1) ?? '{}');
    expect(last).toMatchObject({ type: 'error', error: { code: 'VALIDATION_FAILED' } });

    const misfit = await postImport(api.admin, 'deals', 'Colour\nred\n', '', {
      accept: 'application/x-ndjson',
    });
    // Bad input is found before the stream starts: a plain 400.
    expect(misfit.statusCode).toBe(400);
  });

  it('lets admins and managers import; reps may not; people are the admin’s', async () => {
    const rep = await api.addMember('rep');
    const manager = await api.addMember('manager');
    const byRep = await postImport(rep, 'deals', fixture('deals-generic.csv'), '?dryRun=true');
    expect(byRep.statusCode).toBe(403);
    expect(byRep.json().error.code).toBe('FORBIDDEN');
    const byManager = await postImport(manager, 'products', 'Product,Price\nWidget,10\n');
    expect(expectStatus(byManager, 200).rows.created).toBe(1);
    const people = await postImport(manager, 'users', 'Name,Email\nNew Person,new@example.com\n');
    expect(people.statusCode).toBe(403);
    const byAdmin = await postImport(
      api.admin,
      'users',
      'Name,Email\nNew Person,new@example.com\n',
    );
    expect(expectStatus(byAdmin, 200).rows.created).toBe(1);
  });
});
