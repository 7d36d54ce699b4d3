/**
 * Custom-field values of deals, companies and contacts, as the record use-cases need them:
 * checking the `customFields` of a create or update body against the workspace's fields,
 * writing them in the record's transaction, reading them back for views, and turning list
 * filters (`cf.<key>…`) and sorts (`sort=cf.<key>`) into conditions on the stored values.
 * Shared by deals/, records/, pipeline/ (the board) and transfer/ (export), like references.ts.
 */
import type { Selectable } from 'kysely';
import {
  type CustomSort,
  listCustomFieldRows,
  listValuesOfRecords,
  replaceCustomValues,
  type StoredValueRow,
  type ValueWrite,
} from '../db/custom-field.repository.js';
import type { CustomFieldTable } from '../db/schema.js';
import { findMembership } from '../db/user.repository.js';
import {
  CUSTOM_FIELD_PARAM_PREFIX,
  type CustomFieldCondition,
  type CustomFieldPredicate,
  predicateOf,
  sortColumnOf,
} from '../domain/custom-field-filters.js';
import {
  type CustomFieldOption,
  type CustomFieldRecordKind,
  type CustomFieldType,
  type CustomFieldValue,
  isSameStored,
  type StoredCustomValue,
  storedValuesOf,
  valueOfStored,
} from '../domain/custom-fields.js';
import type { FieldChange } from '../domain/deal-field-history.js';
import { DomainError, type ErrorDetail } from '../domain/errors.js';
import type { ServiceContext } from './context.service.js';

/** A custom field as the services use it. */
export interface CustomFieldDef {
  id: string;
  recordKind: CustomFieldRecordKind;
  key: string;
  type: CustomFieldType;
  labelEn: string;
  labelAr: string;
  required: boolean;
  /** Its changes on deals go into the field history. */
  tracked: boolean;
  position: number;
  options: CustomFieldOption[];
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** A stored options list; a malformed one (never written by Qanat) reads as none. */
function optionsOf(text: string): CustomFieldOption[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((o: Partial<CustomFieldOption>) =>
      typeof o?.key === 'string'
        ? [
            {
              key: o.key,
              labelEn: typeof o.labelEn === 'string' ? o.labelEn : o.key,
              labelAr: typeof o.labelAr === 'string' ? o.labelAr : '',
              archivedAt: typeof o.archivedAt === 'number' ? o.archivedAt : null,
            },
          ]
        : [],
    );
  } catch {
    return [];
  }
}

export function toCustomFieldDef(row: Selectable<CustomFieldTable>): CustomFieldDef {
  return {
    id: row.id,
    recordKind: row.record_kind,
    key: row.key,
    type: row.type as CustomFieldType,
    labelEn: row.label_en,
    labelAr: row.label_ar,
    required: Number(row.required) === 1,
    tracked: Number(row.tracked) === 1,
    position: Number(row.position),
    options: optionsOf(row.options),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
  };
}

/** The workspace's active (not archived) fields of a kind, in order. */
export async function activeFieldsOf(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
): Promise<CustomFieldDef[]> {
  const rows = await listCustomFieldRows(ctx.db, ctx.actor.workspaceId, { recordKind });
  return rows.map(toCustomFieldDef);
}

/** `{ [key]: value }` of every active field, null where the record has no value. */
export type CustomFieldValues = Record<string, CustomFieldValue>;

/** Gathers stored rows by record and field. */
function groupRows(rows: readonly StoredValueRow[]): Map<string, Map<string, StoredCustomValue[]>> {
  const byRecord = new Map<string, Map<string, StoredCustomValue[]>>();
  for (const row of rows) {
    let byField = byRecord.get(row.recordId);
    if (!byField) {
      byField = new Map();
      byRecord.set(row.recordId, byField);
    }
    const list = byField.get(row.fieldId) ?? [];
    list.push(row);
    byField.set(row.fieldId, list);
  }
  return byRecord;
}

/** The values of the fields `fields` for each record, as the API shows them. */
export function valuesOf(
  fields: readonly CustomFieldDef[],
  stored: Map<string, StoredCustomValue[]> | undefined,
): CustomFieldValues {
  const values: CustomFieldValues = {};
  for (const field of fields)
    values[field.key] = valueOfStored(field.type, stored?.get(field.id) ?? []);
  return values;
}

/**
 * The custom fields of these records (one query for the fields, one for the values, whatever
 * the number of records), by record id: `(id) => { key: value }`.
 */
export async function customFieldsOfRecords(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
  recordIds: readonly string[],
): Promise<(id: string) => CustomFieldValues> {
  const fields = await activeFieldsOf(ctx, recordKind);
  const stored =
    fields.length === 0 || recordIds.length === 0
      ? new Map<string, Map<string, StoredCustomValue[]>>()
      : groupRows(await listValuesOfRecords(ctx.db, ctx.actor.workspaceId, recordIds));
  return (id) => valuesOf(fields, stored.get(id));
}

/** A checked value, ready to be written once the record's own write went through. */
export interface PreparedValue {
  fieldId: string;
  rows: StoredCustomValue[];
  /** For a tracked field of a deal being updated: the change, as the field history keeps it. */
  change?: FieldChange;
}

/** A custom value as the field history writes it: the API's value as JSON, null for none. */
function historyText(type: CustomFieldType, rows: readonly StoredCustomValue[]): string | null {
  const value = valueOfStored(type, rows);
  return value === null ? null : JSON.stringify(value);
}

const PLURALS: Record<CustomFieldRecordKind, string> = {
  deal: 'deals',
  company: 'companies',
  contact: 'contacts',
};

function invalid(details: ErrorDetail[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    details.length === 1
      ? (details[0]?.message ?? 'Invalid custom field')
      : 'Some custom fields are invalid',
    details,
  );
}

/**
 * Checks the `customFields` of a create (`recordId` undefined) or update body: every key must
 * be an active field of the kind (else 400 at `['customFields', key]`), every value fit its type,
 * a select's options exist (an archived one only if the record holds it already), a person be a
 * member; on create every required field must have a value, and no update may clear one.
 * Returns the values to write, only those that change.
 */
export async function prepareCustomValues(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
  input: Readonly<Record<string, unknown>> | undefined,
  recordId?: string,
): Promise<PreparedValue[]> {
  const isCreate = recordId === undefined;
  const given = input ?? {};
  if (!isCreate && Object.keys(given).length === 0) return [];
  const fields = await activeFieldsOf(ctx, recordKind);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const current = isCreate
    ? undefined
    : groupRows(await listValuesOfRecords(ctx.db, ctx.actor.workspaceId, [recordId])).get(recordId);
  const details: ErrorDetail[] = [];
  const prepared: PreparedValue[] = [];
  const people: { key: string; id: string }[] = [];
  for (const [key, value] of Object.entries(given)) {
    const field = byKey.get(key);
    if (!field) {
      details.push({
        path: ['customFields', key],
        message:
          `No custom field "${key}" on ${PLURALS[recordKind]} ` +
          `(fields: ${fields.map((f) => f.key).join(', ') || 'none'})`,
        code: 'custom_field_unknown',
      });
      continue;
    }
    const held = current?.get(field.id) ?? [];
    const check = storedValuesOf(field, value, held);
    if (!check.ok) {
      details.push({ path: ['customFields', key], ...check.issue });
      continue;
    }
    if (check.rows.length === 0 && field.required) {
      details.push({
        path: ['customFields', key],
        message: `"${key}" is required`,
        code: 'custom_field_required',
      });
      continue;
    }
    if (field.type === 'person' && check.rows[0]?.text)
      people.push({ key, id: check.rows[0].text });
    if (isCreate ? check.rows.length > 0 : !isSameStored(check.rows, held)) {
      const isTracked = !isCreate && recordKind === 'deal' && field.tracked;
      prepared.push({
        fieldId: field.id,
        rows: check.rows,
        ...(isTracked && {
          change: {
            field: `cf.${field.key}`,
            from: historyText(field.type, held),
            to: historyText(field.type, check.rows),
          },
        }),
      });
    }
  }
  if (isCreate) {
    for (const field of fields) {
      if (field.required && given[field.key] === undefined) {
        details.push({
          path: ['customFields', field.key],
          message: `"${field.key}" is required`,
          code: 'custom_field_required',
        });
      }
    }
  }
  for (const person of people) {
    if (!(await findMembership(ctx.db, ctx.actor.workspaceId, person.id))) {
      details.push({
        path: ['customFields', person.key],
        message: 'Not a member of this workspace',
        code: 'unknown_reference',
      });
    }
  }
  if (details.length > 0) throw invalid(details);
  return prepared;
}

/** Writes checked values of a record (in the record's transaction). */
export async function writeCustomValues(
  ctx: ServiceContext,
  recordId: string,
  prepared: readonly PreparedValue[],
): Promise<void> {
  const writes: ValueWrite[] = prepared.map((p) => ({ ...p, recordId }));
  await replaceCustomValues(ctx.db, ctx.actor.workspaceId, writes);
}

/** The list query's custom-field part, as the API and the CLI hand it over. */
export interface CustomFieldQuery {
  /** Filters (`cf.<key>[.<op>]=value` or `customField=<key>:<op>:<value>`). */
  customFieldFilters?: readonly CustomFieldCondition[] | undefined;
}

/**
 * The conditions of a list's custom-field filters on a kind's fields. A key that is not an
 * active field, an operator its type has not, or a value it cannot hold is a 400 at the
 * parameter's path (`['cf.revenue.gte']`).
 */
export async function resolveCustomFilters(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
  conditions: readonly CustomFieldCondition[] | undefined,
  fields?: readonly CustomFieldDef[],
): Promise<CustomFieldPredicate[] | undefined> {
  if (!conditions || conditions.length === 0) return undefined;
  const known = fields ?? (await activeFieldsOf(ctx, recordKind));
  const details: ErrorDetail[] = [];
  const predicates: CustomFieldPredicate[] = [];
  for (const condition of conditions) {
    const field = known.find((f) => f.key === condition.key);
    if (!field) {
      details.push({
        path: condition.path,
        message: `No custom field "${condition.key}" to filter by`,
        code: 'custom_field_unknown',
      });
      continue;
    }
    const check = predicateOf(field, condition);
    if (check.ok) predicates.push(check.predicate);
    else details.push({ path: condition.path, ...check.issue });
  }
  if (details.length > 0) throw invalid(details);
  return predicates;
}

/** `sort=cf.<key>`: a sort key naming a custom field. */
export type CustomFieldSortKey = `cf.${string}`;

export function isCustomSortKey(sort: string): sort is CustomFieldSortKey {
  return sort.startsWith(CUSTOM_FIELD_PARAM_PREFIX);
}

/** The stored column a `sort=cf.<key>` orders by; an unknown or list-valued field is a 400. */
export async function resolveCustomSort(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
  sort: CustomFieldSortKey,
): Promise<CustomSort> {
  const key = sort.slice(CUSTOM_FIELD_PARAM_PREFIX.length);
  const field = (await activeFieldsOf(ctx, recordKind)).find((f) => f.key === key);
  if (!field) {
    throw invalid([
      {
        path: ['sort'],
        message: `No custom field "${key}" to sort by`,
        code: 'custom_field_unknown',
      },
    ]);
  }
  const column = sortColumnOf(field.type);
  if (column === null) {
    throw invalid([
      {
        path: ['sort'],
        message: `"${key}" holds a list of options and cannot be sorted by`,
        code: 'custom_field_not_sortable',
      },
    ]);
  }
  return { fieldId: field.id, column };
}

/**
 * A list query's custom-field part for the repository: the filters' conditions and, when the
 * sort names a custom field, that sort (the list's own sort then stands for its default).
 */
export async function resolveCustomListQuery<S extends string>(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
  query: CustomFieldQuery & { sort: S | CustomFieldSortKey },
  defaultSort: S,
): Promise<{
  customFields: CustomFieldPredicate[] | undefined;
  customSort: CustomSort | undefined;
  sort: S;
}> {
  const customFields = await resolveCustomFilters(ctx, recordKind, query.customFieldFilters);
  if (isCustomSortKey(query.sort)) {
    return {
      customFields,
      customSort: await resolveCustomSort(ctx, recordKind, query.sort),
      sort: defaultSort,
    };
  }
  return { customFields, customSort: undefined, sort: query.sort };
}

/**
 * For merging a duplicate into the record kept (same kind): the duplicate's values of the
 * fields the kept record has no value of are copied to it, the kept record's own values win.
 * Call it in the merge's transaction; the kept record's version moves with the merge itself.
 * Returns the keys filled, e.g. `['revenue']`.
 */
export async function fillCustomValuesFrom(
  ctx: ServiceContext,
  recordKind: CustomFieldRecordKind,
  duplicateId: string,
  keptId: string,
): Promise<string[]> {
  const { workspaceId } = ctx.actor;
  const fields = await listCustomFieldRows(ctx.db, workspaceId, {
    recordKind,
    includeArchived: true,
  });
  const byRecord = groupRows(await listValuesOfRecords(ctx.db, workspaceId, [duplicateId, keptId]));
  const kept = byRecord.get(keptId);
  const writes: ValueWrite[] = [];
  const filled: string[] = [];
  for (const field of fields) {
    const rows = byRecord.get(duplicateId)?.get(field.id);
    if (!rows || rows.length === 0 || (kept?.get(field.id)?.length ?? 0) > 0) continue;
    writes.push({ recordId: keptId, fieldId: field.id, rows });
    filled.push(field.key);
  }
  await replaceCustomValues(ctx.db, workspaceId, writes);
  return filled;
}
