import { describe, expect, it } from 'vitest';
import { parsePeriod } from './period.js';
import { nameOfPeriod } from './period-name.js';

describe('nameOfPeriod', () => {
  it('names years, quarters, months and day ranges the way parsePeriod reads them', () => {
    for (const name of [
      '2026',
      '2026-Q1',
      '2026-Q4',
      '2026-03',
      '2026-12',
      '2026-03-05..2026-03-09',
    ]) {
      expect(nameOfPeriod(parsePeriod(name))).toBe(name);
    }
    // Two months are not a named period.
    expect(nameOfPeriod({ from: '2026-01-01', to: '2026-03-01' })).toBe('2026-01-01..2026-03-01');
    // Three months not starting a quarter are not a quarter.
    expect(nameOfPeriod({ from: '2026-02-01', to: '2026-05-01' })).toBe('2026-02-01..2026-05-01');
  });
});
