import { describe, expect, it } from 'vitest';
import { dayBounds, mayViewOthersDay } from './my-day.js';

describe('dayBounds', () => {
  it('reads today in the time zone: 23:30 in Riyadh is still the same day', () => {
    const bounds = dayBounds(Date.parse('2026-03-01T20:30:00Z'), 'Asia/Riyadh');
    expect(bounds).toEqual({
      day: '2026-03-01',
      todayStartMs: Date.parse('2026-02-28T21:00:00Z'),
      tomorrowStartMs: Date.parse('2026-03-01T21:00:00Z'),
      monthStart: '2026-03-01',
      nextMonthStart: '2026-04-01',
    });
  });

  it('moves to the next day at local midnight, not at UTC midnight', () => {
    // 21:00 UTC on 31 March is 00:00 on 1 April in Riyadh: a new day and a new month.
    const bounds = dayBounds(Date.parse('2026-03-31T21:00:00Z'), 'Asia/Riyadh');
    expect(bounds.day).toBe('2026-04-01');
    expect(bounds.monthStart).toBe('2026-04-01');
    expect(bounds.nextMonthStart).toBe('2026-05-01');
    expect(dayBounds(Date.parse('2026-03-31T21:00:00Z'), 'UTC').day).toBe('2026-03-31');
  });

  it('gives a daylight-saving day its real length', () => {
    // New York springs forward on 8 March 2026: that day has 23 hours.
    const bounds = dayBounds(Date.parse('2026-03-08T15:00:00Z'), 'America/New_York');
    expect(bounds.day).toBe('2026-03-08');
    expect(bounds.tomorrowStartMs - bounds.todayStartMs).toBe(23 * 3_600_000);
  });

  it('ends December in the next year', () => {
    const bounds = dayBounds(Date.parse('2026-12-15T12:00:00Z'), 'Asia/Riyadh');
    expect([bounds.monthStart, bounds.nextMonthStart]).toEqual(['2026-12-01', '2027-01-01']);
  });
});

describe('mayViewOthersDay', () => {
  it('lets managers and admins look at others, not reps', () => {
    expect(mayViewOthersDay('admin')).toBe(true);
    expect(mayViewOthersDay('manager')).toBe(true);
    expect(mayViewOthersDay('rep')).toBe(false);
  });
});
