import { describe, expect, it } from 'vitest';
import { booleanCell, listCell, utcInstant, withoutFloatNoise } from './export-cells.js';

describe('cells of other CRMs’ exports', () => {
  it('reads Salesforce date-times as UTC instants, leaving days and zoned instants alone', () => {
    expect(utcInstant('2024-03-05 14:22:09')).toBe('2024-03-05T14:22:09Z');
    expect(utcInstant('2024-03-05T14:22:09.000Z')).toBe('2024-03-05T14:22:09Z');
    expect(utcInstant('2024-03-05T14:22')).toBe('2024-03-05T14:22Z');
    expect(utcInstant('2024-03-05')).toBe('2024-03-05');
    expect(utcInstant('2024-03-05T14:22:09+03:00')).toBe('2024-03-05T14:22:09+03:00');
  });

  it('reads booleans as 1/0 and true/false, anything else as unknown', () => {
    expect([booleanCell('1'), booleanCell('true'), booleanCell('TRUE')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([booleanCell('0'), booleanCell('false'), booleanCell(null)]).toEqual([
      false,
      false,
      null,
    ]);
    expect(booleanCell('maybe')).toBeNull();
  });

  it('drops a float’s noise from amounts and leaves typed decimals as they are', () => {
    expect(withoutFloatNoise('16120999.999999998')).toBe('16121000');
    expect(withoutFloatNoise('0.30000000000000004')).toBe('0.3');
    expect(withoutFloatNoise('4514.1000000000004')).toBe('4514.1');
    expect(withoutFloatNoise('12.345')).toBe('12.345');
    expect(withoutFloatNoise('10.005')).toBe('10.005');
    expect(withoutFloatNoise('abc')).toBe('abc');
  });

  it('splits lists of ids', () => {
    expect(listCell('123; 456;')).toEqual(['123', '456']);
    expect(listCell(null)).toEqual([]);
  });
});
