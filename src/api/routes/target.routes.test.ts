import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, errorPaths, expectStatus, stageIdsByKey } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi(); // USD, Asia/Riyadh, today 2026-03-01
});
afterEach(async () => {
  await api.close();
});

function postTarget(caller: Caller, payload: object) {
  return caller.request({ method: 'POST', url: '/api/v1/targets', payload });
}

describe('targets API', () => {
  it('sets, lists, edits and deletes targets in the base currency, guarded by If-Match', async () => {
    const created = await postTarget(api.admin, {
      scope: 'workspace',
      period: '2026-Q1',
      amountMinor: 5_000_000,
    });
    const target = expectStatus(created, 201);
    expect(created.headers.etag).toBe('"1"');
    expect(target).toMatchObject({
      scope: 'workspace',
      period: { name: '2026-Q1', from: '2026-01-01', to: '2026-04-01' },
      amount: { minor: 5_000_000, currency: 'USD' },
      version: 1,
    });
    const owner = expectStatus(
      await postTarget(api.admin, {
        scope: `owner:${api.admin.userId}`,
        period: '2026-03',
        amountMinor: 1_000,
      }),
      201,
    );
    const list = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/targets' }),
      200,
    );
    expect(list.items.map((t: { id: string }) => t.id)).toEqual([owner.id, target.id]);
    const filtered = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/targets?scope=workspace' }),
      200,
    );
    expect(filtered.items).toHaveLength(1);

    const url = `/api/v1/targets/${target.id}`;
    const edited = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url,
        headers: ifMatch(1),
        payload: { amountMinor: 6_000_000, period: '2026' },
      }),
      200,
    );
    expect(edited).toMatchObject({
      amount: { minor: 6_000_000 },
      period: { name: '2026', from: '2026-01-01', to: '2027-01-01' },
      version: 2,
    });
    expect(
      (await api.admin.request({ method: 'PATCH', url, headers: ifMatch(1), payload: {} }))
        .statusCode,
    ).toBe(409);
    expect((await api.admin.request({ method: 'DELETE', url })).statusCode).toBe(428);
    expect(
      (await api.admin.request({ method: 'DELETE', url, headers: ifMatch(2) })).statusCode,
    ).toBe(204);
    expect((await api.admin.request({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('refuses bad periods and scopes with the field, and a second target for the same slot', async () => {
    const badPeriod = await postTarget(api.admin, {
      scope: 'workspace',
      period: '2026-Q5',
      amountMinor: 1,
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(errorPaths(badPeriod)).toEqual(['body.period']);
    const badScope = await postTarget(api.admin, {
      scope: 'region:x',
      period: '2026',
      amountMinor: 1,
    });
    expect(errorPaths(badScope)).toEqual(['body.scope']);
    const unknownTeam = await postTarget(api.admin, {
      scope: 'team:nope',
      period: '2026',
      amountMinor: 1,
    });
    expect(unknownTeam.statusCode).toBe(400);
    expect(errorPaths(unknownTeam)).toEqual(['scope']);
    const negative = await postTarget(api.admin, {
      scope: 'workspace',
      period: '2026',
      amountMinor: -1,
    });
    expect(errorPaths(negative)).toEqual(['body.amountMinor']);

    expectStatus(
      await postTarget(api.admin, { scope: 'workspace', period: '2026', amountMinor: 1 }),
      201,
    );
    const again = await postTarget(api.admin, {
      scope: 'workspace',
      period: '2026',
      amountMinor: 2,
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets reps read targets and progress but not write them', async () => {
    const rep = await api.addMember('rep');
    const denied = await postTarget(rep, { scope: 'workspace', period: '2026', amountMinor: 1 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
    const target = expectStatus(
      await postTarget(api.admin, { scope: 'workspace', period: '2026-Q1', amountMinor: 100_000 }),
      201,
    );
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await rep.request({
        method,
        url: `/api/v1/targets/${target.id}`,
        headers: ifMatch(1),
        payload: method === 'PATCH' ? { amountMinor: 5 } : undefined,
      });
      expect(response.statusCode).toBe(403);
    }
    expect((await rep.request({ method: 'GET', url: '/api/v1/targets' })).statusCode).toBe(200);
    expect(
      (await rep.request({ method: 'GET', url: `/api/v1/targets/${target.id}/progress` }))
        .statusCode,
    ).toBe(200);
  });

  it('reports progress: won so far, the gap, coverage and deals needed per stage', async () => {
    const stages = await stageIdsByKey(api.admin);
    const won = await createDeal(api.admin, {
      title: 'Won',
      stageId: stages.negotiation,
      amountMinor: 200_000,
      expectedCloseDate: '2026-02-01',
    });
    expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${won.id}/win`,
        headers: ifMatch(won.version),
        payload: {},
      }),
      200,
    );
    await createDeal(api.admin, {
      title: 'Open',
      stageId: stages.proposal,
      amountMinor: 300_000,
      expectedCloseDate: '2026-03-25',
    });
    const target = expectStatus(
      await postTarget(api.admin, {
        scope: 'workspace',
        period: '2026-Q1',
        amountMinor: 1_000_000,
      }),
      201,
    );
    const progress = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/targets/${target.id}/progress` }),
      200,
    );
    // 10,000.00 target − 2,000.00 won = 8,000.00; open 3,000.00 (weighted 1,800.00)
    expect(progress).toMatchObject({
      wonSoFar: { minor: 200_000, currency: 'USD' },
      remaining: { minor: 800_000 },
      attainment: 0.2,
      coverage: { weighted: 0.225, unweighted: 0.375 },
      averageWonDeal: { minor: 200_000 },
    });
    // 8,000 / 2,000 = 4 deals' worth; Proposal 4 / 0.6 = 6.67 → 7; Negotiation 4 / 0.9 → 5
    const needed = Object.fromEntries(
      progress.opportunitiesNeeded.map((s: { key: string; needed: number }) => [s.key, s.needed]),
    );
    expect(needed).toMatchObject({ lead_generation: 80, proposal: 7, negotiation: 5 });
  });

  it('keeps workspaces apart: another workspace’s targets are not found', async () => {
    const target = expectStatus(
      await postTarget(api.admin, { scope: 'workspace', period: '2026', amountMinor: 1 }),
      201,
    );
    const other = await api.createOtherWorkspace();
    const url = `/api/v1/targets/${target.id}`;
    for (const [method, path] of [
      ['GET', url],
      ['GET', `${url}/progress`],
      ['PATCH', url],
      ['DELETE', url],
    ] as const) {
      const response = await other.request({
        method,
        url: path,
        headers: ifMatch(1),
        payload: method === 'PATCH' ? { amountMinor: 2 } : undefined,
      });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    const list = expectStatus(await other.request({ method: 'GET', url: '/api/v1/targets' }), 200);
    expect(list.items).toEqual([]);
    // Nor can they aim a target at one of our people.
    const aimed = await postTarget(other, {
      scope: `owner:${api.admin.userId}`,
      period: '2026',
      amountMinor: 1,
    });
    expect(aimed.statusCode).toBe(400);
    expect(errorPaths(aimed)).toEqual(['scope']);
  });
});
