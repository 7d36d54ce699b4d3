import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function define(caller: Caller, payload: Record<string, unknown>) {
  const response = await caller.request({ method: 'POST', url: '/api/v1/custom-fields', payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function keysOf(caller: Caller, query = '') {
  const response = await caller.request({ method: 'GET', url: `/api/v1/custom-fields${query}` });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((f: { key: string; position: number }) => [f.key, f.position]);
}

const tier = {
  recordKind: 'deal',
  key: 'tier',
  type: 'single_select',
  labelEn: 'Tier',
  labelAr: 'الفئة',
  options: [
    { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي' },
    { key: 'silver', labelEn: 'Silver', labelAr: 'فضي' },
  ],
};

describe('custom field definitions', () => {
  it('creates, reads, relabels, reorders, archives and restores with versions', async () => {
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: tier,
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({
      recordKind: 'deal',
      key: 'tier',
      type: 'single_select',
      labelEn: 'Tier',
      labelAr: 'الفئة',
      required: false,
      position: 1,
      options: [
        { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي', archivedAt: null },
        { key: 'silver', labelEn: 'Silver', labelAr: 'فضي', archivedAt: null },
      ],
      archivedAt: null,
      version: 1,
    });
    const field = created.json();
    const seats = await define(api.admin, {
      recordKind: 'deal',
      key: 'seats',
      type: 'number',
      labelEn: 'Seats',
      labelAr: 'المقاعد',
    });
    await define(api.admin, {
      recordKind: 'company',
      key: 'revenue',
      type: 'number',
      labelEn: 'Revenue',
      labelAr: 'الإيرادات',
    });
    expect(await keysOf(api.admin, '?recordKind=deal')).toEqual([
      ['tier', 1],
      ['seats', 2],
    ]);

    const read = await api.admin.request({
      method: 'GET',
      url: `/api/v1/custom-fields/${field.id}`,
    });
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(field);

    const moved = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(1),
      payload: { position: 1, labelAr: 'عدد المقاعد', required: true },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).toBe('"2"');
    expect(moved.json()).toMatchObject({ position: 1, labelAr: 'عدد المقاعد', required: true });
    expect(await keysOf(api.admin, '?recordKind=deal')).toEqual([
      ['seats', 1],
      ['tier', 2],
    ]);

    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(1),
      payload: { labelEn: 'Overwritten' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ labelAr: 'عدد المقاعد', version: 2 });
    const blind = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      payload: { labelEn: 'Blind' },
    });
    expect(blind.statusCode).toBe(428);

    const archived = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(2),
      payload: { archived: true },
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).toBe('2026-03-01T09:00:00.000Z');
    expect(await keysOf(api.admin, '?recordKind=deal')).toEqual([['tier', 1]]);
    expect(await keysOf(api.admin, '?recordKind=deal&includeArchived=true')).toContainEqual([
      'seats',
      1,
    ]);
    const restored = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(3),
      payload: { archived: false },
    });
    expect(restored.json()).toMatchObject({ archivedAt: null, position: 2, version: 4 });
    expect(await keysOf(api.admin)).toEqual([
      ['revenue', 1],
      ['tier', 1],
      ['seats', 2],
    ]);
  });

  it('lets every member read the fields and only admins define them', async () => {
    const field = await define(api.admin, tier);
    for (const role of ['manager', 'rep'] as const) {
      const member = await api.addMember(role);
      expect(await keysOf(member)).toEqual([['tier', 1]]);
      const attempts = [
        await member.request({
          method: 'POST',
          url: '/api/v1/custom-fields',
          payload: { ...tier, key: `by_${role}` },
        }),
        await member.request({
          method: 'PATCH',
          url: `/api/v1/custom-fields/${field.id}`,
          headers: ifMatch(1),
          payload: { labelEn: 'Mine' },
        }),
        await member.request({
          method: 'DELETE',
          url: `/api/v1/custom-fields/${field.id}`,
          headers: ifMatch(1),
        }),
      ];
      for (const response of attempts) {
        expect(response.statusCode, role).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    const unauthenticated = await api.app.inject({ method: 'GET', url: '/api/v1/custom-fields' });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it('refuses bad definitions with a code and the field path', async () => {
    await define(api.admin, tier);
    const cases: [Record<string, unknown>, number, (string | number)[], string][] = [
      [{ ...tier }, 409, ['key'], 'duplicate_custom_field_key'],
      [{ ...tier, key: 'Has Space' }, 400, ['body', 'key'], 'invalid_format'],
      [{ ...tier, key: 'x', type: 'colour' }, 400, ['body', 'type'], 'invalid_value'],
      [{ ...tier, key: 'x', options: [] }, 400, ['options'], 'custom_field_options'],
      [
        { ...tier, key: 'x', options: [tier.options[0], tier.options[0]] },
        400,
        ['options', 1, 'key'],
        'duplicate_option_key',
      ],
      [
        { ...tier, key: 'x', type: 'number', options: tier.options },
        400,
        ['options'],
        'custom_field_options',
      ],
      [{ ...tier, key: 'x', labelAr: '' }, 400, ['body', 'labelAr'], 'too_small'],
    ];
    for (const [payload, status, path, code] of cases) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/v1/custom-fields',
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.details).toContainEqual(expect.objectContaining({ path, code }));
    }
    // The company kind has its own keys.
    expect((await define(api.admin, { ...tier, recordKind: 'company' })).key).toBe('tier');
  });

  it('keeps option keys and the field’s key, type and kind: archive instead', async () => {
    const field = await define(api.admin, tier);
    const url = `/api/v1/custom-fields/${field.id}`;
    const immutable = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { key: 'level' },
    });
    expect(immutable.statusCode).toBe(400);
    expect(immutable.json().error.details[0].path).toEqual(['body']);
    const removed = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { options: [tier.options[0]] },
    });
    expect(removed.statusCode).toBe(400);
    expect(removed.json().error.details[0]).toMatchObject({
      path: ['options'],
      code: 'custom_field_option_removed',
    });
    const archivedOption = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: {
        options: [
          { key: 'silver', labelEn: 'Silver', labelAr: 'فضي' },
          { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي', archived: true },
          { key: 'bronze', labelEn: 'Bronze', labelAr: 'برونزي' },
        ],
      },
    });
    expect(archivedOption.statusCode).toBe(200);
    expect(archivedOption.json().options).toEqual([
      { key: 'silver', labelEn: 'Silver', labelAr: 'فضي', archivedAt: null },
      { key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي', archivedAt: '2026-03-01T09:00:00.000Z' },
      { key: 'bronze', labelEn: 'Bronze', labelAr: 'برونزي', archivedAt: null },
    ]);
  });

  it('deletes a field without values, and refuses one with values (archive it)', async () => {
    const unused = await define(api.admin, tier);
    const seats = await define(api.admin, {
      recordKind: 'deal',
      key: 'seats',
      type: 'number',
      labelEn: 'Seats',
      labelAr: 'المقاعد',
    });
    const deal = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Rollout', customFields: { seats: 40 } },
    });
    expect(deal.statusCode).toBe(201);

    const staleDelete = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/custom-fields/${unused.id}`,
      headers: ifMatch(7),
    });
    expect(staleDelete.statusCode).toBe(409);
    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/custom-fields/${unused.id}`,
      headers: ifMatch(1),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await api.admin.request({
      method: 'GET',
      url: `/api/v1/custom-fields/${unused.id}`,
    });
    expect(gone.statusCode).toBe(404);
    expect(await keysOf(api.admin)).toEqual([['seats', 1]]);

    const inUse = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: ifMatch(1),
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.details[0].code).toBe('custom_field_in_use');
    const arabic = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/custom-fields/${seats.id}`,
      headers: { ...ifMatch(1), 'accept-language': 'ar' },
    });
    expect(arabic.json().error.details[0].message).toBe(
      'في السجلات قيم لهذا الحقل؛ أرشفه بدلًا من حذفه',
    );
  });

  it('treats another workspace’s field as not found', async () => {
    const other = await api.createOtherWorkspace();
    const foreign = await define(other, tier);
    const url = `/api/v1/custom-fields/${foreign.id}`;
    const responses = [
      await api.admin.request({ method: 'GET', url }),
      await api.admin.request({
        method: 'PATCH',
        url,
        headers: ifMatch(1),
        payload: { labelEn: 'Hijacked' },
      }),
      await api.admin.request({ method: 'DELETE', url, headers: ifMatch(1) }),
    ];
    for (const response of responses) expect(response.statusCode).toBe(404);
    expect(await keysOf(api.admin)).toEqual([]);
    // The same key is free in this workspace.
    expect((await define(api.admin, tier)).key).toBe('tier');
  });
});
