import { addMonths, type Period } from './period.js';

/**
 * The shortest name `parsePeriod` reads back as the same period: a year, a quarter, a month,
 * or a day range.
 * @example nameOfPeriod({ from: '2026-01-01', to: '2026-04-01' }) === '2026-Q1'
 * @example nameOfPeriod({ from: '2026-03-01', to: '2026-04-01' }) === '2026-03'
 * @example nameOfPeriod({ from: '2026-03-05', to: '2026-03-09' }) === '2026-03-05..2026-03-09'
 */
export function nameOfPeriod(period: Period): string {
  const { from, to } = period;
  const isMonthStart = from.endsWith('-01');
  const month = Number(from.slice(5, 7));
  if (isMonthStart && month === 1 && to === addMonths(from, 12)) return from.slice(0, 4);
  if (isMonthStart && month % 3 === 1 && to === addMonths(from, 3)) {
    return `${from.slice(0, 4)}-Q${(month + 2) / 3}`;
  }
  if (isMonthStart && to === addMonths(from, 1)) return from.slice(0, 7);
  return `${from}..${to}`;
}
