import { describe, expect, it } from 'vitest';
import { addDays, dayOf, monthsOf, parsePeriod, periodBoundsMs, startOfDayMs } from './period.js';

describe('periods in a workspace time zone', () => {
  it('starts days at local midnight', () => {
    // Riyadh is UTC+3 all year: local midnight of 1 March is 21:00 UTC the day before.
    expect(startOfDayMs('2026-03-01', 'Asia/Riyadh')).toBe(Date.parse('2026-02-28T21:00:00Z'));
    expect(startOfDayMs('2026-03-01', 'UTC')).toBe(Date.parse('2026-03-01T00:00:00Z'));
    // New York: EST (UTC-5) in January, EDT (UTC-4) after 8 March 2026.
    expect(startOfDayMs('2026-01-15', 'America/New_York')).toBe(Date.parse('2026-01-15T05:00:00Z'));
    expect(startOfDayMs('2026-03-09', 'America/New_York')).toBe(Date.parse('2026-03-09T04:00:00Z'));
  });

  it('tells the local day of an instant', () => {
    expect(dayOf(Date.parse('2026-02-28T21:30:00Z'), 'Asia/Riyadh')).toBe('2026-03-01');
    expect(dayOf(Date.parse('2026-02-28T21:30:00Z'), 'UTC')).toBe('2026-02-28');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('reads years, quarters, months and day ranges, and refuses the rest', () => {
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(parsePeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(parsePeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(parsePeriod('2026-01-10..2026-02-10')).toEqual({ from: '2026-01-10', to: '2026-02-10' });
    for (const bad of ['2026-Q5', '2026-13', 'Q1', '2026-02-10..2026-01-10', '']) {
      expect(() => parsePeriod(bad), bad).toThrow(/Not a period/);
    }
  });

  it('splits a period into local months', () => {
    const months = monthsOf(parsePeriod('2026-Q1'), 'Asia/Riyadh');
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(months[1]?.fromMs).toBe(Date.parse('2026-01-31T21:00:00Z'));
    const bounds = periodBoundsMs(parsePeriod('2026-Q1'), 'Asia/Riyadh');
    expect(bounds.toMs).toBe(months[2]?.toMs);
  });
});
