import { DomainError } from './errors.js';
import { divideRounded } from './money.js';

/** Basis points in a whole: a discount of 10000 bp is 100 %. */
export const FULL_DISCOUNT_BP = 10_000;

/** A deal's line as the total is computed from it: whole units, minor units, basis points. */
export interface PricedLine {
  /** A whole number of units, at least 1. */
  quantity: number;
  /** Price of one unit in minor units of the deal's currency. */
  unitPriceMinor: number;
  /** The discount in basis points of a percent (1250 = 12.5 %), 0 to 10000. */
  discountBp: number;
}

/**
 * A discount percent as basis points, exactly: at most two decimals, from 0 to 100.
 * @example discountBasisPoints(12.5) === 1250; discountBasisPoints(0.01) === 1
 * @example discountBasisPoints(12.345) → undefined (a third decimal); discountBasisPoints(101) → undefined
 */
export function discountBasisPoints(percent: number): number | undefined {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return undefined;
  const bp = Math.round(percent * 100);
  // 12.5 * 100 is 1250 exactly, 0.07 * 100 is 7.000000000000001: allow float noise, not digits.
  return Math.abs(percent * 100 - bp) < 1e-6 ? bp : undefined;
}

/** @example percentOfBasisPoints(1250) === 12.5 */
export function percentOfBasisPoints(bp: number): number {
  return bp / 100;
}

/**
 * A line's total: quantity × unit price × (1 − discount), in exact integers, rounded once to
 * the minor unit, half away from zero (the rounding people expect on an invoice).
 * @example lineTotalMinor({ quantity: 3, unitPriceMinor: 333, discountBp: 1000 }) === 899n // 899.1
 * @example lineTotalMinor({ quantity: 1, unitPriceMinor: 5, discountBp: 5000 }) === 3n // 2.5 → 3
 */
export function lineTotalMinor(line: PricedLine): bigint {
  return divideRounded(
    BigInt(line.quantity) *
      BigInt(line.unitPriceMinor) *
      BigInt(FULL_DISCOUNT_BP - line.discountBp),
    BigInt(FULL_DISCOUNT_BP),
  );
}

function tooLarge(path: (string | number)[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The items add up to more than an amount can hold', [
    {
      path,
      message: 'Larger than the largest amount (2^53 − 1 minor units)',
      code: 'amount_too_large',
    },
  ]);
}

/**
 * Each line's total and their sum (the sum of the rounded lines, as an invoice adds them), as
 * safe integers; a line or a sum beyond 2^53 − 1 minor units is a field error (400).
 * @example totalOfLines([{ quantity: 2, unitPriceMinor: 1000, discountBp: 0 },
 *   { quantity: 1, unitPriceMinor: 999, discountBp: 5000 }]) → { lineTotals: [2000, 500], totalMinor: 2500 }
 */
export function totalOfLines(lines: readonly PricedLine[]): {
  lineTotals: number[];
  totalMinor: number;
} {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  let total = 0n;
  const lineTotals = lines.map((line, index) => {
    const lineTotal = lineTotalMinor(line);
    if (lineTotal > max) throw tooLarge(['items', index, 'unitPriceMinor']);
    total += lineTotal;
    return Number(lineTotal);
  });
  if (total > max) throw tooLarge(['items']);
  return { lineTotals, totalMinor: Number(total) };
}
