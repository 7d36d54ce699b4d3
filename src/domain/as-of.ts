import { DomainError } from './errors.js';
import { startOfDayMs } from './period.js';

/**
 * Reads an "as of" instant, the same way for the board, metrics, forecast and probabilities: an
 * ISO 8601 date-time with a zone (`2026-03-01T12:00:00Z`), or a day `YYYY-MM-DD`, meaning the
 * start of that day in the workspace's time zone. The past or now only: history cannot know the
 * future. Undefined means now.
 * @example parseAsOf('2026-03-01', 'Asia/Riyadh', now) === Date.parse('2026-02-28T21:00:00Z')
 * @example parseAsOf('2026-03-01T12:00:00+03:00', 'UTC', now) === Date.parse('2026-03-01T09:00:00Z')
 */
export function parseAsOf(
  text: string | undefined,
  timeZone: string,
  now: number,
): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const isZoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
    ? startOfDayMs(trimmed, timeZone)
    : isZoned.test(trimmed)
      ? Date.parse(trimmed)
      : Number.NaN;
  if (Number.isNaN(at)) {
    throw new DomainError('VALIDATION_FAILED', `Not an instant: ${text}`, [
      {
        path: ['asOf'],
        message: 'Use YYYY-MM-DD or an ISO 8601 date-time with a zone',
        code: 'invalid_as_of',
      },
    ]);
  }
  if (at > now) {
    throw new DomainError('VALIDATION_FAILED', 'asOf is in the future', [
      {
        path: ['asOf'],
        message: 'History only knows the past: use an instant up to now',
        code: 'future_as_of',
      },
    ]);
  }
  return at;
}
