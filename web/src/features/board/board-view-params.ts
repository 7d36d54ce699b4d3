/**
 * A board's view as the API keeps it (its filters by their API names) and as the page's address
 * holds it (?owner=&team=&source=&product=&q=&field=&fieldValue=&fieldFrom=&fieldTo=&pipeline=).
 */

/** The address's parameters a view sets; applying a view clears the others. */
export const VIEW_PARAMS = [
  'pipeline',
  'owner',
  'team',
  'source',
  'product',
  'q',
  'field',
  'fieldValue',
  'fieldFrom',
  'fieldTo',
] as const;

const PLAIN: Record<string, string> = {
  ownerId: 'owner',
  teamId: 'team',
  source: 'source',
  productId: 'product',
  q: 'q',
};

/**
 * The address parameters of saved filters. A money range is kept in minor units and typed in
 * major ones, so `toMajor` turns it back.
 * @example paramsOfFilters({ ownerId: 'u1', 'cf.tier': 'gold' }) → { owner: 'u1', field: 'tier', fieldValue: 'gold' }
 */
export function paramsOfFilters(
  filters: Record<string, string>,
  toMajor: (key: string, minor: string) => string = (_, minor) => minor,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    const plain = PLAIN[name];
    if (plain) {
      params[plain] = value;
      continue;
    }
    const match = /^cf\.([a-z][a-z0-9_]*)(?:\.(gte|lte|currency))?$/.exec(name);
    if (!match?.[1]) continue;
    const [, key, op] = match;
    params.field = key;
    if (op === undefined) params.fieldValue = value;
    else if (op === 'gte') params.fieldFrom = toMajor(key, value);
    else if (op === 'lte') params.fieldTo = toMajor(key, value);
  }
  return params;
}

/** The filters of the board as shown, without the ones left empty (what a view saves). */
export function filtersToSave(filters: Record<string, string | undefined>): Record<string, string> {
  const saved: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (name === 'asOf' || name === 'pipelineId' || value === undefined || value === '') continue;
    saved[name] = value;
  }
  return saved;
}
