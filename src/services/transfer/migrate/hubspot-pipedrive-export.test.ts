import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportWorkspace, type ImportWorkspace } from '../../../../test/import-fixtures.js';
import { migrationSnapshot } from '../../../../test/migration-fixtures.js';
import { migrateExport } from './migration.service.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../../test/fixtures/migrations/${name}`, import.meta.url));
/** An instant written without a zone, read in the workspace's time zone (Asia/Riyadh). */
const riyadh = (text: string) => Date.parse(`${text}:00+03:00`);
const riyadhDay = (day: string) => Date.parse(`${day}T00:00:00+03:00`);

let ws: ImportWorkspace;
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  await ws.close();
});

async function expectSecondRunChangesNothing(source: 'hubspot' | 'pipedrive', folder: string) {
  const before = await migrationSnapshot(ws, source);
  const again = await migrateExport(ws.context(), { source, folder });
  expect(again.committed).toBe(true);
  expect(again.files.every((f) => f.rows.created === 0 && f.rows.updated === 0)).toBe(true);
  expect(again.pipelines.every((p) => !p.created)).toBe(true);
  expect(again.dealContacts.linked).toBe(0);
  expect(await migrationSnapshot(ws, source)).toEqual(before);
}

describe('qanat import hubspot <folder>', () => {
  const FOLDER = fixture('hubspot');

  it('reads each pipeline with its stages, the "Date entered" columns as history, and the associations', async () => {
    const report = await migrateExport(ws.context(), { source: 'hubspot', folder: FOLDER });
    expect(report.committed).toBe(true);
    // Files told apart by their headers, whatever HubSpot called them.
    expect(report.files.map((f) => [f.kind, f.rows.created, f.rows.rejected])).toEqual([
      ['companies', 2, 0],
      ['contacts', 2, 0],
      ['deals', 5, 0],
    ]);
    const snap = await migrationSnapshot(ws, 'hubspot');
    // Stages in the order deals went through them; probabilities from the deals, else
    // HubSpot's defaults, else spread; Closed Lost a status, not a stage.
    expect(snap.pipelines['Sales Pipeline']).toEqual([
      ['Appointment Scheduled', 'open', 20, 'pipeline'],
      ['Qualified To Buy', 'open', 40, 'pipeline'],
      ['Contract Sent', 'open', 90, 'commit'],
      ['Closed Won', 'won', 100, 'commit'],
    ]);
    expect(snap.pipelines.Renewals).toEqual([
      ['Renewal Due', 'open', 33, 'pipeline'],
      ['Quote Sent', 'open', 50, 'best_case'],
      ['Closed Won', 'won', 100, 'commit'],
    ]);
    expect(snap.companies).toEqual([
      ['9001', 'Nile Foods', 'nilefoods.example', 'omar@example.com'],
      ['9002', 'Gulf Ports, LLC', 'gulfports.example', 'manager@example.com'],
    ]);

    const analytics = snap.deals['7001'];
    expect(analytics).toMatchObject({
      pipeline: 'Sales Pipeline',
      stage: 'Contract Sent',
      status: 'open',
      amount_minor: 1_612_100_000, // 16120999.999999998 without the float's noise
      currency: 'USD',
      expected_close_date: '2026-03-31',
      owner: 'omar@example.com',
      company: 'Nile Foods',
      probability_override: null, // 0.9 is its stage's own
      opened_at: riyadh('2025-09-01T10:00'),
      stage_entered_at: riyadh('2026-01-10T11:15'),
    });
    expect(analytics?.history).toEqual([
      [null, 'Appointment Scheduled', 'open', riyadh('2025-09-01T10:00')],
      ['Appointment Scheduled', 'Qualified To Buy', 'open', riyadh('2025-10-01T09:00')],
      ['Qualified To Buy', 'Contract Sent', 'open', riyadh('2026-01-10T11:15')],
    ]);
    expect(analytics?.contacts).toEqual([['Sara Nour', null]]);

    const won = snap.deals['7002'];
    expect(won).toMatchObject({
      title: 'Gulf Ports – Fleet tracking, phase 1',
      status: 'won',
      stage: 'Closed Won',
      amount_minor: 5_000_000,
      currency: 'AED',
      closed_at: riyadhDay('2025-12-15'),
    });
    expect(won?.history.at(-1)).toEqual([
      'Qualified To Buy',
      'Closed Won',
      'won',
      riyadhDay('2025-12-15'),
    ]);
    // "Associated Contact IDs" 5002;5001: both contacts on the deal.
    expect(won?.contacts).toEqual([
      ['Sara Nour', null],
      ['خالد العتيبي', null],
    ]);

    // A move back: HubSpot keeps the last entry into each stage, so the deal went back to
    // Appointment Scheduled after Qualified To Buy, and was lost there with its reason.
    const lost = snap.deals['7003'];
    expect(lost).toMatchObject({ status: 'lost', amount_minor: null, lost_reason: 'Price' });
    expect(lost?.history).toEqual([
      [null, 'Qualified To Buy', 'open', riyadh('2025-10-05T09:00')],
      ['Qualified To Buy', 'Appointment Scheduled', 'open', riyadh('2025-11-15T09:00')],
      ['Appointment Scheduled', 'Appointment Scheduled', 'lost', riyadhDay('2025-11-20')],
    ]);
    expect(snap.deals['7004']).toMatchObject({ pipeline: 'Renewals', stage: 'Quote Sent' });
    expect(snap.deals['7004']?.history).toEqual([
      [null, 'Renewal Due', 'open', riyadh('2026-01-15T09:00')],
      ['Renewal Due', 'Quote Sent', 'open', riyadh('2026-02-01T12:00')],
    ]);
    // No "Date entered" values: opened in its stage on its Create Date.
    expect(snap.deals['7005']?.history).toEqual([
      [null, 'Appointment Scheduled', 'open', riyadh('2026-02-20T07:00')],
    ]);

    await expectSecondRunChangesNothing('hubspot', FOLDER);
  });

  it('rejects an owner nobody is, with a did-you-mean, and writes nothing', async () => {
    const folder = join(ws.dir, 'hubspot');
    cpSync(FOLDER, folder, { recursive: true });
    const deals = join(folder, 'hubspot-crm-exports-all-deals-2026-11-30.csv');
    writeFileSync(
      deals,
      readFileSync(deals, 'utf8').replace(',Mona Manager,0.5', ',Mona Manger,0.5'),
    );
    const report = await migrateExport(ws.context(), { source: 'hubspot', folder });
    expect(report.committed).toBe(false);
    expect(report.files.find((f) => f.kind === 'deals')?.rejections).toEqual([
      expect.objectContaining({
        row: 5,
        column: 'Deal owner',
        value: 'Mona Manger',
        reason: expect.stringContaining('Mona Manager'),
      }),
    ]);
    const count = await ws.db
      .selectFrom('companies')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('qanat import pipedrive <folder>', () => {
  const FOLDER = fixture('pipedrive');

  it('reads organizations, people, products, deals of each pipeline and activities', async () => {
    const report = await migrateExport(ws.context(), { source: 'pipedrive', folder: FOLDER });
    expect(report.committed).toBe(true);
    expect(report.files.map((f) => [f.file, f.kind, f.rows.created, f.rows.rejected])).toEqual([
      ['organizations.csv', 'companies', 2, 0],
      ['people.csv', 'contacts', 2, 0],
      ['products.csv', 'products', 1, 0],
      ['deals.csv', 'deals', 5, 0],
      ['activities.csv', 'activities', 3, 0],
    ]);
    expect(report.notRead).toEqual(['leads.csv']);
    // Deal 104's "Contact person" is nobody in people.csv: said, not guessed.
    expect(report.notes.find((n) => n.code === 'contact_person_not_found')?.count).toBe(1);

    const snap = await migrationSnapshot(ws, 'pipedrive');
    expect(snap.pipelines.Pipeline).toEqual([
      ['Qualified', 'open', 20, 'pipeline'],
      ['Proposal Made', 'open', 75, 'best_case'],
      ['Negotiations Started', 'open', 90, 'commit'],
      ['Won', 'won', 100, 'commit'],
    ]);
    expect(snap.pipelines.Partners).toEqual([
      ['Intro', 'open', 30, 'pipeline'],
      ['Term sheet', 'open', 80, 'best_case'],
      ['Won', 'won', 100, 'commit'],
    ]);
    expect(snap.products).toEqual([['21', 'Fleet tracker', 120_050, 'USD']]);
    expect(snap.deals['101']).toMatchObject({
      stage: 'Negotiations Started',
      status: 'open',
      amount_minor: 1_612_100_000,
      owner: 'omar@example.com',
      company: 'Nile Foods',
      opened_at: riyadh('2025-09-01T10:00'),
      contacts: [['Sara Nour', null]],
    });
    // Won from the stage it stood in, at its won time.
    expect(snap.deals['102']).toMatchObject({
      status: 'won',
      stage: 'Won',
      currency: 'AED',
      amount_minor: 5_000_000,
      closed_at: riyadh('2025-12-15T12:00'),
    });
    expect(snap.deals['102']?.history).toEqual([
      [null, 'Proposal Made', 'open', riyadh('2025-10-01T08:30')],
      ['Proposal Made', 'Won', 'won', riyadh('2025-12-15T12:00')],
    ]);
    expect(snap.deals['103']).toMatchObject({
      status: 'lost',
      stage: 'Qualified',
      amount_minor: null,
      lost_reason: 'Price',
      closed_at: riyadh('2025-11-20T16:00'),
    });
    expect(snap.deals['104']).toMatchObject({ pipeline: 'Partners', probability_override: null });
    expect(snap.activities).toEqual([
      ['201', 'call', 'Discovery call', 'Nile Foods – Analytics', 'Sara Nour', true],
      [
        '202',
        'task',
        'Send the renewal quote',
        'Gulf Ports – Fleet tracking, phase 1',
        'خالد العتيبي',
        false,
      ],
      ['203', 'meeting', 'Demo', 'Nile Foods – Analytics', 'Sara Nour', true],
    ]);

    await expectSecondRunChangesNothing('pipedrive', FOLDER);
  });

  it('maps onto an existing pipeline by a mapping file, and refuses a stage it lacks', async () => {
    const mapping = join(ws.dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        pipeline: 'Sales',
        values: {
          stage: {
            Qualified: 'Lead qualification',
            'Proposal Made': 'Proposal',
            'Negotiations Started': 'Negotiation & closing',
            Intro: 'Initial contact',
          },
        },
      }),
    );
    const refused = await migrateExport(ws.context(), {
      source: 'pipedrive',
      folder: FOLDER,
      mappingPath: mapping,
    });
    expect(refused.committed).toBe(false);
    expect(refused.files.find((f) => f.kind === 'deals')?.rejections).toEqual([
      expect.objectContaining({ row: 5, column: 'Deal - Stage', value: 'Term sheet' }),
    ]);

    const fixed = JSON.parse(readFileSync(mapping, 'utf8'));
    fixed.values.stage['Term sheet'] = 'Proposal';
    writeFileSync(mapping, JSON.stringify(fixed));
    const report = await migrateExport(ws.context(), {
      source: 'pipedrive',
      folder: FOLDER,
      mappingPath: mapping,
    });
    expect(report.committed).toBe(true);
    expect(report.pipelines).toEqual([]);
    const snap = await migrationSnapshot(ws, 'pipedrive');
    expect(Object.keys(snap.pipelines)).toEqual(['Sales']);
    expect(snap.deals['104']).toMatchObject({ pipeline: 'Sales', stage: 'Proposal' });
    expect(snap.deals['102']).toMatchObject({ stage: 'Post-sale follow-up', status: 'won' });
  });
});
