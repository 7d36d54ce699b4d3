/**
 * Custom-field values on deals, companies and contacts: typed per field, checked with a path,
 * versioned with the record, filtered and sorted in the lists and the board.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { collectAllPages } from '../../../test/paging.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function define(payload: Record<string, unknown>) {
  const response = await api.admin.request({
    method: 'POST',
    url: '/api/v1/custom-fields',
    payload: { labelEn: String(payload.key), labelAr: 'حقل', ...payload },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

const options = (...keys: string[]) => keys.map((key) => ({ key, labelEn: key, labelAr: key }));

/** One deal field of each type. */
async function defineDealFields() {
  return {
    note: await define({ recordKind: 'deal', key: 'note', type: 'text' }),
    seats: await define({ recordKind: 'deal', key: 'seats', type: 'number' }),
    budget: await define({ recordKind: 'deal', key: 'budget', type: 'money' }),
    golive: await define({ recordKind: 'deal', key: 'golive', type: 'date' }),
    tier: await define({
      recordKind: 'deal',
      key: 'tier',
      type: 'single_select',
      options: options('gold', 'silver', 'bronze'),
    }),
    tags: await define({
      recordKind: 'deal',
      key: 'tags',
      type: 'multi_select',
      options: options('vip', 'partner', 'renewal'),
    }),
    signed: await define({ recordKind: 'deal', key: 'signed', type: 'checkbox' }),
    site: await define({ recordKind: 'deal', key: 'site', type: 'url' }),
    champion: await define({ recordKind: 'deal', key: 'champion', type: 'person' }),
  };
}

async function createDeal(caller: Caller, payload: Record<string, unknown>) {
  const response = await caller.request({ method: 'POST', url: '/api/v1/deals', payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function listIds(caller: Caller, url: string): Promise<string[]> {
  const response = await caller.request({ method: 'GET', url });
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json().items.map((d: { id: string }) => d.id);
}

function errorOf(response: { statusCode: number; json: () => unknown }) {
  return (response.json() as { error: { code: string; details: unknown[] } }).error;
}

describe('custom-field values', () => {
  it('stores every type on a deal and shows each active field, null where unset', async () => {
    await defineDealFields();
    const values = {
      note: '  Wants Arabic invoices ',
      seats: 40,
      budget: { amountMinor: 1_250_000, currency: 'SAR' },
      golive: '2026-06-01',
      tier: 'gold',
      tags: ['vip', 'renewal', 'vip'],
      signed: true,
      site: 'https://acme.example/rollout',
      champion: api.admin.userId,
    };
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Rollout', customFields: values },
    });
    expect(created.statusCode).toBe(201);
    const expected = { ...values, note: 'Wants Arabic invoices', tags: ['vip', 'renewal'] };
    expect(created.json().customFields).toEqual(expected);
    const read = await api.admin.request({
      method: 'GET',
      url: `/api/v1/deals/${created.json().id}`,
    });
    expect(read.json().customFields).toEqual(expected);
    const bare = await createDeal(api.admin, { title: 'Bare' });
    expect(bare.customFields).toEqual({
      note: null,
      seats: null,
      budget: null,
      golive: null,
      tier: null,
      tags: null,
      signed: null,
      site: null,
      champion: null,
    });
    const listed = await api.admin.request({
      method: 'GET',
      url: '/api/v1/deals?sort=title&direction=asc',
    });
    expect(listed.json().items.map((d: { customFields: unknown }) => d.customFields)).toEqual([
      bare.customFields,
      expected,
    ]);
  });

  it('refuses values that do not fit, naming customFields and the key', async () => {
    await defineDealFields();
    const other = await api.createOtherWorkspace();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ nope: 1 }, 'nope', 'custom_field_unknown'],
      [{ seats: '40' }, 'seats', 'custom_field_invalid'],
      [{ seats: true }, 'seats', 'custom_field_invalid'],
      [{ note: 12 }, 'note', 'custom_field_invalid'],
      [{ note: 'x'.repeat(501) }, 'note', 'custom_field_too_long'],
      [{ budget: 12 }, 'budget', 'custom_field_invalid'],
      [{ budget: { amountMinor: 1.5, currency: 'SAR' } }, 'budget', 'custom_field_invalid'],
      [{ budget: { amountMinor: 10, currency: 'XYZ' } }, 'budget', 'unknown_currency'],
      [{ golive: '2026-02-30' }, 'golive', 'invalid_day'],
      [{ golive: '01/06/2026' }, 'golive', 'invalid_day'],
      [{ tier: 'platinum' }, 'tier', 'custom_field_option_unknown'],
      [{ tier: ['gold'] }, 'tier', 'custom_field_invalid'],
      [{ tags: 'vip' }, 'tags', 'custom_field_invalid'],
      [{ tags: ['vip', 'nope'] }, 'tags', 'custom_field_option_unknown'],
      [{ signed: 'yes' }, 'signed', 'custom_field_invalid'],
      [{ site: 'javascript:alert(1)' }, 'site', 'custom_field_url'],
      [{ site: 'ftp://acme.example' }, 'site', 'custom_field_url'],
      [{ champion: other.userId }, 'champion', 'unknown_reference'],
    ];
    for (const [customFields, key, code] of cases) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/v1/deals',
        payload: { title: 'Bad', customFields },
      });
      expect(response.statusCode, JSON.stringify(customFields)).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details, JSON.stringify(customFields)).toContainEqual(
        expect.objectContaining({ path: ['customFields', key], code }),
      );
    }
    const wrongShape = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Bad', customFields: { seats: { nested: { deep: 1 } } } },
    });
    expect(wrongShape.statusCode).toBe(400);
    const arabic = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      headers: { 'accept-language': 'ar' },
      payload: { title: 'Bad', customFields: { tier: 'platinum' } },
    });
    expect(errorOf(arabic).details[0]).toMatchObject({
      path: ['customFields', 'tier'],
      code: 'custom_field_option_unknown',
      message: 'ليس خيارًا من خيارات هذا الحقل',
    });
    expect(await listIds(api.admin, '/api/v1/deals')).toEqual([]);
  });

  it('requires required fields on create, and no update may clear them', async () => {
    await define({ recordKind: 'company', key: 'vat', type: 'text', required: true });
    const missing = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Acme' },
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details).toEqual([
      expect.objectContaining({ path: ['customFields', 'vat'], code: 'custom_field_required' }),
    ]);
    const blank = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Acme', customFields: { vat: '  ' } },
    });
    expect(errorOf(blank).details[0]).toMatchObject({ code: 'custom_field_required' });
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Acme', customFields: { vat: '300012345600003' } },
    });
    expect(created.statusCode).toBe(201);
    const company = created.json();
    const cleared = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
      payload: { customFields: { vat: null } },
    });
    expect(cleared.statusCode).toBe(400);
    expect(errorOf(cleared).details[0]).toMatchObject({
      path: ['customFields', 'vat'],
      code: 'custom_field_required',
    });
    // Other fields may be updated without sending the required one again.
    const renamed = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
      payload: { name: 'Acme Arabia' },
    });
    expect(renamed.json()).toMatchObject({ version: 2, customFields: { vat: '300012345600003' } });
  });

  it('versions value changes with the record: If-Match, 409 with the current values', async () => {
    const { tier } = await defineDealFields();
    const deal = await createDeal(api.admin, { title: 'Rollout', customFields: { seats: 10 } });
    const url = `/api/v1/deals/${deal.id}`;
    const updated = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { customFields: { seats: 12, tags: ['partner'], tier: 'gold' } },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json().customFields).toMatchObject({
      seats: 12,
      tags: ['partner'],
      tier: 'gold',
    });
    const stale = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { customFields: { seats: 99 } },
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    expect(stale.json<{ error: { current: unknown } }>().error.current).toMatchObject({
      version: 2,
      customFields: { seats: 12 },
    });
    const blind = await api.admin.request({
      method: 'PATCH',
      url,
      payload: { customFields: { seats: 99 } },
    });
    expect(blind.statusCode).toBe(428);

    // Null clears; keys not sent stay.
    const cleared = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(2),
      payload: { customFields: { seats: null, tags: [] } },
    });
    expect(cleared.json()).toMatchObject({
      version: 3,
      customFields: { seats: null, tags: null, tier: 'gold' },
    });

    // An archived option stays on the deal that holds it, and is refused for a new value.
    const archived = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${tier.id}`,
      headers: ifMatch(1),
      payload: {
        options: [
          { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي', archived: true },
          { key: 'silver', labelEn: 'Silver', labelAr: 'فضي' },
          { key: 'bronze', labelEn: 'Bronze', labelAr: 'برونزي' },
        ],
      },
    });
    expect(archived.statusCode).toBe(200);
    const kept = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(3),
      payload: { customFields: { tier: 'gold', seats: 5 } },
    });
    expect(kept.statusCode).toBe(200);
    const refused = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'New', customFields: { tier: 'gold' } },
    });
    expect(errorOf(refused).details[0]).toMatchObject({ code: 'custom_field_option_archived' });
  });

  it('hides an archived field from records, filters and bodies, and restores its values', async () => {
    const seats = await define({ recordKind: 'contact', key: 'seats', type: 'number' });
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Huda', customFields: { seats: 3 } },
    });
    expect(created.json().customFields).toEqual({ seats: 3 });
    const contact = created.json();
    await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(1),
      payload: { archived: true },
    });
    const hidden = await api.admin.request({
      method: 'GET',
      url: `/api/v1/contacts/${contact.id}`,
    });
    expect(hidden.json().customFields).toEqual({});
    const filter = await api.admin.request({ method: 'GET', url: '/api/v1/contacts?cf.seats=3' });
    expect(filter.statusCode).toBe(400);
    expect(errorOf(filter).details[0]).toMatchObject({
      path: ['cf.seats'],
      code: 'custom_field_unknown',
    });
    const write = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
      payload: { customFields: { seats: 4 } },
    });
    expect(errorOf(write).details[0]).toMatchObject({ code: 'custom_field_unknown' });
    await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(2),
      payload: { archived: false },
    });
    expect(await listIds(api.admin, '/api/v1/contacts?cf.seats=3')).toEqual([contact.id]);
  });
});

describe('custom-field filters and sorts', () => {
  async function seedDeals() {
    await defineDealFields();
    const rep = await api.addMember('rep');
    const deals = {
      a: await createDeal(api.admin, {
        title: 'A',
        customFields: {
          seats: 10,
          tier: 'gold',
          tags: ['vip', 'partner'],
          signed: true,
          golive: '2026-04-01',
          budget: { amountMinor: 500_000, currency: 'SAR' },
          note: 'Riyadh',
          champion: rep.userId,
        },
      }),
      b: await createDeal(api.admin, {
        title: 'B',
        customFields: {
          seats: 25.5,
          tier: 'silver',
          tags: ['partner'],
          signed: false,
          golive: '2026-05-15',
          budget: { amountMinor: 2_000_000, currency: 'USD' },
        },
      }),
      c: await createDeal(api.admin, {
        title: 'C',
        customFields: { seats: -3, tier: 'gold', golive: '2026-07-01', note: 'Jeddah' },
      }),
      d: await createDeal(api.admin, { title: 'D' }),
    };
    return { ...deals, rep };
  }

  it('filters the deal list by every type, the index way', async () => {
    const { a, b, c, d, rep } = await seedDeals();
    const ids = (query: string) =>
      listIds(api.admin, `/api/v1/deals?sort=title&direction=asc&${query}`);
    expect(await ids('cf.tier=gold')).toEqual([a.id, c.id]);
    expect(await ids('cf.tags=partner')).toEqual([a.id, b.id]);
    expect(await ids('cf.tags=partner&cf.tags=vip')).toEqual([a.id]);
    expect(await ids('cf.signed=true')).toEqual([a.id]);
    // Unset counts as false.
    expect(await ids('cf.signed=false')).toEqual([b.id, c.id, d.id]);
    expect(await ids('cf.seats.gte=10')).toEqual([a.id, b.id]);
    expect(await ids('cf.seats.gte=0&cf.seats.lte=20')).toEqual([a.id]);
    expect(await ids('cf.seats=25.5')).toEqual([b.id]);
    expect(await ids('cf.seats.lte=-1')).toEqual([c.id]);
    expect(await ids('cf.golive.gte=2026-05-01&cf.golive.lte=2026-06-30')).toEqual([b.id]);
    expect(await ids('cf.budget.gte=1000000')).toEqual([b.id]);
    expect(await ids('cf.budget.currency=sar')).toEqual([a.id]);
    expect(await ids('cf.note=Jeddah')).toEqual([c.id]);
    expect(await ids(`cf.champion=${rep.userId}`)).toEqual([a.id]);
    expect(await ids('cf.tier=gold&cf.seats.gte=0')).toEqual([a.id]);
    // The typed alternative: customField=<key>:<op>:<value>, repeated.
    expect(await ids('customField=tier:eq:gold&customField=seats:gte:0')).toEqual([a.id]);
    expect(await ids(`customField=${encodeURIComponent('note:eq:Riyadh')}`)).toEqual([a.id]);
    // With the other filters.
    expect(await ids('cf.tier=gold&q=C')).toEqual([c.id]);
  });

  it('refuses filters it cannot read, with the parameter as path', async () => {
    await seedDeals();
    const cases: [string, (string | number)[], string][] = [
      ['cf.nope=1', ['cf.nope'], 'custom_field_unknown'],
      ['cf.tier.gte=gold', ['cf.tier.gte'], 'custom_field_operator'],
      ['cf.tier=platinum', ['cf.tier'], 'custom_field_option_unknown'],
      ['cf.seats=many', ['cf.seats'], 'custom_field_invalid'],
      ['cf.seats.currency=USD', ['cf.seats.currency'], 'custom_field_operator'],
      ['cf.budget.gte=1.5', ['cf.budget.gte'], 'custom_field_invalid'],
      ['cf.golive.lte=June', ['cf.golive.lte'], 'invalid_day'],
      ['cf.signed=yes', ['cf.signed'], 'custom_field_invalid'],
      ['cf.seats.between=1', ['querystring', 'cf.seats.between'], 'custom'],
      ['cf.Seats=1', ['querystring', 'cf.Seats'], 'custom'],
      ['customField=seats', ['querystring', 'customField', 0], 'custom'],
      ['sort=cf.nope', ['sort'], 'custom_field_unknown'],
      ['sort=cf.tags', ['sort'], 'custom_field_not_sortable'],
    ];
    for (const [query, path, code] of cases) {
      const response = await api.admin.request({ method: 'GET', url: `/api/v1/deals?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(errorOf(response).details, query).toContainEqual(
        expect.objectContaining({ path, code }),
      );
    }
  });

  it('sorts by a custom field and pages every deal exactly once', async () => {
    const { a, b, c, d } = await seedDeals();
    // More deals sharing values, so ties on the value are crossed by the cursor.
    const more = [];
    for (const seats of [10, 10, 25.5, -3]) {
      more.push(await createDeal(api.admin, { title: `S${seats}`, customFields: { seats } }));
    }
    const all = [a, b, c, d, ...more].map((deal) => deal.id);
    for (const key of ['seats', 'golive', 'tier', 'signed', 'budget', 'note']) {
      for (const direction of ['asc', 'desc']) {
        const { ids, pageSizes } = await collectAllPages(
          api.admin,
          `/api/v1/deals?sort=cf.${key}&direction=${direction}`,
          2,
        );
        expect(Math.max(...pageSizes)).toBe(2);
        expect(ids, `${key} ${direction}`).toHaveLength(all.length);
        expect(new Set(ids)).toEqual(new Set(all));
      }
    }
    const { ids } = await collectAllPages(
      api.admin,
      '/api/v1/deals?sort=cf.seats&direction=asc',
      3,
    );
    // -3, -3, 10, 10, 10, 25.5, 25.5 (ties by id), then the deal without a value.
    const seatsOf = new Map<string, number | null>([
      [a.id, 10],
      [b.id, 25.5],
      [c.id, -3],
      [d.id, null],
      ...more.map((m, i) => [m.id, [10, 10, 25.5, -3][i] ?? null] as [string, number]),
    ]);
    expect(ids.map((id) => seatsOf.get(id))).toEqual([-3, -3, 10, 10, 10, 25.5, 25.5, null]);
    const { ids: down } = await collectAllPages(
      api.admin,
      '/api/v1/deals?sort=cf.seats&direction=desc',
      3,
    );
    // Without a value last in either direction.
    expect(down.map((id) => seatsOf.get(id))).toEqual([25.5, 25.5, 10, 10, 10, -3, -3, null]);
    const filtered = await collectAllPages(
      api.admin,
      '/api/v1/deals?sort=cf.golive&direction=desc&cf.tier=gold',
      1,
    );
    expect(filtered.ids).toEqual([c.id, a.id]);
    // A cursor of another sort is refused, not misread.
    const page = await api.admin.request({
      method: 'GET',
      url: '/api/v1/deals?sort=title&limit=1',
    });
    const wrong = await api.admin.request({
      method: 'GET',
      url: `/api/v1/deals?sort=cf.seats&cursor=${page.json().nextCursor}`,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details[0]).toMatchObject({ path: ['cursor'], code: 'invalid_cursor' });
  });

  it('filters and sorts companies and contacts', async () => {
    await define({ recordKind: 'company', key: 'revenue', type: 'number' });
    await define({
      recordKind: 'company',
      key: 'segment',
      type: 'single_select',
      options: options('smb', 'enterprise'),
    });
    await define({ recordKind: 'contact', key: 'newsletter', type: 'checkbox' });
    const company = async (name: string, customFields: Record<string, unknown>) => {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/v1/companies',
        payload: { name, customFields },
      });
      if (response.statusCode !== 201) throw new Error(response.body);
      return response.json().id as string;
    };
    const acme = await company('Acme', { revenue: 1100.04, segment: 'enterprise' });
    const beta = await company('Betasoloin', { revenue: 251.41, segment: 'smb' });
    const cancity = await company('Cancity', { revenue: 718.62 });
    expect(await listIds(api.admin, '/api/v1/companies?cf.revenue.gte=500')).toEqual([
      acme,
      cancity,
    ]);
    expect(await listIds(api.admin, '/api/v1/companies?cf.segment=smb')).toEqual([beta]);
    expect(await listIds(api.admin, '/api/v1/companies?sort=cf.revenue&direction=desc')).toEqual([
      acme,
      cancity,
      beta,
    ]);
    const paged = await collectAllPages(api.admin, '/api/v1/companies?sort=cf.segment', 1);
    // Companies without a value come last.
    expect(paged.ids).toEqual([acme, beta, cancity]);

    const huda = await api.admin.request({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Huda', customFields: { newsletter: true } },
    });
    await api.admin.request({ method: 'POST', url: '/api/v1/contacts', payload: { name: 'Ali' } });
    expect(await listIds(api.admin, '/api/v1/contacts?cf.newsletter=true')).toEqual([
      huda.json().id,
    ]);
    // A deal field is not a company field.
    const wrongKind = await api.admin.request({
      method: 'GET',
      url: '/api/v1/companies?cf.newsletter=true',
    });
    expect(wrongKind.statusCode).toBe(400);
  });

  it('filters the board and its columns by custom fields', async () => {
    const { a, c } = await seedDeals();
    const board = await api.admin.request({ method: 'GET', url: '/api/v1/board?cf.tier=gold' });
    expect(board.statusCode).toBe(200);
    const columns = board.json().columns as {
      stage: { id: string };
      count: number;
      cards: { id: string }[];
    }[];
    expect(columns.reduce((n, col) => n + col.count, 0)).toBe(2);
    expect(columns.flatMap((col) => col.cards.map((card) => card.id)).sort()).toEqual(
      [a.id, c.id].sort(),
    );
    const first = columns.find((col) => col.count > 0);
    const rest = await api.admin.request({
      method: 'GET',
      url: `/api/v1/board/columns/${first?.stage.id}/cards?cf.tier=gold&cf.seats.gte=0&limit=5`,
    });
    expect(rest.json().cards.map((card: { id: string }) => card.id)).toEqual([a.id]);
    const bad = await api.admin.request({ method: 'GET', url: '/api/v1/board?cf.nope=1' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ path: ['cf.nope'] });
  });

  it('keeps filters inside the workspace', async () => {
    await seedDeals();
    const other = await api.createOtherWorkspace();
    const response = await other.request({ method: 'GET', url: '/api/v1/deals?cf.tier=gold' });
    expect(response.statusCode).toBe(400);
    await other.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: {
        recordKind: 'deal',
        key: 'tier',
        type: 'single_select',
        labelEn: 'Tier',
        labelAr: 'الفئة',
        options: options('gold'),
      },
    });
    expect(await listIds(other, '/api/v1/deals?cf.tier=gold')).toEqual([]);
  });
});
