import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';

let api: TestApi;

beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function create(caller: Caller, payload: Record<string, unknown>) {
  return caller.request({
    method: 'POST',
    url: '/api/v1/views',
    payload: { kind: 'board', ...payload },
  });
}

async function saved(caller: Caller, payload: Record<string, unknown>) {
  const response = await create(caller, payload);
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<{ id: string; version: number }>();
}

async function list(caller: Caller): Promise<{ name: string; isMine: boolean }[]> {
  const response = await caller.request({ method: 'GET', url: '/api/v1/views?kind=board' });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

/** The deal fields the filters below name: a select and an amount. */
async function defineDealFields() {
  for (const payload of [
    {
      recordKind: 'deal',
      key: 'tier',
      type: 'single_select',
      labelEn: 'Tier',
      labelAr: 'الفئة',
      options: [{ key: 'gold', labelEn: 'Gold', labelAr: 'ذهبي' }],
    },
    { recordKind: 'deal', key: 'budget', type: 'money', labelEn: 'Budget', labelAr: 'الميزانية' },
    { recordKind: 'company', key: 'sector', type: 'text', labelEn: 'Sector', labelAr: 'القطاع' },
  ]) {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
}

const pathsAndCodes = (body: { error: { details: { path: unknown[]; code: string }[] } }) =>
  body.error.details.map((d) => [d.path, d.code]);

describe('saved board views', () => {
  it('saves, lists, reads, changes and deletes a view, each write from its version', async () => {
    await defineDealFields();
    const pipelines = (await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' })).json();
    const filters = {
      ownerId: api.admin.userId,
      'cf.tier': 'gold',
      'cf.budget.gte': '100000',
      'cf.budget.currency': 'SAR',
    };
    const created = await create(api.admin, {
      name: ' Gold deals ',
      pipelineId: pipelines.items[0].id,
      filters,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const view = created.json();
    expect(view).toEqual({
      id: expect.any(String),
      kind: 'board',
      name: 'Gold deals',
      pipelineId: pipelines.items[0].id,
      filters,
      isShared: false,
      ownerId: api.admin.userId,
      isMine: true,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      version: 1,
    });
    const read = await api.admin.request({ method: 'GET', url: `/api/v1/views/${view.id}` });
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(view);

    api.clock.now += 60_000;
    const changed = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(1),
      payload: { filters: { q: 'أحمد' }, isShared: true, pipelineId: null },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({
      name: 'Gold deals',
      filters: { q: 'أحمد' },
      isShared: true,
      pipelineId: null,
      updatedAt: '2026-03-01T09:01:00.000Z',
      version: 2,
    });
    // Renaming it to its own name in other letters is no clash with itself.
    const renamed = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(2),
      payload: { name: 'GOLD deals' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(1),
      payload: { name: 'Older' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ version: 3, name: 'GOLD deals' });
    const blind = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      payload: { name: 'Blind' },
    });
    expect(blind.statusCode).toBe(428);
    const noVersion = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/views/${view.id}`,
    });
    expect(noVersion.statusCode).toBe(428);
    const staleDelete = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(2),
    });
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error.current).toMatchObject({ version: 3 });
    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(3),
    });
    expect(deleted.statusCode).toBe(204);
    expect(await list(api.admin)).toEqual([]);
    const gone = await api.admin.request({ method: 'GET', url: `/api/v1/views/${view.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
  });

  it('lists mine and the shared ones by name, whatever the letter case', async () => {
    const rep = await api.addMember('rep');
    await saved(rep, { name: 'beta', filters: {} });
    await saved(api.admin, { name: 'Alpha', filters: {}, isShared: true });
    await saved(rep, { name: 'Gamma', filters: {}, isShared: true });
    await saved(api.admin, { name: 'delta (admin, private)', filters: {} });
    expect((await list(rep)).map((v) => [v.name, v.isMine])).toEqual([
      ['Alpha', false],
      ['beta', true],
      ['Gamma', true],
    ]);
    expect((await list(api.admin)).map((v) => v.name)).toEqual([
      'Alpha',
      'delta (admin, private)',
      'Gamma',
    ]);
  });

  it('keeps a private view to its owner and lets only its owner, or an admin, change a shared one', async () => {
    const rep = await api.addMember('rep');
    const other = await api.addMember('rep');
    const manager = await api.addMember('manager');
    const mine = await saved(rep, { name: 'My open deals', filters: { ownerId: rep.userId } });
    const shared = await saved(rep, { name: 'Team board', filters: {}, isShared: true });
    expect((await list(rep)).map((v) => v.name)).toEqual(['My open deals', 'Team board']);
    expect(await list(other)).toEqual([
      expect.objectContaining({ name: 'Team board', isMine: false, ownerId: rep.userId }),
    ]);

    // Another's private view does not exist for anyone else, admins included.
    for (const caller of [other, manager, api.admin]) {
      const url = `/api/v1/views/${mine.id}`;
      const attempts = [
        await caller.request({ method: 'GET', url }),
        await caller.request({
          method: 'PATCH',
          url,
          headers: ifMatch(1),
          payload: { name: 'Taken' },
        }),
        await caller.request({ method: 'DELETE', url, headers: ifMatch(1) }),
      ];
      for (const response of attempts) expect(response.statusCode, caller.role).toBe(404);
    }

    // A shared view is everyone's to read and its owner's (or an admin's) to change.
    const read = await other.request({ method: 'GET', url: `/api/v1/views/${shared.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ isMine: false, isShared: true });
    for (const caller of [other, manager]) {
      const url = `/api/v1/views/${shared.id}`;
      const attempts = [
        await caller.request({
          method: 'PATCH',
          url,
          headers: ifMatch(1),
          payload: { name: 'Mine now' },
        }),
        await caller.request({ method: 'DELETE', url, headers: ifMatch(1) }),
      ];
      for (const response of attempts) {
        expect(response.statusCode, caller.role).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    const byAdmin = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${shared.id}`,
      headers: ifMatch(1),
      payload: { name: 'Whole team board' },
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    // It stays its owner's: the admin tidied it, the rep still owns it.
    expect(byAdmin.json()).toMatchObject({ ownerId: rep.userId, isMine: false, version: 2 });
    // Unsharing makes it private again: gone from the others' lists.
    const unshared = await rep.request({
      method: 'PATCH',
      url: `/api/v1/views/${shared.id}`,
      headers: ifMatch(2),
      payload: { isShared: false },
    });
    expect(unshared.statusCode, unshared.body).toBe(200);
    expect(await list(other)).toEqual([]);
    const sharedAgain = await saved(rep, { name: 'Shared again', filters: {}, isShared: true });
    const deletedByAdmin = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/views/${sharedAgain.id}`,
      headers: ifMatch(1),
    });
    expect(deletedByAdmin.statusCode).toBe(204);

    // Names are each person's own: another may use the same one.
    expect((await create(other, { name: 'my open deals', filters: {} })).statusCode).toBe(201);
  });

  it('treats another workspace’s view, shared or not, as not found', async () => {
    const shared = await saved(api.admin, { name: 'Secret board', filters: {}, isShared: true });
    const foreign = await api.createOtherWorkspace();
    const url = `/api/v1/views/${shared.id}`;
    const attempts = [
      await foreign.request({ method: 'GET', url }),
      await foreign.request({
        method: 'PATCH',
        url,
        headers: ifMatch(1),
        payload: { name: 'Hijacked' },
      }),
      await foreign.request({ method: 'DELETE', url, headers: ifMatch(1) }),
    ];
    for (const response of attempts) expect(response.statusCode).toBe(404);
    expect(await list(foreign)).toEqual([]);
    // Nor may a view point at another workspace's pipeline.
    const theirs = (await foreign.request({ method: 'GET', url: '/api/v1/pipelines' })).json();
    const crossing = await create(api.admin, {
      name: 'Theirs',
      pipelineId: theirs.items[0].id,
      filters: {},
    });
    expect(crossing.statusCode).toBe(400);
    expect(pathsAndCodes(crossing.json())).toEqual([[['pipelineId'], 'unknown_reference']]);
  });

  it('answers bad filters, an unknown pipeline and a name in use with their paths', async () => {
    await defineDealFields();
    const bad = await create(api.admin, {
      name: 'Odd',
      pipelineId: 'nope',
      filters: {
        colour: 'red',
        stageId: 'x',
        'cf.tier.between': '1',
        'cf.Tier': 'gold',
        'cf.nope': 'x',
        'cf.sector': 'Retail',
        'cf.tier.gte': 'gold',
        'cf.tier': 'platinum',
        'cf.budget.gte': 'lots',
        q: 'x'.repeat(201),
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(pathsAndCodes(bad.json())).toEqual([
      [['filters', 'colour'], 'unknown_filter'],
      [['filters', 'stageId'], 'unknown_filter'],
      [['filters', 'cf.tier.between'], 'custom_field_operator'],
      [['filters', 'cf.Tier'], 'custom_field_operator'],
      [['filters', 'q'], 'too_long'],
      [['filters', 'cf.nope'], 'custom_field_unknown'],
      // A company field is no filter of the board's deals.
      [['filters', 'cf.sector'], 'custom_field_unknown'],
      [['filters', 'cf.tier.gte'], 'custom_field_operator'],
      [['filters', 'cf.tier'], 'custom_field_option_unknown'],
      [['filters', 'cf.budget.gte'], 'custom_field_invalid'],
      [['pipelineId'], 'unknown_reference'],
    ]);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`cf.tier${i}`, 'x']));
    const tooMany = await create(api.admin, { name: 'Many', filters: many });
    expect(tooMany.statusCode).toBe(400);
    expect(pathsAndCodes(tooMany.json())[0]).toEqual([['filters'], 'too_many_filters']);
    const validation = [
      [{ name: '   ', filters: {} }, ['body', 'name']],
      [{ name: 'x'.repeat(81), filters: {} }, ['body', 'name']],
      [{ name: 'No filters' }, ['body', 'filters']],
      [{ name: 'Number', filters: { q: 3 } }, ['body', 'filters', 'q']],
      [{ name: 'List', kind: 'list', filters: {} }, ['body', 'kind']],
      [{ name: 'Extra', filters: {}, colour: 'red' }, ['body']],
    ] as const;
    for (const [payload, path] of validation) {
      const response = await create(api.admin, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.details[0].path, JSON.stringify(payload)).toEqual(path);
    }

    const gold = await saved(api.admin, { name: 'Gold', filters: {} });
    const twice = await create(api.admin, { name: ' gold ', filters: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CONFLICT');
    expect(twice.json().error.details[0]).toMatchObject({ path: ['name'], code: 'duplicate_name' });
    const accented = await saved(api.admin, { name: 'Émile', filters: {} });
    expect((await create(api.admin, { name: 'émile', filters: {} })).statusCode).toBe(409);
    const renamedOnto = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${accented.id}`,
      headers: ifMatch(1),
      payload: { name: 'GOLD' },
    });
    expect(renamedOnto.statusCode).toBe(409);
    expect(renamedOnto.json().error.details[0].code).toBe('duplicate_name');
    const badPatch = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${gold.id}`,
      headers: ifMatch(1),
      payload: { filters: { colour: 'red' }, pipelineId: 'nope' },
    });
    expect(badPatch.statusCode).toBe(400);
    expect(pathsAndCodes(badPatch.json())).toEqual([
      [['filters', 'colour'], 'unknown_filter'],
      [['pipelineId'], 'unknown_reference'],
    ]);

    const arabic = await api.admin.request({
      method: 'POST',
      url: '/api/v1/views',
      headers: { 'accept-language': 'ar' },
      payload: { kind: 'board', name: 'Odd', filters: { colour: 'red', 'cf.nope': 'x' } },
    });
    expect(arabic.json().error.details.map((d: { message: string }) => d.message)).toEqual([
      'ليس من مرشحات اللوحة',
      'لا يوجد حقل مخصص بهذا المفتاح لهذا النوع من السجلات',
    ]);
    const arabicName = await api.admin.request({
      method: 'POST',
      url: '/api/v1/views',
      headers: { 'accept-language': 'ar' },
      payload: { kind: 'board', name: 'GOLD', filters: {} },
    });
    expect(arabicName.json().error.details[0]).toMatchObject({
      path: ['name'],
      code: 'duplicate_name',
      message: 'هذا الاسم مستخدم',
    });
    // Nothing half-written, nothing changed.
    expect((await list(api.admin)).map((v) => v.name)).toEqual(['Émile', 'Gold']);
  });

  it('lets a rep save views; a token without a person may read the shared ones, not save one', async () => {
    const rep = await api.addMember('rep');
    const own = await create(rep, { name: 'Rep view', filters: { source: 'Referral' } });
    expect(own.statusCode, own.body).toBe(201);
    await saved(rep, { name: 'Shared', filters: {}, isShared: true });
    const token = await api.admin.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'Reporting', role: 'manager' },
    });
    expect(token.statusCode, token.body).toBe(201);
    const headers = { authorization: `Bearer ${token.json().token}` };
    const read = await api.app.inject({ method: 'GET', url: '/api/v1/views', headers });
    expect(read.json().items.map((v: { name: string }) => v.name)).toEqual(['Shared']);
    const write = await api.app.inject({
      method: 'POST',
      url: '/api/v1/views',
      headers,
      payload: { kind: 'board', name: 'By a token', filters: {} },
    });
    expect(write.statusCode).toBe(403);
    const unauthenticated = await api.app.inject({ method: 'GET', url: '/api/v1/views' });
    expect(unauthenticated.statusCode).toBe(401);
  });
});
