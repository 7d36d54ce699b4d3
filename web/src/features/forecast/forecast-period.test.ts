import { describe, expect, it } from 'vitest';
import { currentQuarterIn, quarterOf } from './forecast-period';

describe('the forecast’s default quarter', () => {
  it('names the quarter of a day', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
  });

  it('follows the workspace’s time zone, not the browser’s clock', () => {
    const lateMarchUtc = new Date('2026-03-31T22:00:00Z');
    expect(currentQuarterIn('Asia/Riyadh', lateMarchUtc)).toBe('2026-Q2');
    expect(currentQuarterIn('UTC', lateMarchUtc)).toBe('2026-Q1');
    expect(currentQuarterIn('America/New_York', lateMarchUtc)).toBe('2026-Q1');
    // New Year's Eve in New York is already the next year's first quarter in Riyadh.
    const newYearUtc = new Date('2027-01-01T03:00:00Z');
    expect(currentQuarterIn('America/New_York', newYearUtc)).toBe('2026-Q4');
    expect(currentQuarterIn('Asia/Riyadh', newYearUtc)).toBe('2027-Q1');
  });
});
