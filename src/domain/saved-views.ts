import {
  CUSTOM_FIELD_PARAM_PREFIX,
  type CustomFieldCondition,
  parseCustomFieldParam,
} from './custom-field-filters.js';
import type { ErrorDetail } from './errors.js';

/** The board's filters a view may keep, by their API names (custom fields' cf.* besides). */
export const BOARD_VIEW_FILTERS = ['ownerId', 'teamId', 'source', 'productId', 'q'] as const;
export const MAX_VIEW_FILTERS = 20;
export const MAX_VIEW_FILTER_LENGTH = 200;

/**
 * What is wrong with a view's filters, each at its path (['filters', name]); none when they are
 * filters the board takes.
 * @example viewFilterErrors({ ownerId: 'u1', 'cf.tier': 'gold' }) → []
 * @example viewFilterErrors({ colour: 'red' })[0].code === 'unknown_filter'
 */
export function viewFilterErrors(filters: Record<string, string>): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const names = Object.keys(filters);
  if (names.length > MAX_VIEW_FILTERS) {
    errors.push({
      path: ['filters'],
      message: `At most ${MAX_VIEW_FILTERS} filters`,
      code: 'too_many_filters',
    });
  }
  for (const [name, value] of Object.entries(filters)) {
    const path = ['filters', name];
    if (value.length > MAX_VIEW_FILTER_LENGTH) {
      errors.push({
        path,
        message: `At most ${MAX_VIEW_FILTER_LENGTH} characters`,
        code: 'too_long',
      });
    }
    if ((BOARD_VIEW_FILTERS as readonly string[]).includes(name)) continue;
    if (name.startsWith(CUSTOM_FIELD_PARAM_PREFIX)) {
      const parsed = parseCustomFieldParam(name, value);
      if (!parsed.ok) errors.push({ path, message: parsed.message, code: 'custom_field_operator' });
      continue;
    }
    errors.push({
      path,
      message: `Not a board filter: one of ${BOARD_VIEW_FILTERS.join(', ')} or cf.<key>`,
      code: 'unknown_filter',
    });
  }
  return errors;
}

/**
 * The custom-field filters among a view's filters that are written correctly, each at its path
 * in the body (['filters', 'cf.revenue.gte']), to check against the fields they name.
 * @example viewCustomFieldConditions({ q: 'x', 'cf.tier': 'gold' })
 *   → [{ path: ['filters', 'cf.tier'], key: 'tier', op: 'eq', value: 'gold' }]
 */
export function viewCustomFieldConditions(filters: Record<string, string>): CustomFieldCondition[] {
  const conditions: CustomFieldCondition[] = [];
  for (const [name, value] of Object.entries(filters)) {
    if (!name.startsWith(CUSTOM_FIELD_PARAM_PREFIX)) continue;
    const parsed = parseCustomFieldParam(name, value);
    if (parsed.ok) conditions.push({ ...parsed.condition, path: ['filters', name] });
  }
  return conditions;
}

/**
 * A view's name as names are compared: "Gold deals" and "gold DEALS" are the same name. Folded
 * here, not by the database, whose lower() differs (SQLite's folds only ASCII letters).
 */
export function viewNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/** Names in alphabetical order, letter case aside (the root locale: Latin, then Arabic …). */
const NAME_ORDER = new Intl.Collator('und', { sensitivity: 'accent', numeric: true });

/**
 * The order of a list of views: by name as a person reads it ("Émile" before "Gold", "view 2"
 * before "view 10"), letter case aside, then by id: the same on every database.
 */
export function compareViews(a: { name: string; id: string }, b: { name: string; id: string }) {
  const byName = NAME_ORDER.compare(a.name, b.name);
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
