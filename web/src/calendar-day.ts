/**
 * Calendar days (YYYY-MM-DD) in the workspace's time zone: the periods and "as of" days the API
 * reads. A day's arithmetic is done in UTC, where every day has 24 hours.
 */
const DAY_MS = 86_400_000;

function partsIn(at: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]));
}

function dayOfUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** @example todayIn('Asia/Riyadh', new Date('2026-03-31T22:00:00Z')) === '2026-04-01' */
export function todayIn(timeZone: string, now = new Date()): string {
  const p = partsIn(now, timeZone);
  return dayOfUtc(Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1));
}

/** @example addDays('2026-02-28', 1) === '2026-03-01' */
export function addDays(day: string, days: number): string {
  return dayOfUtc(utcOf(day) + days * DAY_MS);
}

/** The first day of the month `months` after the month of `day`. @example addMonths('2026-11-15', 2) === '2027-01-01' */
export function addMonths(day: string, months: number): string {
  const [year = 1970, month = 1] = day.split('-').map(Number);
  return dayOfUtc(Date.UTC(year, month - 1 + months, 1));
}

/** How far `timeZone`'s wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsIn(new Date(ms), timeZone);
  const wall = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a day starts in a time zone, as ISO 8601 (what the API's `asOf` takes); the second
 * look at the offset catches a daylight-saving change between UTC midnight and local midnight.
 * @example startOfDayInstant('2026-03-01', 'Asia/Riyadh') === '2026-02-28T21:00:00.000Z'
 */
export function startOfDayInstant(day: string, timeZone: string): string {
  const wallMidnight = utcOf(day);
  const guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  return new Date(wallMidnight - offsetAt(guess, timeZone)).toISOString();
}
