import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  createDeal,
  DAY_MS,
  errorPaths,
  expectStatus,
  insertTestCompany,
  insertTestContact,
  stageIdsByKey,
  travelDays,
} from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

async function createActivity(caller: Caller, payload: Record<string, unknown>) {
  return expectStatus(
    await caller.request({ method: 'POST', url: '/api/v1/activities', payload }),
    201,
  );
}

async function listActivities(caller: Caller, query = '') {
  return expectStatus(
    await caller.request({ method: 'GET', url: `/api/v1/activities${query}` }),
    200,
  );
}

async function boardCard(caller: Caller, dealId: string) {
  const board = expectStatus(await caller.request({ method: 'GET', url: '/api/v1/board' }), 200);
  for (const column of board.columns) {
    for (const card of column.cards) if (card.id === dealId) return card;
  }
  throw new Error(`deal ${dealId} is not on the board`);
}

describe('activities API', () => {
  it('creates, reads, updates, completes and deletes an activity with versions', async () => {
    const deal = await createDeal(api.admin, { title: 'Aramco pilot' });
    const dueAt = iso(api.clock.now + 2 * DAY_MS);
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'call', subject: '  Discovery call ', dueAt, dealId: deal.id },
    });
    const activity = expectStatus(created, 201);
    expect(created.headers.etag).toBe('"1"');
    expect(activity).toMatchObject({
      kind: 'call',
      subject: 'Discovery call',
      note: null,
      dueAt,
      isDone: false,
      doneAt: null,
      ownerId: api.admin.userId,
      dealId: deal.id,
      companyId: null,
      contactId: null,
      version: 1,
    });

    const read = await api.admin.request({
      method: 'GET',
      url: `/api/v1/activities/${activity.id}`,
    });
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(activity);

    const updated = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/activities/${activity.id}`,
      headers: ifMatch(1),
      payload: { kind: 'meeting', note: 'Bring the pricing sheet', dueAt: null },
    });
    expect(updated.headers.etag).toBe('"2"');
    expect(expectStatus(updated, 200)).toMatchObject({
      kind: 'meeting',
      note: 'Bring the pricing sheet',
      dueAt: null,
      version: 2,
    });

    api.clock.now += 60_000;
    const completed = await api.admin.request({
      method: 'POST',
      url: `/api/v1/activities/${activity.id}/complete`,
      headers: ifMatch(2),
    });
    expect(expectStatus(completed, 200)).toMatchObject({
      isDone: true,
      doneAt: iso(api.clock.now),
      version: 3,
    });
    // Completing again (at the current version) changes nothing.
    const again = await api.admin.request({
      method: 'POST',
      url: `/api/v1/activities/${activity.id}/complete`,
      headers: ifMatch(3),
    });
    expect(expectStatus(again, 200)).toMatchObject({ version: 3, doneAt: iso(api.clock.now) });

    const reopened = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/activities/${activity.id}`,
      headers: ifMatch(3),
      payload: { isDone: false },
    });
    expect(expectStatus(reopened, 200)).toMatchObject({ isDone: false, doneAt: null, version: 4 });

    const deleted = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/activities/${activity.id}`,
      headers: ifMatch(4),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await api.admin.request({
      method: 'GET',
      url: `/api/v1/activities/${activity.id}`,
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
  });

  it('links companies and contacts, and lists with filters and keyset paging', async () => {
    const rep = await api.addMember('rep');
    const companyId = await insertTestCompany(api, 'Gulf Trading');
    const contactId = await insertTestContact(api, 'Khalid');
    const deal = await createDeal(api.admin, { title: 'Gulf Trading renewal', companyId });
    const now = api.clock.now;
    const first = await createActivity(api.admin, {
      kind: 'email',
      subject: 'Send proposal',
      dueAt: iso(now + DAY_MS),
      dealId: deal.id,
      companyId,
      contactId,
    });
    const second = await createActivity(api.admin, {
      kind: 'task',
      subject: 'Prepare contract',
      dueAt: iso(now + 2 * DAY_MS),
      companyId,
      ownerId: rep.userId,
    });
    const undated = await createActivity(api.admin, { kind: 'note', subject: 'Met at GITEX' });
    const logged = await createActivity(api.admin, {
      kind: 'call',
      subject: 'Intro call',
      isDone: true,
      contactId,
    });
    expect(logged).toMatchObject({ isDone: true, doneAt: iso(now), dueAt: null });

    const ids = (page: { items: { id: string }[] }) => page.items.map((a) => a.id);
    // Soonest due first, undated last (they sort by id among themselves).
    expect(ids(await listActivities(api.admin))).toEqual([
      first.id,
      second.id,
      ...[undated.id, logged.id].sort(),
    ]);
    expect(ids(await listActivities(api.admin, `?dealId=${deal.id}`))).toEqual([first.id]);
    expect(ids(await listActivities(api.admin, `?companyId=${companyId}`))).toEqual([
      first.id,
      second.id,
    ]);
    expect(ids(await listActivities(api.admin, `?contactId=${contactId}`))).toEqual([
      first.id,
      logged.id,
    ]);
    expect(ids(await listActivities(api.admin, `?ownerId=${rep.userId}`))).toEqual([second.id]);
    expect(ids(await listActivities(api.admin, '?isDone=true'))).toEqual([logged.id]);
    expect(ids(await listActivities(api.admin, '?isDone=false&direction=desc'))).toEqual([
      undated.id,
      second.id,
      first.id,
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await listActivities(api.admin, query);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(await listActivities(api.admin)));
  });

  it('answers invalid input with 400 VALIDATION_FAILED naming the field', async () => {
    const post = (payload: Record<string, unknown>) =>
      api.admin.request({ method: 'POST', url: '/api/v1/activities', payload });

    const missing = await post({ kind: 'call' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(missing)).toContain('body.subject');

    expect(errorPaths(await post({ kind: 'fax', subject: 'x' }))).toContain('body.kind');
    expect(errorPaths(await post({ kind: 'call', subject: 'x', dueAt: 'tomorrow' }))).toContain(
      'body.dueAt',
    );
    expect(errorPaths(await post({ kind: 'call', subject: 'x', extra: 1 }))).toEqual(['body']);

    for (const field of ['dealId', 'companyId', 'contactId', 'ownerId']) {
      const response = await post({ kind: 'call', subject: 'x', [field]: 'no-such-id' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: [field], code: 'unknown_reference' }],
      });
    }

    const future = await post({
      kind: 'call',
      subject: 'x',
      doneAt: iso(api.clock.now + DAY_MS),
    });
    expect(future.statusCode).toBe(400);
    expect(errorPaths(future)).toEqual(['doneAt']);
    const contradictory = await post({
      kind: 'call',
      subject: 'x',
      isDone: false,
      doneAt: iso(api.clock.now - DAY_MS),
    });
    expect(errorPaths(contradictory)).toEqual(['doneAt']);

    const badFilter = await api.admin.request({
      method: 'GET',
      url: '/api/v1/activities?isDone=maybe',
    });
    expect(badFilter.statusCode).toBe(400);
    expect(errorPaths(badFilter)).toEqual(['querystring.isDone']);
    const badCursor = await api.admin.request({
      method: 'GET',
      url: '/api/v1/activities?cursor=nonsense',
    });
    expect(badCursor.statusCode).toBe(400);
    expect(errorPaths(badCursor)).toEqual(['cursor']);
  });

  it('needs If-Match on writes and answers a stale one with 409 and the current record', async () => {
    const activity = await createActivity(api.admin, { kind: 'task', subject: 'Send NDA' });
    const url = `/api/v1/activities/${activity.id}`;
    expect(
      expectStatus(
        await api.admin.request({
          method: 'PATCH',
          url,
          headers: ifMatch(1),
          payload: { subject: 'Send NDA today' },
        }),
        200,
      ).version,
    ).toBe(2);

    for (const request of [
      { method: 'PATCH' as const, url, payload: { subject: 'Overwrite' } },
      { method: 'DELETE' as const, url },
      { method: 'POST' as const, url: `${url}/complete` },
    ]) {
      const stale = await api.admin.request({ ...request, headers: ifMatch(1) });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect(stale.json().error.current).toMatchObject({ subject: 'Send NDA today', version: 2 });

      const blind = await api.admin.request(request);
      expect(blind.statusCode).toBe(428);
      expect(blind.json().error.code).toBe('VERSION_REQUIRED');
    }
    const unchanged = expectStatus(await api.admin.request({ method: 'GET', url }), 200);
    expect(unchanged).toMatchObject({ subject: 'Send NDA today', isDone: false, version: 2 });
  });

  it('refuses callers without a session, and reps deleting', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/activities' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const anonymousPost = await api.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'call', subject: 'x' },
    });
    expect(anonymousPost.statusCode).toBe(401);

    const rep = await api.addMember('rep');
    const own = await createActivity(rep, { kind: 'call', subject: 'My call' });
    expect(own.ownerId).toBe(rep.userId);
    const deleted = await rep.request({
      method: 'DELETE',
      url: `/api/v1/activities/${own.id}`,
      headers: ifMatch(1),
    });
    expect(deleted.statusCode).toBe(403);
    expect(deleted.json().error.code).toBe('FORBIDDEN');
  });

  it('keeps each workspace’s activities and records apart', async () => {
    const other = await api.createOtherWorkspace();
    const deal = await createDeal(api.admin, { title: 'Ours' });
    const activity = await createActivity(api.admin, {
      kind: 'call',
      subject: 'Ours',
      dealId: deal.id,
    });
    const url = `/api/v1/activities/${activity.id}`;
    expect((await other.request({ method: 'GET', url })).statusCode).toBe(404);
    const patch = await other.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { subject: 'Theirs' },
    });
    expect(patch.statusCode).toBe(404);
    const complete = await other.request({
      method: 'POST',
      url: `${url}/complete`,
      headers: ifMatch(1),
    });
    expect(complete.statusCode).toBe(404);
    const remove = await other.request({ method: 'DELETE', url, headers: ifMatch(1) });
    expect(remove.statusCode).toBe(404);
    expect((await listActivities(other)).items).toEqual([]);

    const linked = await other.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'call', subject: 'Peek', dealId: deal.id },
    });
    expect(linked.statusCode).toBe(400);
    expect(errorPaths(linked)).toEqual(['dealId']);
    const foreignCompany = await insertTestCompany(api, 'Ours Inc');
    const linkedCompany = await other.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'call', subject: 'Peek', companyId: foreignCompany },
    });
    expect(errorPaths(linkedCompany)).toEqual(['companyId']);
  });

  it('hides activities of deals a limited rep cannot see, like the deals themselves', async () => {
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
    const hiddenDeal = await createDeal(api.admin, { title: 'Admin’s deal' });
    const ownDeal = await createDeal(rep, { title: 'Rep’s deal' });
    const hidden = await createActivity(api.admin, {
      kind: 'call',
      subject: 'Admin call',
      dealId: hiddenDeal.id,
    });
    const own = await createActivity(rep, {
      kind: 'call',
      subject: 'Rep call',
      dealId: ownDeal.id,
    });
    const unlinked = await createActivity(api.admin, { kind: 'note', subject: 'Team note' });

    expect(
      (await rep.request({ method: 'GET', url: `/api/v1/deals/${hiddenDeal.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await rep.request({ method: 'GET', url: `/api/v1/activities/${hidden.id}` })).statusCode,
    ).toBe(404);
    const visible = (await listActivities(rep)).items.map((a: { id: string }) => a.id);
    expect(visible.sort()).toEqual([own.id, unlinked.id].sort());
    expect((await listActivities(rep, `?dealId=${hiddenDeal.id}`)).items).toEqual([]);

    const link = await rep.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'call', subject: 'Sneak', dealId: hiddenDeal.id },
    });
    expect(link.statusCode).toBe(400);
    expect(link.json().error.details).toEqual([
      expect.objectContaining({ path: ['dealId'], code: 'unknown_reference' }),
    ]);
    const relink = await rep.request({
      method: 'PATCH',
      url: `/api/v1/activities/${own.id}`,
      headers: ifMatch(1),
      payload: { dealId: hiddenDeal.id },
    });
    expect(relink.statusCode).toBe(400);
    expect((await listActivities(api.admin)).items).toHaveLength(3);
  });
});

describe('activities on the board: last activity and next step', () => {
  it('keeps a deal fresh when work is done on it, without moving the deal’s version', async () => {
    let admin = api.admin;
    // Lead generation rots after 30 days.
    const deal = await createDeal(admin, { title: 'SABIC expansion' });
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: false, nextStep: null });
    admin = await travelDays(api, 31, admin);
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: true, nextStep: null });

    // A scheduled next step shows on the card and keeps the deal from rotting.
    const later = await createActivity(admin, {
      kind: 'meeting',
      subject: 'Workshop',
      dueAt: iso(api.clock.now + 5 * DAY_MS),
      dealId: deal.id,
    });
    const soon = await createActivity(admin, {
      kind: 'call',
      subject: 'Follow-up call',
      dueAt: iso(api.clock.now + 2 * DAY_MS),
      dealId: deal.id,
    });
    expect(await boardCard(admin, deal.id)).toMatchObject({
      isStale: false,
      nextStep: { subject: 'Follow-up call', dueAt: iso(api.clock.now + 2 * DAY_MS) },
    });

    // Once every step is overdue the deal rots again, next step still shown.
    admin = await travelDays(api, 6, admin);
    expect(await boardCard(admin, deal.id)).toMatchObject({
      isStale: true,
      nextStep: { subject: 'Follow-up call' },
    });

    // Completing the call is activity on the deal: fresh again, next step moves on.
    expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/activities/${soon.id}/complete`,
        headers: ifMatch(soon.version),
      }),
      200,
    );
    const touched = expectStatus(
      await admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` }),
      200,
    );
    expect(touched).toMatchObject({ lastActivityAt: iso(api.clock.now), version: 1 });
    expect(await boardCard(admin, deal.id)).toMatchObject({
      isStale: false,
      nextStep: { subject: 'Workshop' },
    });

    // The deal's version did not move: a stage move based on it still goes through.
    const stages = await stageIdsByKey(admin);
    const moved = await admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/move`,
      headers: ifMatch(deal.version),
      payload: { stageId: stages.prospecting },
    });
    expect(expectStatus(moved, 200).version).toBe(2);

    expectStatus(
      await admin.request({
        method: 'DELETE',
        url: `/api/v1/activities/${later.id}`,
        headers: ifMatch(later.version),
      }),
      204,
    );
    // Prospecting rots after 21 days.
    admin = await travelDays(api, 22, admin);
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: true, nextStep: null });

    // Logging a call as done counts too; a back-dated log never makes the deal look older.
    const loggedAt = api.clock.now;
    await createActivity(admin, {
      kind: 'call',
      subject: 'Quick check-in',
      isDone: true,
      dealId: deal.id,
    });
    await createActivity(admin, {
      kind: 'email',
      subject: 'Old email, logged late',
      doneAt: iso(loggedAt - 40 * DAY_MS),
      dealId: deal.id,
    });
    expect(
      expectStatus(await admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` }), 200),
    ).toMatchObject({ lastActivityAt: iso(loggedAt), version: 2 });
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: false });
  });

  it('counts completion through PATCH and a done activity moved onto a deal', async () => {
    let admin = api.admin;
    const deal = await createDeal(admin, { title: 'NEOM housing' });
    const task = await createActivity(admin, { kind: 'task', subject: 'Site visit' });
    admin = await travelDays(api, 31, admin);
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: true });

    const done = expectStatus(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/activities/${task.id}`,
        headers: ifMatch(1),
        payload: { isDone: true },
      }),
      200,
    );
    expect(done.doneAt).toBe(iso(api.clock.now));
    // Not linked yet: the deal stays stale.
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: true });

    expectStatus(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/activities/${task.id}`,
        headers: ifMatch(2),
        payload: { dealId: deal.id },
      }),
      200,
    );
    expect(await boardCard(admin, deal.id)).toMatchObject({ isStale: false });
  });
});
