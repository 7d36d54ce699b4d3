import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeForecast,
  type ForecastInput,
  type ForecastStage,
  rateOnDay,
  weightBasisPoints,
} from './forecast.js';

const STAGES = new Map<string, ForecastStage>([
  ['qualification', { forecastCategory: 'pipeline', probabilityBasisPoints: 2000 }],
  ['proposal', { forecastCategory: 'best_case', probabilityBasisPoints: 6000 }],
  ['negotiation', { forecastCategory: 'commit', probabilityBasisPoints: 9000 }],
]);

const SAR_RATES = [
  { currency: 'SAR', day: '2026-01-01', rate: '0.2666' },
  { currency: 'SAR', day: '2026-02-01', rate: '0.27' },
];

function input(partial: Partial<ForecastInput>): ForecastInput {
  return {
    baseCurrency: 'USD',
    evaluationDay: '2026-03-01',
    rates: SAR_RATES,
    stages: STAGES,
    won: [],
    open: [],
    overdue: [],
    ...partial,
  };
}

describe('rateOnDay', () => {
  it('takes the latest rate on or before the day; the base currency is 1', () => {
    expect(rateOnDay(SAR_RATES, 'SAR', 'USD', '2026-01-31')).toBe('0.2666');
    expect(rateOnDay(SAR_RATES, 'SAR', 'USD', '2026-02-01')).toBe('0.27');
    expect(rateOnDay(SAR_RATES, 'SAR', 'USD', '2025-12-31')).toBeUndefined();
    expect(rateOnDay(SAR_RATES, 'USD', 'USD', '2000-01-01')).toBe('1');
    expect(rateOnDay(SAR_RATES, 'EUR', 'USD', '2026-03-01')).toBeUndefined();
  });
});

describe('weightBasisPoints', () => {
  it('weights once, half away from zero', () => {
    expect(weightBasisPoints(12_345, 3500)).toBe(4321); // 43.2075 → 43.21
    expect(weightBasisPoints(1, 5000)).toBe(1); // 0.5 → 1
    expect(weightBasisPoints(100_000, 4800)).toBe(48_000);
  });
});

describe('computeForecast', () => {
  it('adds won so far to the weighted open deals, with a 90 % range from the spread', () => {
    const forecast = computeForecast(
      input({
        won: [{ currency: 'USD', day: '2026-01-10', dealCount: 1, amountMinor: 100_000 }],
        open: [
          {
            stageId: 'proposal',
            currency: 'USD',
            probabilityOverride: null,
            dealCount: 2,
            amountMinor: 100_000,
            amountSquaredSum: 2 * 50_000 ** 2,
          },
        ],
      }),
    );
    // weighted: 1,000.00 × 60 % = 600.00; expected 1,000.00 + 600.00 = 1,600.00
    expect(forecast.wonSoFar).toEqual({ minor: 100_000, currency: 'USD' });
    expect(forecast.weightedOpen.minor).toBe(60_000);
    expect(forecast.expected.minor).toBe(160_000);
    // variance = 2 × 50,000² × 0.6 × 0.4 = 1.2e9; σ = 34,641.016; margin 1.645σ = 56,984.47 → 56,984
    expect(forecast.standardDeviation.minor).toBe(34_641);
    expect(forecast.range).toEqual({
      low: { minor: 103_016, currency: 'USD' },
      high: { minor: 216_984, currency: 'USD' },
    });
    expect(forecast.byCategory.best_case).toEqual({
      count: 2,
      amount: { minor: 100_000, currency: 'USD' },
      weighted: { minor: 60_000, currency: 'USD' },
    });
    expect(forecast.byCategory.commit.count).toBe(0);
  });

  it('converts won deals at the rate of their win day and open deals at the evaluation day', () => {
    const forecast = computeForecast(
      input({
        won: [
          // 1,000.00 SAR won in January at 0.2666 = 266.60 USD
          { currency: 'SAR', day: '2026-01-15', dealCount: 1, amountMinor: 100_000 },
          // 1,000.00 SAR won in February at 0.27 = 270.00 USD
          { currency: 'SAR', day: '2026-02-15', dealCount: 2, amountMinor: 100_000 },
        ],
        open: [
          {
            stageId: 'negotiation',
            currency: 'SAR',
            probabilityOverride: null,
            dealCount: 1,
            amountMinor: 1_000_000, // 10,000.00 SAR × 0.27 = 2,700.00 USD, × 90 % = 2,430.00
            amountSquaredSum: 1e12,
          },
        ],
        overdue: [{ currency: 'SAR', dealCount: 3, amountMinor: 200_000 }], // 540.00 USD
      }),
    );
    expect(forecast.wonSoFar.minor).toBe(26_660 + 27_000);
    expect(forecast.wonCount).toBe(3);
    expect(forecast.byCategory.commit.amount.minor).toBe(270_000);
    expect(forecast.weightedOpen.minor).toBe(243_000);
    expect(forecast.overdue).toEqual({ count: 3, amount: { minor: 54_000, currency: 'USD' } });
    // σ in USD cents: √(1e12 × 0.27² × 0.9 × 0.1) = 1e6 × 0.27 × 0.3 = 81,000
    expect(forecast.standardDeviation.minor).toBe(81_000);
  });

  it('lets a deal’s probability override win over its stage, and a 0 % or 100 % deal adds no spread', () => {
    const forecast = computeForecast(
      input({
        open: [
          {
            stageId: 'qualification',
            currency: 'USD',
            probabilityOverride: 100,
            dealCount: 1,
            amountMinor: 50_000,
            amountSquaredSum: 50_000 ** 2,
          },
          {
            stageId: 'qualification',
            currency: 'USD',
            probabilityOverride: 0,
            dealCount: 1,
            amountMinor: 70_000,
            amountSquaredSum: 70_000 ** 2,
          },
        ],
      }),
    );
    expect(forecast.weightedOpen.minor).toBe(50_000);
    expect(forecast.byCategory.pipeline).toMatchObject({ count: 2, amount: { minor: 120_000 } });
    expect(forecast.range.low.minor).toBe(50_000);
    expect(forecast.range.high.minor).toBe(50_000);
  });

  it('leaves out currencies without a rate and names them', () => {
    const forecast = computeForecast(
      input({
        won: [{ currency: 'EUR', day: '2026-01-10', dealCount: 1, amountMinor: 999 }],
        open: [
          {
            stageId: 'proposal',
            currency: 'SAR',
            probabilityOverride: null,
            dealCount: 1,
            amountMinor: 1000,
            amountSquaredSum: 1e6,
          },
        ],
        evaluationDay: '2025-12-01', // before the first SAR rate
      }),
    );
    expect(forecast.unconvertedCurrencies).toEqual(['EUR', 'SAR']);
    expect(forecast.expected.minor).toBe(0);
    expect(forecast.byCategory.best_case.count).toBe(1);
  });

  it('never puts the low end below what is won, and keeps low ≤ expected ≤ high', () => {
    const group = fc.record({
      stageId: fc.constantFrom('qualification', 'proposal', 'negotiation'),
      currency: fc.constantFrom('USD', 'SAR'),
      probabilityOverride: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      amounts: fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), {
        minLength: 1,
        maxLength: 4,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(group, { maxLength: 6 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        (groups, wonMinor) => {
          const forecast = computeForecast(
            input({
              won: [{ currency: 'USD', day: '2026-01-01', dealCount: 1, amountMinor: wonMinor }],
              open: groups.map((g) => ({
                stageId: g.stageId,
                currency: g.currency,
                probabilityOverride: g.probabilityOverride,
                dealCount: g.amounts.length,
                amountMinor: g.amounts.reduce((a, b) => a + b, 0),
                amountSquaredSum: g.amounts.reduce((a, b) => a + b * b, 0),
              })),
            }),
          );
          expect(forecast.expected.minor).toBeGreaterThanOrEqual(forecast.wonSoFar.minor);
          expect(forecast.range.low.minor).toBeGreaterThanOrEqual(forecast.wonSoFar.minor);
          expect(forecast.range.low.minor).toBeLessThanOrEqual(forecast.expected.minor);
          expect(forecast.range.high.minor).toBeGreaterThanOrEqual(forecast.expected.minor);
          const categories = Object.values(forecast.byCategory);
          expect(categories.reduce((sum, c) => sum + c.weighted.minor, 0)).toBe(
            forecast.weightedOpen.minor,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
