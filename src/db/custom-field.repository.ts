import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { CustomFieldPredicate } from '../domain/custom-field-filters.js';
import type { CustomFieldRecordKind, StoredCustomValue } from '../domain/custom-fields.js';
import { DomainError } from '../domain/errors.js';
import type { Db } from './connection.js';
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { insertRowsInChunks } from './import.repository.js';
import type { CustomFieldTable, CustomFieldValueTable } from './schema.js';

/** Record ids per statement when reading or deleting values: under either dialect's limit. */
const CHUNK = 500;

export function listCustomFieldRows(
  db: Db,
  workspaceId: string,
  options: { recordKind?: CustomFieldRecordKind | undefined; includeArchived?: boolean } = {},
) {
  let query = db
    .selectFrom('custom_fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('record_kind')
    .orderBy('position')
    .orderBy('key');
  if (options.recordKind) query = query.where('record_kind', '=', options.recordKind);
  if (!options.includeArchived) query = query.where('archived_at', 'is', null);
  return query.execute();
}

export function findCustomFieldRow(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('custom_fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The field of a kind with this key, archived or not (keys are never reused). */
export function findCustomFieldByKey(
  db: Db,
  workspaceId: string,
  recordKind: CustomFieldRecordKind,
  key: string,
) {
  return db
    .selectFrom('custom_fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('record_kind', '=', recordKind)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Inserts a field unless its key is taken (a concurrent insert too); says whether it did. */
export async function insertCustomField(
  db: Db,
  row: Insertable<CustomFieldTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('custom_fields')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'record_kind', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Renumbers the active fields of a kind 1…n in this order (their versions stay). */
export async function updateCustomFieldPositions(
  db: Db,
  workspaceId: string,
  orderedIds: string[],
): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('custom_fields')
      .set({ position: index + 1 })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('position', '!=', index + 1)
      .execute();
  }
}

/**
 * PostgreSQL's foreign-key violation: a value written for a field deleted meanwhile, or a field
 * deleted while a value of it was being written (SQLite runs one writer at a time).
 */
function fieldChangedMeanwhile(error: unknown): DomainError | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  if (error.code !== '23503') return null;
  const message = 'A custom field changed meanwhile; reload and try again';
  return new DomainError('CONFLICT', message, [
    { path: ['customFields'], message, code: 'custom_field_changed' },
  ]);
}

/** Deletes a field that holds no value (its values' foreign key would refuse otherwise). */
export async function deleteCustomFieldRow(
  db: Db,
  workspaceId: string,
  id: string,
  version: number,
): Promise<number> {
  try {
    const result = await db
      .deleteFrom('custom_fields')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  } catch (error) {
    throw fieldChangedMeanwhile(error) ?? error;
  }
}

/** Whether any record (deleted ones too) holds a value of the field. */
export async function hasCustomFieldValues(
  db: Db,
  workspaceId: string,
  fieldId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('custom_field_values')
    .select('record_id')
    .where('workspace_id', '=', workspaceId)
    .where('field_id', '=', fieldId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface StoredValueRow extends StoredCustomValue {
  recordId: string;
  fieldId: string;
}

/** The values the records hold, every field; read by the primary key (workspace, record). */
export async function listValuesOfRecords(
  db: Db,
  workspaceId: string,
  recordIds: readonly string[],
): Promise<StoredValueRow[]> {
  const unique = [...new Set(recordIds)];
  const rows: StoredValueRow[] = [];
  for (let start = 0; start < unique.length; start += CHUNK) {
    const found = await db
      .selectFrom('custom_field_values')
      .select(['record_id', 'field_id', 'ordinal', 'value_text', 'value_number'])
      .where('workspace_id', '=', workspaceId)
      .where('record_id', 'in', unique.slice(start, start + CHUNK))
      .execute();
    for (const r of found) {
      rows.push({
        recordId: r.record_id,
        fieldId: r.field_id,
        ordinal: Number(r.ordinal),
        text: r.value_text,
        number: r.value_number === null ? null : Number(r.value_number),
      });
    }
  }
  return rows;
}

/** A record's new value of one field: its rows replace the old ones (none: no value). */
export interface ValueWrite {
  recordId: string;
  fieldId: string;
  rows: StoredCustomValue[];
}

/** Replaces the values written: the old rows of each (record, field) go, the new ones come. */
export async function replaceCustomValues(
  db: Db,
  workspaceId: string,
  writes: readonly ValueWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const byField = new Map<string, string[]>();
  for (const w of writes) byField.set(w.fieldId, [...(byField.get(w.fieldId) ?? []), w.recordId]);
  for (const [fieldId, recordIds] of byField) {
    for (let start = 0; start < recordIds.length; start += CHUNK) {
      await db
        .deleteFrom('custom_field_values')
        .where('workspace_id', '=', workspaceId)
        .where('record_id', 'in', recordIds.slice(start, start + CHUNK))
        .where('field_id', '=', fieldId)
        .execute();
    }
  }
  const rows: Insertable<CustomFieldValueTable>[] = writes.flatMap((w) =>
    w.rows.map((r) => ({
      workspace_id: workspaceId,
      field_id: w.fieldId,
      record_id: w.recordId,
      ordinal: r.ordinal,
      value_text: r.text,
      value_number: r.number,
    })),
  );
  try {
    await insertRowsInChunks(db, 'custom_field_values', rows);
  } catch (error) {
    throw fieldChangedMeanwhile(error) ?? error;
  }
}

/**
 * The condition a custom-field filter puts on a list: the record's id among the ids whose value
 * matches, `record in (select record_id … where workspace, field, value op x)`, answered from
 * the (workspace_id, field_id, value_…, record_id) index alone on both databases.
 * @example customFieldCondition(sql.ref('deals.id'), ws, { column: 'value_number', op: '>=', … })
 */
export function customFieldCondition(
  recordId: Expression<unknown>,
  workspaceId: string,
  predicate: CustomFieldPredicate,
): RawBuilder<SqlBool> {
  const column = sql.ref(`v.${predicate.column}`);
  const op = sql.raw(predicate.op);
  const ids = sql`select v.record_id from custom_field_values v where v.workspace_id = ${workspaceId}
    and v.field_id = ${predicate.fieldId} and ${column} ${op} ${predicate.value}`;
  return predicate.isNegated
    ? sql<SqlBool>`${recordId} not in (${ids})`
    : sql<SqlBool>`${recordId} in (${ids})`;
}

/** A record without a value, in a cursor (never a stored value: texts are not empty, numbers
 * stay within ±2^53). */
export const CUSTOM_SORT_NULL = { value_text: '', value_number: -Number.MAX_VALUE } as const;

export interface CustomSort {
  fieldId: string;
  column: 'value_text' | 'value_number';
}

type CursorValue = string | number;

/** A cursor of a custom-field sort: its value must be of the column's type (else a 400). */
export function decodeCustomCursor(cursor: string, sort: CustomSort): [CursorValue, string] {
  const decoded = decodeCursor(cursor);
  const isNumber = typeof decoded[0] === 'number';
  if (isNumber === (sort.column === 'value_number')) return decoded;
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: ['cursor'], message: 'Not a cursor of this sort', code: 'invalid_cursor' },
  ]);
}

/** The two parts of a list sorted by a custom field, each read in its own order. */
export interface CustomSortSegments<T> {
  /**
   * Records with a value, read from the values' index in (value, record id) order after
   * `after`: `limit` of them, each with its value as `custom_sort`.
   */
  valued: (
    after: [CursorValue, string] | undefined,
    limit: number,
  ) => Promise<(T & { custom_sort: CursorValue })[]>;
  /** Records without a value, in id order after `afterId`. */
  missing: (afterId: string | undefined, limit: number) => Promise<T[]>;
}

/**
 * A page of a list sorted by a custom field: the records that have a value, in the value's
 * order (ties by id), then those without one (by id), whichever the direction. Each part is a
 * top-N read from an index — the values' (workspace, field, value, record) index, the records'
 * ids — so a page costs what the page holds, not a sort of the whole list. The cursor carries
 * the last value and id; the "no value" sentinel marks the second part.
 */
export async function pageByCustomSort<T extends { id: string }>(
  sort: CustomSort,
  query: { limit: number; cursor?: string | undefined },
  segments: CustomSortSegments<T>,
): Promise<Page<T>> {
  const sentinel = CUSTOM_SORT_NULL[sort.column];
  const cursor = query.cursor ? decodeCustomCursor(query.cursor, sort) : undefined;
  const isInMissing = cursor !== undefined && cursor[0] === sentinel;
  const rows: { row: T; value: CursorValue }[] = [];
  if (!isInMissing) {
    for (const { custom_sort: value, ...row } of await segments.valued(cursor, query.limit + 1)) {
      rows.push({ row: row as unknown as T, value });
    }
  }
  if (rows.length <= query.limit) {
    const afterId = isInMissing ? cursor[1] : undefined;
    for (const row of await segments.missing(afterId, query.limit + 1 - rows.length)) {
      rows.push({ row, value: sentinel });
    }
  }
  const page = toPage(
    rows.map((r) => ({ ...r, id: r.row.id })),
    query.limit,
    (r) => r.value,
  );
  return { items: page.items.map((r) => r.row), nextCursor: page.nextCursor };
}

/**
 * Where a page sorted by a custom field continues: after the cursor's (value, record id), with
 * the redundant `value >= cursor` (`<=` descending) that lets both databases start the index
 * range at the cursor instead of filtering the field's values from the first one.
 */
export function afterCustomValue<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Expression<unknown>,
  recordId: Expression<unknown>,
  direction: SortDirection,
  after: [CursorValue, string],
): Expression<SqlBool> {
  const bound = sql<SqlBool>`${value} ${sql.raw(direction === 'asc' ? '>=' : '<=')} ${after[0]}`;
  return eb.and([bound, afterCursor(eb, value, recordId, direction, after)]);
}

/** `record id not in (ids holding a value of the field)`: the "no value" part of a sort. */
export function withoutCustomValue(
  recordId: Expression<unknown>,
  workspaceId: string,
  fieldId: string,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${recordId} not in (select v.record_id from custom_field_values v
    where v.workspace_id = ${workspaceId} and v.field_id = ${fieldId})`;
}
