import { DomainError, type ErrorDetail } from '../../../domain/errors.js';
import {
  fieldsOf,
  guessField,
  headerKey,
  type ImportKind,
} from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import { detectPreset, type PresetName, presetFor } from '../../../domain/import/import-presets.js';
import type { ImportReport, ReportBuilder } from '../../../domain/import/import-report.js';
import type { SourceRow } from './source-row.js';

/** Which columns feed which field, decided once from the header row. */
export interface ColumnPlan {
  preset: PresetName;
  /** Field → the columns it reads (several when composed). */
  fieldColumns: Map<string, number[]>;
  columns: ImportReport['columns'];
  /** Field → folded value in the file → value to import. */
  valueMaps: Map<string, Map<string, { from: string; to: string }>>;
}

/** What each kind cannot do without: one of these fields must have a column. */
const REQUIRED: Record<ImportKind, string[][]> = {
  companies: [['name']],
  contacts: [['name', 'firstName', 'lastName', 'email']],
  deals: [['title']],
  activities: [['subject']],
  users: [['name', 'email']],
  products: [['name']],
};

export const COMPOSE_SEPARATOR = ' – ';

/** Where a column goes to fill a custom field: `customFields.<key>`. */
export const CUSTOM_FIELD_TARGET = 'customFields.';

/** What the column plan knows of a kind's custom fields: their keys, and labels to guess by. */
export interface CustomFieldName {
  key: string;
  labelEn: string;
  labelAr: string;
}

/** The kinds whose records have custom fields. */
export const CUSTOM_FIELD_KINDS = {
  companies: 'company',
  contacts: 'contact',
  deals: 'deal',
} as const;

/**
 * Decides the column of each field: the mapping file first, then the preset's column names,
 * then guesses from English and Arabic header names (a custom field's key or label last).
 * Mistakes in the mapping (a column the file does not have, a field the kind does not have, a
 * custom field the workspace has not defined) are errors naming the file and the key.
 */
export function planColumns(
  kind: ImportKind,
  headers: string[],
  options: ImportOptions,
  label: string,
  customFields: readonly CustomFieldName[] = [],
): ColumnPlan {
  const fields = new Set([
    ...fieldsOf(kind),
    ...customFields.map((f) => `${CUSTOM_FIELD_TARGET}${f.key}`),
  ]);
  const customGuesses = new Map<string, string>();
  for (const field of customFields) {
    for (const name of [field.key, field.labelEn, field.labelAr]) {
      const key = headerKey(name);
      if (key !== '' && !customGuesses.has(key)) {
        customGuesses.set(key, `${CUSTOM_FIELD_TARGET}${field.key}`);
      }
    }
  }
  const preset = options.preset ?? (kind === 'deals' ? detectPreset(headers) : 'generic');
  const presetColumns = presetFor(preset, kind).columns;
  const details: ErrorDetail[] = [];
  const indexOf = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!indexOf.has(h)) indexOf.set(h, i);
  });
  const requireColumn = (column: string, path: string[]): number | undefined => {
    const index = indexOf.get(column);
    if (index === undefined) {
      details.push({
        path: [label, ...path],
        message: `No column "${column}" in the file (columns: ${headers.join(', ')})`,
      });
    }
    return index;
  };
  const requireField = (field: string, path: string[]) => {
    if (fields.has(field)) return true;
    if (field.startsWith(CUSTOM_FIELD_TARGET)) {
      const key = field.slice(CUSTOM_FIELD_TARGET.length);
      details.push({
        path: [label, ...path],
        code: 'custom_field_unknown',
        message:
          kind in CUSTOM_FIELD_KINDS
            ? `"${key}" is not a custom field of ${kind}: define it first (an admin, in ` +
              `settings or POST /api/v1/custom-fields), or declare it in the mapping's ` +
              `"customFields" (custom fields of ${kind}: ` +
              `${customFields.map((f) => f.key).join(', ') || 'none'})`
            : `${kind} have no custom fields`,
      });
      return false;
    }
    details.push({
      path: [label, ...path],
      message: `"${field}" is not a field of ${kind} (fields: ${fieldsOf(kind).join(', ')})`,
    });
    return false;
  };

  const fieldColumns = new Map<string, number[]>();
  const how = new Map<
    number,
    { field: string | null; how: ImportReport['columns'][number]['how'] }
  >();
  const explicit = new Set<number>();
  for (const [column, field] of Object.entries(options.columns ?? {})) {
    const index = requireColumn(column, ['columns', column]);
    if (index === undefined) continue;
    explicit.add(index);
    how.set(index, { field, how: 'mapping' });
    if (field === null || !requireField(field, ['columns', column])) continue;
    if (fieldColumns.has(field)) {
      details.push({ path: [label, 'columns', column], message: `"${field}" is mapped twice` });
    }
    fieldColumns.set(field, [index]);
  }
  if (options.externalIdColumn) {
    const index = requireColumn(options.externalIdColumn, ['externalIdColumn']);
    if (index !== undefined) {
      explicit.add(index);
      if (!how.has(index)) how.set(index, { field: 'externalId', how: 'mapping' });
      fieldColumns.set('externalId', [index]);
    }
  }
  for (const [field, columns] of Object.entries(options.compose ?? {})) {
    if (!requireField(field, ['compose', field])) continue;
    const indexes = columns
      .map((c) => requireColumn(c, ['compose', field]))
      .filter((i) => i !== undefined);
    fieldColumns.set(field, indexes);
    for (const index of indexes) {
      if (!how.get(index)?.field) how.set(index, { field, how: 'mapping' });
    }
  }
  for (const field of Object.keys(options.values ?? {})) requireField(field, ['values', field]);

  headers.forEach((header, index) => {
    if (explicit.has(index) || indexOf.get(header) !== index) return;
    const presetField = presetColumns[header];
    const field = presetField ?? guessField(kind, header) ?? customGuesses.get(headerKey(header));
    if (!field || fieldColumns.has(field)) {
      if (!how.has(index)) how.set(index, { field: null, how: 'none' });
      return;
    }
    fieldColumns.set(field, [index]);
    how.set(index, { field, how: presetField ? 'preset' : 'guess' });
  });

  for (const alternatives of REQUIRED[kind]) {
    if (!alternatives.some((f) => fieldColumns.has(f))) {
      details.push({
        path: [label, 'columns'],
        message:
          `No column for ${alternatives.join(' or ')}: name one in the mapping's "columns"` +
          (kind === 'deals' ? ' or build it with "compose"' : ''),
      });
    }
  }
  if (details.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${label}: the mapping does not fit the file`,
      details,
    );
  }

  const valueMaps = new Map<string, Map<string, { from: string; to: string }>>();
  const addValues = (field: string, map: Record<string, string>) => {
    const byKey = valueMaps.get(field) ?? new Map<string, { from: string; to: string }>();
    for (const [from, to] of Object.entries(map)) byKey.set(headerKey(from), { from, to });
    valueMaps.set(field, byKey);
  };
  addValues('stage', presetFor(preset, kind).stages);
  for (const [field, map] of Object.entries(options.values ?? {})) addValues(field, map);

  return {
    preset,
    fieldColumns,
    valueMaps,
    columns: headers.map((column, index) => ({
      column,
      field: how.get(index)?.field ?? null,
      how: how.get(index)?.how ?? 'none',
    })),
  };
}

/** One data row, read through the column plan: trimmed, composed and value-mapped. */
export class ImportRow {
  readonly number: number;
  readonly line: number | null;
  readonly cells: string[];
  /** Values already read: a value map is applied (and counted) once per row and field. */
  readonly #values = new Map<string, string | null>();

  constructor(
    source: SourceRow,
    private readonly plan: ColumnPlan,
    private readonly headers: string[],
    private readonly report: ReportBuilder,
  ) {
    this.number = source.number;
    this.line = source.line;
    this.cells = source.cells;
  }

  has(field: string): boolean {
    return this.plan.fieldColumns.has(field);
  }

  /** The cell text as in the file (trimmed, composed), before any value map; null when empty. */
  raw(field: string): string | null {
    const indexes = this.plan.fieldColumns.get(field);
    if (!indexes) return null;
    if (indexes.length === 1) {
      const text = (this.cells[indexes[0] ?? -1] ?? '').trim();
      return text === '' ? null : text;
    }
    const parts = indexes.map((i) => (this.cells[i] ?? '').trim()).filter((p) => p !== '');
    return parts.length > 0 ? parts.join(COMPOSE_SEPARATOR) : null;
  }

  /** The value to import: the raw text through the field's value map. */
  get(field: string): string | null {
    const known = this.#values.get(field);
    if (known !== undefined) return known;
    const value = this.#mapped(field);
    this.#values.set(field, value);
    return value;
  }

  /** Another text of this field (a stage the history names) through the field's value map. */
  mapValue(field: string, text: string): string | null {
    const mapped = this.plan.valueMaps.get(field)?.get(headerKey(text));
    if (!mapped) return text;
    this.report.countValueMap(field, text, mapped.to);
    return mapped.to.trim() === '' ? null : mapped.to.trim();
  }

  #mapped(field: string): string | null {
    const raw = this.raw(field);
    if (raw === null) return null;
    const valueMap = this.plan.valueMaps.get(field);
    const mapped = valueMap?.get(headerKey(raw));
    if (!mapped) return raw;
    this.report.countValueMap(field, raw, mapped.to);
    return mapped.to.trim() === '' ? null : mapped.to.trim();
  }

  /** The header(s) a field is read from, for messages. */
  column(field: string): string | null {
    const indexes = this.plan.fieldColumns.get(field);
    if (!indexes || indexes.length === 0) return null;
    return indexes.map((i) => this.headers[i] ?? `column ${i + 1}`).join(' + ');
  }

  /** The position (1 = first) of the first column a field is read from. */
  columnNumber(field: string): number | null {
    const index = this.plan.fieldColumns.get(field)?.[0];
    return index === undefined ? null : index + 1;
  }
}
