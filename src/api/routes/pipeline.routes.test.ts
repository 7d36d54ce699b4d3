import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, errorPaths, expectStatus } from '../../../test/crm-fixtures.js';
import { DEFAULT_STAGES } from '../../domain/stage.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function firstLostReason(): Promise<{ id: string }> {
  const reasons = await api.admin.request({ method: 'GET', url: '/api/v1/lost-reasons' });
  const [first] = expectStatus(reasons, 200).items;
  return first;
}

async function listPipelines(caller: Caller) {
  return expectStatus(await caller.request({ method: 'GET', url: '/api/v1/pipelines' }), 200).items;
}

function createPipeline(caller: Caller, payload: Record<string, unknown>) {
  return caller.request({ method: 'POST', url: '/api/v1/pipelines', payload });
}

const twoStages = [
  { nameEn: 'Talking', nameAr: 'محادثة', probability: 30 },
  { nameEn: 'Signed', nameAr: 'موقّع', kind: 'won', probability: 100 },
];

describe('pipelines API', () => {
  it('lists pipelines with their stages in order, in camelCase', async () => {
    const [sales, ...others] = await listPipelines(api.admin);
    expect(others).toEqual([]);
    expect(sales).toMatchObject({
      nameEn: 'Sales',
      nameAr: 'المبيعات',
      position: 1,
      isDefault: true,
      archived: false,
      version: 1,
    });
    expect(sales.stages.map((s: { key: string }) => s.key)).toEqual(
      DEFAULT_STAGES.map((s) => s.key),
    );
    expect(sales.stages[3]).toEqual({
      id: expect.any(String),
      pipelineId: sales.id,
      key: 'initial_contact',
      nameEn: 'Initial contact',
      nameAr: 'الاتصال الأولي',
      position: 4,
      kind: 'open',
      probability: 35,
      forecastCategory: 'pipeline',
      rottingDays: 14,
      exitCriteria: ['amount'],
      isFirstQualified: true,
      archived: false,
      version: 1,
    });

    const one = await api.admin.request({ method: 'GET', url: `/api/v1/pipelines/${sales.id}` });
    expect(one.headers.etag).toBe('"1"');
    expect(expectStatus(one, 200)).toEqual(sales);
  });

  it('creates a pipeline with the default stages, or with a given list', async () => {
    const created = await createPipeline(api.admin, { nameEn: 'Renewals', nameAr: 'التجديدات' });
    const renewals = expectStatus(created, 201);
    expect(created.headers.etag).toBe('"1"');
    expect(renewals).toMatchObject({ position: 2, isDefault: false, version: 1 });
    expect(renewals.stages).toHaveLength(7);
    expect(renewals.stages[6]).toMatchObject({
      key: 'follow_up',
      kind: 'won',
      probability: 100,
      position: 7,
      pipelineId: renewals.id,
    });

    const custom = expectStatus(
      await createPipeline(api.admin, {
        nameEn: 'Partnerships',
        nameAr: 'الشراكات',
        position: 1,
        stages: [
          { nameEn: 'First call', nameAr: 'المكالمة الأولى', probability: 10, rottingDays: 7 },
          {
            key: 'due_diligence',
            nameEn: 'Due diligence',
            nameAr: 'العناية الواجبة',
            probability: 50,
            exitCriteria: ['amount', 'amount', 'company'],
            isFirstQualified: true,
          },
          { nameEn: 'First call', nameAr: 'مكالمة ثانية', probability: 20 },
          { nameEn: 'Signed', nameAr: 'موقّع', kind: 'won', probability: 100 },
        ],
      }),
      201,
    );
    expect(custom.position).toBe(1);
    expect(custom.stages).toEqual([
      expect.objectContaining({ key: 'first_call', kind: 'open', forecastCategory: 'pipeline' }),
      expect.objectContaining({
        key: 'due_diligence',
        exitCriteria: ['amount', 'company'],
        isFirstQualified: true,
        rottingDays: null,
      }),
      expect.objectContaining({ key: 'first_call_2', position: 3 }),
      expect.objectContaining({ key: 'signed', kind: 'won', forecastCategory: 'commit' }),
    ]);
    const order = (await listPipelines(api.admin)).map((p: { nameEn: string }) => p.nameEn);
    expect(order).toEqual(['Partnerships', 'Sales', 'Renewals']);

    // The board shows the new pipeline and deals can start in it.
    const deal = await createDeal(api.admin, { title: 'Reseller deal', pipelineId: custom.id });
    expect(deal.stageId).toBe(custom.stages[0].id);
    const board = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/board?pipelineId=${custom.id}` }),
      200,
    );
    expect(board.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual([
      'first_call',
      'due_diligence',
      'first_call_2',
      'signed',
    ]);
    expect(board.columns[0].count).toBe(1);
  });

  it('makes one pipeline the default, unsetting the others', async () => {
    const [sales] = await listPipelines(api.admin);
    const renewals = expectStatus(
      await createPipeline(api.admin, { nameEn: 'Renewals', nameAr: 'التجديدات', isDefault: true }),
      201,
    );
    expect(renewals.isDefault).toBe(true);
    const salesNow = (await listPipelines(api.admin)).find(
      (p: { id: string }) => p.id === sales.id,
    );
    expect(salesNow).toMatchObject({ isDefault: false, version: 2 });
    // New deals go to the default pipeline.
    const deal = await createDeal(api.admin, { title: 'Goes to renewals' });
    expect(deal.pipelineId).toBe(renewals.id);

    const back = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/pipelines/${sales.id}`,
      headers: ifMatch(2),
      payload: { isDefault: true, nameEn: 'New business', nameAr: 'أعمال جديدة', position: 2 },
    });
    expect(back.headers.etag).toBe('"3"');
    expect(expectStatus(back, 200)).toMatchObject({
      isDefault: true,
      nameEn: 'New business',
      nameAr: 'أعمال جديدة',
      position: 2,
      version: 3,
    });
    const all = await listPipelines(api.admin);
    expect(all.map((p: { nameEn: string; isDefault: boolean }) => [p.nameEn, p.isDefault])).toEqual(
      [
        ['Renewals', false],
        ['New business', true],
      ],
    );
  });

  it('archives a pipeline without open deals and brings it back last, never the default', async () => {
    const created = expectStatus(
      await createPipeline(api.admin, {
        nameEn: 'Renewals',
        nameAr: 'التجديدات',
        stages: twoStages,
      }),
      201,
    );
    const patch = (id: string, version: number, payload: object) =>
      api.admin.request({
        method: 'PATCH',
        url: `/api/v1/pipelines/${id}`,
        payload,
        headers: ifMatch(version),
      });
    const deal = await createDeal(api.admin, { title: 'Renewal 2027', pipelineId: created.id });

    const withOpenDeal = await patch(created.id, created.version, { archived: true });
    expect(withOpenDeal.statusCode).toBe(409);
    expect(withOpenDeal.json().error.details).toMatchObject([
      { path: ['archived'], code: 'pipeline_has_open_deals' },
    ]);

    const lost = await api.admin.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/lose`,
      payload: { lostReasonId: (await firstLostReason()).id },
      headers: ifMatch(deal.version),
    });
    expect(lost.statusCode, lost.body).toBe(200);
    const archived = expectStatus(
      await patch(created.id, created.version, { archived: true }),
      200,
    );
    expect(archived.archived).toBe(true);
    const intoArchive = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Too late', pipelineId: created.id },
    });
    expect(intoArchive.statusCode).toBe(409);
    expect(intoArchive.json().error.details).toMatchObject([
      { path: ['pipelineId'], code: 'pipeline_archived' },
    ]);
    const cannotLead = await patch(created.id, archived.version, { isDefault: true });
    expect(cannotLead.json().error.details).toMatchObject([{ code: 'default_pipeline' }]);

    const [sales] = await listPipelines(api.admin);
    const defaultArchive = await patch(sales.id, sales.version, { archived: true });
    expect(defaultArchive.statusCode).toBe(409);
    expect(defaultArchive.json().error.details).toMatchObject([{ code: 'default_pipeline' }]);

    const third = expectStatus(
      await createPipeline(api.admin, { nameEn: 'Partners', nameAr: 'الشركاء', stages: twoStages }),
      201,
    );
    const back = expectStatus(await patch(created.id, archived.version, { archived: false }), 200);
    expect(back.archived).toBe(false);
    const order = (await listPipelines(api.admin))
      .filter((p: { archived: boolean }) => !p.archived)
      .sort((a: { position: number }, b: { position: number }) => a.position - b.position)
      .map((p: { id: string }) => p.id);
    expect(order).toEqual([sales.id, third.id, created.id]);
  });

  it('refuses invalid pipelines with 400 and the field paths', async () => {
    const noName = await createPipeline(api.admin, { nameAr: 'بدون اسم' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(noName)).toEqual(['body.nameEn']);

    const noWon = await createPipeline(api.admin, {
      nameEn: 'Open only',
      nameAr: 'مفتوح فقط',
      stages: [
        { nameEn: 'A', nameAr: 'أ', probability: 10 },
        { nameEn: 'B', nameAr: 'ب', probability: 20 },
      ],
    });
    expect(noWon.statusCode).toBe(400);
    expect(noWon.json().error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(noWon)).toEqual(['stages']);

    const twoQualified = await createPipeline(api.admin, {
      nameEn: 'Two qualified',
      nameAr: 'مؤهلان',
      stages: [
        { ...twoStages[0], isFirstQualified: true, key: 'same' },
        { ...twoStages[0], isFirstQualified: true, key: 'same' },
        twoStages[1],
      ],
    });
    expect(errorPaths(twoQualified).sort()).toEqual(['stages.1.isFirstQualified', 'stages.1.key']);

    const badStage = await createPipeline(api.admin, {
      nameEn: 'Bad',
      nameAr: 'سيئ',
      stages: [
        { nameEn: 'A', nameAr: 'أ', probability: 101, exitCriteria: ['horoscope'], key: 'Bad Key' },
        twoStages[1],
      ],
    });
    expect(errorPaths(badStage).sort()).toEqual([
      'body.stages.0.exitCriteria.0',
      'body.stages.0.key',
      'body.stages.0.probability',
    ]);

    const [sales] = await listPipelines(api.admin);
    const unsetDefault = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/pipelines/${sales.id}`,
      headers: ifMatch(1),
      payload: { isDefault: false },
    });
    expect(errorPaths(unsetDefault)).toEqual(['body.isDefault']);
    expect(await listPipelines(api.admin)).toHaveLength(1);
  });

  it('needs If-Match to change a pipeline and answers a stale one with 409', async () => {
    const [sales] = await listPipelines(api.admin);
    const url = `/api/v1/pipelines/${sales.id}`;
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url,
        headers: ifMatch(1),
        payload: { nameEn: 'Direct sales' },
      }),
      200,
    );
    const stale = await api.admin.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { nameEn: 'Overwrite' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ nameEn: 'Direct sales', version: 2 });
    expect(stale.json().error.current.stages).toHaveLength(7);

    const blind = await api.admin.request({ method: 'PATCH', url, payload: { nameEn: 'Blind' } });
    expect(blind.statusCode).toBe(428);
    expect(blind.json().error.code).toBe('VERSION_REQUIRED');
  });

  it('lets everyone read and only admins manage pipelines', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/pipelines' })).statusCode).toBe(
      401,
    );
    const anonymous = await api.app.inject({
      method: 'POST',
      url: '/api/v1/pipelines',
      payload: { nameEn: 'x', nameAr: 'س' },
    });
    expect(anonymous.statusCode).toBe(401);

    const [sales] = await listPipelines(api.admin);
    for (const role of ['rep', 'manager'] as const) {
      const member = await api.addMember(role);
      expect(await listPipelines(member)).toHaveLength(1);
      for (const request of [
        {
          method: 'POST' as const,
          url: '/api/v1/pipelines',
          payload: { nameEn: 'x', nameAr: 'س' },
        },
        {
          method: 'PATCH' as const,
          url: `/api/v1/pipelines/${sales.id}`,
          headers: ifMatch(1),
          payload: { nameEn: 'Mine' },
        },
      ]) {
        const response = await member.request(request);
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('keeps each workspace’s pipelines apart', async () => {
    const other = await api.createOtherWorkspace();
    const [sales] = await listPipelines(api.admin);
    const [theirs] = await listPipelines(other);
    expect(theirs.id).not.toBe(sales.id);
    const url = `/api/v1/pipelines/${sales.id}`;
    expect((await other.request({ method: 'GET', url })).statusCode).toBe(404);
    const patch = await other.request({
      method: 'PATCH',
      url,
      headers: ifMatch(1),
      payload: { nameEn: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('NOT_FOUND');
    const deal = await other.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'Into their pipeline', pipelineId: sales.id },
    });
    expect(deal.statusCode).toBe(400);
    expect((await listPipelines(api.admin))[0]).toMatchObject({ nameEn: 'Sales', version: 1 });
  });
});
