import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createImportWorkspace,
  databaseState,
  type ImportWorkspace,
  importFixture,
} from '../../../../test/import-fixtures.js';
import { importRecords } from './import.service.js';
import type { ImportKind } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';

let ws: ImportWorkspace;
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  await ws.close();
});

function run(kind: ImportKind, path: string, options: ImportOptions = {}, validOnly = false) {
  return importRecords(ws.context(), { kind, source: { path }, options, validOnly });
}

async function companies() {
  return ws.db
    .selectFrom('companies')
    .select(['id', 'name', 'domain', 'sector', 'size', 'country', 'version'])
    .where('workspace_id', '=', ws.workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
}

async function contacts() {
  const rows = await ws.db
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .select(['contacts.id', 'contacts.name', 'contacts.job_title', 'companies.name as company'])
    .where('contacts.workspace_id', '=', ws.workspaceId)
    .orderBy('contacts.name')
    .execute();
  const channels = await ws.db
    .selectFrom('contact_channels')
    .select(['contact_id', 'kind', 'value'])
    .orderBy('kind')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    ...r,
    channels: channels.filter((c) => c.contact_id === r.id).map((c) => `${c.kind}:${c.value}`),
  }));
}

describe('companies', () => {
  it('match by web domain or folded name, and report near-duplicates without merging', async () => {
    await run(
      'companies',
      ws.write(
        'first.csv',
        'Name,Website\nNorthwind Traders,https://www.northwind.example/\nGTX Pro,\n',
      ),
    );
    const report = await run(
      'companies',
      ws.write(
        'second.csv',
        [
          'Company,Domain,Industry,Employees,Country',
          // Same domain, another spelling: the same company.
          'Northwind Trading Co,northwind.example,Retail,"1,200",Saudi Arabia',
          // One letter away: a new company, with a suggestion.
          'Northwind Tradrs,,Retail,,',
          // The same name once spaces are gone: a new company, with a suggestion.
          'GTXPro,,technolgy,40,مصر',
          // Folded name: the same company as GTX Pro.
          'gtx-pro ltd,,,,',
        ].join('\n'),
      ),
    );
    expect(report.rows).toMatchObject({ total: 4, created: 2, updated: 1, skipped: 1 });
    expect(report.suggestions.map((s) => [s.row, s.column, s.value, s.similarTo])).toEqual([
      [3, 'Company', 'Northwind Tradrs', 'Northwind Traders'],
      [4, 'Industry', 'technolgy', 'technology'],
      [4, 'Company', 'GTXPro', 'GTX Pro'],
    ]);
    expect((await companies()).map((c) => [c.name, c.domain, c.sector, c.size, c.country])).toEqual(
      [
        ['GTX Pro', null, null, null, null],
        ['GTXPro', null, 'technolgy', '11-50', 'EG'],
        // Matched by domain: keeps its name, gains the facts.
        ['Northwind Traders', 'northwind.example', 'Retail', '1000+', 'SA'],
        ['Northwind Tradrs', null, 'Retail', null, null],
      ],
    );
  });

  it('correct a look-alike through a value map, as the suggestion says', async () => {
    await run('companies', ws.write('first.csv', 'Name\nGTX Pro\n'));
    const report = await run(
      'companies',
      ws.write('second.csv', 'Name,Sector\nGTXPro,technolgy\n'),
      {
        values: { name: { GTXPro: 'GTX Pro' }, sector: { technolgy: 'technology' } },
      },
    );
    expect(report.suggestions).toEqual([]);
    expect(report.valueMaps).toEqual([
      { field: 'name', from: 'GTXPro', to: 'GTX Pro', count: 1 },
      { field: 'sector', from: 'technolgy', to: 'technology', count: 1 },
    ]);
    expect((await companies()).map((c) => [c.name, c.sector])).toEqual([['GTX Pro', 'technology']]);
  });
});

describe('contacts', () => {
  it('match by email (any case) and E.164 phone, Arabic names folded for suggestions', async () => {
    const first = await run('contacts', importFixture('contacts-tab.tsv'), {
      defaultCountry: 'SA',
    });
    expect(first.rejections).toEqual([]);
    // Row 4 has row 2's email in another case: the same person, updated.
    expect(first.rows).toMatchObject({ total: 3, created: 2, updated: 1 });
    expect(await contacts()).toEqual([
      expect.objectContaining({
        name: 'Omar Saeed',
        company: 'Acme Inc.',
        channels: ['email:omar@example.com', 'phone:+971507654321'],
      }),
      expect.objectContaining({
        name: 'Sara Ali',
        job_title: 'Chief Technology Officer',
        company: 'Northwind Traders',
        channels: ['email:sara.ali@example.com', 'phone:+966501234567'],
      }),
    ]);

    const second = await run(
      'contacts',
      ws.write(
        'more.csv',
        [
          'الاسم,الهاتف,البريد الإلكتروني',
          // The same phone written the local way: Sara.
          'S. Ali,٠٥٠ ١٢٣ ٤٥٦٧,',
          // A new person with the same name as Omar once folded: created, with a suggestion.
          'omar  saeed,,o.saeed@other.example',
        ].join('\n'),
      ),
      { defaultCountry: 'SA' },
    );
    expect(second.rows).toMatchObject({ created: 1, skipped: 1, rejected: 0 });
    expect(second.suggestions).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'الاسم',
        value: 'omar  saeed',
        similarTo: 'Omar Saeed <omar@example.com>',
      }),
    ]);
    expect((await contacts()).map((c) => c.name).sort()).toEqual([
      'Omar Saeed',
      'Sara Ali',
      'omar  saeed',
    ]);
  });

  it('keeps local numbers as digits without a default country, and rejects bad ones', async () => {
    const report = await run(
      'contacts',
      ws.write('c.csv', 'Name,Phone,Email\nA,050 123 4567,\nB,12,\nC,,not-an-email\n'),
      {},
      true,
    );
    expect(report.warnings.map((w) => [w.code, w.rows])).toEqual([['phone_without_country', [2]]]);
    expect(report.rejections.map((r) => [r.row, r.column])).toEqual([
      [3, 'Phone'],
      [4, 'Email'],
    ]);
  });
});

describe('products and the deal value check', () => {
  it('report GTXPro as near GTX Pro, and flag deal amounts far from list prices', async () => {
    const products = await run(
      'products',
      ws.write('p.csv', 'Product,Series,Sales price\nGTX Pro,GTX,4821\nMG Special,MG,55\n'),
    );
    expect(products.rows).toMatchObject({ created: 2 });
    const path = ws.write(
      'd.csv',
      [
        'Title,Product,Amount,Status,Created,Close date',
        'Within tolerance,GTX Pro,4514,won,2026-01-05,2026-02-01',
        'Far above,MG Special,80,won,2026-01-05,2026-02-01',
        'Typo,GTXPro,4821,won,2026-01-05,2026-02-01',
        'No amount,MG Special,,open,2026-01-05,',
      ].join('\n'),
    );
    const refused = await run('deals', path);
    expect(refused.rejections).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'Product',
        reason: expect.stringMatching(/unknown product "GTXPro" \(did you mean "GTX Pro"\?\)/),
      }),
    ]);
    expect(refused.suggestions).toEqual([
      expect.objectContaining({ row: 4, value: 'GTXPro', similarTo: 'GTX Pro' }),
    ]);

    const report = await run('deals', path, {
      values: { product: { GTXPro: 'GTX Pro' } },
      amountFromProducts: true,
      valueTolerance: 0.2,
    });
    expect(report.rows).toMatchObject({ created: 4, rejected: 0 });
    expect(report.valueCheck).toEqual({
      tolerance: 0.2,
      checked: 3,
      flagged: 1,
      examples: [{ row: 3, amount: 8_000, itemsTotal: 5_500, currency: 'USD' }],
    });
    const noAmount = await ws.db
      .selectFrom('deals')
      .select(['amount_minor', 'amount_source'])
      .where('title', '=', 'No amount')
      .executeTakeFirstOrThrow();
    expect(noAmount).toEqual({ amount_minor: 5_500, amount_source: 'estimate' });
    const items = await ws.db.selectFrom('deal_items').select('unit_price_minor').execute();
    expect(items).toHaveLength(4);
  });
});

describe('re-importing a file with external ids', () => {
  it('updates what changed and duplicates nothing', async () => {
    const first = await run('deals', importFixture('deals-pipedrive.csv'));
    expect(first.rows).toMatchObject({ created: 3 });
    const afterFirst = await databaseState(ws.db);

    const again = await run('deals', importFixture('deals-pipedrive.csv'));
    expect(again.rows).toMatchObject({ total: 3, created: 0, updated: 0, skipped: 3 });
    expect(await databaseState(ws.db)).toEqual(afterFirst);

    // The open deal was won since, and another's value changed.
    const changed = ws.write(
      'pipedrive-later.csv',
      [
        'Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Organization - Name,Deal - Owner,Deal - Deal created,Deal - Expected close date,Deal - Won time,Deal - Lost time,Deal - Lost reason',
        '101,Website redesign,8500,USD,Proposal Made,won,Initech,Omar Haddad,2026-01-03 10:15:00,2026-05-01,2026-02-25 11:00:00,,',
        '102,CRM rollout,16000,USD,Negotiations Started,won,Initech,Omar Haddad,2026-01-04 09:00:00,,2026-02-14 16:30:00,,',
        '103,Server upgrade,5000,EUR,Qualified,lost,Hooli,owner@example.com,2026-01-05 11:00:00,,,2026-01-30 12:00:00,No budget',
      ].join('\n'),
    );
    const later = await run('deals', changed);
    expect(later.rows).toMatchObject({ created: 0, updated: 2, skipped: 1 });
    const deals = await ws.db
      .selectFrom('deals')
      .select(['id', 'title', 'status', 'amount_minor', 'version'])
      .orderBy('title')
      .execute();
    expect(deals.map((d) => [d.title, d.status, d.amount_minor, d.version])).toEqual([
      ['CRM rollout', 'won', 1_600_000, 3],
      ['Server upgrade', 'lost', 500_000, 2],
      ['Website redesign', 'won', 850_000, 2],
    ]);
    // History is appended to, never rewritten: the win is one more row.
    const website = deals.find((d) => d.title === 'Website redesign');
    const history = await ws.db
      .selectFrom('stage_history')
      .select(['to_status', 'at', 'reason'])
      .where('deal_id', '=', website?.id ?? '')
      .orderBy('at')
      .execute();
    expect(history).toEqual([
      { to_status: 'open', at: Date.parse('2026-01-03T10:15:00+03:00'), reason: null },
      {
        to_status: 'won',
        at: Date.parse('2026-02-25T11:00:00+03:00'),
        reason: 'Updated by an import',
      },
    ]);
    expect(await ws.db.selectFrom('external_refs').select('external_id').execute()).toHaveLength(3);
  });

  it('treats a repeated id in one file as a later version of the same record', async () => {
    const path = ws.write(
      'companies.csv',
      'ID,Name,Sector\nC1,Initech,Software\nC2,Hooli,Retail\nC1,Initech Corp,Consulting\n',
    );
    const report = await run('companies', path);
    expect(report.rows).toMatchObject({ total: 3, created: 2, updated: 1 });
    expect((await companies()).map((c) => [c.name, c.sector])).toEqual([
      ['Hooli', 'Retail'],
      ['Initech Corp', 'Consulting'],
    ]);
    // Again: row 2 takes Initech back to its first version, row 4 forward to its last.
    const again = await run('companies', path);
    expect(again.rows).toMatchObject({ created: 0, updated: 2, skipped: 1 });
    expect((await companies()).map((c) => c.name)).toEqual(['Hooli', 'Initech Corp']);
  });

  it('leaves records deleted in Qanat since deleted', async () => {
    const path = ws.write('companies.csv', 'ID,Name\nC1,Initech\nC2,Hooli\n');
    await run('companies', path);
    await ws.db
      .updateTable('companies')
      .set({ deleted_at: Date.now() })
      .where('name', '=', 'Initech')
      .execute();
    const again = await run('companies', path);
    expect(again.rows).toMatchObject({ created: 0, skipped: 2 });
    expect(again.warnings).toEqual([
      expect.objectContaining({ code: 'deleted_in_qanat', count: 1, rows: [2] }),
    ]);
    expect((await companies()).map((c) => c.name)).toEqual(['Hooli']);
  });

  it('re-imports contacts and products by id, renaming them', async () => {
    await run(
      'contacts',
      ws.write('c1.csv', 'Contact ID,Name,Email\n7,Sara Ali,sara@example.com\n'),
    );
    const renamed = await run(
      'contacts',
      ws.write('c2.csv', 'Contact ID,Name,Email\n7,Sara Al-Harbi,sara.h@example.com\n'),
    );
    expect(renamed.rows).toMatchObject({ updated: 1, created: 0 });
    expect(await contacts()).toEqual([
      expect.objectContaining({
        name: 'Sara Al-Harbi',
        channels: ['email:sara@example.com', 'email:sara.h@example.com'],
      }),
    ]);

    await run('products', ws.write('p1.csv', 'SKU,Product,Price\nA1,Widget,10\nA2,Gadget,20\n'));
    const clash = await run('products', ws.write('p2.csv', 'SKU,Product,Price\nA1,Gadget,12\n'));
    expect(clash.rejections).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Product',
        reason: expect.stringMatching(/two products/),
      }),
    ]);
    const renamedProduct = await run(
      'products',
      ws.write('p3.csv', 'SKU,Product,Price\nA1,Widget Pro,12\n'),
    );
    expect(renamedProduct.rows).toMatchObject({ updated: 1 });
    const names = await ws.db
      .selectFrom('products')
      .select(['name', 'list_price_minor'])
      .orderBy('name')
      .execute();
    expect(names).toEqual([
      { name: 'Gadget', list_price_minor: 2_000 },
      { name: 'Widget Pro', list_price_minor: 1_200 },
    ]);
  });
});
