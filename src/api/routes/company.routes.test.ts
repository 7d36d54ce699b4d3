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

async function createCompany(caller: Caller, payload: Record<string, unknown>) {
  const response = await caller.request({ method: 'POST', url: '/api/v1/companies', payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function listIds(caller: Caller, query: string): Promise<string[]> {
  const response = await caller.request({ method: 'GET', url: `/api/v1/companies?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((c: { id: string }) => c.id);
}

describe('companies API', () => {
  it('creates, reads, lists, updates and deletes a company with versions', async () => {
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: {
        name: '  Riyadh Bank ',
        domain: 'HTTPS://www.RiyadBank.com/en/about?ref=crm',
        sector: 'Banking',
        size: '1000+',
        country: 'sa',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const company = created.json();
    expect(company).toMatchObject({
      name: 'Riyadh Bank',
      domain: 'riyadbank.com',
      sector: 'Banking',
      size: '1000+',
      country: 'SA',
      ownerId: api.admin.userId,
      createdAt: '2026-03-01T09:00:00.000Z',
      version: 1,
    });

    const read = await api.admin.request({ method: 'GET', url: `/api/v1/companies/${company.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(company);

    const listed = await api.admin.request({ method: 'GET', url: '/api/v1/companies' });
    expect(listed.json()).toEqual({ items: [company], nextCursor: null });

    api.clock.now += 60_000;
    const updated = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
      payload: { name: 'Riyad Bank', domain: null, sector: null },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json()).toMatchObject({
      name: 'Riyad Bank',
      domain: null,
      sector: null,
      size: '1000+',
      updatedAt: '2026-03-01T09:01:00.000Z',
      version: 2,
    });

    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(2),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await api.admin.request({ method: 'GET', url: `/api/v1/companies/${company.id}` });
    expect(gone.statusCode).toBe(404);
    expect(await listIds(api.admin, '')).toEqual([]);
  });

  it('filters by owner and lets a rep create and update, but not delete', async () => {
    const rep = await api.addMember('rep');
    const mine = await createCompany(rep, { name: 'Rep Co' });
    await createCompany(api.admin, { name: 'Admin Co' });
    expect(mine.ownerId).toBe(rep.userId);
    expect(await listIds(api.admin, `ownerId=${rep.userId}`)).toEqual([mine.id]);

    const updated = await rep.request({
      method: 'PATCH',
      url: `/api/v1/companies/${mine.id}`,
      headers: ifMatch(1),
      payload: { size: '11-50' },
    });
    expect(updated.statusCode).toBe(200);

    const refused = await rep.request({
      method: 'DELETE',
      url: `/api/v1/companies/${mine.id}`,
      headers: ifMatch(2),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses bad input with the field path', async () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{}, ['body', 'name']],
      [{ name: '   ' }, ['body', 'name']],
      [{ name: 'Acme', country: 'Saudi Arabia' }, ['body', 'country']],
      [{ name: 'Acme', colour: 'red' }, ['body']],
      [{ name: 'Acme', domain: 'not a domain' }, ['domain']],
    ];
    for (const [payload, path] of cases) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/v1/companies',
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.map((d: { path: unknown[] }) => d.path)).toContainEqual(path);
    }
    const other = await api.createOtherWorkspace();
    const foreignOwner = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Acme', ownerId: other.userId },
    });
    expect(foreignOwner.statusCode).toBe(400);
    expect(foreignOwner.json().error.details[0].path).toEqual(['ownerId']);
  });

  it('answers a stale write with 409 and the current record, and a blind one with 428', async () => {
    const company = await createCompany(api.admin, { name: 'Acme' });
    const first = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
      payload: { name: 'Acme Arabia' },
    });
    expect(first.statusCode).toBe(200);

    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
      payload: { name: 'Overwritten' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ name: 'Acme Arabia', version: 2 });

    const staleDelete = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
    });
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error.current.version).toBe(2);

    for (const method of ['PATCH', 'DELETE'] as const) {
      const blind = await api.admin.request({
        method,
        url: `/api/v1/companies/${company.id}`,
        ...(method === 'PATCH' && { payload: { name: 'Blind' } }),
      });
      expect(blind.statusCode).toBe(428);
      expect(blind.json().error.code).toBe('VERSION_REQUIRED');
    }
  });

  it('refuses deletion while a deal still belongs to the company', async () => {
    const company = await createCompany(api.admin, { name: 'Acme' });
    const deal = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Acme rollout', companyId: company.id },
    });
    expect(deal.statusCode).toBe(201);

    const refused = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect(refused.json().error.message).toMatch(/1 deal still belongs/);

    const dealDeleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/deals/${deal.json().id}`,
      headers: ifMatch(1),
    });
    expect(dealDeleted.statusCode).toBe(204);
    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: ifMatch(1),
    });
    expect(deleted.statusCode).toBe(204);
  });

  it('needs a session', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/companies' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('treats another workspace’s company as not found', async () => {
    const other = await api.createOtherWorkspace();
    const foreign = await createCompany(other, { name: 'Elsewhere Ltd' });
    const url = `/api/v1/companies/${foreign.id}`;
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
    expect(await listIds(api.admin, '')).toEqual([]);
    const untouched = await other.request({ method: 'GET', url });
    expect(untouched.json()).toMatchObject({ name: 'Elsewhere Ltd', version: 1 });
  });

  it('finds Arabic names however they are spelt, and companies by domain', async () => {
    const amal = await createCompany(api.admin, { name: 'مُؤسَّسة الأمل', domain: 'alamal.sa' });
    await createCompany(api.admin, { name: 'Acme' });
    expect(await listIds(api.admin, `q=${encodeURIComponent('موسسه الامل')}`)).toEqual([amal.id]);
    expect(await listIds(api.admin, `q=${encodeURIComponent('مؤسسة')}`)).toEqual([amal.id]);
    expect(await listIds(api.admin, 'q=ALAMAL')).toEqual([amal.id]);
    expect(await listIds(api.admin, 'q=nothing')).toEqual([]);
  });

  it('pages with a keyset cursor, returning every company exactly once', async () => {
    const names = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Delta', 'Echo', 'Bravo'];
    const ids: string[] = [];
    for (const [index, name] of names.entries()) {
      // Two companies share each instant, so ties on the sort value are crossed too.
      api.clock.now += index % 2 === 0 ? 1000 : 0;
      ids.push((await createCompany(api.admin, { name })).id);
    }
    for (const sort of ['name', 'createdAt', 'updatedAt']) {
      for (const direction of ['asc', 'desc']) {
        const { ids: seen, pageSizes } = await collectAllPages(
          api.admin,
          `/api/v1/companies?sort=${sort}&direction=${direction}`,
          2,
        );
        expect(Math.max(...pageSizes)).toBe(2);
        expect(seen).toHaveLength(ids.length);
        expect(new Set(seen)).toEqual(new Set(ids));
        if (sort !== 'name') {
          // Ids are time-ordered, so creation order is also the tie-breaking order.
          expect(seen).toEqual(direction === 'asc' ? ids : [...ids].reverse());
        }
      }
    }
    const bad = await api.admin.request({ method: 'GET', url: '/api/v1/companies?cursor=oops' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toEqual(['cursor']);
  });
});
