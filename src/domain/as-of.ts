import { DomainError } from './errors.js';

/**
 * Reads an "as of" instant (ISO 8601): the past or now, never the future, which history cannot
 * know. Undefined means now.
 * @example parseAsOf('2026-01-01T00:00:00Z', now) === Date.parse('2026-01-01T00:00:00Z')
 */
export function parseAsOf(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) {
    throw new DomainError('VALIDATION_FAILED', `Not an instant: ${text}`, [
      { path: ['asOf'], message: 'Expected an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z' },
    ]);
  }
  if (at > now) {
    throw new DomainError('VALIDATION_FAILED', 'asOf is in the future', [
      { path: ['asOf'], message: 'History only knows the past: use an instant up to now' },
    ]);
  }
  return at;
}
