import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, PASSWORD, type TestApi } from '../../../test/api-harness.js';
import { aLostReasonId, createDeal, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function memberOf(userId: string) {
  const users = expectStatus(await api.admin.request({ method: 'GET', url: '/api/v1/users' }), 200);
  return users.items.find((u: { id: string }) => u.id === userId);
}

describe('when a rep leaves', () => {
  it('hands their open work to another member in one step, and stops their access at once', async () => {
    const leaving = await api.addMember('rep');
    const successor = await api.addMember('rep');
    const open = await createDeal(leaving, { title: 'Open deal' });
    const lost = await createDeal(leaving, { title: 'Lost deal' });
    const reasonId = await aLostReasonId(api);
    expectStatus(
      await leaving.request({
        method: 'POST',
        url: `/api/v1/deals/${lost.id}/lose`,
        headers: ifMatch(lost.version),
        payload: { lostReasonId: reasonId },
      }),
      200,
    );
    const task = expectStatus(
      await leaving.request({
        method: 'POST',
        url: '/api/v1/activities',
        payload: {
          kind: 'call',
          subject: 'Call back',
          dueAt: '2026-03-05T09:00:00Z',
          dealId: open.id,
        },
      }),
      201,
    );
    const company = expectStatus(
      await leaving.request({
        method: 'POST',
        url: '/api/v1/companies',
        payload: { name: 'Their account', ownerId: leaving.userId },
      }),
      201,
    );
    const token = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'Their script', role: 'rep' },
      }),
      201,
    );
    // The token is the admin's: only tokens the leaving person made are revoked.
    const member = await memberOf(leaving.userId);
    api.clock.now += 60_000;
    const result = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/users/${leaving.userId}/deactivate`,
        headers: ifMatch(member.version),
        payload: { handToUserId: successor.userId },
      }),
      200,
    );
    expect(result).toMatchObject({
      deals: 1,
      activities: 1,
      companies: 1,
      contacts: 0,
      sessionsEnded: 1,
      tokensRevoked: 0,
    });
    expect(result.member.deactivatedAt).toBe(new Date(api.clock.now).toISOString());

    // Their session no longer works, and they cannot sign in again.
    const after = await leaving.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(after.statusCode).toBe(401);
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: leaving.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);

    // The open deal is the successor's, recorded in its history; the lost one stays theirs.
    const deal = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${open.id}` }),
      200,
    );
    expect(deal.ownerId).toBe(successor.userId);
    const history = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${open.id}/history` }),
      200,
    );
    expect(
      history.items.filter((e: { kind: string; field?: string }) => e.field === 'owner'),
    ).toMatchObject([
      { from: leaving.userId, to: successor.userId, actorUserId: api.admin.userId },
    ]);
    const lostNow = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${lost.id}` }),
      200,
    );
    expect(lostNow.ownerId).toBe(leaving.userId);
    const taskNow = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/activities/${task.id}` }),
      200,
    );
    expect(taskNow.ownerId).toBe(successor.userId);
    const companyNow = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/companies/${company.id}` }),
      200,
    );
    expect(companyNow.ownerId).toBe(successor.userId);
    const tokenUse = await api.app.inject({
      method: 'GET',
      url: '/api/v1/deals',
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(tokenUse.statusCode).toBe(200);
  });

  it('revokes the tokens the person made, and refuses yourself, the last admin or no successor', async () => {
    const leavingAdmin = await api.addMember('admin');
    const made = expectStatus(
      await leavingAdmin.request({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'Integration', role: 'rep' },
      }),
      201,
    );
    const deactivate = async (userId: string, payload: object) =>
      api.admin.request({
        method: 'POST',
        url: `/api/v1/users/${userId}/deactivate`,
        headers: ifMatch((await memberOf(userId)).version),
        payload,
      });
    const self = await deactivate(api.admin.userId, { handToUserId: leavingAdmin.userId });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.details[0].code).toBe('self');
    const nobody = await deactivate(leavingAdmin.userId, { handToUserId: 'nope' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.details[0].path).toEqual(['handToUserId']);
    const result = expectStatus(
      await deactivate(leavingAdmin.userId, { handToUserId: api.admin.userId }),
      200,
    );
    expect(result.tokensRevoked).toBe(1);
    const tokenUse = await api.app.inject({
      method: 'GET',
      url: '/api/v1/deals',
      headers: { authorization: `Bearer ${made.token}` },
    });
    expect(tokenUse.statusCode).toBe(401);
    // A deactivated person cannot be handed work either.
    const rep = await api.addMember('rep');
    const refused = await deactivate(rep.userId, { handToUserId: leavingAdmin.userId });
    expect(refused.statusCode).toBe(400);
  });
});
