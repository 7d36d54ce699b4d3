import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { errorPaths, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

function postTeam(caller: Caller, payload: object) {
  return caller.request({ method: 'POST', url: '/api/v1/teams', payload });
}

function putMemberTeam(caller: Caller, userId: string, teamId: string | null) {
  return caller.request({
    method: 'PUT',
    url: `/api/v1/users/${userId}/team`,
    payload: { teamId },
  });
}

describe('teams API', () => {
  it('creates, lists, renames and deletes teams, guarded by If-Match', async () => {
    const created = await postTeam(api.admin, { name: ' Riyadh desk ' });
    const team = expectStatus(created, 201);
    expect(created.headers.etag).toBe('"1"');
    expect(team).toMatchObject({ name: 'Riyadh desk', managerUserId: null, memberIds: [] });

    const rep = await api.addMember('rep');
    expect(expectStatus(await putMemberTeam(api.admin, rep.userId, team.id), 200)).toEqual({
      userId: rep.userId,
      teamId: team.id,
    });
    const list = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/teams' }),
      200,
    );
    expect(list.items).toEqual([expect.objectContaining({ id: team.id, memberIds: [rep.userId] })]);

    const url = `/api/v1/teams/${team.id}`;
    const noVersion = await api.admin.request({ method: 'PATCH', url, payload: { name: 'X' } });
    expect(noVersion.statusCode).toBe(428);
    const renamed = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url,
        headers: ifMatch(1),
        payload: { name: 'Jeddah desk', managerUserId: api.admin.userId },
      }),
      200,
    );
    expect(renamed).toMatchObject({
      name: 'Jeddah desk',
      managerUserId: api.admin.userId,
      version: 2,
    });
    const stale = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { name: 'Too late' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ name: 'Jeddah desk', version: 2 });

    expect(
      (await api.admin.request({ method: 'DELETE', url, headers: ifMatch(2) })).statusCode,
    ).toBe(204);
    expect((await api.admin.request({ method: 'GET', url })).statusCode).toBe(404);
    // The member stays, without a team.
    const member = await api.database.db
      .selectFrom('memberships')
      .select('team_id')
      .where('user_id', '=', rep.userId)
      .executeTakeFirstOrThrow();
    expect(member.team_id).toBeNull();
  });

  it('refuses duplicate names, unknown managers, and deleting a team that targets name', async () => {
    const team = expectStatus(await postTeam(api.admin, { name: 'North' }), 201);
    expect((await postTeam(api.admin, { name: 'North' })).statusCode).toBe(409);
    const badManager = await postTeam(api.admin, { name: 'South', managerUserId: 'nobody' });
    expect(badManager.statusCode).toBe(400);
    expect(errorPaths(badManager)).toEqual(['managerUserId']);
    expect(errorPaths(await postTeam(api.admin, { name: '' }))).toEqual(['body.name']);

    expectStatus(
      await api.admin.request({
        method: 'POST',
        url: '/api/v1/targets',
        payload: { scope: `team:${team.id}`, period: '2026-Q1', amountMinor: 100 },
      }),
      201,
    );
    const refused = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/teams/${team.id}`,
      headers: ifMatch(1),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0].code).toBe('team_has_targets');
  });

  it('lets managers manage teams but only admins place people; reps only read', async () => {
    const manager = await api.addMember('manager');
    const rep = await api.addMember('rep');
    const team = expectStatus(await postTeam(manager, { name: 'Managed' }), 201);
    expect((await postTeam(rep, { name: 'Rogue' })).statusCode).toBe(403);
    expect((await rep.request({ method: 'GET', url: '/api/v1/teams' })).statusCode).toBe(200);
    expect((await putMemberTeam(manager, rep.userId, team.id)).statusCode).toBe(403);
    expect((await putMemberTeam(rep, rep.userId, team.id)).statusCode).toBe(403);
    expect(expectStatus(await putMemberTeam(api.admin, rep.userId, null), 200).teamId).toBeNull();
  });

  it('keeps workspaces apart: another workspace’s teams and people are not found', async () => {
    const team = expectStatus(await postTeam(api.admin, { name: 'Secret desk' }), 201);
    const rep = await api.addMember('rep');
    const other = await api.createOtherWorkspace();
    const url = `/api/v1/teams/${team.id}`;
    expect((await other.request({ method: 'GET', url })).statusCode).toBe(404);
    expect(
      (await other.request({ method: 'PATCH', url, headers: ifMatch(1), payload: { name: 'X' } }))
        .statusCode,
    ).toBe(404);
    expect((await other.request({ method: 'DELETE', url, headers: ifMatch(1) })).statusCode).toBe(
      404,
    );
    expect((await putMemberTeam(other, rep.userId, null)).statusCode).toBe(404);
    // Their own member cannot join our team either.
    const theirs = await putMemberTeam(other, other.userId, team.id);
    expect(theirs.statusCode).toBe(400);
    expect(errorPaths(theirs)).toEqual(['teamId']);
    const list = expectStatus(await other.request({ method: 'GET', url: '/api/v1/teams' }), 200);
    expect(list.items).toEqual([]);
  });
});
