import { describe, expect, it } from 'vitest';
import { currentPeriod, customPeriod } from './period';

describe('dashboard periods', () => {
  it('finds the month, quarter and year of today', () => {
    expect(currentPeriod('month', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(currentPeriod('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(currentPeriod('quarter', '2026-11-26')).toEqual({
      from: '2026-10-01',
      to: '2027-01-01',
    });
    expect(currentPeriod('quarter', '2026-01-01')).toEqual({
      from: '2026-01-01',
      to: '2026-04-01',
    });
    expect(currentPeriod('quarter', '2026-06-30')).toEqual({
      from: '2026-04-01',
      to: '2026-07-01',
    });
    expect(currentPeriod('year', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });

  it('turns a custom first and last day into [from, to)', () => {
    expect(customPeriod('2026-01-01', '2026-03-31')).toEqual({
      from: '2026-01-01',
      to: '2026-04-01',
    });
    expect(customPeriod('2026-02-10', '2026-02-10')).toEqual({
      from: '2026-02-10',
      to: '2026-02-11',
    });
    expect(customPeriod('2026-03-01', '2026-02-01')).toBeNull();
    expect(customPeriod('', '2026-02-01')).toBeNull();
  });
});
