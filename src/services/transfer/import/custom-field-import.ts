import {
  listCustomFieldRows,
  listValuesOfRecords,
  replaceCustomValues,
} from '../../../db/custom-field.repository.js';
import {
  type CustomFieldRecordKind,
  type CustomFieldValue,
  isSameStored,
  type StoredCustomValue,
  storedValuesOf,
} from '../../../domain/custom-fields.js';
import { DomainError, type ErrorDetail } from '../../../domain/errors.js';
import { canonicalAmount } from '../../../domain/import/import-amount.js';
import { headerKey, type ImportKind } from '../../../domain/import/import-fields.js';
import type { ImportCustomField, ImportOptions } from '../../../domain/import/import-mapping.js';
import { hasPermission } from '../../../domain/permissions.js';
import type { ServiceContext } from '../../context.service.js';
import {
  activeFieldsOf,
  type CustomFieldDef,
  type PreparedValue,
  toCustomFieldDef,
} from '../../custom-values.js';
import { createCustomField } from '../../records/custom-field.service.js';
import {
  CUSTOM_FIELD_KINDS,
  CUSTOM_FIELD_TARGET,
  type CustomFieldName,
  type ImportRow,
} from './import-columns.js';
import { type ImportRun, RowRejected } from './import-run.js';
import type { MemberDirectory } from './member-directory.js';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'on', 'checked', 'نعم', 'صح']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'unchecked', 'لا', 'خطأ']);

/** A row's custom values, by field id, ready to be written once the record's id is known. */
export type RowCustomValues = PreparedValue[];

/**
 * The custom fields a file's columns go to (`customFields.<key>` in the mapping, or guessed
 * from a field's key or label): each cell read by its field's type, the way the rest of the
 * import reads cells — numbers and amounts with the mapping's decimal separator, Arabic digits
 * and grouping; days in the mapping's date format; checkboxes as yes/no, true/false, 1/0, نعم/لا;
 * options by key or label (English or Arabic, folded); people by email or name. A cell that does
 * not fit rejects its row, naming the column and why; an empty cell leaves the value as it is.
 */
export class ImportedCustomFields {
  readonly #fields: CustomFieldDef[];
  readonly #required: CustomFieldDef[];
  readonly #staged = new Map<string, { recordId: string; value: PreparedValue }>();
  readonly #counts: Map<string, { key: string; column: string; values: number }>;

  constructor(
    private readonly run: ImportRun,
    fields: readonly CustomFieldDef[],
    private readonly members: MemberDirectory,
    columnOf: (field: string) => string | null,
  ) {
    this.#fields = fields.filter((f) => columnOf(`${CUSTOM_FIELD_TARGET}${f.key}`) !== null);
    this.#required = fields.filter((f) => f.required);
    this.#counts = new Map(
      this.#fields.map((f) => [
        f.id,
        { key: f.key, column: columnOf(`${CUSTOM_FIELD_TARGET}${f.key}`) ?? '', values: 0 },
      ]),
    );
    run.report.report.customFields = [...this.#counts.values()];
  }

  /** The row's custom values; throws RowRejected at the column of a value that does not fit. */
  read(row: ImportRow): RowCustomValues {
    const values: RowCustomValues = [];
    for (const field of this.#fields) {
      const name = `${CUSTOM_FIELD_TARGET}${field.key}`;
      const text = row.get(name);
      if (text === null) continue;
      const check = storedValuesOf(field, this.#typed(row, name, field, text));
      if (!check.ok) throw new RowRejected(name, `${field.key}: ${check.issue.message}`);
      values.push({ fieldId: field.id, rows: check.rows });
    }
    return values;
  }

  #typed(row: ImportRow, name: string, field: CustomFieldDef, text: string): CustomFieldValue {
    const reject = (why: string): never => {
      throw new RowRejected(name, `${field.key}: ${why}: "${text}"`);
    };
    switch (field.type) {
      case 'number': {
        const parsed = canonicalAmount(text, this.run.options.decimalSeparator ?? '.');
        if (!parsed.ok) return reject(parsed.reason);
        const n = Number(parsed.text);
        return Number.isFinite(n) ? n : reject('not a number');
      }
      case 'money': {
        const currency = this.run.options.currency ?? this.run.workspace.baseCurrency;
        const minor = this.run.amount(row, name, currency);
        return minor === null ? null : { amountMinor: minor, currency };
      }
      case 'date':
        return this.run.date(row, name)?.day ?? null;
      case 'checkbox': {
        const word = text.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return true;
        if (FALSE_WORDS.has(word)) return false;
        return reject('not yes or no (yes/no, true/false, 1/0, نعم/لا)');
      }
      case 'single_select':
        return this.#option(name, field, text);
      case 'multi_select':
        return text
          .split(';')
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map((part) => this.#option(name, field, part));
      case 'person': {
        const member = this.members.find(text, name);
        return member ? member.id : reject('not a member of this workspace (email or name)');
      }
      case 'text':
      case 'url':
        return text;
    }
  }

  /** An option named by its key or either label, compared folded. */
  #option(name: string, field: CustomFieldDef, text: string): string {
    const key = headerKey(text);
    const option = field.options.find(
      (o) => o.key === text || [o.key, o.labelEn, o.labelAr].some((n) => headerKey(n) === key),
    );
    if (option) return option.key;
    const offered = field.options.filter((o) => o.archivedAt === null).map((o) => o.labelEn);
    throw new RowRejected(
      name,
      `${field.key}: "${text}" is not an option of ${field.key} (${offered.join(', ')}); ` +
        'map it in "values" to one',
    );
  }

  /**
   * For a record the import creates: rejects the row (through run.reject) when a required
   * field has no value, and says so; an existing record keeps what it has.
   */
  rejectsMissingRequired(row: ImportRow, values: RowCustomValues): boolean {
    const missing = this.missingRequired(row, values);
    if (!missing) return false;
    this.run.reject(row, missing.field, missing.reason);
    return true;
  }

  /** The first required field a new record of this row would lack, as a rejection. */
  missingRequired(row: ImportRow, values: RowCustomValues): RowRejected | null {
    const missing = this.#required.find((f) => !values.some((v) => v.fieldId === f.id));
    if (!missing) return null;
    const name = `${CUSTOM_FIELD_TARGET}${missing.key}`;
    return new RowRejected(
      row.has(name) ? name : null,
      `${missing.key} is a required custom field: a new record needs a value` +
        (row.has(name) ? '' : ` (map a column to "${name}")`),
    );
  }

  /**
   * Of records that were there before this batch, those whose values the file changes: the
   * caller counts them updated and bumps their version.
   */
  async changedRecords(
    records: readonly { id: string; values: RowCustomValues }[],
  ): Promise<Set<string>> {
    const withValues = records.filter((r) => r.values.length > 0);
    const changed = new Set<string>();
    if (withValues.length === 0) return changed;
    const current = new Map<string, StoredCustomValue[]>();
    const stored = await listValuesOfRecords(
      this.run.db,
      this.run.workspace.id,
      withValues.map((r) => r.id),
    );
    for (const row of stored) {
      const key = `${row.recordId}\u0000${row.fieldId}`;
      current.set(key, [...(current.get(key) ?? []), row]);
    }
    for (const record of withValues) {
      for (const value of record.values) {
        const staged = this.#staged.get(`${record.id}\u0000${value.fieldId}`)?.value.rows;
        const before = staged ?? current.get(`${record.id}\u0000${value.fieldId}`) ?? [];
        if (!isSameStored(before, value.rows)) changed.add(record.id);
      }
    }
    return changed;
  }

  /** Queues a record's values (a later row of the same record wins). */
  stage(recordId: string, values: RowCustomValues): void {
    for (const value of values) {
      const key = `${recordId}\u0000${value.fieldId}`;
      if (!this.#staged.has(key)) {
        const count = this.#counts.get(value.fieldId);
        if (count) count.values += 1;
      }
      this.#staged.set(key, { recordId, value });
    }
  }

  async write(): Promise<void> {
    const writes = [...this.#staged.values()].map(({ recordId, value }) => ({
      recordId,
      fieldId: value.fieldId,
      rows: value.rows,
    }));
    this.#staged.clear();
    await replaceCustomValues(this.run.db, this.run.workspace.id, writes);
  }
}

/** The custom fields a file may fill, and those its mapping declares that are still missing. */
export interface CustomFieldSetup {
  /** Every active field of the kind, and those about to be defined: what columns may name. */
  names: CustomFieldName[];
  /** Defines the missing declared fields (in the import's transaction); returns how many. */
  defineMissing: (ctx: ServiceContext) => Promise<number>;
}

/**
 * Reads the mapping's `customFields` declarations against the workspace's fields of the kind:
 * one that exists must have the declared type (else the import stops before any row, naming
 * `[file, 'customFields', key]`), an archived one must be restored first, and only an admin may
 * define the missing ones.
 */
export async function planCustomFields(
  ctx: ServiceContext,
  kind: ImportKind,
  options: ImportOptions,
  label: string,
): Promise<CustomFieldSetup> {
  const declared = Object.entries(options.customFields ?? {});
  const recordKind = (CUSTOM_FIELD_KINDS as Partial<Record<ImportKind, CustomFieldRecordKind>>)[
    kind
  ];
  if (!recordKind) {
    if (declared.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `${kind} have no custom fields`, [
        { path: [label, 'customFields'], message: `${kind} have no custom fields` },
      ]);
    }
    return { names: [], defineMissing: () => Promise.resolve(0) };
  }
  const fields = (
    await listCustomFieldRows(ctx.db, ctx.actor.workspaceId, { recordKind, includeArchived: true })
  ).map(toCustomFieldDef);
  const details: ErrorDetail[] = [];
  const missing: [string, ImportCustomField][] = [];
  for (const [key, declaration] of declared) {
    const field = fields.find((f) => f.key === key);
    const path = [label, 'customFields', key];
    if (!field) missing.push([key, declaration]);
    else if (field.archivedAt !== null) {
      details.push({
        path,
        message: `The ${recordKind} field "${key}" is archived: restore it first`,
        code: 'custom_field_archived',
      });
    } else if (field.type !== declaration.type) {
      details.push({
        path,
        message: `The ${recordKind} field "${key}" exists as ${field.type}, not ${declaration.type}`,
        code: 'custom_field_invalid',
      });
    }
  }
  if (details.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${label}: the mapping's custom fields`, details);
  }
  if (missing.length > 0 && !hasPermission(ctx.actor.role, 'workspace.manage')) {
    throw new DomainError(
      'FORBIDDEN',
      'Only an admin may define custom fields: ask one to define them, or to run the import',
      missing.map(([key]) => ({
        path: [label, 'customFields', key],
        message: `The ${recordKind} field "${key}" is not defined yet`,
      })),
    );
  }
  return {
    names: [
      ...fields.filter((f) => f.archivedAt === null),
      ...missing.map(([key, d]) => ({ key, labelEn: d.labelEn, labelAr: d.labelAr })),
    ],
    defineMissing: async (tx) => {
      for (const [key, declaration] of missing) {
        await createCustomField(tx, {
          recordKind,
          key,
          type: declaration.type,
          labelEn: declaration.labelEn,
          labelAr: declaration.labelAr,
          required: declaration.required,
          options: declaration.options,
        });
      }
      return missing.length;
    },
  };
}

/** The active custom fields of the import's kind, as the run's transaction sees them. */
export async function loadImportedCustomFields(
  run: ImportRun,
  members: MemberDirectory,
  columnOf: (field: string) => string | null,
): Promise<ImportedCustomFields> {
  const recordKind = (CUSTOM_FIELD_KINDS as Partial<Record<ImportKind, CustomFieldRecordKind>>)[
    run.kind
  ];
  const fields = recordKind
    ? await activeFieldsOf({ db: run.db, actor: run.actor, now: run.now }, recordKind)
    : [];
  return new ImportedCustomFields(run, fields, members, columnOf);
}
