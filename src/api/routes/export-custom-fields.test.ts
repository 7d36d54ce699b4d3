/**
 * List exports carry a column per active custom field, headed by its label in the export's
 * language, with values as words (options, yes/no, people) or numbers and amounts, text
 * neutralised against formula injection like every other cell; custom-field filters and sorts
 * apply to exports as to their lists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/api-harness.js';
import { csvRecords, readXlsx, xlsxRecords } from '../../../test/spreadsheets.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function post(url: string, payload: object): Promise<{ id: string }> {
  const response = await api.admin.request({ method: 'POST', url, payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

async function arrange() {
  const field = (payload: object) => post('/api/v1/custom-fields', payload);
  await field({
    recordKind: 'deal',
    key: 'tier',
    type: 'single_select',
    labelEn: 'Tier',
    labelAr: 'الفئة',
    options: [
      { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي' },
      { key: 'silver', labelEn: 'Silver', labelAr: 'فضي' },
    ],
  });
  await field({
    recordKind: 'deal',
    key: 'seats',
    type: 'number',
    labelEn: 'Seats',
    labelAr: 'المقاعد',
  });
  await field({
    recordKind: 'deal',
    key: 'budget',
    type: 'money',
    labelEn: 'Budget',
    labelAr: 'الميزانية',
  });
  await field({
    recordKind: 'deal',
    key: 'signed',
    type: 'checkbox',
    labelEn: 'Signed',
    labelAr: 'موقّع',
  });
  await field({
    recordKind: 'deal',
    key: 'note',
    type: 'text',
    labelEn: 'Note',
    labelAr: 'ملاحظة',
  });
  await field({
    recordKind: 'deal',
    key: 'champion',
    type: 'person',
    labelEn: 'Champion',
    labelAr: 'الداعم',
  });
  const archived = await field({
    recordKind: 'deal',
    key: 'old',
    type: 'text',
    labelEn: 'Old',
    labelAr: 'قديم',
  });
  await api.admin.request({
    method: 'PATCH',
    url: `/api/v1/custom-fields/${archived.id}`,
    headers: { 'if-match': '"1"' },
    payload: { archived: true },
  });
  await field({
    recordKind: 'company',
    key: 'revenue',
    type: 'number',
    labelEn: 'Revenue',
    labelAr: 'الإيرادات',
  });
  await post('/api/v1/deals', {
    title: 'Gold deal',
    customFields: {
      tier: 'gold',
      seats: 40,
      budget: { amountMinor: 1_250_050, currency: 'SAR' },
      signed: true,
      note: '=HYPERLINK("http://evil.example","click")',
      champion: api.admin.userId,
    },
  });
  api.clock.now += 60_000;
  await post('/api/v1/deals', { title: 'Plain deal', customFields: { tier: 'silver', seats: 5 } });
  await post('/api/v1/companies', { name: 'Acme', customFields: { revenue: 1100.04 } });
}

describe('exports with custom fields', () => {
  it('adds a column per active field, after the list’s own, safe from formulas', async () => {
    await arrange();
    const response = await api.admin.request({
      method: 'GET',
      url: '/api/v1/exports/deals.csv?lang=en&sort=cf.seats&direction=desc',
    });
    expect(response.statusCode, response.body).toBe(200);
    const records = csvRecords(response.body);
    const headers = Object.keys(records[0] ?? {});
    expect(headers.slice(-6)).toEqual(['Tier', 'Seats', 'Budget', 'Signed', 'Note', 'Champion']);
    expect(headers).not.toContain('Old');
    expect(
      records.map((r) => [r.Title, r.Tier, r.Seats, r.Budget, r.Signed, r.Note, r.Champion]),
    ).toEqual([
      [
        'Gold deal',
        'Gold',
        '40',
        '12500.50',
        'Yes',
        `'=HYPERLINK("http://evil.example","click")`,
        'Amira Admin',
      ],
      ['Plain deal', 'Silver', '5', '', '', '', ''],
    ]);
  });

  it('heads the columns in Arabic, filters like the list, and writes numbers in XLSX', async () => {
    await arrange();
    const response = await api.admin.request({
      method: 'GET',
      url: '/api/v1/exports/deals.xlsx?lang=ar&cf.tier=gold',
    });
    expect(response.statusCode).toBe(200);
    const sheet = await readXlsx(response.rawPayload);
    expect(sheet.formulaCount).toBe(0);
    const [gold, ...others] = xlsxRecords(sheet);
    expect(others).toEqual([]);
    expect(gold).toMatchObject({ العنوان: 'Gold deal', الفئة: 'ذهبي', المقاعد: 40, موقّع: 'نعم' });
    const companies = await api.admin.request({
      method: 'GET',
      url: '/api/v1/exports/companies.csv?lang=en&cf.revenue.gte=1000',
    });
    expect(csvRecords(companies.body).map((r) => [r.Name, r.Revenue])).toEqual([
      ['Acme', '1100.04'],
    ]);
    const unknown = await api.admin.request({
      method: 'GET',
      url: '/api/v1/exports/deals.csv?cf.nope=1',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({
      path: ['cf.nope'],
      code: 'custom_field_unknown',
    });
  });
});
