/**
 * List filters and sorts on custom fields: `cf.<key>[.<op>]=value` (or the repeatable
 * `customField=<key>:<op>:<value>`) read from the query string, then turned into a condition
 * on the stored columns of the field's values (see custom-fields.ts for how they are stored).
 */
import {
  CUSTOM_FIELD_KEY_PATTERN,
  type CustomFieldIssue,
  type CustomFieldRule,
  type CustomFieldType,
  isCalendarDay,
} from './custom-fields.js';
import { isKnownCurrency } from './money.js';

export const FILTER_OPERATORS = ['eq', 'gte', 'lte', 'currency'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** A filter as the query string wrote it, before the field is known. */
export interface CustomFieldCondition {
  /** Where it was written, for errors: `['cf.revenue.gte']` or `['customField', 0]`. */
  path: (string | number)[];
  key: string;
  op: FilterOperator;
  value: string;
}

/** A filter on the stored columns: `record in (values of field where column op value)`. */
export interface CustomFieldPredicate {
  fieldId: string;
  column: 'value_text' | 'value_number';
  op: '=' | '>=' | '<=';
  value: string | number;
  /** True: records WITHOUT such a value match (a checkbox filtered on false: unset is false). */
  isNegated: boolean;
}

export type ParsedParam =
  | { ok: true; condition: CustomFieldCondition }
  | { ok: false; message: string };

/** The query-string prefix of custom-field filters and sorts: `cf.revenue.gte=100`, `sort=cf.revenue`. */
export const CUSTOM_FIELD_PARAM_PREFIX = 'cf.';

/**
 * Reads one `cf.<key>` or `cf.<key>.<op>` query parameter.
 * @example parseCustomFieldParam('cf.revenue.gte', '100')
 *   → { ok: true, condition: { path: ['cf.revenue.gte'], key: 'revenue', op: 'gte', value: '100' } }
 */
export function parseCustomFieldParam(name: string, value: string): ParsedParam {
  const parts = name.slice(CUSTOM_FIELD_PARAM_PREFIX.length).split('.');
  const [key = '', op = 'eq'] = parts;
  if (parts.length > 2 || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
    return {
      ok: false,
      message: `Write cf.<key>=value, or cf.<key>.gte, .lte or .currency (not "${name}")`,
    };
  }
  if (!CUSTOM_FIELD_KEY_PATTERN.test(key)) {
    return { ok: false, message: `"${key}" is not a custom field key` };
  }
  return { ok: true, condition: { path: [name], key, op: op as FilterOperator, value } };
}

/**
 * Reads one `customField=<key>:<op>:<value>` parameter (the same filters, in one repeatable
 * parameter that OpenAPI clients can type); the value may itself hold colons.
 * @example parseCustomFieldTriple('revenue:gte:100', 0).condition.op === 'gte'
 */
export function parseCustomFieldTriple(text: string, index: number): ParsedParam {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  const key = first < 0 ? '' : text.slice(0, first);
  const op = second < 0 ? '' : text.slice(first + 1, second);
  if (
    second < 0 ||
    !CUSTOM_FIELD_KEY_PATTERN.test(key) ||
    !(FILTER_OPERATORS as readonly string[]).includes(op)
  ) {
    return {
      ok: false,
      message: 'Write <key>:<op>:<value>, with op eq, gte, lte or currency (e.g. revenue:gte:100)',
    };
  }
  return {
    ok: true,
    condition: {
      path: ['customField', index],
      key,
      op: op as FilterOperator,
      value: text.slice(second + 1),
    },
  };
}

/** A decimal number written in a query string: `12`, `-3.5`, `1e6`. */
function numberOf(text: string): number | null {
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim())) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const RANGE_OPS = { eq: '=', gte: '>=', lte: '<=' } as const;

export type PredicateCheck =
  | { ok: true; predicate: CustomFieldPredicate }
  | { ok: false; issue: CustomFieldIssue };

const notOperator = (field: CustomFieldRule, op: FilterOperator): PredicateCheck => ({
  ok: false,
  issue: {
    code: 'custom_field_operator',
    message:
      `"${field.key}" (${field.type}) cannot be filtered with ${op}: ` +
      (field.type === 'money'
        ? 'use eq, gte, lte (minor units) or currency'
        : ['number', 'date'].includes(field.type)
          ? 'use eq, gte or lte'
          : 'use eq'),
  },
});

/**
 * The condition a filter puts on a field's stored values: equality for texts, options (a
 * multi-select: "contains") and checkboxes; ranges for numbers, amounts (in minor units) and
 * days; `currency` for an amount's currency.
 */
export function predicateOf(
  field: CustomFieldRule & { id: string },
  condition: CustomFieldCondition,
): PredicateCheck {
  const { op, value } = condition;
  const predicate = (
    column: CustomFieldPredicate['column'],
    sqlOp: CustomFieldPredicate['op'],
    v: string | number,
    isNegated = false,
  ): PredicateCheck => ({
    ok: true,
    predicate: { fieldId: field.id, column, op: sqlOp, value: v, isNegated },
  });
  const bad = (code: string, message: string): PredicateCheck => ({
    ok: false,
    issue: { code, message },
  });
  switch (field.type) {
    case 'number':
    case 'money': {
      if (op === 'currency') {
        if (field.type !== 'money') return notOperator(field, op);
        const code = value.trim().toUpperCase();
        if (!isKnownCurrency(code)) {
          return bad('unknown_currency', 'Expected an ISO 4217 currency code such as USD');
        }
        return predicate('value_text', '=', code);
      }
      const n = numberOf(value);
      if (n === null || (field.type === 'money' && !Number.isSafeInteger(n))) {
        return bad(
          'custom_field_invalid',
          field.type === 'money'
            ? `"${field.key}" is filtered by an amount in minor units (an integer)`
            : `"${field.key}" is filtered by a number`,
        );
      }
      return predicate('value_number', RANGE_OPS[op], n);
    }
    case 'date':
      if (op === 'currency') return notOperator(field, op);
      if (!isCalendarDay(value.trim())) return bad('invalid_day', 'Expected YYYY-MM-DD');
      return predicate('value_text', RANGE_OPS[op], value.trim());
    case 'checkbox': {
      if (op !== 'eq') return notOperator(field, op);
      const text = value.trim().toLowerCase();
      if (text !== 'true' && text !== 'false') {
        return bad('custom_field_invalid', `"${field.key}" is filtered by true or false`);
      }
      // Unset is false: `false` matches every record without a ticked box.
      return predicate('value_number', '=', 1, text === 'false');
    }
    case 'single_select':
    case 'multi_select': {
      if (op !== 'eq') return notOperator(field, op);
      if (!field.options.some((o) => o.key === value)) {
        return bad(
          'custom_field_option_unknown',
          `"${value}" is not an option of "${field.key}" (filter by an option's key)`,
        );
      }
      return predicate('value_text', '=', value);
    }
    case 'text':
    case 'url':
    case 'person':
      if (op !== 'eq') return notOperator(field, op);
      return predicate('value_text', '=', value);
  }
}

/** The stored column a field sorts by; null for a multi-select (a list has no single order). */
export function sortColumnOf(type: CustomFieldType): 'value_text' | 'value_number' | null {
  switch (type) {
    case 'number':
    case 'money':
    case 'checkbox':
      return 'value_number';
    case 'multi_select':
      return null;
    case 'text':
    case 'url':
    case 'person':
    case 'date':
    case 'single_select':
      return 'value_text';
  }
}
