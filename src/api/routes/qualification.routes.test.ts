import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, expectStatus, stageIdsByKey } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function qualify(deal: { id: string; version: number }, payload: object, headers = {}) {
  return api.admin.request({
    method: 'PUT',
    url: `/api/v1/deals/${deal.id}/qualification`,
    headers: { ...ifMatch(deal.version), ...headers },
    payload,
  });
}

describe('the BANT card', () => {
  it('scores what is known, keeps each change in the history, and refuses a stale version', async () => {
    const deal = await createDeal(api.admin, { title: 'ERP rollout' });
    expect(deal.qualification).toEqual({
      need: null,
      budget: null,
      authority: null,
      timing: null,
      score: 0,
    });
    const first = expectStatus(
      await qualify(deal, {
        need: { value: 'Replace the legacy ERP', confidence: 'high' },
        budget: { value: 'SAR 2M approved for FY27', confidence: 'medium' },
        timing: { value: 'Before Ramadan', confidence: 'low' },
      }),
      200,
    );
    // 25 (sure) + 16.7 (fairly sure) + 8.3 (a guess) = 50.
    expect(first.qualification.score).toBe(50);
    expect(first.version).toBe(deal.version + 1);
    expect(first.qualification.authority).toBeNull();

    // Only what is given changes; null makes a part unknown again.
    const second = expectStatus(
      await qualify(first, {
        authority: { value: 'The CFO signs', confidence: 'high' },
        timing: null,
      }),
      200,
    );
    expect(second.qualification).toMatchObject({
      need: { value: 'Replace the legacy ERP', confidence: 'high' },
      authority: { value: 'The CFO signs', confidence: 'high' },
      timing: null,
      score: 67,
    });

    const stale = await qualify(first, { need: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.qualification.score).toBe(67);

    const history = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}/history` }),
      200,
    );
    const bant = history.items
      .filter((e: { kind: string; field?: string }) => e.kind === 'field')
      .map((e: { field: string; from: string | null; to: string | null }) => [
        e.field,
        e.from,
        e.to,
      ]);
    expect(bant).toEqual([
      ['bant.need', null, 'high: Replace the legacy ERP'],
      ['bant.budget', null, 'medium: SAR 2M approved for FY27'],
      ['bant.timing', null, 'low: Before Ramadan'],
      ['bant.authority', null, 'high: The CFO signs'],
      ['bant.timing', 'low: Before Ramadan', null],
    ]);
  });

  it('refuses an answer without words or with an unknown confidence, changing nothing', async () => {
    const deal = await createDeal(api.admin, { title: 'Fleet' });
    const empty = await qualify(deal, { budget: { value: '  ', confidence: 'high' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toEqual(['body', 'budget', 'value']);
    const unsure = await qualify(deal, { budget: { value: 'Some', confidence: 'certain' } });
    expect(unsure.statusCode).toBe(400);
    const after = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` }),
      200,
    );
    expect(after.version).toBe(deal.version);
  });

  it('lets exit criteria require a known budget, or a score of 75, before leaving a stage', async () => {
    const stages = await stageIdsByKey(api.admin);
    const pipelines = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' }),
      200,
    );
    const leadGeneration = pipelines.items[0].stages[0];
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/stages/${leadGeneration.id}`,
        headers: ifMatch(leadGeneration.version),
        payload: { exitCriteria: ['budget', 'qualified'] },
      }),
      200,
    );
    let deal = await createDeal(api.admin, { title: 'Clinic chain' });
    const move = (d: { id: string; version: number }, headers = {}) =>
      api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${d.id}/move`,
        headers: { ...ifMatch(d.version), ...headers },
        payload: { stageId: stages.prospecting },
      });
    const refused = await move(deal, { 'accept-language': 'ar' });
    expect(refused.statusCode).toBe(422);
    expect(
      refused.json().error.details.map((d: { code: string; path: string[] }) => [d.code, d.path]),
    ).toEqual([
      ['budget', ['qualification', 'budget']],
      ['qualified', ['qualification']],
    ]);
    expect(refused.json().error.details[0].message).toMatch(/الميزانية/);

    // A guessed budget is not a known one.
    deal = expectStatus(
      await qualify(deal, { budget: { value: 'Maybe 1M', confidence: 'low' } }),
      200,
    );
    expect((await move(deal)).json().error.details.map((d: { code: string }) => d.code)).toEqual([
      'budget',
      'qualified',
    ]);
    deal = expectStatus(
      await qualify(deal, {
        need: { value: 'Scheduling across 12 clinics', confidence: 'high' },
        budget: { value: 'SAR 1M in the 2027 plan', confidence: 'high' },
        authority: { value: 'COO', confidence: 'medium' },
      }),
      200,
    );
    // 25 + 25 + 16.7 = 67: the budget is known but the score is short of 75.
    expect((await move(deal)).json().error.details.map((d: { code: string }) => d.code)).toEqual([
      'qualified',
    ]);
    deal = expectStatus(
      await qualify(deal, { timing: { value: 'Go-live in Q2', confidence: 'medium' } }),
      200,
    );
    expect(deal.qualification.score).toBe(83);
    const moved = expectStatus(await move(deal), 200);
    expect(moved.stageId).toBe(stages.prospecting);
  });
});
