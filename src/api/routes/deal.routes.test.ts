import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

describe('deals API', () => {
  it('creates, reads, moves and updates a deal with versions', async () => {
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Riyadh Bank CRM rollout', amountMinor: 1_250_000, currency: 'SAR' },
    });
    expect(created.statusCode).toBe(201);
    const deal = created.json();
    expect(deal.status).toBe('open');
    expect(created.headers.etag).toBe('"1"');

    const board = await api.admin.request({ method: 'GET', url: '/api/v1/board' });
    expect(board.statusCode).toBe(200);
    const stages = board.json().columns.map((c: { stage: { id: string; key: string } }) => c.stage);
    const prospecting = stages.find((s: { key: string }) => s.key === 'prospecting');

    const moved = await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/move`,
      headers: ifMatch(1),
      payload: { stageId: prospecting.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stageId).toBe(prospecting.id);
    expect(moved.json().version).toBe(2);

    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(1),
      payload: { title: 'Overwritten' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current.title).toBe('Riyadh Bank CRM rollout');
  });
});
