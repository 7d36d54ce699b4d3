import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createImportWorkspace,
  databaseState,
  type ImportWorkspace,
  importFixture,
} from '../../../../test/import-fixtures.js';
import { BOM, parseCsv } from '../../../../test/spreadsheets.js';
import { ImportAbortedError, importRecords } from './import.service.js';
import { importMappingPlan } from './import-plan.service.js';
import { createRejectsFile } from './rejects-file.js';

let ws: ImportWorkspace;
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  await ws.close();
});

function manyDeals(count: number): string {
  const lines = ['ID,Title,Company,Amount,Stage,Created'];
  for (let i = 1; i <= count; i += 1) {
    lines.push(
      `D${i},Deal ${i},Company ${i % 40},${i * 10},Proposal,2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
    );
  }
  return lines.join('\n');
}

describe('dry run', () => {
  it('reports exactly what a real run does, and writes nothing', async () => {
    await importRecords(ws.context(), {
      kind: 'deals',
      source: { path: importFixture('deals-pipedrive.csv') },
    });
    const before = await databaseState(ws.db);
    const path = ws.write('deals.csv', manyDeals(2_500));
    const dry = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path },
      dryRun: true,
      batchSize: 300,
    });
    expect(dry).toMatchObject({
      dryRun: true,
      committed: false,
      rows: { total: 2_500, created: 2_500, rejected: 0 },
      alsoCreated: { companies: 40 },
    });
    expect(await databaseState(ws.db)).toEqual(before);

    const real = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path },
      batchSize: 300,
    });
    expect(real).toMatchObject({ committed: true, rows: dry.rows, alsoCreated: dry.alsoCreated });
    expect((await databaseState(ws.db)).counts.deals).toBe(2_503);
  });
});

describe('all or nothing, or valid rows only', () => {
  it('writes nothing when a single row is rejected, wherever it is', async () => {
    const before = await databaseState(ws.db);
    const lines = manyDeals(1_200).split('\n');
    lines[1_100] = 'D1100,Deal 1100,Acme,lots,Proposal,2026-01-05';
    const report = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path: ws.write('deals.csv', lines.join('\n')) },
      batchSize: 100,
    });
    expect(report).toMatchObject({ committed: false, rows: { created: 1_199, rejected: 1 } });
    expect(report.rejections).toEqual([
      expect.objectContaining({ row: 1_101, line: 1_101, column: 'Amount', value: 'lots' }),
    ]);
    expect(await databaseState(ws.db)).toEqual(before);
  });

  it('with validOnly keeps the valid rows and writes the others to a rejects file', async () => {
    const rejectsPath = join(ws.dir, 'deals.rejected.csv');
    const sink = createRejectsFile(rejectsPath);
    const report = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path: importFixture('deals-bad.csv') },
      validOnly: true,
      rejects: sink,
    });
    await sink.close();
    expect(report).toMatchObject({ committed: true, rows: { created: 2, rejected: 4 } });
    const text = readFileSync(rejectsPath, 'utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(parseCsv(text.slice(BOM.length))).toEqual([
      [
        'rejected row',
        'rejected line',
        'rejected column',
        'reason',
        'Title',
        'Amount',
        'Stage',
        'Created',
        'Close date',
        'Status',
      ],
      [
        '3',
        '3',
        'Title',
        'the deal title is empty',
        '',
        '200',
        'Proposal',
        '2026-01-05',
        '',
        'open',
      ],
      [
        '4',
        '4',
        'Amount',
        expect.stringMatching(/^not an amount/),
        'Bad amount',
        '12x',
        'Proposal',
        '2026-01-05',
        '',
        'open',
      ],
      [
        '5',
        '5',
        'Stage',
        expect.stringMatching(/^unknown stage/),
        'Bad stage',
        '300',
        'Engaging',
        '2026-01-05',
        '',
        'open',
      ],
      [
        '6',
        '6',
        'Close date',
        'a won deal needs its closing date',
        'Won without date',
        '400',
        'Proposal',
        '2026-01-05',
        '',
        'won',
      ],
    ]);
  });

  it('creates no rejects file when nothing is rejected', async () => {
    const rejectsPath = join(ws.dir, 'none.csv');
    const sink = createRejectsFile(rejectsPath);
    await importRecords(ws.context(), {
      kind: 'deals',
      source: { path: importFixture('deals-generic.csv') },
      validOnly: true,
      rejects: sink,
    });
    await sink.close();
    expect(() => readFileSync(rejectsPath)).toThrow();
  });

  it('rolls everything back when stopped halfway (Ctrl-C, a closed connection)', async () => {
    const before = await databaseState(ws.db);
    const controller = new AbortController();
    const run = importRecords(ws.context(), {
      kind: 'deals',
      source: { path: ws.write('deals.csv', manyDeals(3_000)) },
      batchSize: 200,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.rows >= 1_000) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportAbortedError);
    expect(await databaseState(ws.db)).toEqual(before);
  });
});

describe('the mapping', () => {
  it('maps columns, ignores some, composes a title, maps values and defaults the owner', async () => {
    const path = ws.write(
      'opportunities.csv',
      [
        'Ref;Product;Client;Phase;Rep;Worth;Internal notes;Created;Signed on',
        'X1;Widgets;Initech;Talking;Omar Haddad;1.200,50;secret;;',
        'X2;Gadgets;Hooli;Signed;Somebody Else;900;;2026-01-05;2026-02-01',
      ].join('\n'),
    );
    const report = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path },
      options: {
        source: 'legacy-crm',
        externalIdColumn: 'Ref',
        columns: {
          Product: null,
          Client: 'company',
          Phase: 'stage',
          Rep: 'owner',
          Worth: 'amount',
          'Internal notes': null,
          'Signed on': 'closeDate',
        },
        compose: { title: ['Product', 'Client'] },
        values: { stage: { Talking: 'initial_contact', Signed: 'won' } },
        decimalSeparator: ',',
        currency: 'SAR',
        defaultOwnerEmail: 'owner@example.com',
        closedFromStage: 'negotiation',
      },
    });
    expect(report.rejections).toEqual([]);
    expect(report.columns).toEqual([
      { column: 'Ref', field: 'externalId', how: 'mapping' },
      { column: 'Product', field: 'title', how: 'mapping' },
      { column: 'Client', field: 'company', how: 'mapping' },
      { column: 'Phase', field: 'stage', how: 'mapping' },
      { column: 'Rep', field: 'owner', how: 'mapping' },
      { column: 'Worth', field: 'amount', how: 'mapping' },
      { column: 'Internal notes', field: null, how: 'mapping' },
      { column: 'Created', field: 'openedAt', how: 'guess' },
      { column: 'Signed on', field: 'closeDate', how: 'mapping' },
    ]);
    expect(report.warnings.map((w) => [w.code, w.rows])).toEqual([
      ['opened_at_import', [2]],
      ['owner_defaulted', [3]],
    ]);
    const deals = await ws.db
      .selectFrom('deals')
      .innerJoin('users', 'users.id', 'deals.owner_id')
      .select(['title', 'amount_minor', 'currency', 'status', 'users.email'])
      .orderBy('title')
      .execute();
    expect(deals).toEqual([
      {
        title: 'Gadgets – Hooli',
        amount_minor: 90_000,
        currency: 'SAR',
        status: 'won',
        email: 'owner@example.com',
      },
      {
        title: 'Widgets – Initech',
        amount_minor: 120_050,
        currency: 'SAR',
        status: 'open',
        email: 'omar@example.com',
      },
    ]);
    const refs = await ws.db
      .selectFrom('external_refs')
      .select(['source', 'external_id'])
      .execute();
    expect(refs.map((r) => `${r.source}:${r.external_id}`).sort()).toEqual([
      'legacy-crm:X1',
      'legacy-crm:X2',
    ]);
  });

  it('refuses a mapping that does not fit the file, naming every key at fault', async () => {
    const failed = importRecords(ws.context(), {
      kind: 'deals',
      source: { path: importFixture('deals-generic.csv') },
      options: {
        columns: { Titel: 'title', Amount: 'price' },
        values: { colour: { red: 'blue' } },
      },
    });
    await expect(failed).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          path: [expect.any(String), 'columns', 'Titel'],
          message: expect.stringMatching(/No column "Titel"/),
        },
        {
          path: [expect.any(String), 'columns', 'Amount'],
          message: expect.stringMatching(/"price" is not a field of deals/),
        },
        {
          path: [expect.any(String), 'values', 'colour'],
          message: expect.stringMatching(/"colour" is not a field/),
        },
      ],
    });
  });

  it('refuses a file with no column for what the kind needs', async () => {
    const failed = importRecords(ws.context(), {
      kind: 'companies',
      source: { path: ws.write('x.csv', 'Colour,Size\nred,10\n') },
    });
    await expect(failed).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ message: expect.stringMatching(/No column for name/) })],
    });
  });
});

describe('who may import', () => {
  it('admins and managers import records; reps may not; people are the admin’s', async () => {
    const path = importFixture('deals-generic.csv');
    await expect(
      importRecords(ws.context('rep'), { kind: 'deals', source: { path }, dryRun: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const byManager = await importRecords(ws.context('manager'), {
      kind: 'deals',
      source: { path },
      dryRun: true,
    });
    expect(byManager.rows.created).toBe(4);
    const people = ws.write('people.csv', 'Name,Email\nNew Person,new@example.com\n');
    await expect(
      importRecords(ws.context('manager'), { kind: 'users', source: { path: people } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('activities and people', () => {
  it('links activities to deals by id or title, companies and contacts; done ones touch the deal', async () => {
    await importRecords(ws.context(), {
      kind: 'deals',
      source: { path: importFixture('deals-pipedrive.csv') },
      options: { source: 'crm' },
    });
    await importRecords(ws.context(), {
      kind: 'contacts',
      source: { path: importFixture('contacts-tab.tsv') },
      options: { defaultCountry: 'SA' },
    });
    const path = ws.write(
      'activities.csv',
      [
        'ID,Type,Subject,Deal,Company,Contact,Due date,Done at,Owner',
        'A1,Call,Kick-off call,101,,sara.ali@example.com,2026-01-05 10:00,2026-01-05 10:30,Omar Haddad',
        'A2,اجتماع,Demo,CRM rollout,Initech,,2026-03-10 09:00,,',
        'A3,Fax,Old habits,,,,,,',
        'A4,Task,Send quote,Nope,,,,,',
        'A5,Email,Follow-up,,Initech,Sara Ali,2026-02-01,2026-02-01,',
      ].join('\n'),
    );
    const report = await importRecords(ws.context(), {
      kind: 'activities',
      source: { path },
      options: { source: 'crm' },
      validOnly: true,
    });
    expect(report.rejections.map((r) => [r.row, r.column, r.reason])).toEqual([
      [4, 'Type', expect.stringMatching(/unknown activity type "Fax"/)],
      [5, 'Deal', expect.stringMatching(/unknown deal "Nope"/)],
    ]);
    expect(report.rows).toMatchObject({ created: 3, rejected: 2 });
    const activities = await ws.db
      .selectFrom('activities')
      .leftJoin('deals', 'deals.id', 'activities.deal_id')
      .leftJoin('contacts', 'contacts.id', 'activities.contact_id')
      .select([
        'activities.kind',
        'activities.subject',
        'deals.title',
        'contacts.name',
        'activities.done_at',
        'activities.search_text',
      ])
      .orderBy('activities.subject')
      .execute();
    expect(activities).toEqual([
      {
        kind: 'meeting',
        subject: 'Demo',
        title: 'CRM rollout',
        name: null,
        done_at: null,
        search_text: 'demo',
      },
      {
        kind: 'email',
        subject: 'Follow-up',
        title: null,
        name: 'Sara Ali',
        done_at: Date.parse('2026-02-01T00:00:00+03:00'),
        search_text: 'follow-up',
      },
      {
        kind: 'call',
        subject: 'Kick-off call',
        title: 'Website redesign',
        name: 'Sara Ali',
        done_at: Date.parse('2026-01-05T10:30:00+03:00'),
        search_text: 'kick-off call',
      },
    ]);
    const website = await ws.db
      .selectFrom('deals')
      .select('last_activity_at')
      .where('title', '=', 'Website redesign')
      .executeTakeFirstOrThrow();
    expect(website.last_activity_at).toBe(Date.parse('2026-01-05T10:30:00+03:00'));

    const again = await importRecords(ws.context(), {
      kind: 'activities',
      source: { path },
      options: { source: 'crm' },
      validOnly: true,
    });
    expect(again.rows).toMatchObject({ created: 0, skipped: 3, rejected: 2 });

    // A changed subject is searchable by its new words.
    const renamed = ws.write(
      'activities-renamed.csv',
      ['ID,Type,Subject,Deal', 'A2,اجتماع,عَرض المنتج,CRM rollout'].join('\n'),
    );
    const update = await importRecords(ws.context(), {
      kind: 'activities',
      source: { path: renamed },
      options: { source: 'crm' },
    });
    expect(update.rows).toMatchObject({ updated: 1 });
    const demo = await ws.db
      .selectFrom('activities')
      .select('search_text')
      .where('subject', '=', 'عَرض المنتج')
      .executeTakeFirstOrThrow();
    expect(demo.search_text).toBe('عرض المنتج');
  });

  it('imports reps under their managers’ teams, making the managers', async () => {
    const path = ws.write(
      'team.csv',
      [
        'sales_agent,manager,regional_office',
        'Anna Snelling,Dustin Brinkmann,Central',
        'Moses Frase,Dustin Brinkmann,Central',
        'Omar Haddad,Cara Losch,East',
      ].join('\n'),
    );
    const report = await importRecords(ws.context(), {
      kind: 'users',
      source: { path },
      options: {
        columns: { sales_agent: 'name', regional_office: null },
        compose: { team: ['regional_office', 'manager'] },
        userEmailDomain: 'team.example',
      },
    });
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({
      rows: { created: 2, updated: 1 },
      alsoCreated: { managers: 2, teams: 2 },
    });
    const members = await ws.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .leftJoin('teams', 'teams.id', 'memberships.team_id')
      .select(['users.email', 'memberships.role', 'teams.name as team'])
      .orderBy('users.email')
      .execute();
    expect(members).toEqual([
      { email: 'anna.snelling@team.example', role: 'rep', team: 'Central – Dustin Brinkmann' },
      { email: 'cara.losch@team.example', role: 'manager', team: 'East – Cara Losch' },
      {
        email: 'dustin.brinkmann@team.example',
        role: 'manager',
        team: 'Central – Dustin Brinkmann',
      },
      { email: 'manager@example.com', role: 'manager', team: null },
      { email: 'moses.frase@team.example', role: 'rep', team: 'Central – Dustin Brinkmann' },
      // Omar was a member already, found by name.
      { email: 'omar@example.com', role: 'rep', team: 'East – Cara Losch' },
      { email: 'owner@example.com', role: 'admin', team: null },
    ]);
  });
});

describe('a mapping naming several files', () => {
  it('imports them in order in one transaction, all or nothing across files', async () => {
    const before = await databaseState(ws.db);
    ws.write('products.csv', 'Product,Price\nWidget,100\n');
    ws.write(
      'deals.csv',
      'Title,Product,Amount,Created\nOne,Widget,100,2026-01-05\nTwo,Gizmo,5,2026-01-06\n',
    );
    const mapping = ws.write(
      'mapping.json',
      JSON.stringify({
        files: [
          { kind: 'products', file: 'products.csv' },
          { kind: 'deals', file: 'deals.csv' },
        ],
      }),
    );
    const refused = await importMappingPlan(ws.context(), mapping);
    expect(refused.committed).toBe(false);
    expect(refused.files.map((f) => [f.kind, f.rows.created, f.rows.rejected])).toEqual([
      ['products', 1, 0],
      ['deals', 1, 1],
    ]);
    expect(await databaseState(ws.db)).toEqual(before);

    const dry = await importMappingPlan(ws.context(), mapping, { dryRun: true, validOnly: true });
    expect(dry.committed).toBe(false);
    expect(await databaseState(ws.db)).toEqual(before);

    const valid = await importMappingPlan(ws.context(), mapping, { validOnly: true });
    expect(valid.committed).toBe(true);
    expect((await databaseState(ws.db)).counts).toMatchObject({
      products: 1,
      deals: 1,
      deal_items: 1,
    });
  });
});
