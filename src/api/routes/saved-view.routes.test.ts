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

async function list(caller: Caller): Promise<{ name: string; isMine: boolean }[]> {
  return (await caller.request({ method: 'GET', url: '/api/v1/views?kind=board' })).json().items;
}

describe('saved board views', () => {
  it('saves, lists, changes and deletes a view, each write from its version', async () => {
    const pipelines = (await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' })).json();
    const created = await create(api.admin, {
      name: ' Gold deals ',
      pipelineId: pipelines.items[0].id,
      filters: { ownerId: api.admin.userId, 'cf.tier': 'gold' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const view = created.json();
    expect(view).toMatchObject({
      kind: 'board',
      name: 'Gold deals',
      pipelineId: pipelines.items[0].id,
      filters: { ownerId: api.admin.userId, 'cf.tier': 'gold' },
      isShared: false,
      ownerId: api.admin.userId,
      isMine: true,
      version: 1,
    });
    const changed = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(1),
      payload: { filters: { q: 'أحمد' }, isShared: true },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ filters: { q: 'أحمد' }, isShared: true, version: 2 });
    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(1),
      payload: { name: 'Older' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ version: 2, name: 'Gold deals' });
    const noVersion = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/views/${view.id}`,
    });
    expect(noVersion.statusCode).toBe(428);
    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/views/${view.id}`,
      headers: ifMatch(2),
    });
    expect(deleted.statusCode).toBe(204);
    expect(await list(api.admin)).toEqual([]);
  });

  it('keeps a private view to its owner, shows a shared one to all, and lets only its owner or an admin change it', async () => {
    const rep = await api.addMember('rep');
    const other = await api.addMember('rep');
    const mine = (
      await create(rep, { name: 'My open deals', filters: { ownerId: rep.userId } })
    ).json();
    const shared = (await create(rep, { name: 'Team board', filters: {}, isShared: true })).json();
    expect((await list(rep)).map((v) => v.name)).toEqual(['My open deals', 'Team board']);
    expect(await list(other)).toEqual([
      expect.objectContaining({ name: 'Team board', isMine: false }),
    ]);
    const hidden = await other.request({ method: 'GET', url: `/api/v1/views/${mine.id}` });
    expect(hidden.statusCode).toBe(404);
    const notTheirs = await other.request({
      method: 'PATCH',
      url: `/api/v1/views/${shared.id}`,
      headers: ifMatch(1),
      payload: { name: 'Mine now' },
    });
    expect(notTheirs.statusCode).toBe(403);
    const byAdmin = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/views/${shared.id}`,
      headers: ifMatch(1),
      payload: { name: 'Whole team board' },
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    const foreign = await api.createOtherWorkspace();
    const elsewhere = await foreign.request({ method: 'GET', url: `/api/v1/views/${shared.id}` });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('answers bad filters, an unknown pipeline and a name in use with their paths', async () => {
    const bad = await create(api.admin, {
      name: 'Odd',
      pipelineId: 'nope',
      filters: { colour: 'red', 'cf.tier.between': '1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json().error.details.map((d: { path: unknown[]; code: string }) => [d.path, d.code]),
    ).toEqual([
      [['filters', 'colour'], 'unknown_filter'],
      [['filters', 'cf.tier.between'], 'custom_field_operator'],
      [['pipelineId'], 'unknown_reference'],
    ]);
    expect((await create(api.admin, { name: 'Gold', filters: {} })).statusCode).toBe(201);
    const twice = await create(api.admin, { name: 'gold', filters: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details[0]).toMatchObject({ path: ['name'], code: 'duplicate_name' });
    const arabic = await api.admin.request({
      method: 'POST',
      url: '/api/v1/views',
      headers: { 'accept-language': 'ar' },
      payload: { kind: 'board', name: 'Odd', filters: { colour: 'red' } },
    });
    expect(arabic.json().error.details[0].message).toBe('ليس من مرشحات اللوحة');
    // Nothing half-written.
    expect((await list(api.admin)).map((v) => v.name)).toEqual(['Gold']);
  });
});
