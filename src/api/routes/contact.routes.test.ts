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

async function create(caller: Caller, resource: string, payload: Record<string, unknown>) {
  const response = await caller.request({ method: 'POST', url: `/api/v1/${resource}`, payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function listIds(caller: Caller, query: string): Promise<string[]> {
  const response = await caller.request({ method: 'GET', url: `/api/v1/contacts?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((c: { id: string }) => c.id);
}

/** Detail paths with indices as strings, whether the error handler keeps numbers or not. */
function pathsOf(response: { json: () => unknown }): unknown[][] {
  const body = response.json() as { error: { details: { path: unknown[] }[] } };
  return body.error.details.map((d) => d.path);
}

describe('contacts API', () => {
  it('creates a contact with several emails and phones, normalised for lookup', async () => {
    const company = await create(api.admin, 'companies', { name: 'Riyadh Bank' });
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        name: ' Sara Al-Harbi ',
        jobTitle: 'Head of Procurement',
        companyId: company.id,
        emails: [
          { value: ' Sara@RiyadBank.com ', label: 'work' },
          { value: 'sara.h@example.org' },
          { value: 'SARA@riyadbank.com', label: 'duplicate' },
        ],
        phones: [
          { value: '+٩٦٦ (٥٠) ١٢٣-٤٥٦٧', label: 'mobile' },
          { value: '۰۱۱ ۴۶۵ ۰۰۰۰' },
          { value: '\u200e+44 20 7946 0958' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const contact = created.json();
    expect(contact).toMatchObject({
      name: 'Sara Al-Harbi',
      jobTitle: 'Head of Procurement',
      role: 'other',
      companyId: company.id,
      ownerId: api.admin.userId,
      createdAt: '2026-03-01T09:00:00.000Z',
      version: 1,
    });
    expect(contact.emails).toEqual([
      { value: 'Sara@RiyadBank.com', normalized: 'sara@riyadbank.com', label: 'work' },
      { value: 'sara.h@example.org', normalized: 'sara.h@example.org', label: null },
    ]);
    expect(contact.phones).toEqual([
      { value: '+٩٦٦ (٥٠) ١٢٣-٤٥٦٧', normalized: '+966501234567', label: 'mobile' },
      { value: '۰۱۱ ۴۶۵ ۰۰۰۰', normalized: '0114650000', label: null },
      { value: '\u200e+44 20 7946 0958', normalized: '+442079460958', label: null },
    ]);

    const read = await api.admin.request({ method: 'GET', url: `/api/v1/contacts/${contact.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(contact);

    await create(api.admin, 'contacts', { name: 'Omar', emails: [{ value: 'omar@acme.com' }] });
    expect(await listIds(api.admin, 'email=SARA%40riyadbank.com')).toEqual([contact.id]);
    expect(await listIds(api.admin, 'email=sara')).toEqual([]);
    expect(await listIds(api.admin, `companyId=${company.id}`)).toEqual([contact.id]);
    expect(await listIds(api.admin, 'q=procurement')).toEqual([contact.id]);
    expect(await listIds(api.admin, 'q=example.org')).toEqual([contact.id]);
  });

  it('updates fields, replaces only the channels sent, and deletes', async () => {
    const contact = await create(api.admin, 'contacts', {
      name: 'Khalid',
      role: 'influencer',
      emails: [{ value: 'khalid@old.com' }],
      phones: [{ value: '0501234567' }],
    });
    api.clock.now += 60_000;
    const updated = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
      payload: {
        role: 'decision_maker',
        jobTitle: 'CFO',
        emails: [{ value: 'khalid@new.com', label: 'work' }],
      },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json()).toMatchObject({
      name: 'Khalid',
      role: 'decision_maker',
      jobTitle: 'CFO',
      emails: [{ value: 'khalid@new.com', normalized: 'khalid@new.com', label: 'work' }],
      phones: [{ value: '0501234567', normalized: '0501234567', label: null }],
      updatedAt: '2026-03-01T09:01:00.000Z',
      version: 2,
    });
    expect(await listIds(api.admin, 'email=khalid@old.com')).toEqual([]);
    expect(await listIds(api.admin, 'q=new.com')).toEqual([contact.id]);
    expect(await listIds(api.admin, 'q=old.com')).toEqual([]);

    const cleared = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(2),
      payload: { phones: [], jobTitle: null },
    });
    expect(cleared.json()).toMatchObject({ jobTitle: null, phones: [], version: 3 });
    expect(cleared.json().emails).toHaveLength(1);

    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(3),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await api.admin.request({ method: 'GET', url: `/api/v1/contacts/${contact.id}` });
    expect(gone.statusCode).toBe(404);
    expect(await listIds(api.admin, '')).toEqual([]);
    expect(await listIds(api.admin, 'email=khalid@new.com')).toEqual([]);
  });

  it('refuses bad input with the field path', async () => {
    const other = await api.createOtherWorkspace();
    const foreignCompany = await create(other, 'companies', { name: 'Elsewhere Ltd' });
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ emails: [] }, ['body', 'name']],
      [{ name: 'Sara', emails: [{ value: 'not-an-email' }] }, ['body', 'emails', 0, 'value']],
      [
        { name: 'Sara', emails: [{ value: 'a@b.com' }, { value: 'b@' }] },
        ['body', 'emails', 1, 'value'],
      ],
      [{ name: 'Sara', phones: [{ value: 'call me' }] }, ['body', 'phones', 0, 'value']],
      [{ name: 'Sara', role: 'boss' }, ['body', 'role']],
      [{ name: 'Sara', companyId: foreignCompany.id }, ['companyId']],
      [{ name: 'Sara', ownerId: other.userId }, ['ownerId']],
    ];
    for (const [payload, path] of cases) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/v1/contacts',
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(pathsOf(response)).toContainEqual(path);
    }
    expect(await listIds(api.admin, '')).toEqual([]);

    const contact = await create(api.admin, 'contacts', { name: 'Sara' });
    const badPatch = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
      payload: { emails: [{ value: 'sara@example.com' }, { value: '@example.com' }] },
    });
    expect(badPatch.statusCode).toBe(400);
    expect(pathsOf(badPatch)).toContainEqual(['body', 'emails', 1, 'value']);
  });

  it('answers a stale write with 409 and the current record, and a blind one with 428', async () => {
    const contact = await create(api.admin, 'contacts', {
      name: 'Sara',
      emails: [{ value: 'sara@example.com' }],
    });
    const first = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
      payload: { name: 'Sara Al-Harbi' },
    });
    expect(first.statusCode).toBe(200);

    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
      payload: { name: 'Overwritten', emails: [] },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({
      name: 'Sara Al-Harbi',
      emails: [{ value: 'sara@example.com' }],
      version: 2,
    });
    const after = await api.admin.request({ method: 'GET', url: `/api/v1/contacts/${contact.id}` });
    expect(after.json().emails).toHaveLength(1);

    const staleDelete = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
    });
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error.current.version).toBe(2);

    for (const method of ['PATCH', 'DELETE'] as const) {
      const blind = await api.admin.request({
        method,
        url: `/api/v1/contacts/${contact.id}`,
        ...(method === 'PATCH' && { payload: { name: 'Blind' } }),
      });
      expect(blind.statusCode).toBe(428);
      expect(blind.json().error.code).toBe('VERSION_REQUIRED');
    }
  });

  it('needs a session, and the delete permission to delete', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/contacts' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');

    const rep = await api.addMember('rep');
    const contact = await create(rep, 'contacts', { name: 'Rep contact' });
    expect(contact.ownerId).toBe(rep.userId);
    const refused = await rep.request({
      method: 'DELETE',
      url: `/api/v1/contacts/${contact.id}`,
      headers: ifMatch(1),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect(await listIds(api.admin, '')).toEqual([contact.id]);
  });

  it('treats another workspace’s contact as not found', async () => {
    const other = await api.createOtherWorkspace();
    const foreign = await create(other, 'contacts', {
      name: 'Elsewhere',
      emails: [{ value: 'shared@example.com' }],
    });
    const url = `/api/v1/contacts/${foreign.id}`;
    const responses = [
      await api.admin.request({ method: 'GET', url }),
      await api.admin.request({
        method: 'PATCH',
        url,
        headers: ifMatch(1),
        payload: { name: 'Hijacked' },
      }),
      await api.admin.request({ method: 'DELETE', url, headers: ifMatch(1) }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect(await listIds(api.admin, 'email=shared@example.com')).toEqual([]);
    const untouched = await other.request({ method: 'GET', url });
    expect(untouched.json()).toMatchObject({ name: 'Elsewhere', version: 1 });
  });

  it('finds Arabic names however they are spelt', async () => {
    const ahmad = await create(api.admin, 'contacts', { name: 'أحمد الشهري' });
    await create(api.admin, 'contacts', { name: 'Ahmad Khan' });
    expect(await listIds(api.admin, `q=${encodeURIComponent('احمد')}`)).toEqual([ahmad.id]);
    expect(await listIds(api.admin, `q=${encodeURIComponent('أَحْمَد')}`)).toEqual([ahmad.id]);
  });

  it('pages with a keyset cursor, returning every contact exactly once', async () => {
    const names = ['Mona', 'Ali', 'Zaid', 'Ali', 'Huda', 'Mona', 'Badr', 'Ali'];
    const ids: string[] = [];
    for (const [index, name] of names.entries()) {
      // Pairs share an instant, so ties on the sort value are crossed too.
      api.clock.now += index % 2 === 0 ? 1000 : 0;
      ids.push((await create(api.admin, 'contacts', { name })).id);
    }
    for (const sort of ['name', 'createdAt', 'updatedAt']) {
      for (const direction of ['asc', 'desc']) {
        const { ids: seen, pageSizes } = await collectAllPages(
          api.admin,
          `/api/v1/contacts?sort=${sort}&direction=${direction}`,
          3,
        );
        expect(Math.max(...pageSizes)).toBe(3);
        expect(seen).toHaveLength(ids.length);
        expect(new Set(seen)).toEqual(new Set(ids));
        if (sort !== 'name') {
          // Ids are time-ordered, so creation order is also the tie-breaking order.
          expect(seen).toEqual(direction === 'asc' ? ids : [...ids].reverse());
        }
      }
    }
  });
});
