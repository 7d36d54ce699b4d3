import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, errorPaths, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function createProduct(caller: Caller, payload: Record<string, unknown>) {
  return expectStatus(
    await caller.request({ method: 'POST', url: '/api/v1/products', payload }),
    201,
  );
}

function putItems(caller: Caller, dealId: string, version: number, payload: unknown) {
  return caller.request({
    method: 'PUT',
    url: `/api/v1/deals/${dealId}/items`,
    headers: ifMatch(version),
    payload: payload as Record<string, unknown>,
  });
}

async function getItems(caller: Caller, dealId: string) {
  return expectStatus(
    await caller.request({ method: 'GET', url: `/api/v1/deals/${dealId}/items` }),
    200,
  );
}

async function dealIdsWithProduct(caller: Caller, productId: string): Promise<string[]> {
  const list = expectStatus(
    await caller.request({ method: 'GET', url: `/api/v1/deals?productId=${productId}` }),
    200,
  );
  return list.items.map((d: { id: string }) => d.id);
}

describe('products', () => {
  it('lets a rep add a product, in the base currency unless told, once per folded name', async () => {
    const rep = await api.addMember('rep');
    const created = await createProduct(rep, { name: '  GTX Pro ', listPriceMinor: 482_100 });
    expect(created).toMatchObject({
      name: 'GTX Pro',
      series: null,
      listPriceMinor: 482_100,
      currency: 'USD',
      createdAt: '2026-03-01T09:00:00.000Z',
    });
    const sar = await createProduct(rep, { name: 'Support', series: 'Services', currency: 'SAR' });
    expect(sar).toMatchObject({ currency: 'SAR', listPriceMinor: null, series: 'Services' });

    for (const name of ['GTX Pro', 'gtx  pro', 'GTX-Pro']) {
      const taken = await rep.request({
        method: 'POST',
        url: '/api/v1/products',
        payload: { name },
      });
      expect(taken.statusCode, name).toBe(409);
      expect(taken.json().error.details).toEqual([
        expect.objectContaining({ path: ['name'], code: 'duplicate_name' }),
      ]);
    }
    const unknownCurrency = await rep.request({
      method: 'POST',
      url: '/api/v1/products',
      payload: { name: 'Other', currency: 'QQQ' },
    });
    expect(unknownCurrency.statusCode).toBe(400);
    expect(unknownCurrency.json().error.code).toBe('CURRENCY_UNKNOWN');
    const blank = await rep.request({
      method: 'POST',
      url: '/api/v1/products',
      payload: { name: ' ' },
    });
    expect(blank.statusCode).toBe(400);

    const catalogue = expectStatus(
      await rep.request({ method: 'GET', url: '/api/v1/products' }),
      200,
    );
    expect(catalogue.items.map((p: { name: string }) => p.name)).toEqual(['GTX Pro', 'Support']);
  });

  it('gives two people adding the same name at once one product and one 409', async () => {
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        api.admin.request({ method: 'POST', url: '/api/v1/products', payload: { name: 'Same' } }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('deal line items', () => {
  it('replaces the items, totals them with discounts and bumps the deal’s version', async () => {
    const gtx = await createProduct(api.admin, { name: 'GTX Pro', listPriceMinor: 482_100 });
    const support = await createProduct(api.admin, { name: 'Support', listPriceMinor: 99_999 });
    const deal = await createDeal(api.admin, { title: 'Rollout', amountMinor: 1_000_000 });

    const empty = await getItems(api.admin, deal.id);
    expect(empty).toEqual({
      dealId: deal.id,
      dealVersion: 1,
      currency: 'USD',
      amountMinor: 1_000_000,
      items: [],
      totalMinor: 0,
      amountMatchesItems: true,
    });

    api.clock.now += 60_000;
    const response = await putItems(api.admin, deal.id, 1, {
      items: [
        { productId: gtx.id, quantity: 3 },
        { productId: support.id, quantity: 1, discountPercent: 12.5 },
        { productId: gtx.id, quantity: 2, unitPriceMinor: 400_000, discountPercent: 0.07 },
      ],
    });
    const saved = expectStatus(response, 200);
    expect(response.headers.etag).toBe('"2"');
    // 3 × 4,821.00 = 14,463.00; 999.99 × 0.875 = 874.99125 → 874.99; 2 × 4,000 × 0.9993 = 7,994.40
    expect(saved).toMatchObject({
      dealVersion: 2,
      amountMinor: 1_000_000,
      totalMinor: 1_446_300 + 87_499 + 799_440,
      amountMatchesItems: false,
      items: [
        {
          productId: gtx.id,
          productName: 'GTX Pro',
          quantity: 3,
          unitPriceMinor: 482_100,
          discountPercent: 0,
          currency: 'USD',
          totalMinor: 1_446_300,
        },
        {
          productName: 'Support',
          unitPriceMinor: 99_999,
          discountPercent: 12.5,
          totalMinor: 87_499,
        },
        {
          productName: 'GTX Pro',
          unitPriceMinor: 400_000,
          discountPercent: 0.07,
          totalMinor: 799_440,
        },
      ],
    });
    expect(await getItems(api.admin, deal.id)).toEqual(saved);
    const after = expectStatus(
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` }),
      200,
    );
    expect(after).toMatchObject({
      version: 2,
      amountMinor: 1_000_000,
      updatedAt: '2026-03-01T09:01:00.000Z',
    });

    // The deal list's product filter sees the new items, and stops seeing replaced ones.
    expect(await dealIdsWithProduct(api.admin, support.id)).toEqual([deal.id]);
    const replaced = expectStatus(
      await putItems(api.admin, deal.id, 2, {
        items: [{ productId: gtx.id, quantity: 1 }],
        useAsAmount: true,
      }),
      200,
    );
    expect(replaced).toMatchObject({
      dealVersion: 3,
      amountMinor: 482_100,
      totalMinor: 482_100,
      amountMatchesItems: true,
    });
    expect(replaced.items).toHaveLength(1);
    expect(await dealIdsWithProduct(api.admin, support.id)).toEqual([]);
    expect(await dealIdsWithProduct(api.admin, gtx.id)).toEqual([deal.id]);

    // The amount stays the deal's own: PATCH sets it, and the items now disagree.
    const patched = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/deals/${deal.id}`,
        headers: ifMatch(3),
        payload: { amountMinor: 500_000 },
      }),
      200,
    );
    expect(patched).toMatchObject({ version: 4, amountMinor: 500_000 });
    expect(await getItems(api.admin, deal.id)).toMatchObject({
      dealVersion: 4,
      amountMinor: 500_000,
      totalMinor: 482_100,
      amountMatchesItems: false,
    });

    // Clearing the items leaves the amount alone.
    expect(expectStatus(await putItems(api.admin, deal.id, 4, { items: [] }), 200)).toMatchObject({
      dealVersion: 5,
      items: [],
      amountMinor: 500_000,
      amountMatchesItems: true,
    });
  });

  it('answers a stale deal version with 409 and the current deal, and a blind write with 428', async () => {
    const gtx = await createProduct(api.admin, { name: 'GTX Pro', listPriceMinor: 100 });
    const deal = await createDeal(api.admin, { title: 'Rollout' });
    // Someone else edits the deal: its version moves on.
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/deals/${deal.id}`,
        headers: ifMatch(1),
        payload: { title: 'Rollout phase 1' },
      }),
      200,
    );
    const stale = await putItems(api.admin, deal.id, 1, {
      items: [{ productId: gtx.id, quantity: 1 }],
      useAsAmount: true,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ title: 'Rollout phase 1', version: 2 });
    expect((await getItems(api.admin, deal.id)).items).toEqual([]);

    // Two writers from the same version: the first wins, the second gets a 409.
    const first = await putItems(api.admin, deal.id, 2, {
      items: [{ productId: gtx.id, quantity: 1 }],
    });
    const second = await putItems(api.admin, deal.id, 2, {
      items: [{ productId: gtx.id, quantity: 9 }],
    });
    expect([first.statusCode, second.statusCode]).toEqual([200, 409]);
    expect((await getItems(api.admin, deal.id)).items).toMatchObject([{ quantity: 1 }]);

    const blind = await api.admin.request({
      method: 'PUT',
      url: `/api/v1/deals/${deal.id}/items`,
      payload: { items: [] },
    });
    expect(blind.statusCode).toBe(428);
  });

  it('prices items in the deal’s currency and names the field of each bad item', async () => {
    const sar = await createProduct(api.admin, {
      name: 'Riyadh package',
      listPriceMinor: 50_000,
      currency: 'SAR',
    });
    const unpriced = await createProduct(api.admin, { name: 'Custom work' });
    const other = await api.createOtherWorkspace();
    const foreign = await createProduct(other, { name: 'Elsewhere', listPriceMinor: 1 });
    const deal = await createDeal(api.admin, { title: 'Rollout' });

    const refused = await putItems(api.admin, deal.id, 1, {
      items: [
        { productId: sar.id, quantity: 1 },
        { productId: unpriced.id, quantity: 1 },
        { productId: foreign.id, quantity: 1, unitPriceMinor: 5 },
        { productId: sar.id, quantity: 1, unitPriceMinor: 5, discountPercent: 12.345 },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      expect.objectContaining({ path: ['items', 0, 'unitPriceMinor'], code: 'currency_mismatch' }),
      expect.objectContaining({ path: ['items', 1, 'unitPriceMinor'], code: 'price_required' }),
      expect.objectContaining({ path: ['items', 2, 'productId'], code: 'unknown_reference' }),
      expect.objectContaining({ path: ['items', 3, 'discountPercent'], code: 'invalid_discount' }),
    ]);
    // In Arabic, the same details with Arabic words.
    const arabic = await api.admin.request({
      method: 'PUT',
      url: `/api/v1/deals/${deal.id}/items`,
      headers: { ...ifMatch(1), 'accept-language': 'ar' },
      payload: { items: [{ productId: sar.id, quantity: 1 }] },
    });
    expect(arabic.json().error.details[0]).toMatchObject({
      code: 'currency_mismatch',
      message: 'سعر المنتج بعملة غير عملة الصفقة؛ اكتب سعر الوحدة بعملة الصفقة',
    });

    for (const [item, path] of [
      [{ productId: sar.id, quantity: 0 }, 'body.items.0.quantity'],
      [{ productId: sar.id, quantity: 1.5 }, 'body.items.0.quantity'],
      [{ productId: sar.id, quantity: 1, unitPriceMinor: -1 }, 'body.items.0.unitPriceMinor'],
      [{ productId: sar.id, quantity: 1, discountPercent: 101 }, 'body.items.0.discountPercent'],
    ] as const) {
      const bad = await putItems(api.admin, deal.id, 1, { items: [item] });
      expect(bad.statusCode, JSON.stringify(item)).toBe(400);
      expect(errorPaths(bad)).toContain(path);
    }
    const tooLarge = await putItems(api.admin, deal.id, 1, {
      items: [{ productId: sar.id, quantity: 1000, unitPriceMinor: Number.MAX_SAFE_INTEGER }],
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().error.details[0].code).toBe('amount_too_large');

    // A unit price given is read as in the deal's currency, whatever the product's.
    const priced = expectStatus(
      await putItems(api.admin, deal.id, 1, {
        items: [{ productId: sar.id, quantity: 2, unitPriceMinor: 13_333 }],
        useAsAmount: true,
      }),
      200,
    );
    expect(priced).toMatchObject({
      currency: 'USD',
      amountMinor: 26_666,
      totalMinor: 26_666,
      items: [{ currency: 'USD', unitPriceMinor: 13_333 }],
    });
    // Nothing of the refused writes stuck: the version moved once.
    expect(priced.dealVersion).toBe(2);
  });

  it('keeps hidden and foreign deals not found, and refuses reps nothing on their own deals', async () => {
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
    const gtx = await createProduct(rep, { name: 'GTX Pro', listPriceMinor: 100 });
    const hidden = await createDeal(api.admin, { title: 'Admin’s deal' });
    const own = await createDeal(rep, { title: 'Rep’s deal' });
    expect(
      (await rep.request({ method: 'GET', url: `/api/v1/deals/${hidden.id}/items` })).statusCode,
    ).toBe(404);
    const write = await putItems(rep, hidden.id, 1, {
      items: [{ productId: gtx.id, quantity: 1 }],
    });
    expect(write.statusCode).toBe(404);
    expect(write.json().error.code).toBe('NOT_FOUND');
    expectStatus(
      await putItems(rep, own.id, 1, { items: [{ productId: gtx.id, quantity: 2 }] }),
      200,
    );

    const other = await api.createOtherWorkspace();
    expect(
      (await other.request({ method: 'GET', url: `/api/v1/deals/${own.id}/items` })).statusCode,
    ).toBe(404);
    expect((await putItems(other, own.id, 2, { items: [] })).statusCode).toBe(404);
    expect((await getItems(rep, own.id)).items).toHaveLength(1);
  });
});
