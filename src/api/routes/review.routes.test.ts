import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  createDeal,
  DAY_MS,
  expectStatus,
  stageIdsByKey,
  travelDays,
  aLostReasonId,
} from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

const ids = (list: { id: string }[]) => list.map((entry) => entry.id).sort();

async function worklist(caller: Caller, query = '') {
  return expectStatus(await caller.request({ method: 'GET', url: `/api/v1/review${query}` }), 200);
}

async function patchDeal(caller: Caller, deal: { id: string; version: number }, payload: object) {
  return expectStatus(
    await caller.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(deal.version),
      payload,
    }),
    200,
  );
}

async function startReview(caller: Caller, payload: object = {}) {
  return expectStatus(
    await caller.request({ method: 'POST', url: '/api/v1/review/sessions', payload }),
    201,
  );
}

async function act(caller: Caller, reviewId: string, payload: object, headers = {}) {
  return caller.request({
    method: 'POST',
    url: `/api/v1/review/sessions/${reviewId}/actions`,
    payload,
    headers,
  });
}

const selected = (...deals: { id: string; version: number }[]) =>
  deals.map((d) => ({ id: d.id, version: d.version }));

describe('the pipeline review: what it finds', () => {
  it('puts each open deal in every section whose rule it breaks, and only those', async () => {
    let admin = api.admin;
    const start = api.clock.now; // 2026-03-01, noon in Riyadh
    // Lead generation rots after 30 days; the deals below are all in it.
    const planned = await createDeal(admin, { title: 'Planned', expectedCloseDate: '2026-06-30' });
    await expectStatus(
      await admin.request({
        method: 'POST',
        url: '/api/v1/activities',
        payload: {
          kind: 'meeting',
          subject: 'Workshop',
          dueAt: new Date(start + 60 * DAY_MS).toISOString(),
          dealId: planned.id,
        },
      }),
      201,
    );
    const forgotten = await createDeal(admin, { title: 'Forgotten' });
    const late = await createDeal(admin, { title: 'Late', expectedCloseDate: '2026-03-15' });
    const priced = await createDeal(admin, {
      title: 'Priced',
      amountMinor: 900_000,
      expectedCloseDate: '2026-05-01',
    });
    let slipping = await createDeal(admin, { title: 'Slipping', expectedCloseDate: '2026-03-20' });
    slipping = await patchDeal(admin, slipping, { expectedCloseDate: '2026-04-20' });
    slipping = await patchDeal(admin, slipping, { expectedCloseDate: '2026-05-05' });
    // Bringing a date forward is not a slip.
    let earlier = await createDeal(admin, { title: 'Earlier', expectedCloseDate: '2026-06-01' });
    earlier = await patchDeal(admin, earlier, { expectedCloseDate: '2026-05-01' });
    // A closed deal is in no section.
    const lost = await createDeal(admin, { title: 'Lost', amountMinor: 100 });
    const reasonId = await aLostReasonId(api);
    expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/deals/${lost.id}/lose`,
        headers: ifMatch(lost.version),
        payload: { lostReasonId: reasonId },
      }),
      200,
    );

    const today = await worklist(admin);
    expect(today).toMatchObject({ day: '2026-03-01', pipelineId: null, slipLookbackDays: 90 });
    expect(ids(today.sections.stale.deals)).toEqual([]);
    expect(ids(today.sections.overdue.deals)).toEqual([]);
    expect(ids(today.sections.noNextStep.deals)).toEqual(
      ids([forgotten, late, priced, slipping, earlier]),
    );
    expect(ids(today.sections.valueUnverified.deals)).toEqual([priced.id]);
    expect(ids(today.sections.slipping.deals)).toEqual([slipping.id]);
    const slip = today.sections.slipping.deals[0];
    expect(slip.slip).toEqual({ pushes: 2, daysPushed: 31 + 15 });
    expect(slip.sections).toEqual(['noNextStep', 'slipping']);
    expect(today.sections.noNextStep.total).toBe(5);

    // 31 days on (1 April): untouched deals rot; the one with a meeting ahead does not.
    admin = await travelDays(api, 31, admin);
    const later = await worklist(admin);
    expect(ids(later.sections.stale.deals)).toEqual(
      ids([forgotten, late, priced, slipping, earlier]),
    );
    expect(ids(later.sections.overdue.deals)).toEqual([late.id]);
    const lateDeal = later.sections.overdue.deals[0];
    expect(lateDeal.sections).toEqual(['stale', 'overdue', 'noNextStep']);
    expect(lateDeal.daysInStage).toBe(31);
    expect(lateDeal.rottingDays).toBe(30);
    expect(later.sections.stale.total).toBe(5);
    expect(ids(later.sections.stale.deals)).not.toContain(planned.id);
    // The deal itself says so, in the list and on its own.
    const list = expectStatus(await admin.request({ method: 'GET', url: '/api/v1/deals' }), 200);
    const staleness = Object.fromEntries(
      list.items.map((d: { title: string; isStale: boolean }) => [d.title, d.isStale]),
    );
    expect(staleness).toMatchObject({ Late: true, Forgotten: true, Planned: false, Lost: false });
    const one = expectStatus(
      await admin.request({ method: 'GET', url: `/api/v1/deals/${late.id}` }),
      200,
    );
    expect(one.isStale).toBe(true);

    // Confirming the value takes it off that list; a new amount puts it back.
    const verified = expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/deals/${priced.id}/verify-value`,
        headers: ifMatch(priced.version),
      }),
      200,
    );
    expect(verified.valueVerifiedAt).toBe(new Date(api.clock.now).toISOString());
    expect(verified.valueVerifiedBy).toBe(admin.userId);
    expect((await worklist(admin)).sections.valueUnverified.deals).toEqual([]);
    const repriced = await patchDeal(admin, verified, { amountMinor: 1_200_000 });
    expect(repriced.valueVerifiedAt).toBeNull();
    expect(ids((await worklist(admin)).sections.valueUnverified.deals)).toEqual([priced.id]);

    // 91 days after the pushes they no longer count as slipping.
    admin = await travelDays(api, 60, admin);
    expect((await worklist(admin)).sections.slipping.deals).toEqual([]);
  });

  it('shows a rep their own deals only, and lets managers pick an owner, a team or a pipeline', async () => {
    const rep = await api.addMember('rep');
    const manager = await api.addMember('manager');
    const mine = await createDeal(rep, { title: 'Rep’s own' });
    const admins = await createDeal(api.admin, { title: 'Admin’s' });

    expect(ids((await worklist(rep)).sections.noNextStep.deals)).toEqual([mine.id]);
    const refused = await rep.request({
      method: 'GET',
      url: `/api/v1/review?ownerId=${api.admin.userId}`,
    });
    expect(refused.statusCode).toBe(403);
    expect(ids((await worklist(manager)).sections.noNextStep.deals)).toEqual(ids([mine, admins]));
    expect(
      ids((await worklist(manager, `?ownerId=${rep.userId}`)).sections.noNextStep.deals),
    ).toEqual([mine.id]);
    const other = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: '/api/v1/pipelines',
        payload: { nameEn: 'Renewals', nameAr: 'التجديدات' },
      }),
      201,
    );
    expect((await worklist(manager, `?pipelineId=${other.id}`)).sections.noNextStep.deals).toEqual(
      [],
    );
    const unknown = await manager.request({ method: 'GET', url: '/api/v1/review?pipelineId=nope' });
    expect(unknown.statusCode).toBe(404);
    const team = await manager.request({ method: 'GET', url: '/api/v1/review?teamId=nope' });
    expect(team.statusCode).toBe(400);
    expect(team.json().error.details[0].path).toEqual(['teamId']);
  });
});

describe('the pipeline review: acting on it', () => {
  it('records each review, applies bulk actions deal by deal, and can be reopened', async () => {
    let admin = api.admin;
    const stages = await stageIdsByKey(admin);
    const a = await createDeal(admin, { title: 'Alpha' });
    const b = await createDeal(admin, { title: 'Bravo' });
    const c = await createDeal(admin, { title: 'Charlie' });
    admin = await travelDays(api, 31, admin);
    const review = await startReview(admin);
    expect(review).toMatchObject({
      reviewerUserId: admin.userId,
      closedAt: null,
      found: { stale: 3, overdue: 0, noNextStep: 3, valueUnverified: 0, slipping: 0 },
      decisionCount: 0,
    });

    // Someone edits Bravo meanwhile: its version in the review is stale.
    await patchDeal(admin, b, { title: 'Bravo (renamed)' });
    const dueAt = new Date(api.clock.now + 2 * DAY_MS).toISOString();
    const response = expectStatus(
      await act(admin, review.id, {
        action: 'nextStep',
        deals: selected(a, b),
        subject: 'Call to re-engage',
        kind: 'call',
        dueAt,
      }),
      200,
    );
    expect(response.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'done',
      'conflict',
    ]);
    expect(response.results[1].deal.title).toBe('Bravo (renamed)');
    expect(response.results[1].error.code).toBe('VERSION_CONFLICT');
    expect(response.review.decisionCount).toBe(1);
    const after = await worklist(admin);
    expect(ids(after.sections.stale.deals)).toEqual(ids([b, c]));
    expect(ids(after.sections.noNextStep.deals)).toEqual(ids([b, c]));

    // A move the exit criteria refuse is reported, in the caller's language; nothing changes.
    const cNow = after.sections.stale.deals.find((d: { id: string }) => d.id === c.id);
    const refused = expectStatus(
      await act(
        admin,
        review.id,
        { action: 'move', deals: selected(cNow), stageId: stages.initial_contact },
        { 'accept-language': 'ar' },
      ),
      200,
    );
    expect(refused.results[0]).toMatchObject({ dealId: c.id, outcome: 'refused', deal: null });
    expect(refused.results[0].error.code).toBe('EXIT_CRITERIA_UNMET');
    expect(refused.results[0].error.message).toMatch(/[\u0600-\u06FF]/);

    const lostReasonId = await aLostReasonId(api);
    const lost = expectStatus(
      await act(admin, review.id, {
        action: 'lose',
        deals: selected(cNow),
        lostReasonId: lostReasonId,
        note: 'No budget this year',
      }),
      200,
    );
    expect(lost.results[0].deal.status).toBe('lost');
    const bNow = (await worklist(admin)).sections.stale.deals[0];
    expect(bNow.id).toBe(b.id);
    const pushed = expectStatus(
      await act(admin, review.id, {
        action: 'pushCloseDate',
        deals: selected(bNow),
        expectedCloseDate: '2026-06-30',
      }),
      200,
    );
    expect(pushed.results[0].deal.expectedCloseDate).toBe('2026-06-30');

    // Closing records the summary; a closed review takes no more actions until reopened.
    const closed = expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/review/sessions/${review.id}/close`,
        headers: ifMatch(pushed.review.version),
        payload: { isClosed: true, summary: 'Cleaned up the March leads' },
      }),
      200,
    );
    expect(closed.closedAt).toBe(new Date(api.clock.now).toISOString());
    const late = await act(admin, review.id, {
      action: 'verifyValue',
      deals: selected(pushed.results[0].deal),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details[0].code).toBe('review_closed');
    const stale = await admin.request({
      method: 'POST',
      url: `/api/v1/review/sessions/${review.id}/close`,
      headers: ifMatch(pushed.review.version),
      payload: { isClosed: false },
    });
    expect(stale.statusCode).toBe(409);
    const reopened = expectStatus(
      await admin.request({
        method: 'POST',
        url: `/api/v1/review/sessions/${review.id}/close`,
        headers: ifMatch(closed.version),
        payload: { isClosed: false },
      }),
      200,
    );
    expect(reopened).toMatchObject({ closedAt: null, summary: 'Cleaned up the March leads' });

    const detail = expectStatus(
      await admin.request({ method: 'GET', url: `/api/v1/review/sessions/${review.id}` }),
      200,
    );
    expect(
      detail.decisions.map((d: { action: string; dealTitle: string }) => [d.action, d.dealTitle]),
    ).toEqual([
      ['nextStep', 'Alpha'],
      ['lose', 'Charlie'],
      ['pushCloseDate', 'Bravo (renamed)'],
    ]);
    expect(detail.decisions[0].detail).toEqual({
      subject: 'Call to re-engage',
      kind: 'call',
      dueAt,
    });
    expect(detail.decisions[1].detail).toEqual({
      lostReasonId: lostReasonId,
      note: 'No budget this year',
    });
    const list = expectStatus(
      await admin.request({ method: 'GET', url: '/api/v1/review/sessions' }),
      200,
    );
    expect(
      list.items.map((r: { id: string; decisionCount: number }) => [r.id, r.decisionCount]),
    ).toEqual([[review.id, 3]]);
  });

  it('keeps a rep to their own reviews and their own deals', async () => {
    const rep = await api.addMember('rep');
    const other = await api.addMember('rep');
    const theirs = await createDeal(other, { title: 'Not mine' });
    const review = await startReview(rep);
    const response = expectStatus(
      await act(rep, review.id, {
        action: 'reassign',
        deals: selected(theirs),
        ownerId: rep.userId,
      }),
      200,
    );
    // The action follows the deal rules, not the review's scope: by default a rep may edit
    // a colleague's deal, so a rep's review may too.
    expect(response.results[0].outcome).toBe('done');
    const peek = await other.request({
      method: 'GET',
      url: `/api/v1/review/sessions/${review.id}`,
    });
    expect(peek.statusCode).toBe(404);
    const list = expectStatus(
      await other.request({ method: 'GET', url: '/api/v1/review/sessions' }),
      200,
    );
    expect(list.items).toEqual([]);
  });
});
