import { type Random, randomInt } from './random.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The demo team works Sunday to Thursday, 08:00–18:00 Gulf time (05:00–15:00 UTC). */
const FIRST_WORK_HOUR_UTC = 5;
const WORK_MINUTES = 10 * 60;
const FRIDAY = 5;
const SATURDAY = 6;

/**
 * A working moment at or after `at`: a random time within the working hours of the same day,
 * or of the next working day when that would be earlier than `at` or on a weekend.
 * @example toWorkingTime(r, Date.parse('2026-03-06T10:00Z')) (a Friday) → Sunday 8 March, 05:00–15:00 UTC
 */
export function toWorkingTime(random: Random, at: number): number {
  const offset = FIRST_WORK_HOUR_UTC * HOUR_MS + randomInt(random, 0, WORK_MINUTES) * MINUTE_MS;
  let day = Math.floor(at / DAY_MS) * DAY_MS;
  for (;;) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== FRIDAY && weekday !== SATURDAY && day + offset >= at) return day + offset;
    day += DAY_MS;
  }
}

/** The calendar day of an instant, as `YYYY-MM-DD` (UTC). */
export function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The same instant `months` calendar months earlier (clamped to the month's last day).
 * @example monthsBefore(Date.parse('2026-08-31T09:00Z'), 6) → 2026-02-28T09:00Z
 */
export function monthsBefore(at: number, months: number): number {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** The first day of every month from `from`'s month to `to`'s month, as `YYYY-MM-01`. */
export function firstDaysOfMonths(from: number, to: number): string[] {
  const days: string[] = [];
  const start = new Date(from);
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  while (cursor.getTime() <= to) {
    days.push(isoDay(cursor.getTime()));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return days;
}
