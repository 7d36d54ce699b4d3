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

interface LostReasonJson {
  id: string;
  labelEn: string;
  labelAr: string;
  position: number;
  archived: boolean;
  version: number;
}

async function listReasons(caller: Caller, query = ''): Promise<LostReasonJson[]> {
  return expectStatus(
    await caller.request({ method: 'GET', url: `/api/v1/lost-reasons${query}` }),
    200,
  ).items;
}

const labels = (reasons: LostReasonJson[]) => reasons.map((r) => r.labelEn);

describe('lost reasons API', () => {
  it('lists the default reasons in order, adds, relabels, moves and archives', async () => {
    const defaults = await listReasons(api.admin);
    expect(labels(defaults)).toEqual([
      'Price',
      'Chose a competitor',
      'No budget',
      'No decision / went silent',
      'Timing',
      'Product fit',
      'Decision maker left',
    ]);
    expect(defaults.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(defaults[0]).toMatchObject({ labelAr: 'السعر', archived: false });

    const appended = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: '/api/v1/lost-reasons',
        payload: { labelEn: ' Legal blocked it ', labelAr: 'عائق قانوني' },
      }),
      201,
    );
    expect(appended).toMatchObject({
      labelEn: 'Legal blocked it',
      position: 8,
      archived: false,
      version: 1,
    });

    const first = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: '/api/v1/lost-reasons',
        payload: { labelEn: 'Lost to in-house build', labelAr: 'تطوير داخلي', position: 1 },
      }),
      201,
    );
    expect(first.position).toBe(1);
    expect(labels(await listReasons(api.admin)).slice(0, 3)).toEqual([
      'Lost to in-house build',
      'Price',
      'Chose a competitor',
    ]);

    const moved = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/lost-reasons/${appended.id}`,
        headers: ifMatch(1),
        payload: { position: 2, labelAr: 'عائق قانوني أو تنظيمي' },
      }),
      200,
    );
    expect(moved).toMatchObject({
      labelEn: 'Legal blocked it',
      labelAr: 'عائق قانوني أو تنظيمي',
      position: 2,
      version: 2,
    });
    const reordered = await listReasons(api.admin);
    expect(labels(reordered).slice(0, 3)).toEqual([
      'Lost to in-house build',
      'Legal blocked it',
      'Price',
    ]);
    expect(reordered.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const archived = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/lost-reasons/${first.id}`,
      headers: ifMatch(1),
    });
    expect(archived.statusCode).toBe(204);
    const active = await listReasons(api.admin);
    expect(labels(active)).not.toContain('Lost to in-house build');
    expect(active.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const all = await listReasons(api.admin, '?includeArchived=true');
    expect(all.find((r) => r.id === first.id)).toMatchObject({ archived: true });
    // Archiving again changes nothing.
    const again = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/lost-reasons/${first.id}`,
      headers: ifMatch(2),
    });
    expect(again.statusCode).toBe(204);

    const placeArchived = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/lost-reasons/${first.id}`,
      headers: ifMatch(2),
      payload: { position: 1 },
    });
    expect(placeArchived.statusCode).toBe(409);
    expect(placeArchived.json().error.code).toBe('CONFLICT');
  });

  it('offers only active reasons when losing a deal, and keeps archived ones on lost deals', async () => {
    const [price, competitor] = await listReasons(api.admin);
    if (!price || !competitor) throw new Error('no default reasons');
    const deal = await createDeal(api.admin, { title: 'Lost to price' });
    const lost = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${deal.id}/lose`,
        headers: ifMatch(1),
        payload: { lostReasonId: price.id },
      }),
      200,
    );
    expectStatus(
      await api.admin.request({
        method: 'DELETE',
        url: `/api/v1/lost-reasons/${price.id}`,
        headers: ifMatch(price.version),
      }),
      204,
    );
    const stillLost = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` }),
      200,
    );
    expect(stillLost).toMatchObject({ lostReasonId: price.id, version: lost.version });

    const other = await createDeal(api.admin, { title: 'Another' });
    const refused = await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${other.id}/lose`,
      headers: ifMatch(1),
      payload: { lostReasonId: price.id },
    });
    expect(refused.statusCode).toBe(400);
    expect(errorPaths(refused)).toEqual(['lostReasonId']);
  });

  it('edits and archives only at the version last read: 409 with the reason when stale, 428 without', async () => {
    const [price] = await listReasons(api.admin);
    if (!price) throw new Error('no default reasons');
    expect(price.version).toBe(1);
    const url = `/api/v1/lost-reasons/${price.id}`;
    const relabel = (labelEn: string, headers: Record<string, string> = {}) =>
      api.admin.request({ method: 'PATCH', url, headers, payload: { labelEn } });

    const missing = await relabel('Too expensive');
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('VERSION_REQUIRED');
    const archiveBlind = await api.admin.request({ method: 'DELETE', url });
    expect(archiveBlind.statusCode).toBe(428);

    const relabelled = await relabel('Too expensive', ifMatch(1));
    expect(expectStatus(relabelled, 200)).toMatchObject({ labelEn: 'Too expensive', version: 2 });
    expect(relabelled.headers.etag).toBe('"2"');

    const stale = await relabel('Price', ifMatch(1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { id: price.id, labelEn: 'Too expensive', version: 2 },
    });
    const staleArchive = await api.admin.request({ method: 'DELETE', url, headers: ifMatch(1) });
    expect(staleArchive.statusCode).toBe(409);
    expect(staleArchive.json().error.code).toBe('VERSION_CONFLICT');
    expect((await listReasons(api.admin))[0]).toMatchObject({
      labelEn: 'Too expensive',
      archived: false,
    });
  });

  it('validates labels and positions', async () => {
    const missing = await api.admin.request({
      method: 'POST',
      url: '/api/v1/lost-reasons',
      payload: { labelEn: 'Only English' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(missing)).toEqual(['body.labelAr']);

    const blank = await api.admin.request({
      method: 'POST',
      url: '/api/v1/lost-reasons',
      payload: { labelEn: '   ', labelAr: 'نص', position: 0 },
    });
    expect(errorPaths(blank).sort()).toEqual(['body.labelEn', 'body.position']);

    const [price] = await listReasons(api.admin);
    const badPatch = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/lost-reasons/${price?.id}`,
      headers: ifMatch(1),
      payload: { labelEn: 'x'.repeat(121) },
    });
    expect(errorPaths(badPatch)).toEqual(['body.labelEn']);

    const nothing = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/lost-reasons/${price?.id}`,
      headers: ifMatch(1),
      payload: {},
    });
    expect(expectStatus(nothing, 200)).toMatchObject({ labelEn: 'Price', position: 1 });

    const badQuery = await api.admin.request({
      method: 'GET',
      url: '/api/v1/lost-reasons?includeArchived=yes',
    });
    expect(errorPaths(badQuery)).toEqual(['querystring.includeArchived']);
  });

  it('lets everyone read, managers and admins manage, and no one without a session', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/lost-reasons' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');

    const rep = await api.addMember('rep');
    expect(await listReasons(rep)).toHaveLength(7);
    const [price] = await listReasons(rep);
    for (const request of [
      {
        method: 'POST' as const,
        url: '/api/v1/lost-reasons',
        payload: { labelEn: 'a', labelAr: 'ب' },
      },
      {
        method: 'PATCH' as const,
        url: `/api/v1/lost-reasons/${price?.id}`,
        payload: { labelEn: 'a' },
      },
      { method: 'DELETE' as const, url: `/api/v1/lost-reasons/${price?.id}` },
    ]) {
      const response = await rep.request(request);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    expect(labels(await listReasons(api.admin))[0]).toBe('Price');

    const manager = await api.addMember('manager');
    expectStatus(
      await manager.request({
        method: 'POST',
        url: '/api/v1/lost-reasons',
        payload: { labelEn: 'Merger froze budgets', labelAr: 'تجميد الميزانيات' },
      }),
      201,
    );
  });

  it('keeps each workspace’s reasons apart', async () => {
    const other = await api.createOtherWorkspace();
    const [price] = await listReasons(api.admin);
    const [theirPrice] = await listReasons(other);
    expect(theirPrice?.id).not.toBe(price?.id);

    const patch = await other.request({
      method: 'PATCH',
      url: `/api/v1/lost-reasons/${price?.id}`,
      headers: ifMatch(1),
      payload: { labelEn: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('NOT_FOUND');
    const remove = await other.request({
      method: 'DELETE',
      url: `/api/v1/lost-reasons/${price?.id}`,
      headers: ifMatch(1),
    });
    expect(remove.statusCode).toBe(404);
    expect((await listReasons(api.admin))[0]).toMatchObject({ labelEn: 'Price', archived: false });
  });
});
