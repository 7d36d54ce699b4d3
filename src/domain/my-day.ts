import { addDays, addMonths, dayOf, startOfDayMs } from './period.js';
import type { Role } from './permissions.js';

/** The calendar of "my day": today and this month, read in the workspace's time zone. */
export interface DayBounds {
  /** Today, `YYYY-MM-DD`. */
  day: string;
  /** The instant today starts: a task due before it is overdue. */
  todayStartMs: number;
  /** The instant tomorrow starts: a task due from today's start up to it is today's. */
  tomorrowStartMs: number;
  /** The first day of this month and of the next, `YYYY-MM-DD`: [monthStart, nextMonthStart). */
  monthStart: string;
  nextMonthStart: string;
}

/**
 * Today and this month around `now` in a time zone.
 * @example dayBounds(Date.parse('2026-03-01T20:30:00Z'), 'Asia/Riyadh') → day '2026-03-01'
 *   (23:30 in Riyadh), today from 2026-02-28T21:00Z to 2026-03-01T21:00Z, month 2026-03-01..2026-04-01
 */
export function dayBounds(now: number, timeZone: string): DayBounds {
  const day = dayOf(now, timeZone);
  return {
    day,
    todayStartMs: startOfDayMs(day, timeZone),
    tomorrowStartMs: startOfDayMs(addDays(day, 1), timeZone),
    monthStart: addMonths(day, 0),
    nextMonthStart: addMonths(day, 1),
  };
}

/**
 * Whether a role may look at someone else's day or a whole team's: managers and admins may
 * (they lead people); a rep sees their own only.
 * @example mayViewOthersDay('manager') === true; mayViewOthersDay('rep') === false
 */
export function mayViewOthersDay(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}
