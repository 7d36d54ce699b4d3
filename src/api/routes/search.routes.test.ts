import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, errorPaths, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
  activityKind: string | null;
}

async function create(caller: Caller, resource: string, payload: Record<string, unknown>) {
  return expectStatus(
    await caller.request({ method: 'POST', url: `/api/v1/${resource}`, payload }),
    201,
  );
}

async function search(caller: Caller, q: string, limit?: number): Promise<Hit[]> {
  const query = new URLSearchParams({
    q,
    ...(limit === undefined ? {} : { limit: String(limit) }),
  });
  const body = expectStatus(
    await caller.request({ method: 'GET', url: `/api/v1/search?${query.toString()}` }),
    200,
  );
  return body.items;
}

const kindsAndTitles = (hits: Hit[]) => hits.map((h) => `${h.kind}:${h.title}`);

describe('search everywhere', () => {
  it('finds a deal, company, contact and activity by Arabic names in other letter forms', async () => {
    const company = await create(api.admin, 'companies', {
      name: 'مؤسسة الأمل',
      domain: 'amal.sa',
    });
    const deal = await createDeal(api.admin, { title: 'أحمد للتجارة', companyId: company.id });
    const contact = await create(api.admin, 'contacts', {
      name: 'مُحَمَّد إبراهيم',
      jobTitle: 'مدير المشتريات',
      companyId: company.id,
    });
    const activity = await create(api.admin, 'activities', {
      kind: 'call',
      subject: 'مكالمة مع إبراهيم',
      note: 'عرض السعر النهائي',
      dealId: deal.id,
    });

    // Without the hamza, and ة written ه.
    expect(await search(api.admin, 'احمد للتجاره')).toEqual([
      {
        kind: 'deal',
        id: deal.id,
        title: 'أحمد للتجارة',
        subtitle: 'مؤسسة الأمل',
        activityKind: null,
      },
    ]);
    expect(await search(api.admin, 'موسسه الامل')).toEqual([
      {
        kind: 'company',
        id: company.id,
        title: 'مؤسسة الأمل',
        subtitle: 'amal.sa',
        activityKind: null,
      },
    ]);
    // Typed with diacritics (and a hamza) against a name stored with them: both fold alike.
    expect(await search(api.admin, 'مُحَمَّد')).toEqual([
      {
        kind: 'contact',
        id: contact.id,
        title: 'مُحَمَّد إبراهيم',
        subtitle: 'مدير المشتريات · مؤسسة الأمل',
        activityKind: null,
      },
    ]);
    expect(kindsAndTitles(await search(api.admin, 'ابراهيم'))).toEqual([
      'contact:مُحَمَّد إبراهيم',
      'activity:مكالمة مع إبراهيم',
    ]);
    // An activity by its note, too, with its deal as the subtitle.
    expect(await search(api.admin, 'السعر')).toEqual([
      {
        kind: 'activity',
        id: activity.id,
        title: 'مكالمة مع إبراهيم',
        subtitle: 'أحمد للتجارة',
        activityKind: 'call',
      },
    ]);
  });

  it('finds a contact by a phone number typed in Arabic-Indic digits', async () => {
    const contact = await create(api.admin, 'contacts', {
      name: 'Sara Al-Harbi',
      phones: [{ value: '+966 50 123 4567', label: 'mobile' }],
    });
    await create(api.admin, 'contacts', { name: 'Omar', phones: [{ value: '+44 20 7946 0958' }] });

    const hit = { kind: 'contact', id: contact.id, title: 'Sara Al-Harbi' };
    // The national form with its leading 0, in Arabic-Indic digits.
    expect(await search(api.admin, '٠٥٠ ١٢٣ ٤٥٦٧')).toEqual([
      { ...hit, subtitle: '+966 50 123 4567', activityKind: null },
    ]);
    // Extended Arabic-Indic digits, and part of the international form.
    expect(await search(api.admin, '۹۶۶۵۰')).toMatchObject([hit]);
    expect(await search(api.admin, '+966 50 123')).toMatchObject([hit]);
    expect(await search(api.admin, '12')).toEqual([]);
  });

  it('ranks the exact name first, then a prefix, then a word, then anywhere', async () => {
    await create(api.admin, 'activities', { kind: 'note', subject: 'Call Danilewski' });
    await create(api.admin, 'contacts', { name: 'Blue Nile Logistics' });
    await createDeal(api.admin, { title: 'Nile Trading' });
    await create(api.admin, 'companies', { name: 'Nile' });
    await createDeal(api.admin, { title: 'Port cranes', source: 'nile-expo' });
    await createDeal(api.admin, { title: 'Nile Trading International' });

    expect(kindsAndTitles(await search(api.admin, 'NILE'))).toEqual([
      'company:Nile',
      'deal:Nile Trading',
      'deal:Nile Trading International',
      'contact:Blue Nile Logistics',
      'deal:Port cranes',
      'activity:Call Danilewski',
    ]);
    expect(kindsAndTitles(await search(api.admin, 'nile', 2))).toEqual([
      'company:Nile',
      'deal:Nile Trading',
    ]);
  });

  it('keeps activities searchable after their subject changes', async () => {
    const activity = await create(api.admin, 'activities', { kind: 'task', subject: 'Draft' });
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/activities/${activity.id}`,
        headers: ifMatch(1),
        payload: { subject: 'عرض فني' },
      }),
      200,
    );
    expect(kindsAndTitles(await search(api.admin, 'عرض'))).toEqual(['activity:عرض فني']);
    expect(await search(api.admin, 'draft')).toEqual([]);
    const listed = expectStatus(
      await api.admin.request({
        method: 'GET',
        url: `/api/v1/activities?q=${encodeURIComponent('عَرض')}`,
      }),
      200,
    );
    expect(listed.items.map((a: { id: string }) => a.id)).toEqual([activity.id]);
  });

  it('never shows another workspace’s records', async () => {
    const other = await api.createOtherWorkspace();
    const ours = await createDeal(api.admin, { title: 'أحمد للتجارة' });
    const theirs = await createDeal(other, { title: 'أحمد للتجارة' });
    await create(other, 'companies', { name: 'أحمد وشركاه' });
    await create(other, 'contacts', { name: 'أحمد', phones: [{ value: '0501234567' }] });
    await create(other, 'activities', { kind: 'call', subject: 'اتصال أحمد', dealId: theirs.id });

    expect((await search(api.admin, 'احمد')).map((h) => h.id)).toEqual([ours.id]);
    expect(await search(api.admin, '0501234567')).toEqual([]);
    expect(await search(other, 'احمد')).toHaveLength(4);
    expect((await search(other, 'احمد')).map((h) => h.id)).not.toContain(ours.id);
  });

  it('keeps a limited rep to their own deals and those deals’ activities', async () => {
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: '/api/v1/workspace',
        headers: ifMatch(1),
        payload: { repsSeeOwnDealsOnly: true },
      }),
      200,
    );
    const rep = await api.addMember('rep');
    const hidden = await createDeal(api.admin, { title: 'Zeta admin deal' });
    const own = await createDeal(rep, { title: 'Zeta rep deal' });
    await create(api.admin, 'activities', {
      kind: 'call',
      subject: 'Zeta call',
      dealId: hidden.id,
    });
    await create(rep, 'activities', { kind: 'call', subject: 'Zeta visit', dealId: own.id });
    await create(api.admin, 'activities', { kind: 'note', subject: 'Zeta note' });
    await create(api.admin, 'companies', { name: 'Zeta Co' });

    expect(kindsAndTitles(await search(rep, 'zeta')).sort()).toEqual([
      'activity:Zeta note',
      'activity:Zeta visit',
      'company:Zeta Co',
      'deal:Zeta rep deal',
    ]);
    expect(await search(api.admin, 'zeta')).toHaveLength(6);
  });

  it('refuses an empty, missing or too long query and a bad limit, naming the field', async () => {
    for (const [query, field] of [
      ['q=', 'querystring.q'],
      ['q=%20%20', 'querystring.q'],
      ['', 'querystring.q'],
      [`q=${'a'.repeat(201)}`, 'querystring.q'],
      ['q=nile&limit=51', 'querystring.limit'],
      ['q=nile&limit=0', 'querystring.limit'],
    ] as const) {
      const response = await api.admin.request({ method: 'GET', url: `/api/v1/search?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(errorPaths(response), query).toEqual([field]);
    }
    // Only diacritics: nothing to look for, and nothing found.
    expect(await search(api.admin, 'َُ')).toEqual([]);
  });
});
