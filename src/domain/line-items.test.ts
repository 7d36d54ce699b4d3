import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  discountBasisPoints,
  lineTotalMinor,
  percentOfBasisPoints,
  totalOfLines,
} from './line-items.js';

describe('discountBasisPoints', () => {
  it('reads percents with up to two decimals exactly', () => {
    expect(discountBasisPoints(0)).toBe(0);
    expect(discountBasisPoints(12.5)).toBe(1250);
    expect(discountBasisPoints(0.07)).toBe(7); // 0.07 * 100 is 7.000000000000001 in floats
    expect(discountBasisPoints(33.33)).toBe(3333);
    expect(discountBasisPoints(100)).toBe(10_000);
  });

  it('refuses a third decimal, a negative, more than 100 and non-numbers', () => {
    for (const bad of [12.345, 0.001, -1, -0.01, 100.01, 101, Number.NaN, Infinity]) {
      expect(discountBasisPoints(bad), String(bad)).toBeUndefined();
    }
  });

  it('round-trips through percentOfBasisPoints for every two-decimal percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(discountBasisPoints(percentOfBasisPoints(bp))).toBe(bp);
      }),
    );
  });
});

describe('lineTotalMinor', () => {
  it('multiplies quantity by unit price and takes the discount off, rounding once', () => {
    expect(lineTotalMinor({ quantity: 3, unitPriceMinor: 10_000, discountBp: 0 })).toBe(30_000n);
    // 3 × 3.33 × 0.9 = 8.991 → 8.99
    expect(lineTotalMinor({ quantity: 3, unitPriceMinor: 333, discountBp: 1000 })).toBe(899n);
    // 0.05 × 0.5 = 0.025 → half away from zero → 0.03
    expect(lineTotalMinor({ quantity: 1, unitPriceMinor: 5, discountBp: 5000 })).toBe(3n);
    // 7 × 0.99 × 0.8765 = 6.074145 → 6.07
    expect(lineTotalMinor({ quantity: 7, unitPriceMinor: 99, discountBp: 1235 })).toBe(607n);
    expect(lineTotalMinor({ quantity: 5, unitPriceMinor: 1234, discountBp: 10_000 })).toBe(0n);
  });

  it('stays exact where floating point would not', () => {
    // 9 × 999,999,999,999,999 × 0.6667 = 6,000,299,999,999,993.9997 minor units → …994;
    // in floating point the product is already …995.
    const line = { quantity: 9, unitPriceMinor: 999_999_999_999_999, discountBp: 3333 };
    expect(Math.round(9 * 999_999_999_999_999 * (1 - 3333 / 10_000))).toBe(6_000_299_999_999_995);
    expect(lineTotalMinor(line)).toBe(6_000_299_999_999_994n);
  });

  it('is never more than the undiscounted amount and never less than zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (quantity, unitPriceMinor, discountBp) => {
          const total = lineTotalMinor({ quantity, unitPriceMinor, discountBp });
          expect(total >= 0n).toBe(true);
          expect(total <= BigInt(quantity) * BigInt(unitPriceMinor)).toBe(true);
        },
      ),
    );
  });
});

describe('totalOfLines', () => {
  it('adds the rounded lines', () => {
    expect(
      totalOfLines([
        { quantity: 2, unitPriceMinor: 1000, discountBp: 0 },
        { quantity: 1, unitPriceMinor: 999, discountBp: 5000 }, // 4.995 → 5.00
      ]),
    ).toEqual({ lineTotals: [2000, 500], totalMinor: 2500 });
    expect(totalOfLines([])).toEqual({ lineTotals: [], totalMinor: 0 });
  });

  it('refuses a line or a sum beyond the safe integer range, naming the field', () => {
    const huge = { quantity: 1000, unitPriceMinor: Number.MAX_SAFE_INTEGER, discountBp: 0 };
    const half = { quantity: 1, unitPriceMinor: 2 ** 52, discountBp: 0 };
    const cases: [Parameters<typeof totalOfLines>[0], (string | number)[]][] = [
      [
        [{ quantity: 1, unitPriceMinor: 1, discountBp: 0 }, huge],
        ['items', 1, 'unitPriceMinor'],
      ],
      [[half, half], ['items']],
    ];
    for (const [lines, path] of cases) {
      let error: unknown;
      try {
        totalOfLines(lines);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual([
        expect.objectContaining({ path, code: 'amount_too_large' }),
      ]);
    }
  });
});
