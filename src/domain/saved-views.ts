import { CUSTOM_FIELD_PARAM_PREFIX, parseCustomFieldParam } from './custom-field-filters.js';
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
