import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StageCurrencyGroup, totalColumns } from './board.js';

const NO_RATES: ReadonlyMap<string, string> = new Map();

function group(
  stageId: string,
  currency: string,
  probability: number,
  dealCount: number,
  amountMinor: number,
): StageCurrencyGroup {
  return { stageId, currency, probability, dealCount, amountMinor };
}

describe('totalColumns', () => {
  it('converts each currency group to the base currency and weights it (documented example)', () => {
    const totals = totalColumns(
      ['s1'],
      [group('s1', 'EUR', 50, 2, 10_000), group('s1', 'USD', 50, 1, 1_000)],
      'USD',
      new Map([['EUR', '1.1']]),
    );
    // EUR 100.00 × 1.1 = USD 110.00 (11,000) + USD 10.00 (1,000) = 12,000
    // weighted: 11,000 × 50% = 5,500 + 1,000 × 50% = 500 = 6,000
    expect(totals).toEqual([
      {
        stageId: 's1',
        count: 3,
        total: { minor: 12_000, currency: 'USD' },
        weighted: { minor: 6_000, currency: 'USD' },
        unconvertedCurrencies: [],
      },
    ]);
  });

  it('weights each group with its own probability, rounding once per group', () => {
    const totals = totalColumns(
      ['s1'],
      [group('s1', 'USD', 35, 1, 12_345), group('s1', 'USD', 90, 4, 101)],
      'USD',
      NO_RATES,
    );
    // 12,345 × 35% = 4,320.75 → 4,321; 101 × 90% = 90.9 → 91; 4,321 + 91 = 4,412
    expect(totals[0]?.total.minor).toBe(12_446); // 12,345 + 101
    expect(totals[0]?.weighted.minor).toBe(4_412);
    expect(totals[0]?.count).toBe(5);
  });

  it('converts between currencies with different exponents', () => {
    const totals = totalColumns(
      ['s1'],
      [group('s1', 'KWD', 100, 1, 1_234), group('s1', 'JPY', 20, 1, 10_000)],
      'USD',
      new Map([
        ['KWD', '3.25'],
        ['JPY', '0.0067'],
      ]),
    );
    // 1.234 KWD × 3.25 = 4.0105 USD → 401 cents
    // 10,000 JPY × 0.0067 = 67.00 USD → 6,700 cents; × 20% = 1,340
    expect(totals[0]?.total.minor).toBe(7_101); // 401 + 6,700
    expect(totals[0]?.weighted.minor).toBe(1_741); // 401 + 1,340
  });

  it('leaves out currencies without a rate, names them once, sorted, and still counts their deals', () => {
    const totals = totalColumns(
      ['s1'],
      [
        group('s1', 'USD', 50, 1, 2_000),
        group('s1', 'SAR', 50, 2, 99_999),
        group('s1', 'GBP', 10, 1, 5_000),
        group('s1', 'SAR', 90, 1, 1),
      ],
      'USD',
      NO_RATES,
    );
    expect(totals[0]).toEqual({
      stageId: 's1',
      count: 5, // 1 + 2 + 1 + 1: the deals exist even if their amounts cannot be added
      total: { minor: 2_000, currency: 'USD' },
      weighted: { minor: 1_000, currency: 'USD' }, // 2,000 × 50%
      unconvertedCurrencies: ['GBP', 'SAR'],
    });
  });

  it('uses rate 1 for the base currency even when the rate table says otherwise', () => {
    const totals = totalColumns(
      ['s1'],
      [group('s1', 'USD', 100, 1, 500)],
      'USD',
      new Map([['USD', '2']]),
    );
    expect(totals[0]?.total.minor).toBe(500);
  });

  it('gives an empty column zeros in the base currency, in the order of the stage ids', () => {
    const totals = totalColumns(
      ['s3', 's1', 's2'],
      [group('s1', 'SAR', 20, 1, 1_000), group('other-pipeline', 'SAR', 20, 9, 9_000)],
      'SAR',
      NO_RATES,
    );
    expect(totals.map((t) => t.stageId)).toEqual(['s3', 's1', 's2']);
    const empty = {
      count: 0,
      total: { minor: 0, currency: 'SAR' },
      weighted: { minor: 0, currency: 'SAR' },
      unconvertedCurrencies: [],
    };
    expect(totals[0]).toEqual({ stageId: 's3', ...empty });
    expect(totals[2]).toEqual({ stageId: 's2', ...empty });
    // The group of a stage not on the board is ignored: s1 has 1 deal, 1,000 × 20% = 200.
    expect(totals[1]).toMatchObject({
      count: 1,
      total: { minor: 1_000 },
      weighted: { minor: 200 },
    });
  });

  it('returns no columns for no stages', () => {
    expect(totalColumns([], [group('s1', 'USD', 50, 1, 100)], 'USD', NO_RATES)).toEqual([]);
  });

  it('property: weighted ≤ total, both ≥ 0, when amounts ≥ 0 and probabilities are in [0, 100]', () => {
    const rates = new Map([
      ['EUR', '1.0843'],
      ['SAR', '0.2666'],
      ['KWD', '3.2531'],
      ['JPY', '0.0067'],
    ]);
    const groupArb = fc.record({
      stageId: fc.constantFrom('s1', 's2', 's3'),
      currency: fc.constantFrom('USD', 'EUR', 'SAR', 'KWD', 'JPY', 'GBP'),
      probability: fc.integer({ min: 0, max: 100 }),
      dealCount: fc.integer({ min: 1, max: 50 }),
      amountMinor: fc.integer({ min: 0, max: 1e10 }),
    });
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 30 }), (groups) => {
        for (const column of totalColumns(['s1', 's2', 's3'], groups, 'USD', rates)) {
          expect(column.weighted.minor).toBeGreaterThanOrEqual(0);
          expect(column.weighted.minor).toBeLessThanOrEqual(column.total.minor);
          const own = groups.filter((g) => g.stageId === column.stageId);
          expect(column.count).toBe(own.reduce((sum, g) => sum + g.dealCount, 0));
          expect(column.unconvertedCurrencies).toEqual(
            own.some((g) => g.currency === 'GBP') ? ['GBP'] : [],
          );
        }
      }),
    );
  });

  it('property: at probability 100 weighted equals total, at 0 it is zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 10 }),
        fc.constantFrom(0, 100),
        (amounts, probability) => {
          const groups = amounts.map((a) => group('s1', 'EUR', probability, 1, a));
          const [column] = totalColumns(['s1'], groups, 'USD', new Map([['EUR', '1.0843']]));
          expect(column?.weighted.minor).toBe(probability === 100 ? column?.total.minor : 0);
        },
      ),
    );
  });
});
