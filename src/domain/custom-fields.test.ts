import { describe, expect, it } from 'vitest';
import {
  parseCustomFieldParam,
  parseCustomFieldTriple,
  predicateOf,
  sortColumnOf,
} from './custom-field-filters.js';
import {
  type CustomFieldRule,
  isCalendarDay,
  isSameStored,
  isWebAddress,
  storedValuesOf,
  valueOfStored,
} from './custom-fields.js';

const rule = (type: CustomFieldRule['type'], options: string[] = []): CustomFieldRule => ({
  key: 'f',
  type,
  options: options.map((key) => ({
    key,
    labelEn: key,
    labelAr: key,
    archivedAt: key === 'old' ? 1 : null,
  })),
});

/** A value's round trip through storage, or the code of why it does not fit. */
function roundTrip(field: CustomFieldRule, value: unknown) {
  const check = storedValuesOf(field, value);
  return check.ok ? valueOfStored(field.type, check.rows) : check.issue.code;
}

describe('custom-field values', () => {
  it('stores and reads back each type, and refuses what does not fit', () => {
    expect(roundTrip(rule('text'), '  hello ')).toBe('hello');
    expect(roundTrip(rule('text'), '   ')).toBeNull();
    expect(roundTrip(rule('text'), 'x'.repeat(501))).toBe('custom_field_too_long');
    expect(roundTrip(rule('number'), -2.5)).toBe(-2.5);
    expect(roundTrip(rule('number'), Number.NaN)).toBe('custom_field_invalid');
    expect(roundTrip(rule('number'), 2 ** 60)).toBe('custom_field_invalid');
    expect(roundTrip(rule('money'), { amountMinor: 1250, currency: 'KWD' })).toEqual({
      amountMinor: 1250,
      currency: 'KWD',
    });
    expect(roundTrip(rule('money'), { amountMinor: 1.5, currency: 'USD' })).toBe(
      'custom_field_invalid',
    );
    expect(roundTrip(rule('money'), { amountMinor: 1, currency: 'ABC' })).toBe('unknown_currency');
    expect(roundTrip(rule('date'), '2024-02-29')).toBe('2024-02-29');
    expect(roundTrip(rule('date'), '2023-02-29')).toBe('invalid_day');
    expect(roundTrip(rule('checkbox'), false)).toBe(false);
    expect(roundTrip(rule('checkbox'), 'true')).toBe('custom_field_invalid');
    expect(roundTrip(rule('single_select', ['a', 'b']), 'b')).toBe('b');
    expect(roundTrip(rule('single_select', ['a']), 'z')).toBe('custom_field_option_unknown');
    expect(roundTrip(rule('single_select', ['a', 'old']), 'old')).toBe(
      'custom_field_option_archived',
    );
    expect(roundTrip(rule('multi_select', ['a', 'b']), ['b', 'a', 'b'])).toEqual(['b', 'a']);
    expect(roundTrip(rule('multi_select', ['a']), [])).toBeNull();
    expect(roundTrip(rule('multi_select', ['a']), ['a', 1])).toBe('custom_field_invalid');
    expect(roundTrip(rule('url'), 'https://acme.example/x?y=1')).toBe('https://acme.example/x?y=1');
    expect(roundTrip(rule('url'), 'mailto:a@b.c')).toBe('custom_field_url');
    expect(roundTrip(rule('person'), 'user-1')).toBe('user-1');
    expect(roundTrip(rule('number'), null)).toBeNull();
  });

  it('lets a record keep an archived option it holds', () => {
    const field = rule('multi_select', ['a', 'old']);
    const held = [{ ordinal: 0, text: 'old', number: null }];
    expect(storedValuesOf(field, ['old', 'a'], held).ok).toBe(true);
    expect(storedValuesOf(field, ['old', 'a']).ok).toBe(false);
  });

  it('compares stored values whatever the row order', () => {
    const a = [
      { ordinal: 1, text: 'y', number: null },
      { ordinal: 0, text: 'x', number: null },
    ];
    expect(isSameStored(a, [...a].reverse())).toBe(true);
    expect(isSameStored(a, a.slice(1))).toBe(false);
  });

  it('knows days and web addresses', () => {
    expect(isCalendarDay('2026-12-31')).toBe(true);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isWebAddress('http://localhost:8080')).toBe(true);
    expect(isWebAddress('acme.com')).toBe(false);
    expect(isWebAddress('javascript:alert(1)')).toBe(false);
  });
});

describe('custom-field filters', () => {
  it('reads cf.<key>[.<op>] and <key>:<op>:<value>', () => {
    expect(parseCustomFieldParam('cf.revenue', '10')).toEqual({
      ok: true,
      condition: { path: ['cf.revenue'], key: 'revenue', op: 'eq', value: '10' },
    });
    expect(parseCustomFieldParam('cf.revenue.lte', '10')).toMatchObject({
      ok: true,
      condition: { op: 'lte' },
    });
    expect(parseCustomFieldParam('cf.revenue.between', '10').ok).toBe(false);
    expect(parseCustomFieldParam('cf.a.b.c', '10').ok).toBe(false);
    expect(parseCustomFieldParam('cf.Revenue', '10').ok).toBe(false);
    expect(parseCustomFieldTriple('site:eq:https://acme.example', 2)).toEqual({
      ok: true,
      condition: {
        path: ['customField', 2],
        key: 'site',
        op: 'eq',
        value: 'https://acme.example',
      },
    });
    expect(parseCustomFieldTriple('site:https://acme.example', 0).ok).toBe(false);
  });

  it('turns each type’s filters into conditions on the stored columns', () => {
    const of = (field: CustomFieldRule, op: 'eq' | 'gte' | 'lte' | 'currency', value: string) => {
      const check = predicateOf({ ...field, id: 'F' }, { path: ['p'], key: 'f', op, value });
      return check.ok ? check.predicate : check.issue.code;
    };
    expect(of(rule('number'), 'gte', '1e3')).toEqual({
      fieldId: 'F',
      column: 'value_number',
      op: '>=',
      value: 1000,
      isNegated: false,
    });
    expect(of(rule('number'), 'eq', '12abc')).toBe('custom_field_invalid');
    expect(of(rule('money'), 'lte', '150')).toMatchObject({ column: 'value_number', op: '<=' });
    expect(of(rule('money'), 'gte', '1.5')).toBe('custom_field_invalid');
    expect(of(rule('money'), 'currency', 'sar')).toMatchObject({
      column: 'value_text',
      value: 'SAR',
    });
    expect(of(rule('date'), 'gte', '2026-01-01')).toMatchObject({ column: 'value_text', op: '>=' });
    expect(of(rule('date'), 'gte', '2026-1-1')).toBe('invalid_day');
    expect(of(rule('checkbox'), 'eq', 'false')).toMatchObject({ value: 1, isNegated: true });
    expect(of(rule('checkbox'), 'gte', 'true')).toBe('custom_field_operator');
    expect(of(rule('multi_select', ['a']), 'eq', 'a')).toMatchObject({ column: 'value_text' });
    expect(of(rule('single_select', ['a']), 'eq', 'b')).toBe('custom_field_option_unknown');
    expect(of(rule('text'), 'lte', 'x')).toBe('custom_field_operator');
    expect(of(rule('text'), 'currency', 'USD')).toBe('custom_field_operator');
  });

  it('sorts every type but a list of options', () => {
    expect(sortColumnOf('money')).toBe('value_number');
    expect(sortColumnOf('date')).toBe('value_text');
    expect(sortColumnOf('multi_select')).toBeNull();
  });
});
