import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { backtestPeriods, forecastAccuracy, summarizeBacktest } from './backtest.js';

describe('backtestPeriods', () => {
  it('lists the months of a half-open range', () => {
    const months = backtestPeriods('2025-01-01', '2026-01-01', 'month');
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ from: '2025-01-01', to: '2025-02-01' });
    expect(months.at(-1)).toEqual({ from: '2025-12-01', to: '2026-01-01' });
  });

  it('aligns quarters to the calendar quarter containing the start', () => {
    expect(backtestPeriods('2025-02-01', '2025-07-01', 'quarter')).toEqual([
      { from: '2025-01-01', to: '2025-04-01' },
      { from: '2025-04-01', to: '2025-07-01' },
    ]);
    expect(backtestPeriods('2025-01-01', '2025-01-01', 'quarter')).toEqual([]);
  });

  it('refuses more than 60 periods', () => {
    expect(() => backtestPeriods('2000-01-01', '2026-01-01', 'month')).toThrow(DomainError);
  });
});

describe('forecastAccuracy', () => {
  it('is 1 − |actual − forecast| / actual, floored at 0, null when nothing was won', () => {
    expect(forecastAccuracy(10_000, 8_000)).toBeCloseTo(0.8, 12);
    expect(forecastAccuracy(10_000, 12_000)).toBeCloseTo(0.8, 12);
    expect(forecastAccuracy(10_000, 10_000)).toBe(1);
    expect(forecastAccuracy(10_000, 25_000)).toBe(0);
    expect(forecastAccuracy(0, 5_000)).toBeNull();
  });
});

describe('summarizeBacktest', () => {
  it('reports the mean accuracy and the weighted one', () => {
    const summary = summarizeBacktest([
      { actualMinor: 100, forecastMinor: 80 }, // 0.8
      { actualMinor: 300, forecastMinor: 330 }, // 0.9
      { actualMinor: 0, forecastMinor: 50 }, // null, but its error counts in the weighted one
    ]);
    expect(summary.meanAccuracy).toBeCloseTo(0.85, 12);
    // Σ|err| = 20 + 30 + 50 = 100; Σ actual = 400 → 0.25
    expect(summary.weightedError).toBeCloseTo(0.25, 12);
    expect(summary.weightedAccuracy).toBeCloseTo(0.75, 12);
    expect(summary.periodsScored).toBe(2);
  });

  it('has nothing to say when nothing was ever won', () => {
    expect(summarizeBacktest([{ actualMinor: 0, forecastMinor: 0 }])).toEqual({
      meanAccuracy: null,
      weightedError: null,
      weightedAccuracy: null,
      periodsScored: 0,
    });
  });
});
