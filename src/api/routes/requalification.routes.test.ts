import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  aLostReasonId,
  createDeal,
  expectStatus,
  stageIdsByKey,
} from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function post(url: string, payload: object, version?: number) {
  return api.admin.request({
    method: 'POST',
    url,
    payload,
    headers: version === undefined ? {} : ifMatch(version),
  });
}

async function contact(name: string, role: string) {
  return expectStatus(await post('/api/v1/contacts', { name, role }), 201);
}

const getDeal = async (id: string) =>
  expectStatus(await api.admin.request({ method: 'GET', url: `/api/v1/deals/${id}` }), 200);

describe('re-qualification when a decision maker leaves', () => {
  it('flags the open deals the person decides on, once, and sends one back with the reason', async () => {
    const stages = await stageIdsByKey(api.admin);
    const huda = await contact('Huda Al-Otaibi', 'decision_maker');
    const nora = await contact('Nora Haddad', 'user');
    // Huda decides on the first deal (her role on the deal) and on the second (her own role);
    // Nora, on the third, is a user who decides nothing; the fourth is lost already.
    const atProposal = await createDeal(api.admin, {
      title: 'Hospital ERP',
      stageId: stages.proposal,
      contacts: [{ contactId: huda.id, role: 'decision_maker' }],
    });
    const early = await createDeal(api.admin, {
      title: 'Clinic pilot',
      contacts: [{ contactId: huda.id, role: null }],
    });
    const influenced = await createDeal(api.admin, {
      title: 'Lab upgrade',
      stageId: stages.proposal,
      contacts: [{ contactId: nora.id, role: 'influencer' }],
    });
    const lost = await createDeal(api.admin, {
      title: 'Old tender',
      contacts: [{ contactId: huda.id, role: 'decision_maker' }],
    });
    const reasonId = await aLostReasonId(api);
    expectStatus(
      await post(`/api/v1/deals/${lost.id}/lose`, { lostReasonId: reasonId }, lost.version),
      200,
    );

    const left = expectStatus(
      await post(
        `/api/v1/contacts/${huda.id}/left`,
        { hasLeft: true, note: 'Moved to a competitor' },
        huda.version,
      ),
      200,
    );
    expect(left.contact.leftAt).toBe(new Date(api.clock.now).toISOString());
    expect(left.contact.leftNote).toBe('Moved to a competitor');
    expect([...left.flaggedDealIds].sort()).toEqual([atProposal.id, early.id].sort());
    // Saying it again flags nothing twice.
    const again = expectStatus(
      await post(`/api/v1/contacts/${huda.id}/left`, { hasLeft: true }, left.contact.version),
      200,
    );
    expect(again.flaggedDealIds).toEqual([]);
    const noraLeft = expectStatus(
      await post(`/api/v1/contacts/${nora.id}/left`, { hasLeft: true }, nora.version),
      200,
    );
    expect(noraLeft.flaggedDealIds).toEqual([]);
    expect((await getDeal(influenced.id)).flags).toEqual([]);

    // The owner's day offers them, with who left.
    const day = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/my-day' }),
      200,
    );
    expect(
      day.toRequalify.map((d: { title: string; flag: { contactName: string } }) => [
        d.title,
        d.flag.contactName,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['Hospital ERP', 'Huda Al-Otaibi'],
        ['Clinic pilot', 'Huda Al-Otaibi'],
      ]),
    );
    expect(day.toRequalify).toHaveLength(2);

    const flagged = await getDeal(atProposal.id);
    expect(flagged.flags).toEqual([
      {
        id: expect.any(String),
        kind: 'decision_maker_left',
        contactId: huda.id,
        contactName: 'Huda Al-Otaibi',
        note: null,
        raisedAt: new Date(api.clock.now).toISOString(),
      },
    ]);

    // A stale version is refused; the right one sends the deal back with the reason.
    const stale = await post(
      `/api/v1/deals/${atProposal.id}/requalify`,
      { flagId: flagged.flags[0].id },
      flagged.version - 1,
    );
    expect(stale.statusCode).toBe(409);
    api.clock.now += 3_600_000;
    const back = expectStatus(
      await post(
        `/api/v1/deals/${atProposal.id}/requalify`,
        { flagId: flagged.flags[0].id },
        flagged.version,
      ),
      200,
    );
    expect(back.stageId).toBe(stages.qualification);
    expect(back.flags).toEqual([]);
    const history = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${atProposal.id}/history` }),
      200,
    );
    const last = history.items.filter((e: { kind: string }) => e.kind === 'stage').at(-1);
    expect(last).toMatchObject({
      fromStageId: stages.proposal,
      toStageId: stages.qualification,
      fromStatus: 'open',
      toStatus: 'open',
      reason: 'Decision maker left: Huda Al-Otaibi',
    });
    const answeredAgain = await post(
      `/api/v1/deals/${atProposal.id}/requalify`,
      { flagId: flagged.flags[0].id },
      back.version,
    );
    expect(answeredAgain.statusCode).toBe(404);

    // A deal still before Qualification stays where it is; its flag is settled all the same.
    const earlyNow = await getDeal(early.id);
    const settled = expectStatus(
      await post(
        `/api/v1/deals/${early.id}/requalify`,
        { flagId: earlyNow.flags[0].id },
        earlyNow.version,
      ),
      200,
    );
    expect(settled.stageId).toBe(early.stageId);
    expect(settled.flags).toEqual([]);

    // The funnel still counts the deal as having reached Proposal: a move back is not undone.
    const metrics = expectStatus(
      await api.admin.request({
        method: 'GET',
        url: '/api/v1/metrics?from=2026-03-01&to=2026-04-01',
      }),
      200,
    );
    const reached = Object.fromEntries(
      metrics.funnel.map((s: { stage: string; reached: number }) => [s.stage, s.reached]),
    );
    expect(reached.proposal).toBe(2); // the hospital deal and the lab upgrade
  });

  it('settles the flags when the person comes back, and lets an owner dismiss one', async () => {
    const stages = await stageIdsByKey(api.admin);
    const huda = await contact('Huda', 'decision_maker');
    const one = await createDeal(api.admin, {
      title: 'One',
      stageId: stages.proposal,
      contacts: [{ contactId: huda.id, role: null }],
    });
    const two = await createDeal(api.admin, {
      title: 'Two',
      stageId: stages.proposal,
      contacts: [{ contactId: huda.id, role: null }],
    });
    const left = expectStatus(
      await post(`/api/v1/contacts/${huda.id}/left`, { hasLeft: true }, huda.version),
      200,
    );
    const flagOfTwo = (await getDeal(two.id)).flags[0];
    const dismissed = expectStatus(
      await post(`/api/v1/deals/${two.id}/flags/${flagOfTwo.id}/dismiss`, {}),
      200,
    );
    expect(dismissed.flags).toEqual([]);
    expect(dismissed.stageId).toBe(stages.proposal);
    const back = expectStatus(
      await post(`/api/v1/contacts/${huda.id}/left`, { hasLeft: false }, left.contact.version),
      200,
    );
    expect(back.contact.leftAt).toBeNull();
    expect((await getDeal(one.id)).flags).toEqual([]);
    const rows = await api.database.db
      .selectFrom('deal_flags')
      .select(['deal_id', 'resolution'])
      .where('workspace_id', '=', api.admin.workspaceId)
      .orderBy('deal_id')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.deal_id, r.resolution]))).toEqual({
      [one.id]: 'returned',
      [two.id]: 'dismissed',
    });
  });
});
