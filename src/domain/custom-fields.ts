/**
 * Custom fields: typed fields an admin adds to deals, companies or contacts. This module holds
 * their rules without I/O — what each type accepts, how a value is stored (one row per value in
 * `custom_field_values`: text in `value_text`, numbers in `value_number`) and read back, and how
 * a list filter (`cf.<key>.<op>=<value>`) becomes a condition on those columns. See
 * docs/custom-fields.md.
 */
import { isKnownCurrency } from './money.js';

export const CUSTOM_FIELD_RECORD_KINDS = ['deal', 'company', 'contact'] as const;
export type CustomFieldRecordKind = (typeof CUSTOM_FIELD_RECORD_KINDS)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'money',
  'date',
  'single_select',
  'multi_select',
  'checkbox',
  'url',
  'person',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A field's key: what the API, filters (`cf.<key>`) and imports (`customFields.<key>`) name. */
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** An option's key: what a select value holds, stable however its labels change. */
export const OPTION_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,59}$/;
/** Text and URL values: short enough for every database's index entries (4 bytes a letter). */
export const MAX_TEXT_LENGTH = 500;
export const MAX_OPTIONS = 200;
/** Fields per record kind in one workspace. */
export const MAX_FIELDS_PER_KIND = 100;

export function isSelectType(type: CustomFieldType): boolean {
  return type === 'single_select' || type === 'multi_select';
}

export interface CustomFieldOption {
  key: string;
  labelEn: string;
  labelAr: string;
  /** An archived option is no longer offered; values that hold it keep it. */
  archivedAt: number | null;
}

/** What the value rules need of a field. */
export interface CustomFieldRule {
  key: string;
  type: CustomFieldType;
  options: readonly CustomFieldOption[];
}

export interface MoneyValue {
  amountMinor: number;
  currency: string;
}

/** A value as the API shows and takes it; null when the record has none. */
export type CustomFieldValue = string | number | boolean | string[] | MoneyValue | null;

/** One stored row of a value; a multi-select has one per option chosen, in order. */
export interface StoredCustomValue {
  ordinal: number;
  text: string | null;
  number: number | null;
}

export interface CustomFieldIssue {
  code: string;
  message: string;
}

export type StoredValuesCheck =
  | { ok: true; rows: StoredCustomValue[] }
  | { ok: false; issue: CustomFieldIssue };

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a text is a real calendar day written YYYY-MM-DD.
 * @example isCalendarDay('2026-02-28') === true; isCalendarDay('2026-02-30') === false
 */
export function isCalendarDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * Whether a text is an absolute http or https address with a host.
 * @example isWebAddress('https://acme.com/pricing') === true; isWebAddress('javascript:alert(1)') === false
 */
export function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const fail = (code: string, message: string): StoredValuesCheck => ({
  ok: false,
  issue: { code, message },
});
const one = (text: string | null, number: number | null): StoredValuesCheck => ({
  ok: true,
  rows: [{ ordinal: 0, text, number }],
});
const NONE: StoredValuesCheck = { ok: true, rows: [] };

const TYPE_WORDS: Record<CustomFieldType, string> = {
  text: 'a text',
  number: 'a number',
  money: 'an amount: { "amountMinor": integer, "currency": "USD" }',
  date: 'a day written YYYY-MM-DD',
  single_select: 'the key of one of its options',
  multi_select: 'a list of keys of its options',
  checkbox: 'true or false',
  url: 'an http or https address',
  person: 'the id of a member of the workspace',
};

function wrongType(field: CustomFieldRule): StoredValuesCheck {
  return fail('custom_field_invalid', `"${field.key}" takes ${TYPE_WORDS[field.type]}`);
}

/**
 * Checks an option key against a select field: it must be one of its options, and not an
 * archived one unless the record already holds it (`held`).
 */
function optionIssue(
  field: CustomFieldRule,
  key: string,
  held: ReadonlySet<string>,
): CustomFieldIssue | null {
  const option = field.options.find((o) => o.key === key);
  if (!option) {
    const keys = field.options.filter((o) => o.archivedAt === null).map((o) => o.key);
    return {
      code: 'custom_field_option_unknown',
      message: `"${key}" is not an option of "${field.key}" (options: ${keys.join(', ')})`,
    };
  }
  if (option.archivedAt !== null && !held.has(key)) {
    return {
      code: 'custom_field_option_archived',
      message: `The option "${key}" of "${field.key}" is archived`,
    };
  }
  return null;
}

/**
 * The rows that store `value` for `field`, or why it does not fit. Null (and an empty text or
 * list) stores nothing: the record has no value. `current` is what the record holds now, so an
 * archived option it already holds may be sent again.
 * @example storedValuesOf({ key: 'seats', type: 'number', options: [] }, 12)
 *   → { ok: true, rows: [{ ordinal: 0, text: null, number: 12 }] }
 */
export function storedValuesOf(
  field: CustomFieldRule,
  value: unknown,
  current: readonly StoredCustomValue[] = [],
): StoredValuesCheck {
  if (value === null || value === undefined) return NONE;
  const held = new Set(current.flatMap((r) => (r.text === null ? [] : [r.text])));
  switch (field.type) {
    case 'text':
    case 'url':
    case 'person':
    case 'date':
    case 'single_select': {
      if (typeof value !== 'string') return wrongType(field);
      const text = value.trim();
      if (text === '') return NONE;
      if (text.length > MAX_TEXT_LENGTH) {
        return fail('custom_field_too_long', `At most ${MAX_TEXT_LENGTH} characters`);
      }
      if (field.type === 'url' && !isWebAddress(text)) {
        return fail('custom_field_url', 'Expected an address starting with http:// or https://');
      }
      if (field.type === 'date' && !isCalendarDay(text)) {
        return fail('invalid_day', 'Expected a day written YYYY-MM-DD');
      }
      if (field.type === 'single_select') {
        const issue = optionIssue(field, text, held);
        if (issue) return { ok: false, issue };
      }
      return one(text, null);
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType(field);
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
        return fail('custom_field_invalid', `"${field.key}" is out of range`);
      }
      return one(null, value);
    case 'money': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrongType(field);
      const { amountMinor, currency } = value as Partial<MoneyValue>;
      if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) {
        return wrongType(field);
      }
      if (typeof currency !== 'string' || !isKnownCurrency(currency)) {
        return fail('unknown_currency', 'Expected an ISO 4217 currency code such as USD');
      }
      return one(currency, amountMinor);
    }
    case 'checkbox':
      if (typeof value !== 'boolean') return wrongType(field);
      return one(null, value ? 1 : 0);
    case 'multi_select': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return wrongType(field);
      }
      const keys = [...new Set((value as string[]).map((v) => v.trim()).filter((v) => v !== ''))];
      for (const key of keys) {
        const issue = optionIssue(field, key, held);
        if (issue) return { ok: false, issue };
      }
      return { ok: true, rows: keys.map((key, ordinal) => ({ ordinal, text: key, number: null })) };
    }
  }
}

/** The value stored rows hold, as the API shows it (null when there are none). */
export function valueOfStored(
  type: CustomFieldType,
  rows: readonly StoredCustomValue[],
): CustomFieldValue {
  if (type === 'multi_select') {
    if (rows.length === 0) return null;
    return [...rows].sort((a, b) => a.ordinal - b.ordinal).flatMap((r) => r.text ?? []);
  }
  const row = rows[0];
  if (!row) return null;
  switch (type) {
    case 'number':
      return row.number;
    case 'money':
      return row.number === null || row.text === null
        ? null
        : { amountMinor: row.number, currency: row.text };
    case 'checkbox':
      return row.number === null ? null : row.number === 1;
    case 'text':
    case 'url':
    case 'person':
    case 'date':
    case 'single_select':
      return row.text;
  }
}

/** Whether two sets of stored rows hold the same value. */
export function isSameStored(
  a: readonly StoredCustomValue[],
  b: readonly StoredCustomValue[],
): boolean {
  if (a.length !== b.length) return false;
  const order = (rows: readonly StoredCustomValue[]) =>
    [...rows].sort((x, y) => x.ordinal - y.ordinal);
  const [left, right] = [order(a), order(b)];
  return left.every((row, i) => {
    const other = right[i];
    return other !== undefined && row.text === other.text && row.number === other.number;
  });
}
