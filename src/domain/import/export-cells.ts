/**
 * How other CRMs write values in their exports, read into what the importer understands:
 * Salesforce's UTC instants without a zone, booleans as 1/0 or true/false, amounts with the
 * binary noise of a float (16120999.999999998), HubSpot's and Salesforce's lists of ids.
 */

import { startOfDayMs } from '../period.js';
import { parseImportDate } from './import-date.js';

const INSTANT_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/;

/**
 * A date-time Salesforce wrote (always UTC, often without saying so) as an ISO instant in UTC;
 * anything else unchanged.
 * @example utcInstant('2024-03-05 14:22:09') === '2024-03-05T14:22:09Z'
 * @example utcInstant('2024-03-05') === '2024-03-05'
 */
export function utcInstant(text: string): string {
  const match = INSTANT_WITHOUT_ZONE.exec(text.trim());
  if (!match) return text.endsWith('.000Z') ? text.replace('.000Z', 'Z') : text;
  return `${match[1]}T${match[2]}Z`;
}

/**
 * A boolean as exports write it; null when the text is none of them.
 * @example booleanCell('1') === true; booleanCell('FALSE') === false; booleanCell('x') === null
 */
export function booleanCell(text: string | null): boolean | null {
  if (text === null) return null;
  const t = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y'].includes(t)) return true;
  if (['0', 'false', 'no', 'n', ''].includes(t)) return false;
  return null;
}

/** More fraction digits than this is a float's noise, not someone's amount. */
const NOISE_DIGITS = 9;

/**
 * An amount without the noise a float adds when another system stores money as binary
 * floating point: read to 15 significant digits (all a double holds), trailing zeros dropped.
 * Only texts with a long fraction are touched, so an amount someone typed is never rounded.
 * @example withoutFloatNoise('16120999.999999998') === '16121000'
 * @example withoutFloatNoise('0.30000000000000004') === '0.3'
 * @example withoutFloatNoise('12.345') === '12.345'
 */
export function withoutFloatNoise(text: string): string {
  const match = /^(-?)(\d+)\.(\d+)$/.exec(text.trim());
  if (!match || (match[3] ?? '').length < NOISE_DIGITS) return text;
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const precise = Number(value.toPrecision(15));
  const plain = precise.toFixed(
    Math.max(0, 15 - Math.floor(Math.log10(Math.abs(precise) || 1)) - 1),
  );
  return plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain;
}

/**
 * A cell holding several ids or names (HubSpot writes `123;456`, Salesforce none): the list.
 * @example listCell('123; 456') → ['123', '456']
 */
export function listCell(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * An instant as HubSpot and Pipedrive write it: with a zone when it says one, else in the
 * account's time zone (a day alone is its midnight there); null when empty or not a date.
 * @example localInstant('2026-01-10 11:15', 'Asia/Riyadh') === Date.parse('2026-01-10T08:15:00Z')
 */
export function localInstant(text: string | null, timeZone: string): number | null {
  if (text === null || text.trim() === '') return null;
  const parsed = parseImportDate(text.trim(), 'iso');
  if (!parsed.ok) return null;
  const { day, minutes, instantMs } = parsed.value;
  return instantMs ?? startOfDayMs(day, timeZone) + (minutes ?? 0) * 60_000;
}
