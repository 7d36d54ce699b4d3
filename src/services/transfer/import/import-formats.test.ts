import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildXlsx,
  createImportWorkspace,
  type ImportWorkspace,
  importFixture,
} from '../../../../test/import-fixtures.js';
import { importRecords } from './import.service.js';

let ws: ImportWorkspace;
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  await ws.close();
});

async function companies() {
  return ws.db
    .selectFrom('companies')
    .select(['name', 'domain', 'sector', 'country', 'size'])
    .where('workspace_id', '=', ws.workspaceId)
    .orderBy('name')
    .execute();
}

async function deals() {
  return ws.db
    .selectFrom('deals')
    .select(['title', 'amount_minor', 'currency', 'status', 'opened_at', 'closed_at'])
    .where('workspace_id', '=', ws.workspaceId)
    .orderBy('title')
    .execute();
}

const CONTACTS = [
  ['Name', 'Email', 'Phone', 'Company'],
  ['Sara Ali', 'sara@example.com', '+966 50 123 4567', 'Northwind Traders'],
  ['Omar Saeed', 'omar.saeed@example.com', '+971 50 765 4321', 'Acme Inc.'],
];

function csv(rows: string[][], delimiter: string): string {
  return rows.map((r) => r.join(delimiter)).join('\r\n');
}

describe('file formats', () => {
  it.each([
    ['comma', ',', 'contacts.csv'],
    ['semicolon', ';', 'contacts.csv'],
    ['tab', '\t', 'contacts.tsv'],
    ['pipe', '|', 'contacts.txt'],
  ])(
    'reads CSV with a %s delimiter, found from the header line',
    async (_name, delimiter, file) => {
      const path = ws.write(file, csv(CONTACTS, delimiter));
      const report = await importRecords(ws.context(), { kind: 'contacts', source: { path } });
      expect(report).toMatchObject({ format: 'csv', delimiter, committed: true });
      expect(report.rows).toMatchObject({ total: 2, created: 2, rejected: 0 });
      const names = await ws.db.selectFrom('contacts').select('name').orderBy('name').execute();
      expect(names.map((n) => n.name)).toEqual(['Omar Saeed', 'Sara Ali']);
    },
  );

  it('reads UTF-8 with a byte-order mark, Arabic headers and Arabic-Indic amounts', async () => {
    const report = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path: importFixture('deals-arabic-semicolon.csv') },
    });
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({ delimiter: ';', committed: true });
    expect(report.columns.map((c) => [c.column, c.field, c.how])).toEqual([
      ['العنوان', 'title', 'guess'],
      ['الشركة', 'company', 'guess'],
      ['القيمة', 'amount', 'guess'],
      ['العملة', 'currency', 'guess'],
      ['المرحلة', 'stage', 'guess'],
      ['تاريخ الإنشاء', 'openedAt', 'guess'],
      ['تاريخ الإغلاق', 'closeDate', 'guess'],
    ]);
    expect(await deals()).toEqual([
      expect.objectContaining({ title: 'توريد أجهزة', amount_minor: 1_250_050, currency: 'SAR' }),
      expect.objectContaining({
        title: 'عقد صيانة',
        amount_minor: 300_000,
        status: 'won',
        // 25/02/2026 is a day in Riyadh (UTC+3).
        closed_at: Date.parse('2026-02-24T21:00:00Z'),
      }),
    ]);
  });

  it('reads Windows-1256 Arabic when the encoding is declared, and refuses to guess it', async () => {
    const path = importFixture('companies-1256.csv');
    const guessed = importRecords(ws.context(), { kind: 'companies', source: { path } });
    await expect(guessed).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ message: expect.stringMatching(/windows-1256/) })],
    });
    const report = await importRecords(ws.context(), {
      kind: 'companies',
      source: { path },
      options: { encoding: 'windows-1256' },
    });
    expect(report.rows).toMatchObject({ created: 2, rejected: 0 });
    expect(await companies()).toEqual([
      {
        name: 'شركة الأمل للتجارة',
        domain: 'alamal.example',
        sector: 'تجزئة',
        country: 'SA',
        size: null,
      },
      { name: 'مؤسسة النور', domain: 'alnoor.example', sector: 'خدمات', country: 'EG', size: null },
    ]);
  });

  it('reads UTF-16 text (Excel’s "Unicode text") from its byte-order mark', async () => {
    const text = readFileSync(importFixture('companies-1256.csv'));
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(iconv.decode(text, 'win1256').replace(/,/g, '\t'), 'utf-16le'),
    ]);
    const report = await importRecords(ws.context(), {
      kind: 'companies',
      source: { path: ws.write('companies.txt', utf16) },
    });
    expect(report).toMatchObject({ delimiter: '\t', rows: { created: 2, rejected: 0 } });
    expect((await companies()).map((c) => c.name)).toEqual(['شركة الأمل للتجارة', 'مؤسسة النور']);
  });

  it('reads an XLSX workbook: typed dates and numbers, the sheet named in the mapping', async () => {
    const workbook = await buildXlsx([
      { name: 'Notes', rows: [['Nothing to import here']] },
      {
        name: 'Deals',
        isRightToLeft: true,
        rows: [
          ['Deal name', 'Amount', 'Stage', 'Created', 'Close date', 'Status'],
          ['Fleet renewal', 12500.5, 'Proposal', new Date(Date.UTC(2026, 0, 5)), null, 'open'],
          [
            'Annual licences',
            0.1 + 0.2,
            'Negotiation & closing',
            new Date(Date.UTC(2026, 0, 10)),
            new Date(Date.UTC(2026, 1, 20)),
            'won',
          ],
        ],
      },
    ]);
    const path = ws.write('deals.xlsx', workbook);
    const report = await importRecords(ws.context(), {
      kind: 'deals',
      source: { path },
      options: { sheet: 'Deals' },
    });
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({ format: 'xlsx', sheet: 'Deals', rows: { created: 2 } });
    expect(await deals()).toEqual([
      expect.objectContaining({ title: 'Annual licences', amount_minor: 30, status: 'won' }),
      expect.objectContaining({
        title: 'Fleet renewal',
        amount_minor: 1_250_050,
        status: 'open',
        opened_at: Date.parse('2026-01-04T21:00:00Z'),
      }),
    ]);

    const missing = importRecords(ws.context(), {
      kind: 'deals',
      source: { path },
      options: { sheet: 'Pipeline' },
    });
    await expect(missing).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/no sheet "Pipeline"/),
    });
  });

  it('names the line of a broken CSV quote and writes nothing', async () => {
    const path = ws.write(
      'broken.csv',
      'Name,Domain\nAcme,acme.example\n"Globex,globex.example\nInitech,initech.example\n',
    );
    const failed = importRecords(ws.context(), { kind: 'companies', source: { path } });
    await expect(failed).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: [path, 'line 3'] })],
    });
    expect(await companies()).toEqual([]);
  });

  it('counts rows as a spreadsheet does and lines as an editor does', async () => {
    const path = ws.write(
      'contacts.csv',
      [
        'Name,Email,Job title',
        'Sara Ali,sara@example.com,"Chief\nTechnology\nOfficer"',
        '',
        'Omar Saeed,not-an-email,Buyer',
      ].join('\n'),
    );
    const report = await importRecords(ws.context(), {
      kind: 'contacts',
      source: { path },
      validOnly: true,
    });
    expect(report.rejections).toEqual([
      {
        row: 4,
        line: 6,
        column: 'Email',
        columnNumber: 2,
        value: 'not-an-email',
        reason: 'not an email address: "not-an-email"',
      },
    ]);
  });
});
