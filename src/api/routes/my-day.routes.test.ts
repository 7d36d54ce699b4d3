import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  createDeal,
  DAY_MS,
  errorPaths,
  expectStatus,
  travelDays,
} from '../../../test/crm-fixtures.js';
import { createActivity as createActivityAs } from '../../services/records/activity.service.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function createActivity(caller: Caller, payload: Record<string, unknown>) {
  return expectStatus(
    await caller.request({ method: 'POST', url: '/api/v1/activities', payload }),
    201,
  );
}

async function myDay(caller: Caller, query = '') {
  return expectStatus(await caller.request({ method: 'GET', url: `/api/v1/my-day${query}` }), 200);
}

const ids = (list: { id: string }[]) => list.map((entry) => entry.id);

describe('my day: tasks', () => {
  it('reads today in the workspace’s time zone: 23:30 in Riyadh is today, 00:30 is tomorrow', async () => {
    // The clock says 2026-03-01T09:00Z: noon in Riyadh (UTC+3), the workspace's zone.
    const deal = await createDeal(api.admin, { title: 'Fleet renewal' });
    const task = (subject: string, dueAt: string | null, extra: Record<string, unknown> = {}) =>
      createActivity(api.admin, { kind: 'task', subject, dueAt, ...extra });
    const lastNight = await task('Late yesterday', '2026-02-28T20:30:00Z'); // 23:30 on 28 Feb
    const early = await task('Early today', '2026-02-28T22:00:00Z'); // 01:00 on 1 Mar
    const late = await task('Late today', '2026-03-01T20:30:00Z', { dealId: deal.id }); // 23:30
    const afterMidnight = await task('After midnight', '2026-03-01T21:30:00Z'); // 00:30 on 2 Mar
    await task('Undated', null);
    await task('Done already', '2026-03-01T10:00:00Z', { isDone: true });
    const rep = await api.addMember('rep');
    await task('Someone else’s', '2026-03-01T10:00:00Z', { ownerId: rep.userId });
    const deleted = await createDeal(api.admin, { title: 'Deleted deal' });
    await task('On a deleted deal', '2026-03-01T10:00:00Z', { dealId: deleted.id });
    expectStatus(
      await api.admin.request({
        method: 'DELETE',
        url: `/api/v1/deals/${deleted.id}`,
        headers: ifMatch(deleted.version),
      }),
      204,
    );

    const day = await myDay(api.admin);
    expect(day).toMatchObject({
      day: '2026-03-01',
      timeZone: 'Asia/Riyadh',
      ownerId: api.admin.userId,
      teamId: null,
      limit: 100,
    });
    expect(ids(day.overdueTasks)).toEqual([lastNight.id]);
    expect(ids(day.todayTasks)).toEqual([early.id, late.id]);
    // Each task is the activity as the API shows it, with the title of its deal.
    expect(day.todayTasks[1]).toEqual({ ...late, dealTitle: 'Fleet renewal' });
    expect(day.todayTasks[0].dealTitle).toBeNull();

    // At local midnight the day turns: today's late task is overdue, the 00:30 one is today's.
    api.clock.now = Date.parse('2026-03-01T21:00:00Z');
    const next = await myDay(api.admin);
    expect(next.day).toBe('2026-03-02');
    expect(ids(next.overdueTasks)).toEqual([lastNight.id, early.id, late.id]);
    expect(ids(next.todayTasks)).toEqual([afterMidnight.id]);
  });

  it('caps each list at 100 and says which lists had more', async () => {
    for (let i = 0; i < 101; i += 1) {
      await createActivityAs(api.adminContext(), {
        kind: 'call',
        subject: `Call ${i}`,
        dueAt: api.clock.now - (i + 1) * DAY_MS,
      });
    }
    const day = await myDay(api.admin);
    expect(day.overdueTasks).toHaveLength(100);
    // Oldest first: the call due 101 days ago leads.
    expect(day.overdueTasks[0].subject).toBe('Call 100');
    expect(day.truncated).toEqual({
      overdueTasks: true,
      todayTasks: false,
      dealsWithoutNextStep: false,
      staleDeals: false,
      closingThisMonth: false,
      toRequalify: false,
    });
  });
});

describe('my day: deals', () => {
  it('lists open deals without a next step, going stale, and closing this month', async () => {
    let admin = api.admin;
    const start = api.clock.now;
    const company = expectStatus(
      await admin.request({ method: 'POST', url: '/api/v1/companies', payload: { name: 'SABIC' } }),
      201,
    );
    // The first stage, Lead generation, rots after 30 days.
    const planned = await createDeal(admin, {
      title: 'Planned',
      expectedCloseDate: '2026-03-31',
      companyId: company.id,
      amountMinor: 500_000,
    });
    const plannedStep = await createActivity(admin, {
      kind: 'meeting',
      subject: 'Workshop',
      dueAt: new Date(start + 40 * DAY_MS).toISOString(),
      dealId: planned.id,
    });
    const untouched = await createDeal(admin, {
      title: 'Untouched',
      expectedCloseDate: '2026-04-01',
    });
    const undated = await createDeal(admin, { title: 'Undated step' });
    await createActivity(admin, { kind: 'task', subject: 'Some day', dealId: undated.id });
    const overdue = await createDeal(admin, { title: 'Overdue step' });
    const overdueStep = await createActivity(admin, {
      kind: 'call',
      subject: 'Call back',
      dueAt: new Date(start + DAY_MS).toISOString(),
      dealId: overdue.id,
    });
    const rep = await api.addMember('rep');
    await createDeal(admin, {
      title: 'Rep’s',
      ownerId: rep.userId,
      expectedCloseDate: '2026-03-10',
    });
    const deleted = await createDeal(admin, { title: 'Deleted', expectedCloseDate: '2026-03-10' });
    expectStatus(
      await admin.request({
        method: 'DELETE',
        url: `/api/v1/deals/${deleted.id}`,
        headers: ifMatch(deleted.version),
      }),
      204,
    );

    const today = await myDay(admin);
    expect(ids(today.dealsWithoutNextStep).sort()).toEqual([untouched.id, undated.id].sort());
    expect(today.staleDeals).toEqual([]);
    expect(ids(today.closingThisMonth)).toEqual([planned.id]);
    expect(today.closingThisMonth[0]).toEqual({
      id: planned.id,
      title: 'Planned',
      version: planned.version,
      stageId: planned.stageId,
      pipelineId: planned.pipelineId,
      ownerId: admin.userId,
      amountMinor: 500_000,
      currency: 'USD',
      expectedCloseDate: '2026-03-31',
      companyId: company.id,
      companyName: 'SABIC',
      nextStep: { activityId: plannedStep.id, subject: 'Workshop', dueAt: plannedStep.dueAt },
    });

    // 31 days on (1 April in Riyadh): untouched deals rot, unless a step is planned ahead.
    admin = await travelDays(api, 31, admin);
    const later = await myDay(admin);
    expect(later.day).toBe('2026-04-01');
    expect(ids(later.staleDeals).sort()).toEqual([untouched.id, undated.id, overdue.id].sort());
    const stale = later.staleDeals.find((d: { id: string }) => d.id === overdue.id);
    expect(stale.nextStep).toEqual({
      activityId: overdueStep.id,
      subject: 'Call back',
      dueAt: overdueStep.dueAt,
    });
    expect(ids(later.closingThisMonth)).toEqual([untouched.id]);

    // Logging a call freshens a deal; closing one takes it off every list.
    await createActivity(admin, {
      kind: 'call',
      subject: 'Checked in',
      isDone: true,
      dealId: undated.id,
    });
    const reason = await api.database.db
      .selectFrom('lost_reasons')
      .select('id')
      .where('workspace_id', '=', admin.workspaceId)
      .executeTakeFirstOrThrow();
    expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/deals/${untouched.id}/lose`,
        headers: ifMatch(untouched.version),
        payload: { lostReasonId: reason.id },
      }),
      200,
    );
    const after = await myDay(admin);
    expect(ids(after.staleDeals)).toEqual([overdue.id]);
    expect(ids(after.dealsWithoutNextStep)).toEqual([undated.id]);
    expect(after.closingThisMonth).toEqual([]);
  });
});

describe('my day: whose day', () => {
  it('lets a rep see their own day only, and managers anyone’s or a team’s', async () => {
    const rep = await api.addMember('rep');
    const teammate = await api.addMember('rep');
    const outsider = await api.addMember('rep');
    const manager = await api.addMember('manager');
    const team = expectStatus(
      await api.admin.request({ method: 'POST', url: '/api/v1/teams', payload: { name: 'North' } }),
      201,
    );
    for (const member of [rep, teammate]) {
      expectStatus(
        await api.admin.request({
          method: 'PUT',
          url: `/api/v1/users/${member.userId}/team`,
          payload: { teamId: team.id },
        }),
        200,
      );
    }
    const dueToday = '2026-03-01T15:00:00Z';
    const repTask = await createActivity(rep, { kind: 'call', subject: 'Rep', dueAt: dueToday });
    const mateTask = await createActivity(teammate, {
      kind: 'call',
      subject: 'Teammate',
      dueAt: '2026-03-01T16:00:00Z',
    });
    await createActivity(outsider, { kind: 'call', subject: 'Outsider', dueAt: dueToday });

    expect(ids((await myDay(rep)).todayTasks)).toEqual([repTask.id]);
    expect(ids((await myDay(rep, `?ownerId=${rep.userId}`)).todayTasks)).toEqual([repTask.id]);
    for (const query of [`?ownerId=${teammate.userId}`, `?teamId=${team.id}`]) {
      const refused = await rep.request({ method: 'GET', url: `/api/v1/my-day${query}` });
      expect(refused.statusCode, query).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }

    const repDay = await myDay(manager, `?ownerId=${rep.userId}`);
    expect(repDay.ownerId).toBe(rep.userId);
    expect(ids(repDay.todayTasks)).toEqual([repTask.id]);
    const teamDay = await myDay(manager, `?teamId=${team.id}`);
    expect(teamDay).toMatchObject({ ownerId: null, teamId: team.id });
    expect(ids(teamDay.todayTasks)).toEqual([repTask.id, mateTask.id]);
    expect((await myDay(manager)).todayTasks).toEqual([]);

    const other = await api.createOtherWorkspace();
    const cases: [string, string][] = [
      [`?ownerId=${other.userId}`, 'ownerId'],
      ['?teamId=no-such-team', 'teamId'],
      [`?ownerId=${rep.userId}&teamId=${team.id}`, 'teamId'],
    ];
    for (const [query, path] of cases) {
      const bad = await manager.request({ method: 'GET', url: `/api/v1/my-day${query}` });
      expect(bad.statusCode, query).toBe(400);
      expect(errorPaths(bad)).toEqual([path]);
    }
    expect((await myDay(other)).todayTasks).toEqual([]);
  });

  it('hides a limited rep’s tasks on deals they cannot see, as the activity list does', async () => {
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: '/api/v1/workspace',
        headers: ifMatch(1),
        payload: { repsSeeOwnDealsOnly: true },
      }),
      200,
    );
    const rep = await api.addMember('rep');
    const adminDeal = await createDeal(api.admin, { title: 'Admin’s deal' });
    const ownDeal = await createDeal(rep, { title: 'Rep’s deal' });
    const dueAt = '2026-03-01T15:00:00Z';
    await createActivity(api.admin, {
      kind: 'call',
      subject: 'On a hidden deal',
      dueAt,
      dealId: adminDeal.id,
      ownerId: rep.userId,
    });
    const visible = await createActivity(rep, {
      kind: 'call',
      subject: 'On my deal',
      dueAt,
      dealId: ownDeal.id,
    });
    const day = await myDay(rep);
    expect(ids(day.todayTasks)).toEqual([visible.id]);
    expect(ids(day.dealsWithoutNextStep)).toEqual([]);
    // A manager looking at the rep's day sees both.
    const manager = await api.addMember('manager');
    expect((await myDay(manager, `?ownerId=${rep.userId}`)).todayTasks).toHaveLength(2);
  });
});

describe('my day: the daily stale digest', () => {
  it('names the deals gone stale since the last digest, keeps each day as made, and is read once', async () => {
    let admin = api.admin;
    const first = await createDeal(admin, { title: 'First to rot' });
    api.clock.now += 5 * DAY_MS;
    const second = await createDeal(admin, { title: 'Second to rot' });
    const rep = await api.addMember('rep');
    await createDeal(rep, { title: 'The rep’s own' });

    // 31 days after the first deal: it rots (Lead generation allows 30), the second not yet.
    admin = await travelDays(api, 26, admin);
    const digest = (caller: Caller) =>
      caller
        .request({ method: 'GET', url: '/api/v1/my-day/digest' })
        .then((r) => expectStatus(r, 200));
    const day1 = await digest(admin);
    expect(day1).toMatchObject({ day: '2026-04-01', staleCount: 1, newCount: 1, readAt: null });
    expect(day1.deals).toEqual([
      {
        id: first.id,
        title: 'First to rot',
        stageId: first.stageId,
        isNew: true,
        daysUntouched: 31,
      },
    ]);
    const read = expectStatus(
      await admin.request({ method: 'POST', url: '/api/v1/my-day/digest/read' }),
      200,
    );
    expect(read.readAt).toBe(new Date(api.clock.now).toISOString());

    // Later the same day the second deal rots too, but the day's digest stays as made.
    api.clock.now += 5 * 3_600_000;
    expect((await digest(admin)).staleCount).toBe(1);

    // Six days on: both are stale, only the second is new since the previous digest.
    admin = await travelDays(api, 6, admin);
    const day2 = await digest(admin);
    expect(day2).toMatchObject({ staleCount: 2, newCount: 1, readAt: null, dealtWith: 0 });
    expect(day2.deals.map((d: { title: string; isNew: boolean }) => [d.title, d.isNew])).toEqual([
      ['First to rot', false],
      ['Second to rot', true],
    ]);
    // Dealing with one shows at once: it leaves the list and counts as dealt with.
    await createActivity(admin, {
      kind: 'call',
      subject: 'Caught up',
      isDone: true,
      dealId: second.id,
    });
    const after = await digest(admin);
    expect(after.deals.map((d: { id: string }) => d.id)).toEqual([first.id]);
    expect(after.dealtWith).toBe(1);
  });

  it('is made ahead for every member by the worker’s daily job, once per day', async () => {
    await createDeal(api.admin, { title: 'Old' });
    api.clock.now += 31 * DAY_MS;
    const { scheduleDailyDigests } = await import('../../services/my-day/digest.service.js');
    const { runDueJobs } = await import('../../jobs/worker.js');
    expect(await scheduleDailyDigests(api.database.db, api.clock.now)).toBe(1);
    expect(await scheduleDailyDigests(api.database.db, api.clock.now)).toBe(0);
    await runDueJobs({ db: api.database.db, clock: () => api.clock.now });
    const rows = await api.database.db
      .selectFrom('stale_digests')
      .select(['user_id', 'deal_ids', 'day'])
      .where('workspace_id', '=', api.admin.workspaceId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: api.admin.userId, day: '2026-04-01' });
    expect(JSON.parse(rows[0]?.deal_ids ?? '[]')).toHaveLength(1);
  });
});
