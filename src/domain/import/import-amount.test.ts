import { describe, expect, it } from 'vitest';
import { canonicalAmount, hasExcessPrecision } from './import-amount.js';

describe('canonicalAmount', () => {
  it.each([
    ['12500', '.', '12500'],
    ['12,500.00', '.', '12500.00'],
    ['1,234,567.5', '.', '1234567.5'],
    ['$ 4,514', '.', '4514'],
    ['4514 USD', '.', '4514'],
    ['١٢٬٥٠٠٫٧٥', '.', '12500.75'],
    ['١٢٥٠٠', '.', '12500'],
    ['۴۵۰۰', '.', '4500'],
    ['12.500,00 €', ',', '12500.00'],
    ['1 234,5', ',', '1234.5'],
    ['12 500', '.', '12500'],
    ["1'250.00", '.', '1250.00'],
    ['(1,200)', '.', '-1200'],
    ['-75.5', '.', '-75.5'],
    ['١٬٢٠٠ ر.س', '.', '1200'],
  ] as const)('%s with "%s" decimals is %s', (text, decimal, plain) => {
    expect(canonicalAmount(text, decimal)).toEqual({ ok: true, text: plain });
  });

  it.each([
    ['1,5', '.'],
    ['12,50', '.'],
    ['1.234.56', '.'],
    ['12x', '.'],
    ['', '.'],
    ['1.5.0', ','],
    ['1,2,3', ','],
  ] as const)('refuses %s with "%s" decimals, naming the declaration', (text, decimal) => {
    const parsed = canonicalAmount(text, decimal);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(/not an amount/);
  });

  it('tells a decimal comma from thousands by the groups of three', () => {
    expect(canonicalAmount('1,5', ',')).toEqual({ ok: true, text: '1.5' });
    expect(canonicalAmount('1,500', '.')).toEqual({ ok: true, text: '1500' });
  });
});

describe('hasExcessPrecision', () => {
  it('flags decimals beyond the minor unit, not trailing zeros', () => {
    expect(hasExcessPrecision('12.345', 2)).toBe(true);
    expect(hasExcessPrecision('12.340', 2)).toBe(false);
    expect(hasExcessPrecision('12.5', 0)).toBe(true);
    expect(hasExcessPrecision('12.125', 3)).toBe(false);
    expect(hasExcessPrecision('12', 2)).toBe(false);
  });
});
