import { todayIn } from '../../calendar-day';

/**
 * The quarter a calendar day falls in, named as the API reads a period.
 * @example quarterOf('2026-04-01') === '2026-Q2'
 */
export function quarterOf(day: string): string {
  const [year = 1970, month = 1] = day.split('-').map(Number);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * The forecast's default period: the quarter of today in the workspace's time zone, which is
 * how the API reads a period, not in the browser's.
 * @example currentQuarterIn('Asia/Riyadh', new Date('2026-03-31T22:00:00Z')) === '2026-Q2'
 */
export function currentQuarterIn(timeZone: string, now = new Date()): string {
  return quarterOf(todayIn(timeZone, now));
}
