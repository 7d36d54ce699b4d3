import { describe, expect, it } from 'vitest';
import { addDays, addMonths, startOfDayInstant, todayIn } from './calendar-day';

describe('calendar days in a time zone', () => {
  it('knows the local day of an instant', () => {
    const lateMarch = new Date('2026-03-31T22:00:00Z');
    expect(todayIn('Asia/Riyadh', lateMarch)).toBe('2026-04-01');
    expect(todayIn('UTC', lateMarch)).toBe('2026-03-31');
    expect(todayIn('America/New_York', new Date('2026-01-01T03:00:00Z'))).toBe('2025-12-31');
  });

  it('adds days and months across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
  });

  it('finds the instant a day starts, daylight saving included', () => {
    expect(startOfDayInstant('2026-03-01', 'Asia/Riyadh')).toBe('2026-02-28T21:00:00.000Z');
    expect(startOfDayInstant('2026-03-01', 'UTC')).toBe('2026-03-01T00:00:00.000Z');
    // Berlin: winter +1, summer +2; the clocks change on 29 March 2026.
    expect(startOfDayInstant('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayInstant('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayInstant('2026-07-01', 'America/Los_Angeles')).toBe('2026-07-01T07:00:00.000Z');
  });
});
