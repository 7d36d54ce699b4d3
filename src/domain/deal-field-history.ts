/**
 * Which of a deal's fields keep their history, how their values are written down as text, and
 * how a change of a deal becomes the changes to record (see docs/history.md).
 */

/** A tracked field as the API names it, and the deal column that holds it. */
export const TRACKED_DEAL_FIELDS = {
  amount: 'amount_minor',
  currency: 'currency',
  amountSource: 'amount_source',
  expectedCloseDate: 'expected_close_date',
  owner: 'owner_id',
  probability: 'probability_override',
  pipeline: 'pipeline_id',
} as const;

export type TrackedDealField = keyof typeof TRACKED_DEAL_FIELDS;
export type TrackedDealColumn = (typeof TRACKED_DEAL_FIELDS)[TrackedDealField];
export const TRACKED_FIELD_NAMES = Object.keys(TRACKED_DEAL_FIELDS) as TrackedDealField[];

/** The columns of a deal whose values the history explains, as the deals table holds them. */
export type TrackedDealValues = {
  amount_minor: number | null;
  currency: string;
  amount_source: string;
  expected_close_date: string | null;
  owner_id: string | null;
  probability_override: number | null;
  pipeline_id: string;
};

/** A field whose value changed: `field` is a tracked name, or `cf.<key>` for a custom field. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** Columns with numbers in them are kept as their decimal text; the others as they are. */
const NUMERIC_COLUMNS: ReadonlySet<TrackedDealColumn> = new Set([
  'amount_minor',
  'probability_override',
]);

/** A column's value as the history writes it. */
export function encodeValue(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? String(Math.trunc(value)) : value;
}

/** A history text back as the column's value (numbers for the numeric columns). */
export function decodeValue(
  column: TrackedDealColumn,
  text: string | null,
): string | number | null {
  if (text === null) return null;
  return NUMERIC_COLUMNS.has(column) ? Number(text) : text;
}

/**
 * The tracked fields a patch of a deal's columns changes, in a fixed order: a column set to
 * the value it already has is no change.
 * @example fieldChangesOf({ amount_minor: 100 }, { amount_minor: 80, title: 'x' })
 *   → [{ field: 'amount', from: '100', to: '80' }]
 */
export function fieldChangesOf(
  before: Readonly<TrackedDealValues>,
  patch: Readonly<Partial<Record<string, unknown>>>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELD_NAMES) {
    const column = TRACKED_DEAL_FIELDS[field];
    if (!(column in patch) || patch[column] === undefined) continue;
    const from = encodeValue(before[column]);
    const to = encodeValue(patch[column] as string | number | null);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

/** One recorded change, in the order of the history (by instant, then id). */
export interface RecordedChange {
  field: string;
  from: string | null;
  to: string | null;
  at: number;
}

/**
 * The tracked values of a deal as of instant `at`, from its current values and its changes:
 * for each field, the value before its first change after `at`, else the current one. The SQL
 * of the as-of queries does the same (db/deal-as-of.repository.ts); this is its reference.
 */
export function trackedValuesAsOf(
  current: Readonly<TrackedDealValues>,
  changes: readonly RecordedChange[],
  at: number,
): TrackedDealValues {
  const values: TrackedDealValues = { ...current };
  const seen = new Set<string>();
  const ordered = [...changes].sort((a, b) => a.at - b.at);
  for (const change of ordered) {
    if (change.at <= at || seen.has(change.field)) continue;
    seen.add(change.field);
    const column = TRACKED_DEAL_FIELDS[change.field as TrackedDealField];
    if (column) (values as Record<string, unknown>)[column] = decodeValue(column, change.from);
  }
  return values;
}

/**
 * Replays a deal's changes forward from the values before the first one: what the deal holds
 * after the last change. Equal to its current values when the history is whole.
 */
export function replayChanges(
  start: Readonly<TrackedDealValues>,
  changes: readonly RecordedChange[],
): TrackedDealValues {
  const values: TrackedDealValues = { ...start };
  for (const change of [...changes].sort((a, b) => a.at - b.at)) {
    const column = TRACKED_DEAL_FIELDS[change.field as TrackedDealField];
    if (column) (values as Record<string, unknown>)[column] = decodeValue(column, change.to);
  }
  return values;
}
