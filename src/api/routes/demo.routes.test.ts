import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/api-harness.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

describe('POST /demo', () => {
  it('fills the workspace for an admin and validates the size', async () => {
    const loaded = await api.admin.request({
      method: 'POST',
      url: '/api/v1/demo',
      payload: { deals: 20, seed: 3 },
    });
    expect(loaded.statusCode).toBe(201);
    expect(loaded.json()).toMatchObject({ deals: 20 });
    const board = (await api.admin.request({ method: 'GET', url: '/api/v1/board' })).json();
    expect(
      board.columns.reduce((n: number, c: { count: number }) => n + c.count, 0),
    ).toBeGreaterThan(0);
    const tooMany = await api.admin.request({
      method: 'POST',
      url: '/api/v1/demo',
      payload: { deals: 50_000 },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].path).toEqual(['body', 'deals']);
  });
});
