import { describe, expect, it } from 'vitest';
import { formatMinorUnits } from './decimal-amount.js';

describe('formatMinorUnits', () => {
  it.each([
    [123456, 2, '1234.56'],
    [5, 2, '0.05'],
    [5, 3, '0.005'],
    [0, 2, '0.00'],
    [1500, 0, '1500'],
    [-150, 2, '-1.50'],
    [Number.MAX_SAFE_INTEGER, 2, '90071992547409.91'],
  ])('%i minor units with %i digits is %s', (minor, exponent, text) => {
    expect(formatMinorUnits(minor, exponent)).toBe(text);
  });

  it('refuses a fraction of a minor unit', () => {
    expect(() => formatMinorUnits(1.5, 2)).toThrow(RangeError);
  });
});
