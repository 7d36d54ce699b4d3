import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDay } from './format';

// A browser west of UTC: 2026-12-20 read as an instant is midnight UTC, still 19 December here.
// The zone is set before anything formats and put back after, since test files share a process.
const browserZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (browserZone === undefined) delete process.env.TZ;
  else process.env.TZ = browserZone;
});

describe('calendar days in a browser west of UTC', () => {
  it('runs where the local day of a day’s UTC midnight is the day before', () => {
    expect(new Date('2026-12-20').getDate()).toBe(19);
  });

  it('shows an expected close date as that very day', () => {
    expect(formatDay('2026-12-20', 'en')).toBe('Dec 20, 2026');
    expect(formatDay('2026-01-01', 'en')).toBe('Jan 1, 2026');
    expect(formatDay('2026-12-20', 'ar')).toContain('٢٠');
  });

  it('gives the Hijri form of that day, not of the day before', () => {
    // 20 December 2026 is 11 Rajab 1448 in the Umm al-Qura calendar.
    expect(formatDay('2026-12-20', 'en', true)).toBe('Dec 20, 2026 (Raj. 11, 1448 AH)');
  });

  it('reads a bare day given to formatDate as that day, and an instant in the local zone', () => {
    expect(formatDate('2026-12-20', 'en')).toBe('Dec 20, 2026');
    expect(formatDate('2026-12-20', 'en', true)).toBe('Dec 20, 2026 (Raj. 11, 1448 AH)');
    expect(formatDate('2026-12-20T03:00:00Z', 'en')).toBe('Dec 19, 2026');
  });
});
