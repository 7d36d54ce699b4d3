import { DomainError } from './errors.js';

/** A half-open span of calendar days [from, to) in a workspace's time zone. */
export interface Period {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Day after the last day, `YYYY-MM-DD`. */
  to: string;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsOf(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Milliseconds the zone is ahead of UTC at instant `ms` (Asia/Riyadh: +3 h). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = partsOf(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

function parseDay(day: string): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', `Not a day: ${day}`, [
      { path: ['day'], message: 'Expected YYYY-MM-DD', code: 'invalid_day' },
    ]);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The instant a calendar day starts in a time zone.
 * @example startOfDayMs('2026-03-01', 'Asia/Riyadh') === Date.parse('2026-02-28T21:00:00Z')
 */
export function startOfDayMs(day: string, timeZone: string): number {
  const [year, month, date] = parseDay(day);
  const utcMidnight = Date.UTC(year, month - 1, date);
  let instant = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  // Across a daylight-saving change the offset at the guess may differ: correct once.
  instant = utcMidnight - zoneOffsetMs(instant, timeZone);
  return instant;
}

/** The calendar day of an instant in a time zone, `YYYY-MM-DD`. */
export function dayOf(ms: number, timeZone: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The day `n` days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  const [year, month, date] = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date + n)).toISOString().slice(0, 10);
}

/** The first day of the month `n` months after the month of `day`. */
export function addMonths(day: string, n: number): string {
  const [year, month] = parseDay(day);
  return new Date(Date.UTC(year, month - 1 + n, 1)).toISOString().slice(0, 10);
}

/**
 * Reads a period name: a year `2026`, a quarter `2026-Q1`, a month `2026-03`, or a day range
 * `2026-01-01..2026-04-01` (the end excluded).
 * @example parsePeriod('2026-Q1') → { from: '2026-01-01', to: '2026-04-01' }
 */
export function parsePeriod(text: string): Period {
  const trimmed = text.trim();
  let match = /^(\d{4})$/.exec(trimmed);
  if (match) return { from: `${match[1]}-01-01`, to: `${Number(match[1]) + 1}-01-01` };
  match = /^(\d{4})-Q([1-4])$/i.exec(trimmed);
  if (match) {
    const from = `${match[1]}-${String((Number(match[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    return { from, to: addMonths(from, 3) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    const from = `${match[1]}-${match[2]}-01`;
    return { from, to: addMonths(from, 1) };
  }
  match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(trimmed);
  if (match?.[1] && match[2] && match[1] < match[2]) {
    parseDay(match[1]);
    parseDay(match[2]);
    return { from: match[1], to: match[2] };
  }
  throw new DomainError('VALIDATION_FAILED', `Not a period: ${text}`, [
    {
      path: ['period'],
      message: 'Use 2026, 2026-Q1, 2026-03 or 2026-01-01..2026-04-01',
      code: 'invalid_period',
    },
  ]);
}

/** The period's bounds as instants in a time zone: [fromMs, toMs). */
export function periodBoundsMs(period: Period, timeZone: string): { fromMs: number; toMs: number } {
  return { fromMs: startOfDayMs(period.from, timeZone), toMs: startOfDayMs(period.to, timeZone) };
}

/** The months overlapping a period, each with its bounds in the time zone. */
export function monthsOf(period: Period, timeZone: string) {
  const months: { month: string; fromMs: number; toMs: number }[] = [];
  for (let start = addMonths(period.from, 0); start < period.to; start = addMonths(start, 1)) {
    const end = addMonths(start, 1);
    months.push({
      month: start.slice(0, 7),
      fromMs: startOfDayMs(start, timeZone),
      toMs: startOfDayMs(end, timeZone),
    });
  }
  return months;
}
