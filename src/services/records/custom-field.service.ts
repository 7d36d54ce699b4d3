import type { Updateable } from 'kysely';
import {
  deleteCustomFieldRow,
  findCustomFieldByKey,
  findCustomFieldRow,
  hasCustomFieldValues,
  insertCustomField,
  listCustomFieldRows,
  updateCustomFieldPositions,
} from '../../db/custom-field.repository.js';
import { newId } from '../../db/id.js';
import type { CustomFieldTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import {
  type CustomFieldOption,
  type CustomFieldRecordKind,
  type CustomFieldType,
  isSelectType,
  MAX_FIELDS_PER_KIND,
} from '../../domain/custom-fields.js';
import { DomainError, type ErrorDetail, notFound } from '../../domain/errors.js';
import { placeAt } from '../../domain/positions.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { type CustomFieldDef, toCustomFieldDef } from '../custom-values.js';

/** Defining fields is workspace settings: admins only. Every member reads them. */
const MANAGE = 'workspace.manage';

export function toCustomFieldView(field: CustomFieldDef) {
  return {
    id: field.id,
    recordKind: field.recordKind,
    key: field.key,
    type: field.type,
    labelEn: field.labelEn,
    labelAr: field.labelAr,
    required: field.required,
    tracked: field.tracked,
    position: field.position,
    options: field.options.map((o) => ({
      key: o.key,
      labelEn: o.labelEn,
      labelAr: o.labelAr,
      archivedAt: toIso(o.archivedAt),
    })),
    archivedAt: toIso(field.archivedAt),
    createdAt: toIso(field.createdAt),
    updatedAt: toIso(field.updatedAt),
    version: field.version,
  };
}
export type CustomFieldView = ReturnType<typeof toCustomFieldView>;

export interface OptionInput {
  key: string;
  labelEn: string;
  labelAr: string;
  archived?: boolean | undefined;
}

export interface CustomFieldInput {
  recordKind: CustomFieldRecordKind;
  key: string;
  type: CustomFieldType;
  labelEn: string;
  labelAr: string;
  required?: boolean | undefined;
  /** Deal fields only: changes go into the field history. */
  tracked?: boolean | undefined;
  /** 1-based place among the kind's active fields; default last. */
  position?: number | undefined;
  options?: OptionInput[] | undefined;
}

export interface CustomFieldPatch {
  labelEn?: string | undefined;
  labelAr?: string | undefined;
  required?: boolean | undefined;
  tracked?: boolean | undefined;
  position?: number | undefined;
  /** The whole list in order; existing keys must stay (archive instead of removing). */
  options?: OptionInput[] | undefined;
  archived?: boolean | undefined;
}

/** Only deals keep a field history: asking to track a company's or contact's field is a 400. */
function trackedFlag(kind: CustomFieldRecordKind, tracked: boolean | undefined): number {
  if (!tracked) return 0;
  if (kind !== 'deal') {
    throw invalid(['tracked'], 'Only deal fields keep a history', 'custom_field_not_trackable');
  }
  return 1;
}

function invalid(path: (string | number)[], message: string, code: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [{ path, message, code }]);
}

/**
 * The options to store: only select types have them (and need at least one); keys are unique.
 * Existing options keep their archive time; an option archived now gets `now`.
 */
function optionsToStore(
  type: CustomFieldType,
  input: OptionInput[] | undefined,
  existing: readonly CustomFieldOption[],
  now: number,
): CustomFieldOption[] {
  if (!isSelectType(type)) {
    if (input && input.length > 0) {
      throw invalid(['options'], `A ${type} field has no options`, 'custom_field_options');
    }
    return [];
  }
  const list = input ?? existing.map((o) => ({ ...o, archived: o.archivedAt !== null }));
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  list.forEach((option, index) => {
    if (seen.has(option.key)) {
      details.push({
        path: ['options', index, 'key'],
        message: `The option key "${option.key}" is used twice`,
        code: 'duplicate_option_key',
      });
    }
    seen.add(option.key);
  });
  for (const old of existing) {
    if (!seen.has(old.key)) {
      details.push({
        path: ['options'],
        message: `The option "${old.key}" cannot be removed (records may hold it): archive it`,
        code: 'custom_field_option_removed',
      });
    }
  }
  if (list.filter((o) => !o.archived).length === 0) {
    details.push({
      path: ['options'],
      message: 'A select field needs at least one option that is not archived',
      code: 'custom_field_options',
    });
  }
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid options', details);
  return list.map((option) => {
    const old = existing.find((o) => o.key === option.key);
    return {
      key: option.key,
      labelEn: option.labelEn.trim(),
      labelAr: option.labelAr.trim(),
      archivedAt: option.archived ? (old?.archivedAt ?? now) : null,
    };
  });
}

async function loadField(ctx: ServiceContext, id: string): Promise<CustomFieldDef> {
  const row = await findCustomFieldRow(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Custom field');
  return toCustomFieldDef(row);
}

/** The ids of a kind's active fields, in order. */
async function activeIds(ctx: ServiceContext, recordKind: CustomFieldRecordKind) {
  const rows = await listCustomFieldRows(ctx.db, ctx.actor.workspaceId, { recordKind });
  return rows.map((r) => r.id);
}

async function place(ctx: ServiceContext, field: CustomFieldDef, position: number) {
  const order = placeAt(await activeIds(ctx, field.recordKind), field.id, position);
  await updateCustomFieldPositions(ctx.db, ctx.actor.workspaceId, order);
}

export async function listCustomFieldViews(
  ctx: ServiceContext,
  query: { recordKind?: CustomFieldRecordKind | undefined; includeArchived?: boolean },
): Promise<CustomFieldView[]> {
  requirePermission(ctx.actor, 'read');
  const rows = await listCustomFieldRows(ctx.db, ctx.actor.workspaceId, query);
  return rows.map((row) => toCustomFieldView(toCustomFieldDef(row)));
}

export async function getCustomField(ctx: ServiceContext, id: string): Promise<CustomFieldView> {
  requirePermission(ctx.actor, 'read');
  return toCustomFieldView(await loadField(ctx, id));
}

/**
 * Defines a field of deals, companies or contacts. Its key is unique among the kind's fields,
 * archived ones included (a key never comes back meaning something else): a taken key is a 409.
 */
export async function createCustomField(
  ctx: ServiceContext,
  input: CustomFieldInput,
): Promise<CustomFieldView> {
  requirePermission(ctx.actor, MANAGE);
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const keyTaken = (isArchived: boolean) => {
      const message =
        `The ${input.recordKind} field "${input.key}" exists already` +
        (isArchived ? ' (archived: restore it instead)' : '');
      return new DomainError('CONFLICT', message, [
        { path: ['key'], message, code: 'duplicate_custom_field_key' },
      ]);
    };
    const taken = await findCustomFieldByKey(tx.db, workspaceId, input.recordKind, input.key);
    if (taken) throw keyTaken(taken.archived_at !== null);
    const active = await activeIds(tx, input.recordKind);
    if (active.length >= MAX_FIELDS_PER_KIND) {
      throw invalid(
        [],
        `At most ${MAX_FIELDS_PER_KIND} active fields per kind of record`,
        'custom_field_limit',
      );
    }
    const id = newId();
    const isInserted = await insertCustomField(tx.db, {
      id,
      workspace_id: workspaceId,
      record_kind: input.recordKind,
      key: input.key,
      type: input.type,
      label_en: input.labelEn.trim(),
      label_ar: input.labelAr.trim(),
      required: input.required ? 1 : 0,
      tracked: trackedFlag(input.recordKind, input.tracked),
      position: active.length + 1,
      options: JSON.stringify(optionsToStore(input.type, input.options, [], tx.now)),
      archived_at: null,
      created_at: tx.now,
      updated_at: tx.now,
    });
    if (!isInserted) throw keyTaken(false);
    const field = await loadField(tx, id);
    if (input.position !== undefined) await place(tx, field, input.position);
    return toCustomFieldView(await loadField(tx, id));
  });
}

/**
 * Relabels, reorders, makes (not) required, edits the options of, archives or restores a
 * field if it is still at `version` (else a 409 with the current field). Key, type and kind
 * never change. Archiving hides the field from records, lists, filters, imports and exports;
 * its values stay, and come back with it when it is restored (last in the order).
 */
export async function updateCustomField(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: CustomFieldPatch,
): Promise<CustomFieldView> {
  requirePermission(ctx.actor, MANAGE);
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await loadField(tx, id);
    if (current.version !== version) throw versionConflict(toCustomFieldView(current));
    const isArchived = patch.archived ?? current.archivedAt !== null;
    if (patch.position !== undefined && isArchived) {
      const message = 'An archived field has no place in the order: restore it first';
      throw new DomainError('CONFLICT', message, [
        { path: ['position'], message, code: 'custom_field_archived' },
      ]);
    }
    const changes: Updateable<CustomFieldTable> = { updated_at: tx.now };
    if (patch.labelEn !== undefined) changes.label_en = patch.labelEn.trim();
    if (patch.labelAr !== undefined) changes.label_ar = patch.labelAr.trim();
    if (patch.required !== undefined) changes.required = patch.required ? 1 : 0;
    if (patch.tracked !== undefined)
      changes.tracked = trackedFlag(current.recordKind, patch.tracked);
    if (patch.options !== undefined) {
      changes.options = JSON.stringify(
        optionsToStore(current.type, patch.options, current.options, tx.now),
      );
    }
    const isArchiving = isArchived && current.archivedAt === null;
    const isRestoring = !isArchived && current.archivedAt !== null;
    if (isArchiving) changes.archived_at = tx.now;
    if (isRestoring) {
      if ((await activeIds(tx, current.recordKind)).length >= MAX_FIELDS_PER_KIND) {
        throw invalid(
          ['archived'],
          `At most ${MAX_FIELDS_PER_KIND} active fields per kind of record`,
          'custom_field_limit',
        );
      }
      changes.archived_at = null;
      changes.position = (await activeIds(tx, current.recordKind)).length + 1;
    }
    const changed = await updateAtVersion(
      tx.db,
      'custom_fields',
      workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(toCustomFieldView(current));
    if (isArchiving) {
      await updateCustomFieldPositions(tx.db, workspaceId, await activeIds(tx, current.recordKind));
    }
    if (patch.position !== undefined) await place(tx, current, patch.position);
    return toCustomFieldView(await loadField(tx, id));
  });
}

/**
 * Deletes a field that no record holds a value of, if it is still at `version`. A field with
 * values is refused (409 `custom_field_in_use`): archive it instead, which keeps the values.
 */
export async function deleteCustomField(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<void> {
  requirePermission(ctx.actor, MANAGE);
  await inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await loadField(tx, id);
    if (current.version !== version) throw versionConflict(toCustomFieldView(current));
    if (await hasCustomFieldValues(tx.db, workspaceId, id)) {
      const message = 'Records hold values of this field: archive it instead of deleting it';
      throw new DomainError('CONFLICT', message, [
        { path: [], message, code: 'custom_field_in_use' },
      ]);
    }
    const deleted = await deleteCustomFieldRow(tx.db, workspaceId, id, version);
    if (deleted === 0) throw versionConflict(toCustomFieldView(current));
    if (current.archivedAt === null) {
      await updateCustomFieldPositions(tx.db, workspaceId, await activeIds(tx, current.recordKind));
    }
  });
}
