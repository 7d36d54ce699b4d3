import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportWorkspace, type ImportWorkspace } from '../../../../test/import-fixtures.js';
import { migrationSnapshot } from '../../../../test/migration-fixtures.js';
import { migrateExport } from './migration.service.js';

const FOLDER = fileURLToPath(
  new URL('../../../../test/fixtures/migrations/salesforce', import.meta.url),
);
const utc = (text: string) => Date.parse(`${text}Z`);
const riyadhDay = (day: string) => Date.parse(`${day}T00:00:00+03:00`);

let ws: ImportWorkspace;
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  await ws.close();
});

describe('qanat import salesforce <folder>', () => {
  it('brings a Data Export in with the org’s stages, its people, and every deal’s history', async () => {
    const report = await migrateExport(ws.context(), { source: 'salesforce', folder: FOLDER });
    expect(report.committed).toBe(true);
    expect(report.files.map((f) => [f.file, f.kind, f.rows.created, f.rows.rejected])).toEqual([
      ['User.csv', 'users', 2, 0],
      ['Account.csv', 'companies', 2, 0],
      ['Contact.csv', 'contacts', 2, 0],
      ['Product2.csv', 'products', 1, 0],
      ['Opportunity.csv', 'deals', 4, 0],
      ['Task.csv', 'activities', 2, 0],
      ['Event.csv', 'activities', 1, 0],
    ]);
    expect(report.notRead).toEqual(['Lead.csv']);
    expect(report.notes.find((n) => n.code === 'deleted_in_source')?.count).toBe(2);
    expect(report.likelyMisses).toContainEqual({
      file: 'Opportunity.csv',
      column: 'Expected_Close_Date__c',
      field: 'expectedCloseDate',
    });

    const snap = await migrationSnapshot(ws, 'salesforce');
    // The org's stages in SortOrder, with their probabilities and forecast categories; the
    // inactive one left out, Closed Lost a status rather than a stage.
    expect(snap.pipelines.Salesforce).toEqual([
      ['Prospecting', 'open', 10, 'pipeline'],
      ['Qualification', 'open', 20, 'pipeline'],
      ['Proposal/Price Quote', 'open', 60, 'best_case'],
      ['Negotiation/Review', 'open', 90, 'commit'],
      ['Closed Won', 'won', 100, 'commit'],
    ]);
    expect(snap.users).toContainEqual(['yusuf@acme.example', 'Yusuf Saleh', 'rep']);
    // Windows-1252 detected: the accents are the org's, not mojibake.
    expect(snap.companies).toEqual([
      ['0011', 'Société Générale, SA', 'societe.example', 'layla@acme.example'],
      ['0012', 'Nile Foods', 'nilefoods.example', 'yusuf@acme.example'],
    ]);

    const nile = snap.deals['0061'];
    expect(nile).toMatchObject({
      title: 'Nile Foods – Analytics',
      stage: 'Negotiation/Review',
      status: 'open',
      amount_minor: 1_612_100_000, // 16120999.999999998 read without the float's noise
      currency: 'USD',
      expected_close_date: '2026-03-31',
      owner: 'yusuf@acme.example',
      company: 'Nile Foods',
      probability_override: null,
      opened_at: utc('2025-09-01T10:00:00'),
      stage_entered_at: utc('2026-01-10T11:15:00'),
      version: 5,
    });
    // A move back from Proposal to Qualification is kept as it happened.
    expect(nile?.history).toEqual([
      [null, 'Prospecting', 'open', utc('2025-09-01T10:00:00')],
      ['Prospecting', 'Qualification', 'open', utc('2025-10-01T09:00:00')],
      ['Qualification', 'Proposal/Price Quote', 'open', utc('2025-11-05T14:30:00')],
      ['Proposal/Price Quote', 'Qualification', 'open', utc('2025-12-01T08:00:00')],
      ['Qualification', 'Negotiation/Review', 'open', utc('2026-01-10T11:15:00')],
    ]);
    expect(nile?.fields).toEqual([
      ['amount', '20000000', '18000000', utc('2025-11-05T14:30:00')],
      ['expectedCloseDate', '2025-12-31', '2026-01-31', utc('2025-11-05T14:30:00')],
      ['probability', null, '75', utc('2025-11-05T14:30:00')],
      ['probability', '75', null, utc('2025-12-01T08:00:00')],
      ['amount', '18000000', '1612100000', utc('2026-01-10T11:15:00')],
      ['expectedCloseDate', '2026-01-31', '2026-03-31', utc('2026-01-10T11:15:00')],
    ]);
    expect(nile?.contacts).toEqual([['Sara Nour', 'decision_maker']]);

    const renewal = snap.deals['0062'];
    expect(renewal).toMatchObject({
      status: 'won',
      stage: 'Closed Won',
      amount_minor: 5_000_000,
      currency: 'EUR',
      amount_source: 'signed',
      closed_at: riyadhDay('2025-12-15'), // the CloseDate, not the day someone clicked
    });
    expect(renewal?.history).toEqual([
      [null, 'Prospecting', 'open', utc('2025-10-01T08:30:00')],
      ['Prospecting', 'Proposal/Price Quote', 'open', utc('2025-11-01T10:00:00')],
      ['Proposal/Price Quote', 'Closed Won', 'won', riyadhDay('2025-12-15')],
    ]);
    expect(renewal?.fields).toEqual([['amount', '4500000', '5000000', utc('2025-12-16T09:00:00')]]);
    expect(renewal?.items).toEqual([['Analytics Suite', 2, 2_500_000, 'EUR']]);
    expect(renewal?.contacts).toEqual([['Jean Dupont', 'influencer']]);

    const pilot = snap.deals['0063'];
    expect(pilot).toMatchObject({
      status: 'lost',
      stage: 'Qualification',
      amount_minor: null,
      lost_reason: 'Price',
    });
    expect(pilot?.history.at(-1)).toEqual([
      'Qualification',
      'Qualification',
      'lost',
      riyadhDay('2025-11-20'),
    ]);
    expect(pilot?.fields).toEqual([
      ['expectedCloseDate', '2025-11-30', '2025-11-20', utc('2025-11-20T15:00:00')],
    ]);
    // No history rows: opened in its stage on the day it was created.
    expect(snap.deals['0064']?.history).toEqual([
      [null, 'Prospecting', 'open', utc('2026-02-20T07:00:00')],
    ]);
    expect(snap.deals['0065']).toBeUndefined();
    expect(snap.products).toEqual([['01t1', 'Analytics Suite', 1_200_000, 'USD']]);
    expect(snap.activities).toEqual([
      ['00T1', 'call', 'Discovery call', 'Nile Foods – Analytics', 'Sara Nour', true],
      [
        '00T2',
        'task',
        'Send the renewal quote',
        'Société Générale – expansion',
        'Jean Dupont',
        false,
      ],
      ['00U1', 'meeting', 'Demo', 'Nile Foods – Analytics', 'Sara Nour', true],
    ]);

    // Again: nothing changes.
    const again = await migrateExport(ws.context(), { source: 'salesforce', folder: FOLDER });
    expect(again.committed).toBe(true);
    expect(again.files.every((f) => f.rows.created === 0 && f.rows.updated === 0)).toBe(true);
    expect(again.pipelines).toEqual([expect.objectContaining({ created: false })]);
    expect(again.dealContacts).toEqual({ linked: 0, alreadyLinked: 2 });
    expect(again.dealItems.added).toBe(0);
    expect(await migrationSnapshot(ws, 'salesforce')).toEqual(snap);
  });

  it('refuses a stage it cannot place, with a did-you-mean, writes nothing; a mapping places it', async () => {
    const folder = join(ws.dir, 'export');
    cpSync(FOLDER, folder, { recursive: true });
    const opportunities = join(folder, 'Opportunity.csv');
    writeFileSync(
      opportunities,
      readFileSync(opportunities, 'utf8').replace(
        '0064,Société Générale – expansion,0011,0051,Prospecting',
        '0064,Société Générale – expansion,0011,0051,Prospectin',
      ),
    );
    const dry = await migrateExport(ws.context(), { source: 'salesforce', folder, dryRun: true });
    const deals = dry.files.find((f) => f.kind === 'deals');
    expect(dry.committed).toBe(false);
    expect(deals?.rejections).toEqual([
      expect.objectContaining({
        row: 5,
        column: 'StageName',
        value: 'Prospectin',
        reason: expect.stringContaining('(did you mean "Prospecting"?)'),
      }),
    ]);
    const refused = await migrateExport(ws.context(), { source: 'salesforce', folder });
    expect(refused.committed).toBe(false);
    const count = await ws.db
      .selectFrom('deals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);

    const mapping = join(ws.dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ values: { stage: { Prospectin: 'Prospecting' } } }));
    const fixed = await migrateExport(ws.context(), {
      source: 'salesforce',
      folder,
      mappingPath: mapping,
    });
    expect(fixed.committed).toBe(true);
    expect((await migrationSnapshot(ws, 'salesforce')).deals['0064']?.stage).toBe('Prospecting');
  });
});
