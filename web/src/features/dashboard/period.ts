import { addDays, addMonths } from '../../calendar-day';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Days [from, to): `to` is the day after the last, as the API reads a period. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * The month, quarter or year that contains `today`.
 * @example currentPeriod('quarter', '2026-11-26') → { from: '2026-10-01', to: '2027-01-01' }
 */
export function currentPeriod(kind: Exclude<PeriodKind, 'custom'>, today: string): DayRange {
  const [year = 1970, month = 1] = today.split('-').map(Number);
  switch (kind) {
    case 'month': {
      const from = `${today.slice(0, 7)}-01`;
      return { from, to: addMonths(from, 1) };
    }
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      const from = `${year}-${String(first).padStart(2, '0')}-01`;
      return { from, to: addMonths(from, 3) };
    }
    case 'year':
      return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  }
}

/**
 * A custom period from its first and last day, both included, as a person picks them;
 * null until both are days and the last is not before the first.
 * @example customPeriod('2026-01-01', '2026-03-31') → { from: '2026-01-01', to: '2026-04-01' }
 */
export function customPeriod(first: string, last: string): DayRange | null {
  const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!isDay(first) || !isDay(last) || last < first) return null;
  return { from: first, to: addDays(last, 1) };
}

export function isPeriodKind(text: string): text is PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(text);
}
