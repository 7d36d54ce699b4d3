import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';

describe('GET /api/v1/pipeline-changes', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const get = (caller: TestApi['admin'], query: string) =>
    caller.request({ method: 'GET', url: `/api/v1/pipeline-changes?${query}` });

  it('gives the waterfall, a rep limited to their own deals seeing only those', async () => {
    const rep = await api.addMember('rep');
    const settings = await api.admin.request({ method: 'GET', url: '/api/v1/workspace' });
    const limited = await api.admin.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { 'if-match': settings.headers.etag as string },
      payload: { repsSeeOwnDealsOnly: true },
    });
    expect(limited.statusCode, limited.body).toBe(200);
    const proposal = (await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' }))
      .json()
      .items[0].stages.find((s: { key: string }) => s.key === 'proposal');
    for (const [caller, title] of [
      [api.admin, 'Admin’s'],
      [rep, 'Rep’s'],
    ] as const) {
      const made = await caller.request({
        method: 'POST',
        url: '/api/v1/deals',
        payload: { title, amountMinor: 1_000_00, stageId: proposal.id },
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    api.clock.now += 3_600_000;
    const all = await get(api.admin, 'from=2026-02-01&groupBy=owner');
    expect(all.statusCode, all.body).toBe(200);
    const created = all.json().total.steps.find((s: { kind: string }) => s.kind === 'created');
    expect(created).toMatchObject({ count: 2, amount: { minor: 2_000_00, currency: 'USD' } });
    expect(all.json().groups).toHaveLength(2);
    const theirs = (await get(rep, 'from=2026-02-01')).json();
    expect(theirs.deals.map((d: { title: string }) => d.title)).toEqual(['Rep’s']);

    // The admin's deal handed to the rep: to the rep it moved in from another owner.
    const since = new Date(api.clock.now).toISOString();
    api.clock.now += 3_600_000;
    const admins = (await get(api.admin, 'from=2026-02-01'))
      .json()
      .deals.find((d: { title: string }) => d.title === 'Admin’s');
    const current = (
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${admins.id}` })
    ).json();
    const handed = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${admins.id}`,
      headers: ifMatch(current.version),
      payload: { ownerId: rep.userId },
    });
    expect(handed.statusCode, handed.body).toBe(200);
    api.clock.now += 3_600_000;
    const movedIn = (await get(rep, `from=${encodeURIComponent(since)}`))
      .json()
      .total.steps.find((s: { kind: string }) => s.kind === 'movedIn');
    expect(movedIn).toMatchObject({ count: 1, deals: [{ title: 'Admin’s', reason: 'owner' }] });
  });

  it('answers a missing, malformed, future or reversed window with 400 on the field', async () => {
    const missing = await get(api.admin, '');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toEqual(['querystring', 'from']);
    const future = await get(api.admin, 'from=2026-06-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0]).toMatchObject({ path: ['from'], code: 'future_as_of' });
    const reversed = await get(api.admin, 'from=2026-02-01&to=2026-01-01');
    expect(reversed.json().error.details[0]).toMatchObject({
      path: ['to'],
      code: 'range_reversed',
    });
    const period = await get(api.admin, 'from=2026-02-01&period=Q9');
    expect(period.statusCode).toBe(400);
    expect(period.json().error.details[0].path).toEqual(['querystring', 'period']);
    const arabic = await api.admin.request({
      method: 'GET',
      url: '/api/v1/pipeline-changes?from=2026-02-01&to=2026-01-01',
      headers: { 'accept-language': 'ar' },
    });
    expect(arabic.statusCode).toBe(400);
    expect(arabic.json().error.message).not.toBe(reversed.json().error.message);
  });
});
