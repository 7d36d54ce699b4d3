import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, errorPaths, expectStatus, travelDays } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

interface StageJson {
  id: string;
  key: string;
  position: number;
  kind: 'open' | 'won';
  archived: boolean;
  isFirstQualified: boolean;
  version: number;
}
interface PipelineJson {
  id: string;
  version: number;
  stages: StageJson[];
}

async function defaultPipeline(caller: Caller = api.admin): Promise<PipelineJson> {
  const pipelines = expectStatus(
    await caller.request({ method: 'GET', url: '/api/v1/pipelines' }),
    200,
  );
  return pipelines.items[0];
}

function stage(pipeline: PipelineJson, key: string): StageJson {
  const found = pipeline.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
}

const keys = (pipeline: PipelineJson) =>
  pipeline.stages.filter((s) => !s.archived).map((s) => s.key);

function patchStage(caller: Caller, target: StageJson, payload: Record<string, unknown>) {
  return caller.request({
    method: 'PATCH',
    url: `/api/v1/stages/${target.id}`,
    headers: ifMatch(target.version),
    payload,
  });
}

function archive(caller: Caller, target: StageJson) {
  return caller.request({
    method: 'POST',
    url: `/api/v1/stages/${target.id}/archive`,
    headers: ifMatch(target.version),
  });
}

describe('adding and reordering stages', () => {
  it('adds a stage at a position, shifting the later ones', async () => {
    const pipeline = await defaultPipeline();
    const added = await api.admin.request({
      method: 'POST',
      url: `/api/v1/pipelines/${pipeline.id}/stages`,
      headers: ifMatch(1),
      payload: {
        nameEn: 'Discovery call',
        nameAr: 'مكالمة الاستكشاف',
        probability: 15,
        position: 3,
      },
    });
    expect(added.headers.etag).toBe('"2"');
    const after = expectStatus(added, 201);
    expect(keys(after)).toEqual([
      'lead_generation',
      'prospecting',
      'discovery_call',
      'qualification',
      'initial_contact',
      'proposal',
      'negotiation',
      'follow_up',
    ]);
    expect(after.stages.map((s: StageJson) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(stage(after, 'discovery_call')).toMatchObject({
      kind: 'open',
      probability: 15,
      forecastCategory: 'pipeline',
      exitCriteria: [],
      version: 1,
    });
    // Shifting position does not move the other stages' versions.
    expect(stage(after, 'qualification').version).toBe(1);

    // Without a position, an open stage goes before the won stage; a won one at the end.
    const open = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/pipelines/${pipeline.id}/stages`,
        headers: ifMatch(2),
        payload: {
          key: 'legal_review',
          nameEn: 'Legal',
          nameAr: 'مراجعة قانونية',
          probability: 95,
        },
      }),
      201,
    );
    expect(keys(open).slice(-2)).toEqual(['legal_review', 'follow_up']);
    const won = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/pipelines/${pipeline.id}/stages`,
        headers: ifMatch(3),
        payload: { nameEn: 'Onboarded', nameAr: 'تم التفعيل', kind: 'won', probability: 100 },
      }),
      201,
    );
    expect(keys(won).slice(-2)).toEqual(['follow_up', 'onboarded']);

    const board = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/board' }),
      200,
    );
    expect(board.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual(keys(won));
  });

  it('moves the first-qualified flag when a new stage takes it', async () => {
    const pipeline = await defaultPipeline();
    const after = expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/pipelines/${pipeline.id}/stages`,
        headers: ifMatch(1),
        payload: {
          nameEn: 'Qualified',
          nameAr: 'مؤهل',
          probability: 25,
          position: 4,
          isFirstQualified: true,
        },
      }),
      201,
    );
    expect(
      after.stages.filter((s: StageJson) => s.isFirstQualified).map((s: StageJson) => s.key),
    ).toEqual(['qualified']);
    expect(stage(after, 'initial_contact').version).toBe(2);
  });

  it('refuses a duplicate key, a stale pipeline version and a missing If-Match', async () => {
    const pipeline = await defaultPipeline();
    const url = `/api/v1/pipelines/${pipeline.id}/stages`;
    const payload = { key: 'proposal', nameEn: 'Proposal 2', nameAr: 'عرض', probability: 60 };
    const duplicate = await api.admin.request({
      method: 'POST',
      url,
      headers: ifMatch(1),
      payload,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('CONFLICT');
    expect(errorPaths(duplicate)).toEqual(['key']);

    const invalid = await api.admin.request({
      method: 'POST',
      url,
      headers: ifMatch(1),
      payload: { nameEn: 'X', nameAr: 'س', probability: -1, kind: 'lost' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(errorPaths(invalid).sort()).toEqual(['body.kind', 'body.probability']);

    expectStatus(
      await api.admin.request({
        method: 'PUT',
        url: `/api/v1/pipelines/${pipeline.id}/stage-order`,
        headers: ifMatch(1),
        payload: { stageIds: pipeline.stages.map((s) => s.id) },
      }),
      200,
    );
    const stale = await api.admin.request({
      method: 'POST',
      url,
      headers: ifMatch(1),
      payload: { ...payload, key: 'proposal_b' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ id: pipeline.id, version: 2 });

    const blind = await api.admin.request({ method: 'POST', url, payload });
    expect(blind.statusCode).toBe(428);
    expect((await defaultPipeline()).stages).toHaveLength(7);
  });

  it('reorders exactly the active stages', async () => {
    const pipeline = await defaultPipeline();
    const url = `/api/v1/pipelines/${pipeline.id}/stage-order`;
    const ids = pipeline.stages.map((s) => s.id);
    const swapped = [ids[1], ids[0], ...ids.slice(2)];
    const reordered = await api.admin.request({
      method: 'PUT',
      url,
      headers: ifMatch(1),
      payload: { stageIds: swapped },
    });
    expect(reordered.headers.etag).toBe('"2"');
    const after = expectStatus(reordered, 200);
    expect(keys(after).slice(0, 3)).toEqual(['prospecting', 'lead_generation', 'qualification']);
    expect(after.stages.map((s: StageJson) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const board = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/board' }),
      200,
    );
    expect(board.columns[0].stage.key).toBe('prospecting');
    // New deals start in the first stage of the new order.
    expect((await createDeal(api.admin, { title: 'Starts first' })).stageId).toBe(ids[1]);

    const wrongLists = [
      ids.slice(1),
      [...ids, ids[0]],
      [...ids.slice(1), 'not-a-stage'],
      [ids[0], ids[0], ...ids.slice(2)],
    ];
    for (const stageIds of wrongLists) {
      const response = await api.admin.request({
        method: 'PUT',
        url,
        headers: ifMatch(2),
        payload: { stageIds },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(errorPaths(response)).toEqual(['stageIds']);
    }
    const stale = await api.admin.request({
      method: 'PUT',
      url,
      headers: ifMatch(1),
      payload: { stageIds: ids },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.stages[0].key).toBe('prospecting');
    const blind = await api.admin.request({ method: 'PUT', url, payload: { stageIds: ids } });
    expect(blind.statusCode).toBe(428);
    const empty = await api.admin.request({
      method: 'PUT',
      url,
      headers: ifMatch(2),
      payload: { stageIds: [] },
    });
    expect(errorPaths(empty)).toEqual(['body.stageIds']);
  });
});

describe('changing stages', () => {
  it('changes a stage’s settings with versions', async () => {
    const pipeline = await defaultPipeline();
    const proposal = stage(pipeline, 'proposal');
    const response = await patchStage(api.admin, proposal, {
      nameEn: 'Proposal sent',
      nameAr: 'تم إرسال العرض',
      probability: 55,
      forecastCategory: 'commit',
      rottingDays: null,
      exitCriteria: ['expectedCloseDate', 'decisionMaker', 'decisionMaker'],
    });
    expect(response.headers.etag).toBe('"2"');
    expect(expectStatus(response, 200)).toMatchObject({
      key: 'proposal',
      nameEn: 'Proposal sent',
      nameAr: 'تم إرسال العرض',
      probability: 55,
      forecastCategory: 'commit',
      rottingDays: null,
      exitCriteria: ['expectedCloseDate', 'decisionMaker'],
      version: 2,
    });
    const board = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/board' }),
      200,
    );
    expect(board.columns[4].stage).toMatchObject({ nameEn: 'Proposal sent', probability: 55 });

    const stale = await patchStage(api.admin, proposal, { probability: 70 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ probability: 55, version: 2 });
    const blind = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/stages/${proposal.id}`,
      payload: { probability: 70 },
    });
    expect(blind.statusCode).toBe(428);

    const invalid = await patchStage(
      api.admin,
      { ...proposal, version: 2 },
      {
        probability: 101,
        exitCriteria: ['horoscope'],
        forecastCategory: 'maybe',
        rottingDays: 0,
      },
    );
    expect(invalid.statusCode).toBe(400);
    expect(errorPaths(invalid).sort()).toEqual([
      'body.exitCriteria.0',
      'body.forecastCategory',
      'body.probability',
      'body.rottingDays',
    ]);
  });

  it('keeps at most one first-qualified stage per pipeline', async () => {
    const pipeline = await defaultPipeline();
    const qualification = stage(pipeline, 'qualification');
    expectStatus(await patchStage(api.admin, qualification, { isFirstQualified: true }), 200);
    const after = await defaultPipeline();
    expect(after.stages.filter((s) => s.isFirstQualified).map((s) => s.key)).toEqual([
      'qualification',
    ]);
    // The stage that lost the flag changed, so its version moved.
    expect(stage(after, 'initial_contact')).toMatchObject({ isFirstQualified: false, version: 2 });
    expectStatus(
      await patchStage(api.admin, stage(after, 'qualification'), { isFirstQualified: false }),
      200,
    );
    expect((await defaultPipeline()).stages.some((s) => s.isFirstQualified)).toBe(false);
  });

  it('applies changed rotting days to staleness on the board', async () => {
    let admin = api.admin;
    const deal = await createDeal(admin, { title: 'Slow burner' });
    const lead = stage(await defaultPipeline(), 'lead_generation');
    expectStatus(await patchStage(admin, lead, { rottingDays: 2 }), 200);
    admin = await travelDays(api, 3, admin);
    const board = expectStatus(await admin.request({ method: 'GET', url: '/api/v1/board' }), 200);
    expect(board.columns[0].cards).toEqual([
      expect.objectContaining({ id: deal.id, isStale: true, daysInStage: 3 }),
    ]);
  });

  it('keeps an open and a won stage, and never changes a kind under live deals', async () => {
    const pipeline = await defaultPipeline();
    const followUp = stage(pipeline, 'follow_up');
    const onlyWon = await patchStage(api.admin, followUp, { kind: 'open' });
    expect(onlyWon.statusCode).toBe(409);
    expect(onlyWon.json().error.code).toBe('CONFLICT');
    expect(errorPaths(onlyWon)).toEqual(['kind']);

    await createDeal(api.admin, { title: 'Sitting in lead generation' });
    const lead = stage(pipeline, 'lead_generation');
    const underDeals = await patchStage(api.admin, lead, { kind: 'won' });
    expect(underDeals.statusCode).toBe(409);
    expect(underDeals.json().error.code).toBe('CONFLICT');

    // An empty open stage may become a second won stage; then the old one may become open.
    const negotiation = stage(pipeline, 'negotiation');
    expect(expectStatus(await patchStage(api.admin, negotiation, { kind: 'won' }), 200).kind).toBe(
      'won',
    );
    expect(expectStatus(await patchStage(api.admin, followUp, { kind: 'open' }), 200).kind).toBe(
      'open',
    );

    // A won deal in a won stage pins its kind (winning enters the first won stage).
    const winnable = await createDeal(api.admin, {
      title: 'Ready to sign',
      stageId: stage(pipeline, 'proposal').id,
      expectedCloseDate: '2026-04-01',
    });
    expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${winnable.id}/win`,
        headers: ifMatch(1),
        payload: {},
      }),
      200,
    );
    const pinned = await patchStage(api.admin, { ...negotiation, version: 2 }, { kind: 'open' });
    expect(pinned.statusCode).toBe(409);
    expect(pinned.json().error.code).toBe('CONFLICT');
  });
});

describe('archiving stages', () => {
  it('archives an empty stage, refuses one holding open deals', async () => {
    const pipeline = await defaultPipeline();
    const prospecting = stage(pipeline, 'prospecting');
    const deal = await createDeal(api.admin, { title: 'In prospecting', stageId: prospecting.id });

    const refused = await archive(api.admin, prospecting);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect((await defaultPipeline()).stages.every((s) => !s.archived)).toBe(true);

    const lead = stage(pipeline, 'lead_generation');
    expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${deal.id}/move`,
        headers: ifMatch(1),
        payload: { stageId: lead.id, reason: 'Back to the list' },
      }),
      200,
    );
    const archived = await archive(api.admin, prospecting);
    expect(archived.headers.etag).toBe('"2"');
    expect(expectStatus(archived, 200)).toMatchObject({ archived: true, version: 2 });

    const after = await defaultPipeline();
    expect(after.version).toBe(2);
    expect(after.stages.at(-1)).toMatchObject({ key: 'prospecting', archived: true });
    expect(keys(after)).toEqual([
      'lead_generation',
      'qualification',
      'initial_contact',
      'proposal',
      'negotiation',
      'follow_up',
    ]);
    expect(after.stages.filter((s) => !s.archived).map((s) => s.position)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    const board = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/board' }),
      200,
    );
    expect(board.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual(keys(after));

    const moveIn = await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/move`,
      headers: ifMatch(2),
      payload: { stageId: prospecting.id },
    });
    expect(moveIn.statusCode).toBe(422);
    expect(moveIn.json().error.code).toBe('STAGE_ARCHIVED');

    // The reorder list is the active stages only.
    const withArchived = await api.admin.request({
      method: 'PUT',
      url: `/api/v1/pipelines/${pipeline.id}/stage-order`,
      headers: ifMatch(2),
      payload: { stageIds: pipeline.stages.map((s) => s.id) },
    });
    expect(withArchived.statusCode).toBe(400);

    // Archiving again (at the current version) changes nothing; a stale version is a 409.
    expect(
      expectStatus(await archive(api.admin, { ...prospecting, version: 2 }), 200).version,
    ).toBe(2);
    const stale = await archive(api.admin, prospecting);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ archived: true, version: 2 });
    const blind = await api.admin.request({
      method: 'POST',
      url: `/api/v1/stages/${prospecting.id}/archive`,
    });
    expect(blind.statusCode).toBe(428);
  });

  it('never archives the last open or the last won stage', async () => {
    const pipeline = await defaultPipeline();
    const lastWon = await archive(api.admin, stage(pipeline, 'follow_up'));
    expect(lastWon.statusCode).toBe(409);
    expect(lastWon.json().error.code).toBe('CONFLICT');

    const open = pipeline.stages.filter((s) => s.kind === 'open');
    for (const target of open.slice(0, -1)) expectStatus(await archive(api.admin, target), 200);
    const lastOpen = open.at(-1);
    if (!lastOpen) throw new Error('no open stage');
    const refused = await archive(api.admin, lastOpen);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect(keys(await defaultPipeline())).toEqual(['negotiation', 'follow_up']);
  });
});

describe('stage access', () => {
  it('lets only admins change stages, hides other workspaces’ and needs a session', async () => {
    const pipeline = await defaultPipeline();
    const proposal = stage(pipeline, 'proposal');
    expect(
      (
        await api.app.inject({
          method: 'PATCH',
          url: `/api/v1/stages/${proposal.id}`,
          headers: ifMatch(1),
          payload: { probability: 1 },
        })
      ).statusCode,
    ).toBe(401);

    for (const role of ['rep', 'manager'] as const) {
      const member = await api.addMember(role);
      for (const response of [
        await patchStage(member, proposal, { probability: 1 }),
        await archive(member, proposal),
        await member.request({
          method: 'POST',
          url: `/api/v1/pipelines/${pipeline.id}/stages`,
          headers: ifMatch(1),
          payload: { nameEn: 'x', nameAr: 'س', probability: 1 },
        }),
        await member.request({
          method: 'PUT',
          url: `/api/v1/pipelines/${pipeline.id}/stage-order`,
          headers: ifMatch(1),
          payload: { stageIds: pipeline.stages.map((s) => s.id) },
        }),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }

    const other = await api.createOtherWorkspace();
    for (const response of [
      await patchStage(other, proposal, { probability: 1 }),
      await archive(other, proposal),
      await other.request({
        method: 'POST',
        url: `/api/v1/pipelines/${pipeline.id}/stages`,
        headers: ifMatch(1),
        payload: { nameEn: 'x', nameAr: 'س', probability: 1 },
      }),
      await other.request({
        method: 'PUT',
        url: `/api/v1/pipelines/${pipeline.id}/stage-order`,
        headers: ifMatch(1),
        payload: { stageIds: pipeline.stages.map((s) => s.id) },
      }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect(await defaultPipeline()).toEqual(pipeline);
  });
});
