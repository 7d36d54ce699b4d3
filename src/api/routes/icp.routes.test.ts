import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { aLostReasonId, createDeal, errorPaths, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function createCompany(payload: Record<string, unknown>) {
  return expectStatus(
    await api.admin.request({ method: 'POST', url: '/api/v1/companies', payload }),
    201,
  );
}

async function defineTier() {
  return expectStatus(
    await api.admin.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: {
        recordKind: 'company',
        key: 'tier',
        type: 'single_select',
        labelEn: 'Tier',
        labelAr: 'الفئة',
        options: ['gold', 'silver'].map((key) => ({ key, labelEn: key, labelAr: key })),
      },
    }),
    201,
  );
}

async function getIcp() {
  return expectStatus(await api.admin.request({ method: 'GET', url: '/api/v1/icp' }), 200);
}

function putIcp(version: number, criteria: unknown[], caller = api.admin) {
  return caller.request({
    method: 'PUT',
    url: '/api/v1/icp',
    headers: ifMatch(version),
    payload: { criteria },
  });
}

describe('the ideal customer profile', () => {
  it('is defined over company columns and custom fields, and each company and deal shows its fit', async () => {
    await defineTier();
    const empty = await getIcp();
    expect(empty.criteria).toEqual([]);
    expect(empty.attributes.map((a: { attribute: string }) => a.attribute)).toEqual([
      'sector',
      'size',
      'country',
      'custom.tier',
    ]);
    const set = expectStatus(
      await putIcp(empty.version, [
        { attribute: 'sector', values: ['Medical'], weight: 3 },
        { attribute: 'custom.tier', values: ['gold'], weight: 1 },
      ]),
      200,
    );
    expect(set.version).toBe(empty.version + 1);

    const fits = await createCompany({
      name: 'Riyadh Care',
      sector: 'medical',
      customFields: { tier: 'silver' },
    });
    const fit = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/companies/${fits.id}/icp-fit` }),
      200,
    );
    expect(fit.percent).toBe(75);
    expect(fit.reasons).toEqual([
      {
        attribute: 'sector',
        values: ['Medical'],
        weight: 3,
        actual: ['medical'],
        outcome: 'match',
      },
      {
        attribute: 'custom.tier',
        values: ['gold'],
        weight: 1,
        actual: ['silver'],
        outcome: 'miss',
      },
    ]);

    const deal = await createDeal(api.admin, { title: 'Clinic ERP', companyId: fits.id });
    const dealFit = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}/icp-fit` }),
      200,
    );
    expect(dealFit.percent).toBe(75);
    // The fit follows the company's fields as they change.
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/companies/${fits.id}`,
        headers: ifMatch(fits.version),
        payload: { customFields: { tier: 'gold' } },
      }),
      200,
    );
    const after = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}/icp-fit` }),
      200,
    );
    expect(after.percent).toBe(100);

    const alone = await createDeal(api.admin, { title: 'No company yet' });
    const unknown = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${alone.id}/icp-fit` }),
      200,
    );
    expect(unknown.percent).toBe(0);
    expect(unknown.reasons.map((r: { outcome: string }) => r.outcome)).toEqual([
      'unknown',
      'unknown',
    ]);
  });

  it('refuses an unknown attribute with its path, a stale version with 409, and a rep', async () => {
    const { version } = await getIcp();
    const bad = await putIcp(version, [
      { attribute: 'sector', values: ['Medical'], weight: 2 },
      { attribute: 'custom.nothing', values: ['x'], weight: 2 },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['criteria.1.attribute']);
    const arabic = await api.admin.request({
      method: 'PUT',
      url: '/api/v1/icp',
      headers: { ...ifMatch(version), 'accept-language': 'ar' },
      payload: { criteria: [{ attribute: 'sector', values: ['x'], weight: 9 }] },
    });
    expect(arabic.statusCode).toBe(400);
    expect(errorPaths(arabic)).toEqual(['criteria.0.weight']);
    expect(arabic.json().error.details[0]).toMatchObject({
      code: 'icp_weight',
      message: 'الوزن عدد صحيح من 1 إلى 5',
    });
    expect((await getIcp()).criteria).toEqual([]);

    expectStatus(await putIcp(version, [{ attribute: 'sector', values: ['A'], weight: 1 }]), 200);
    const stale = await putIcp(version, [{ attribute: 'sector', values: ['B'], weight: 1 }]);
    expect(stale.statusCode).toBe(409);
    expect((await getIcp()).criteria[0].values).toEqual(['A']);

    const rep = await api.addMember('rep');
    const current = await getIcp();
    expect((await putIcp(current.version, [], rep)).statusCode).toBe(403);
  });

  it('suggests the sector that wins more, with sample sizes, and nothing from a handful', async () => {
    const lostReasonId = await aLostReasonId(api);
    // Winning is what is measured here, not the stages' exit criteria: drop them.
    const pipelines = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' }),
      200,
    );
    for (const stage of pipelines.items[0].stages) {
      expectStatus(
        await api.admin.request({
          method: 'PATCH',
          url: `/api/v1/stages/${stage.id}`,
          headers: ifMatch(stage.version),
          payload: { exitCriteria: [] },
        }),
        200,
      );
    }
    const medical = await createCompany({ name: 'Care', sector: 'Medical' });
    const retail = await createCompany({ name: 'Shop', sector: 'Retail' });
    const close = async (companyId: string, won: boolean) => {
      const deal = await createDeal(api.admin, { title: 'd', companyId });
      expectStatus(
        await api.admin.request({
          method: 'POST',
          url: `/api/v1/deals/${deal.id}/${won ? 'win' : 'lose'}`,
          headers: ifMatch(deal.version),
          payload: won ? {} : { lostReasonId },
        }),
        200,
      );
    };
    // Medical wins 20 of 24, retail 4 of 24.
    for (let i = 0; i < 24; i += 1) {
      await close(medical.id, i < 20);
      await close(retail.id, i < 4);
    }
    const suggestion = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/icp/suggestion' }),
      200,
    );
    expect(suggestion.closedDeals).toBe(48);
    expect(suggestion.baseWinRate).toBeCloseTo(0.5, 6);
    expect(suggestion.suggested).toEqual([
      { attribute: 'sector', values: ['Medical'], weight: expect.any(Number) },
    ]);
    const sector = suggestion.attributes.find(
      (a: { attribute: string }) => a.attribute === 'sector',
    );
    expect(sector.values[0]).toMatchObject({
      value: 'Medical',
      deals: 24,
      won: 20,
      significant: true,
    });

    // With more deals asked of each side than there are, nothing is sold as insight.
    const strict = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/icp/suggestion?minDeals=25' }),
      200,
    );
    expect(strict.suggested).toEqual([]);
  });
});
