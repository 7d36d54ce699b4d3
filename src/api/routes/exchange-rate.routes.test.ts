import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, type TestApi } from '../../../test/api-harness.js';
import { createDeal, errorPaths, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

function putRate(caller: Caller, currency: string, day: string, payload: unknown) {
  return caller.request({
    method: 'PUT',
    url: `/api/v1/exchange-rates/${currency}/${day}`,
    payload: payload as object,
  });
}

describe('exchange rates API', () => {
  it('sets, replaces and lists dated rates to the base currency', async () => {
    const set = await putRate(api.admin, 'SAR', '2026-02-01', { rate: '0.2666' });
    expect(expectStatus(set, 200)).toEqual({ currency: 'SAR', day: '2026-02-01', rate: '0.2666' });
    expectStatus(await putRate(api.admin, 'SAR', '2026-03-01', { rate: '0.27' }), 200);
    expectStatus(await putRate(api.admin, 'AED', '2026-03-01', { rate: '0.272294' }), 200);
    // The same day again replaces that day's rate.
    expectStatus(await putRate(api.admin, 'SAR', '2026-03-01', { rate: '0.2667' }), 200);

    const all = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/exchange-rates' }),
      200,
    );
    expect(all).toEqual({
      baseCurrency: 'USD',
      items: [
        { currency: 'AED', day: '2026-03-01', rate: '0.272294' },
        { currency: 'SAR', day: '2026-03-01', rate: '0.2667' },
        { currency: 'SAR', day: '2026-02-01', rate: '0.2666' },
      ],
    });
    const sar = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/exchange-rates?currency=SAR' }),
      200,
    );
    expect(sar.items.map((r: { day: string }) => r.day)).toEqual(['2026-03-01', '2026-02-01']);
  });

  it('means "1 unit of the currency = rate units of the base currency" on the board', async () => {
    await createDeal(api.admin, { title: 'Riyadh deal', amountMinor: 1_000_000, currency: 'SAR' });
    const before = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/board' }),
      200,
    );
    expect(before.columns[0]).toMatchObject({
      total: { minor: 0, currency: 'USD' },
      unconvertedCurrencies: ['SAR'],
    });

    // A rate dated after today does not apply yet; today's does.
    expectStatus(await putRate(api.admin, 'SAR', '2026-03-02', { rate: '1' }), 200);
    expectStatus(await putRate(api.admin, 'SAR', '2026-03-01', { rate: '0.2666' }), 200);
    const after = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/board' }),
      200,
    );
    // 10,000.00 SAR × 0.2666 = 2,666.00 USD
    expect(after.columns[0]).toMatchObject({
      total: { minor: 266_600, currency: 'USD' },
      unconvertedCurrencies: [],
    });
  });

  it('refuses the base currency, unknown currencies and malformed days or rates', async () => {
    const base = await putRate(api.admin, 'USD', '2026-03-01', { rate: '1' });
    expect(base.statusCode).toBe(400);
    expect(base.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: ['currency'], code: 'base_currency' }],
    });

    const unknown = await putRate(api.admin, 'XYZ', '2026-03-01', { rate: '1' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      expect.objectContaining({ path: ['currency'], code: 'unknown_currency' }),
    ]);

    const cases: [string, string, unknown, string][] = [
      ['sar', '2026-03-01', { rate: '3.75' }, 'params.currency'],
      ['SAR', '2026-02-30', { rate: '3.75' }, 'params.day'],
      ['SAR', '01-03-2026', { rate: '3.75' }, 'params.day'],
      ['SAR', '2026-03-01', { rate: '-3.75' }, 'body.rate'],
      ['SAR', '2026-03-01', { rate: '3,75' }, 'body.rate'],
      ['SAR', '2026-03-01', { rate: '1e3' }, 'body.rate'],
      ['SAR', '2026-03-01', { rate: '0.1234567890123' }, 'body.rate'],
      ['SAR', '2026-03-01', { rate: 3.75 }, 'body.rate'],
      ['SAR', '2026-03-01', {}, 'body.rate'],
    ];
    for (const [currency, day, payload, path] of cases) {
      const response = await putRate(api.admin, currency, day, payload);
      expect(response.statusCode, `${currency} ${day} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(errorPaths(response)).toContain(path);
    }
    const zero = await putRate(api.admin, 'SAR', '2026-03-01', { rate: '0.000' });
    expect(zero.statusCode).toBe(400);
    expect(errorPaths(zero)).toEqual(['rate']);
    // Twelve decimals are fine.
    expectStatus(await putRate(api.admin, 'KWD', '2026-03-01', { rate: '3.254678901234' }), 200);

    const badFilter = await api.admin.request({
      method: 'GET',
      url: '/api/v1/exchange-rates?currency=riyal',
    });
    expect(errorPaths(badFilter)).toEqual(['querystring.currency']);
    const rates = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/exchange-rates' }),
      200,
    );
    expect(rates.items).toEqual([{ currency: 'KWD', day: '2026-03-01', rate: '3.254678901234' }]);
  });

  it('lets everyone read, managers and admins set, and no one without a session', async () => {
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/v1/exchange-rates' })).statusCode,
    ).toBe(401);
    const anonymous = await api.app.inject({
      method: 'PUT',
      url: '/api/v1/exchange-rates/SAR/2026-03-01',
      payload: { rate: '0.2666' },
    });
    expect(anonymous.statusCode).toBe(401);

    const rep = await api.addMember('rep');
    const forbidden = await putRate(rep, 'SAR', '2026-03-01', { rate: '0.2666' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    const manager = await api.addMember('manager');
    expectStatus(await putRate(manager, 'SAR', '2026-03-01', { rate: '0.2666' }), 200);
    const read = expectStatus(
      await rep.request({ method: 'GET', url: '/api/v1/exchange-rates' }),
      200,
    );
    expect(read.items).toHaveLength(1);
  });

  it('keeps each workspace’s rates apart, each against its own base currency', async () => {
    expectStatus(await putRate(api.admin, 'SAR', '2026-03-01', { rate: '0.2666' }), 200);
    const other = await api.createOtherWorkspace();
    const theirs = expectStatus(
      await other.request({ method: 'GET', url: '/api/v1/exchange-rates' }),
      200,
    );
    expect(theirs).toEqual({ baseCurrency: 'USD', items: [] });
    expectStatus(await putRate(other, 'SAR', '2026-03-01', { rate: '0.25' }), 200);
    const ours = expectStatus(
      await api.admin.request({ method: 'GET', url: '/api/v1/exchange-rates?currency=SAR' }),
      200,
    );
    expect(ours.items).toEqual([{ currency: 'SAR', day: '2026-03-01', rate: '0.2666' }]);
  });
});
