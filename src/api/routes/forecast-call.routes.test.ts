import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/api-harness.js';

const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('forecast calls', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const call = (caller: TestApi['admin'], payload: Record<string, unknown>) =>
    caller.request({ method: 'POST', url: '/api/v1/forecast/calls', payload });

  it('keeps every call as submitted; the latest is the call, a rep calls their own deals', async () => {
    const rep = await api.addMember('rep');
    const first = await call(rep, {
      period: '2026-Q2',
      scope: 'own',
      commitMinor: 50_000_00,
      bestCaseMinor: 80_000_00,
      note: 'Two renewals',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      userId: rep.userId,
      scope: 'own',
      period: { from: '2026-04-01', to: '2026-07-01' },
      commit: usd(50_000_00),
      bestCase: usd(80_000_00),
      note: 'Two renewals',
      submittedAt: '2026-03-01T09:00:00.000Z',
    });
    api.clock.now += 86_400_000;
    expect(
      (
        await call(rep, {
          period: '2026-Q2',
          scope: 'own',
          commitMinor: 40_000_00,
          bestCaseMinor: 40_000_00,
        })
      ).statusCode,
    ).toBe(201);

    const listed = await rep.request({
      method: 'GET',
      url: '/api/v1/forecast/calls?period=2026-Q2',
    });
    expect(listed.json().items.map((c: { commit: { minor: number } }) => c.commit.minor)).toEqual([
      40_000_00, 50_000_00,
    ]);

    const rollup = await api.admin.request({
      method: 'GET',
      url: '/api/v1/forecast/rollup?period=2026-Q2',
    });
    expect(rollup.statusCode, rollup.body).toBe(200);
    const mine = rollup.json().people.find((p: { id: string }) => p.id === rep.userId);
    expect(mine.call).toMatchObject({ commit: usd(40_000_00), basis: 'own', calls: 1 });
    // Nobody called for the workspace: it shows the members' calls summed.
    expect(rollup.json().total.call).toMatchObject({
      commit: usd(40_000_00),
      bestCase: usd(40_000_00),
      basis: 'members',
      calls: 1,
    });
  });

  it('refuses a rep calling for the workspace, a best case below the commit, an unknown period', async () => {
    const rep = await api.addMember('rep');
    const forWorkspace = await call(rep, {
      period: '2026-Q2',
      scope: 'workspace',
      commitMinor: 1,
      bestCaseMinor: 1,
    });
    expect(forWorkspace.statusCode).toBe(403);
    const below = await call(api.admin, {
      period: '2026-Q2',
      scope: 'own',
      commitMinor: 10,
      bestCaseMinor: 5,
    });
    expect(below.statusCode).toBe(400);
    expect(below.json().error.details[0]).toMatchObject({
      path: ['bestCaseMinor'],
      code: 'best_case_below_commit',
    });
    const period = await call(api.admin, {
      period: 'next quarter',
      scope: 'own',
      commitMinor: 1,
      bestCaseMinor: 1,
    });
    expect(period.statusCode).toBe(400);
    expect(period.json().error.details[0].path).toEqual(['body', 'period']);
    const team = await call(api.admin, {
      period: '2026-Q2',
      scope: 'team',
      teamId: 'nope',
      commitMinor: 1,
      bestCaseMinor: 1,
    });
    expect(team.statusCode).toBe(400);
    expect(team.json().error.details[0].path).toEqual(['teamId']);
  });

  it('puts each call beside the model’s forecast and the weighted pipeline of the same deals', async () => {
    const rep = await api.addMember('rep');
    const proposal = (await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' }))
      .json()
      .items[0].stages.find((s: { key: string }) => s.key === 'proposal');
    const deal = await rep.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: {
        title: 'Fleet',
        amountMinor: 10_000_00,
        expectedCloseDate: '2026-05-10',
        stageId: proposal.id,
      },
    });
    expect(deal.statusCode, deal.body).toBe(201);
    await call(rep, {
      period: '2026-Q2',
      scope: 'own',
      commitMinor: 9_000_00,
      bestCaseMinor: 10_000_00,
    });
    await call(api.admin, {
      period: '2026-Q2',
      scope: 'workspace',
      commitMinor: 7_000_00,
      bestCaseMinor: 9_000_00,
    });
    const rollup = (
      await api.admin.request({ method: 'GET', url: '/api/v1/forecast/rollup?period=2026-Q2' })
    ).json();
    const mine = rollup.people.find((p: { id: string }) => p.id === rep.userId);
    // 10,000.00 in Proposal at 60 %.
    expect(mine).toMatchObject({
      model: usd(6_000_00),
      weightedPipeline: usd(6_000_00),
      bestCasePipeline: usd(10_000_00),
      call: { commit: usd(9_000_00) },
    });
    expect(rollup.total).toMatchObject({
      scope: 'workspace',
      call: { commit: usd(7_000_00), basis: 'own' },
      model: usd(6_000_00),
    });
    // A rep's roll-up is their own row.
    const theirs = (
      await rep.request({ method: 'GET', url: '/api/v1/forecast/rollup?period=2026-Q2' })
    ).json();
    expect(theirs.people.map((p: { id: string }) => p.id)).toEqual([rep.userId]);
    expect(theirs.total).toBeNull();
  });
});
