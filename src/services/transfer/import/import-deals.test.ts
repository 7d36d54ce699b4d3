import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createImportWorkspace,
  type ImportWorkspace,
  importFixture,
} from '../../../../test/import-fixtures.js';
import { importRecords } from './import.service.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';

let ws: ImportWorkspace;
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  await ws.close();
});

const riyadhDay = (day: string) => Date.parse(`${day}T00:00:00+03:00`);

/** Deals as a person checks them: stage key, status, money, owner email, company name. */
async function importedDeals() {
  const rows = await ws.db
    .selectFrom('deals')
    .innerJoin('stages', 'stages.id', 'deals.stage_id')
    .leftJoin('companies', 'companies.id', 'deals.company_id')
    .leftJoin('users', 'users.id', 'deals.owner_id')
    .leftJoin('lost_reasons', 'lost_reasons.id', 'deals.lost_reason_id')
    .select([
      'deals.id',
      'deals.title',
      'stages.key as stage',
      'deals.status',
      'deals.amount_minor',
      'deals.currency',
      'deals.amount_source',
      'deals.opened_at',
      'deals.closed_at',
      'deals.expected_close_date',
      'deals.lost_note',
      'deals.version',
      'lost_reasons.label_en as lostReason',
      'users.email as owner',
      'companies.name as company',
    ])
    .where('deals.workspace_id', '=', ws.workspaceId)
    .orderBy('deals.title')
    .execute();
  return rows;
}

/** Each deal's history as [from stage, to stage, to status, at], oldest first. */
async function historyOf(dealId: string) {
  const rows = await ws.db
    .selectFrom('stage_history')
    .innerJoin('stages as to_stage', 'to_stage.id', 'stage_history.to_stage_id')
    .leftJoin('stages as from_stage', 'from_stage.id', 'stage_history.from_stage_id')
    .select([
      'from_stage.key as from',
      'to_stage.key as to',
      'stage_history.to_status',
      'stage_history.at',
    ])
    .where('stage_history.deal_id', '=', dealId)
    .orderBy('stage_history.at')
    .orderBy('stage_history.id')
    .execute();
  return rows.map((r) => [r.from, r.to, r.to_status, Number(r.at)]);
}

function importDeals(file: string, options: ImportOptions = {}, extra = {}) {
  return importRecords(ws.context(), {
    kind: 'deals',
    source: { path: file },
    options,
    ...extra,
  });
}

describe('deals with their stage history', () => {
  it('imports a generic export: guessed columns, companies matched by folded name', async () => {
    const report = await importDeals(importFixture('deals-generic.csv'));
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({
      preset: 'generic',
      committed: true,
      rows: { total: 4, created: 4, updated: 0, skipped: 0, rejected: 0 },
      alsoCreated: { companies: 3 },
    });
    const deals = await importedDeals();
    expect(
      deals.map((d) => [
        d.title,
        d.stage,
        d.status,
        d.amount_minor,
        d.currency,
        d.company,
        d.owner,
      ]),
    ).toEqual([
      ['Annual licences', 'follow_up', 'won', 400_000, 'USD', 'Acme Inc.', 'owner@example.com'],
      [
        'Fleet renewal',
        'proposal',
        'open',
        1_250_000,
        'USD',
        'Northwind Traders',
        'owner@example.com',
      ],
      // "ACME" is Acme Inc.; a name owner is found among the members.
      ['Pilot project', 'initial_contact', 'lost', 90_000, 'SAR', 'Acme Inc.', 'omar@example.com'],
      // No owner: the person importing.
      [
        'Training days',
        'qualification',
        'lost',
        150_000,
        'USD',
        'Globex Corporation',
        'owner@example.com',
      ],
    ]);
    const byTitle = Object.fromEntries(deals.map((d) => [d.title, d]));
    expect(byTitle['Fleet renewal']).toMatchObject({
      opened_at: riyadhDay('2026-01-05'),
      closed_at: null,
      expected_close_date: '2026-04-30',
      amount_source: 'estimate',
    });
    expect(byTitle['Annual licences']).toMatchObject({ amount_source: 'signed', version: 2 });
    expect(byTitle['Pilot project']).toMatchObject({ lostReason: 'Price', lost_note: null });
    // A reason not in the workspace's list: "Other", with the text kept.
    expect(byTitle['Training days']).toMatchObject({
      lostReason: 'Other',
      lost_note: 'Went with a cheaper vendor',
    });
    expect(await historyOf(byTitle['Annual licences']?.id ?? '')).toEqual([
      [null, 'negotiation', 'open', riyadhDay('2026-01-10')],
      ['negotiation', 'follow_up', 'won', riyadhDay('2026-02-20')],
    ]);
    expect(await historyOf(byTitle['Pilot project']?.id ?? '')).toEqual([
      [null, 'initial_contact', 'open', riyadhDay('2026-01-12')],
      ['initial_contact', 'initial_contact', 'lost', riyadhDay('2026-02-01')],
    ]);
    expect(await historyOf(byTitle['Fleet renewal']?.id ?? '')).toEqual([
      [null, 'proposal', 'open', riyadhDay('2026-01-05')],
    ]);
  });

  it('recognises a Pipedrive export: its columns, stage names, won and lost times', async () => {
    const report = await importDeals(importFixture('deals-pipedrive.csv'));
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({
      preset: 'pipedrive',
      source: 'pipedrive',
      rows: { created: 3 },
    });
    expect(report.columns.find((c) => c.column === 'Deal - Won time')).toEqual({
      column: 'Deal - Won time',
      field: 'wonAt',
      how: 'preset',
    });
    const deals = await importedDeals();
    expect(deals.map((d) => [d.title, d.stage, d.status, d.currency, d.owner])).toEqual([
      ['CRM rollout', 'follow_up', 'won', 'USD', 'omar@example.com'],
      ['Server upgrade', 'qualification', 'lost', 'EUR', 'owner@example.com'],
      ['Website redesign', 'proposal', 'open', 'USD', 'omar@example.com'],
    ]);
    const rollout = deals[0];
    expect(rollout?.closed_at).toBe(Date.parse('2026-02-14T16:30:00+03:00'));
    expect(await historyOf(rollout?.id ?? '')).toEqual([
      [null, 'negotiation', 'open', Date.parse('2026-01-04T09:00:00+03:00')],
      ['negotiation', 'follow_up', 'won', Date.parse('2026-02-14T16:30:00+03:00')],
    ]);
    expect(deals[1]).toMatchObject({ lostReason: 'No budget' });
    expect(deals[2]).toMatchObject({ expected_close_date: '2026-05-01' });
  });

  it('recognises a HubSpot export; closed deals are recorded at the declared stage', async () => {
    const report = await importDeals(importFixture('deals-hubspot.csv'), {
      closedFromStage: 'proposal',
    });
    expect(report.rejections).toEqual([]);
    expect(report).toMatchObject({ preset: 'hubspot', rows: { created: 3 } });
    expect(report.warnings.map((w) => w.code)).toEqual(['lost_without_reason']);
    const deals = await importedDeals();
    expect(
      deals.map((d) => [d.title, d.stage, d.status, d.company, d.expected_close_date]),
    ).toEqual([
      ['Hooli expansion', 'proposal', 'open', 'Hooli', '2026-06-30'],
      ['Stark licences', 'proposal', 'lost', 'Stark Industries', '2026-02-11'],
      ['Umbrella audit', 'follow_up', 'won', 'Umbrella Corporation', '2026-02-27'],
    ]);
    const audit = deals[2];
    expect(await historyOf(audit?.id ?? '')).toEqual([
      [null, 'proposal', 'open', riyadhDay('2026-01-09')],
      ['proposal', 'follow_up', 'won', riyadhDay('2026-02-27')],
    ]);
  });

  it('without a declared stage, says where closed deals were recorded', async () => {
    const report = await importDeals(importFixture('deals-hubspot.csv'));
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ code: 'closed_stage_unknown', count: 2, rows: [3, 4] }),
    );
    const deals = await importedDeals();
    expect(deals.find((d) => d.title === 'Stark licences')?.stage).toBe('negotiation');
  });

  it('recognises a Salesforce export and reads its month-first dates once declared', async () => {
    const guessed = await importDeals(importFixture('deals-salesforce.csv'));
    expect(guessed).toMatchObject({ preset: 'salesforce', committed: false });
    expect(guessed.rejections).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Created Date',
        value: '01/12/2026',
        reason: expect.stringMatching(/ambiguous date "01\/12\/2026".*"dateFormat"/),
      }),
    ]);
    expect(await importedDeals()).toEqual([]);

    const report = await importDeals(importFixture('deals-salesforce.csv'), { dateFormat: 'mdy' });
    expect(report.rejections).toEqual([]);
    const deals = await importedDeals();
    expect(deals.map((d) => [d.title, d.stage, d.status, d.opened_at])).toEqual([
      ['Wayne cameras', 'follow_up', 'won', riyadhDay('2026-01-13')],
      ['Wayne security', 'initial_contact', 'open', riyadhDay('2026-01-12')],
    ]);
  });
});

describe('dates', () => {
  it('rejects an ambiguous date without a declaration, naming row and column', async () => {
    const report = await importDeals(importFixture('deals-ambiguous.csv'));
    expect(report.committed).toBe(false);
    expect(report.rejections).toEqual([
      {
        row: 3,
        line: 3,
        column: 'Created',
        columnNumber: 4,
        value: '03/02/2026',
        reason:
          'ambiguous date "03/02/2026" (day/month or month/day?): declare "dateFormat": "dmy" or "mdy" in the mapping',
      },
    ]);
    expect(await importedDeals()).toEqual([]);
  });

  it('reads every row the declared way', async () => {
    const report = await importDeals(importFixture('deals-ambiguous.csv'), { dateFormat: 'dmy' });
    expect(report.rows).toMatchObject({ created: 3, rejected: 0 });
    const opened = Object.fromEntries((await importedDeals()).map((d) => [d.title, d.opened_at]));
    expect(opened).toEqual({
      'Clear day first': riyadhDay('2026-01-13'),
      Ambiguous: riyadhDay('2026-02-03'),
      'Same both ways': riyadhDay('2026-02-02'),
    });
  });

  it('refuses a column that reads day-first on one row and month-first on another', async () => {
    const path = ws.write('mixed.csv', 'Title,Created\nA,13/01/2026\nB,01/13/2026\n');
    const report = await importDeals(path);
    expect(report.rejections).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'Created',
        reason: expect.stringMatching(/reads as mdy but earlier rows of this column read as dmy/),
      }),
    ]);
  });
});

describe('rejected rows', () => {
  it('reports every rejection with row, column, value and reason, and writes nothing', async () => {
    const report = await importDeals(importFixture('deals-bad.csv'));
    expect(report).toMatchObject({
      committed: false,
      rows: { total: 6, created: 2, rejected: 4 },
    });
    expect(report.rejections.map((r) => [r.row, r.column, r.value, r.reason])).toEqual([
      [3, 'Title', null, 'the deal title is empty'],
      [4, 'Amount', '12x', expect.stringMatching(/^not an amount: "12x"/)],
      [5, 'Stage', 'Engaging', expect.stringMatching(/^unknown stage "Engaging"/)],
      [6, 'Close date', null, 'a won deal needs its closing date'],
    ]);
    expect(await importedDeals()).toEqual([]);
  });

  it('with validOnly imports the rest and hands the rejected rows to the rejects file', async () => {
    const written: [string[], number][] = [];
    const report = await importDeals(
      importFixture('deals-bad.csv'),
      {},
      {
        validOnly: true,
        rejects: {
          start: () => undefined,
          write: (cells: string[], rejection: { row: number }) =>
            written.push([cells, rejection.row]),
          close: () => Promise.resolve(),
          count: 0,
        },
      },
    );
    expect(report).toMatchObject({ committed: true, rows: { created: 2, rejected: 4 } });
    expect((await importedDeals()).map((d) => d.title)).toEqual(['Another good one', 'Good one']);
    expect(written.map(([cells, row]) => [cells[0], row])).toEqual([
      ['', 3],
      ['Bad amount', 4],
      ['Bad stage', 5],
      ['Won without date', 6],
    ]);
  });

  it('rejects impossible histories and amounts instead of rounding or inventing', async () => {
    const path = ws.write(
      'deals.csv',
      [
        'Title,Amount,Currency,Status,Created,Close date',
        'Closes before it opens,100,USD,won,2026-02-10,2026-02-01',
        'Closes in the future,100,USD,lost,2026-01-10,2026-12-01',
        'Opens in the future,100,USD,open,2026-05-01,',
        'Too precise,10.005,USD,open,2026-01-10,',
        'Negative,-5,USD,open,2026-01-10,',
        'Unknown currency,5,XYZ,open,2026-01-10,',
        'Fine,"1,250.50",USD,open,2026-01-10,',
        'Dinars,10.005,KWD,open,2026-01-10,',
      ].join('\n'),
    );
    const report = await importDeals(path, {}, { validOnly: true });
    expect(report.rejections.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, 'Close date', 'closes (2026-02-01) before it opened (2026-02-10)'],
      [3, 'Close date', 'a lost deal cannot close in the future'],
      [4, 'Created', 'opens in the future (2026-05-01)'],
      [5, 'Amount', expect.stringMatching(/more decimals than USD has \(2\)/)],
      [6, 'Amount', 'an amount cannot be negative: "-5"'],
      [7, 'Currency', 'unknown currency "XYZ"'],
    ]);
    const amounts = Object.fromEntries(
      (await importedDeals()).map((d) => [d.title, d.amount_minor]),
    );
    expect(amounts).toEqual({ Fine: 125_050, Dinars: 10_005 });
  });

  it('reads decimal commas when the mapping declares them', async () => {
    const path = ws.write('deals.csv', 'Title;Amount\nEuro deal;12.500,75\nAmbiguous;1,5\n');
    const undeclared = await importDeals(path);
    expect(undeclared.rejections).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Amount',
        reason: expect.stringMatching(/decimalSeparator/),
      }),
      expect.objectContaining({ row: 3, column: 'Amount' }),
    ]);
    const report = await importDeals(path, { decimalSeparator: ',' });
    expect(report.rows).toMatchObject({ created: 2, rejected: 0 });
    const amounts = Object.fromEntries(
      (await importedDeals()).map((d) => [d.title, d.amount_minor]),
    );
    expect(amounts).toEqual({ 'Euro deal': 1_250_075, Ambiguous: 150 });
  });
});
