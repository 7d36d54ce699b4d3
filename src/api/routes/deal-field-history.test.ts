import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';

interface Entry {
  kind: 'stage' | 'field';
  field?: string;
  from?: string | null;
  to?: string | null;
  source?: string;
  actorUserId: string | null;
  at: string;
  toStatus?: string;
}

describe('a deal’s field history', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const create = async (payload: Record<string, unknown>) => {
    const response = await api.admin.request({ method: 'POST', url: '/api/v1/deals', payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; version: number; pipelineId: string }>();
  };
  const history = async (id: string) => {
    const response = await api.admin.request({ method: 'GET', url: `/api/v1/deals/${id}/history` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Entry[] }>().items;
  };
  const fieldsOf = (entries: Entry[]) =>
    entries.filter((e) => e.kind === 'field').map((e) => [e.field, e.from, e.to, e.source]);

  it('appends one row per changed tracked field, in one timeline with the stage moves', async () => {
    const rep = await api.addMember('rep');
    const deal = await create({ title: 'Cut', amountMinor: 100_000_00, currency: 'USD' });
    api.clock.now += 60_000;
    const patch = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(deal.version),
      payload: {
        amountMinor: 20_000_00,
        expectedCloseDate: '2026-06-30',
        ownerId: rep.userId,
        probabilityOverride: 35,
        amountSource: 'quoted',
        title: 'Cut deeper',
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    // The same values again are no change and write nothing.
    api.clock.now += 60_000;
    const again = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(patch.json().version),
      payload: { amountMinor: 20_000_00, ownerId: rep.userId },
    });
    expect(again.statusCode, again.body).toBe(200);

    const entries = await history(deal.id);
    expect(entries.map((e) => e.kind)).toEqual(['stage', ...Array(5).fill('field')]);
    expect(fieldsOf(entries)).toEqual([
      ['amount', '10000000', '2000000', 'person'],
      ['amountSource', 'estimate', 'quoted', 'person'],
      ['expectedCloseDate', null, '2026-06-30', 'person'],
      ['owner', api.admin.userId, rep.userId, 'person'],
      ['probability', null, '35', 'person'],
    ]);
    expect(
      entries.filter((e) => e.kind === 'field').every((e) => e.actorUserId === api.admin.userId),
    ).toBe(true);
    const [opened, firstField] = entries;
    expect(Date.parse(firstField!.at) - Date.parse(opened!.at)).toBe(60_000);
  });

  it('writes nothing for a stale version', async () => {
    const deal = await create({ title: 'Stale', amountMinor: 5_00 });
    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(deal.version + 1),
      payload: { amountMinor: 9_00 },
    });
    expect(stale.statusCode).toBe(409);
    expect(fieldsOf(await history(deal.id))).toEqual([]);
  });

  it('says a change came through an API token', async () => {
    const deal = await create({ title: 'Token', amountMinor: 5_00 });
    const token = await api.admin.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'Integration', role: 'admin' },
    });
    expect(token.statusCode, token.body).toBe(201);
    const response = await api.app.inject({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: { authorization: `Bearer ${token.json().token}`, ...ifMatch(deal.version) },
      payload: { amountMinor: 7_00 },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(fieldsOf(await history(deal.id))).toEqual([['amount', '500', '700', 'token']]);
  });

  it('records a move to another pipeline as a pipeline change beside the stage move', async () => {
    const deal = await create({ title: 'Elsewhere' });
    const pipeline = await api.admin.request({
      method: 'POST',
      url: '/api/v1/pipelines',
      payload: { nameEn: 'Renewals', nameAr: 'التجديدات' },
    });
    expect(pipeline.statusCode, pipeline.body).toBe(201);
    const stageId = pipeline.json().stages.find((s: { kind: string }) => s.kind === 'open').id;
    const moved = await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/move`,
      headers: ifMatch(deal.version),
      payload: { stageId },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const entries = await history(deal.id);
    expect(fieldsOf(entries)).toEqual([
      ['pipeline', deal.pipelineId, pipeline.json().id, 'person'],
    ]);
    expect(entries.filter((e) => e.kind === 'stage')).toHaveLength(2);
  });

  it('keeps the changes of custom fields marked tracked, and only those', async () => {
    const define = async (key: string, tracked: boolean) => {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/v1/custom-fields',
        payload: { recordKind: 'deal', key, type: 'number', labelEn: key, labelAr: key, tracked },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().tracked).toBe(tracked);
    };
    await define('seats', true);
    await define('score', false);
    const deal = await create({ title: 'Seats', customFields: { seats: 10, score: 1 } });
    const patch = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(deal.version),
      payload: { customFields: { seats: 25, score: 2 } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(fieldsOf(await history(deal.id))).toEqual([['cf.seats', '10', '25', 'person']]);
  });

  it('refuses to track a field of a company', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: {
        recordKind: 'company',
        key: 'tier',
        type: 'text',
        labelEn: 'Tier',
        labelAr: 'الفئة',
        tracked: true,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({
      path: ['tracked'],
      code: 'custom_field_not_trackable',
    });
  });
});
