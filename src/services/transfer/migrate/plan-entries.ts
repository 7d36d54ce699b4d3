import {
  fieldsOf,
  guessField,
  headerKey,
  type ImportKind,
} from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import type { SourceDealHistory } from '../../../domain/import/imported-history.js';
import { openRowSource } from '../import/import-source.js';
import {
  type DerivedColumn,
  type ExportFile,
  type Preparation,
  preparedSource,
} from './export-folder.js';
import { type LikelyMiss, type PlanEntry, PlanNotes } from './migration-plan.js';

/** The header row of a file, without reading the rest. */
export async function headersOf(file: ExportFile): Promise<string[]> {
  const source = await openRowSource({ path: file.path }, { encoding: file.encoding });
  source.close();
  return source.headers;
}

/**
 * A header's words, for guessing a field it may hold: API names split at capitals and
 * underscores, a custom field's `__c` dropped.
 * @example headerWords('Loss_Reason__c') === 'Loss Reason'; headerWords('NextStepDate') === 'Next Step Date'
 */
export function headerWords(header: string): string {
  return header
    .replace(/__c$/i, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}

/** Options the user's mapping gives over the migration's own: its values and columns win. */
export function withMapping(
  kind: ImportKind,
  own: ImportOptions,
  mapping: ImportOptions,
): ImportOptions {
  const values: Record<string, Record<string, string>> = { ...own.values };
  const fields = new Set(fieldsOf(kind));
  for (const [field, map] of Object.entries(mapping.values ?? {})) {
    if (fields.has(field)) values[field] = { ...values[field], ...map };
  }
  return {
    ...own,
    ...mapping,
    pipeline: undefined,
    columns: { ...own.columns, ...mapping.columns },
    values,
  };
}

export interface EntrySpec {
  kind: ImportKind;
  file: ExportFile;
  /** Header of the file → field. Every other header of the file is not imported. */
  columns: Record<string, string>;
  /** Columns made from others (an account's name from AccountId) → field. */
  derived?: (DerivedColumn & { field: string })[] | undefined;
  preparation?: Omit<Preparation, 'derived'> | undefined;
  options?: ImportOptions | undefined;
  dealHistories?: ReadonlyMap<string, SourceDealHistory> | undefined;
}

/**
 * One file of the plan: its own columns mapped, derived columns added, every other column
 * left out — and named as a likely miss when its header reads as a field the kind has.
 */
export async function planEntry(
  spec: EntrySpec,
  context: { source: string; mapping: ImportOptions; misses: LikelyMiss[]; notes: PlanNotes },
): Promise<PlanEntry> {
  const headers = await headersOf(spec.file);
  const columns: Record<string, string | null> = {};
  const mapped = new Set([
    ...Object.values(spec.columns),
    ...(spec.derived ?? []).map((d) => d.field),
  ]);
  for (const header of headers) {
    const field = spec.columns[header];
    if (field) {
      columns[header] = field;
      continue;
    }
    columns[header] = null;
    const guess = guessField(spec.kind, headerWords(header));
    if (guess && !mapped.has(guess) && !context.mapping.columns?.[header]) {
      context.misses.push({ file: spec.file.name, column: header, field: guess });
    }
  }
  for (const derived of spec.derived ?? []) columns[derived.header] = derived.field;
  const options = withMapping(
    spec.kind,
    { preset: 'generic', source: context.source, ...spec.options, columns },
    context.mapping,
  );
  return {
    kind: spec.kind,
    file: spec.file.name,
    source: preparedSource(spec.file, { ...spec.preparation, derived: spec.derived }),
    options,
    dealHistories: spec.dealHistories,
  };
}

/** The most frequent of some values (the first seen among equals); null for none. */
export function mostCommon<T>(values: Iterable<T>): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** Index of rows by a column's value (the first row of each value). */
export function indexBy<T extends { get: (h: string) => string | null }>(
  rows: T[],
  header: string,
): Map<string, T> {
  const index = new Map<string, T>();
  for (const row of rows) {
    const key = row.get(header);
    if (key !== null && !index.has(key)) index.set(key, row);
  }
  return index;
}

/** A contact's part in a deal, from the words other CRMs use. */
export function contactRoleOf(text: string | null): string | null {
  if (text === null) return null;
  const key = headerKey(text);
  if (/decision|economic|executive|sponsor|budget/.test(key)) return 'decision_maker';
  if (/influenc|evaluat|technical/.test(key)) return 'influencer';
  if (/champion/.test(key)) return 'champion';
  if (/user/.test(key)) return 'user';
  return 'other';
}

/** The first of the labels a file has, as the file spells it (case and spacing aside). */
export function headerOf(headers: string[], ...labels: string[]): string | null {
  for (const label of labels) {
    const found = headers.find((h) => headerKey(h) === headerKey(label));
    if (found) return found;
  }
  return null;
}

/** Header → field for the headers a file has; a header it lacks (null) is left out. */
export function presentColumns(pairs: [string | null, string][]): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [header, field] of pairs) if (header !== null) columns[header] = field;
  return columns;
}

/** A plan being made: its entries in order, its notes and likely misses, and how to add one. */
export function startPlan(source: string, mapping: ImportOptions) {
  const notes = new PlanNotes();
  const misses: LikelyMiss[] = [];
  const entries: PlanEntry[] = [];
  const context = { source, mapping, misses, notes };
  return {
    notes,
    misses,
    entries,
    add: async (spec: EntrySpec) => {
      entries.push(await planEntry(spec, context));
    },
  };
}

/** The folder's files by what their headers say they hold; the first of a kind is read. */
export async function filesByKind<K extends string>(
  files: Map<string, ExportFile>,
  kindOf: (headers: string[]) => K | null,
): Promise<{ byKind: Map<K, ExportFile>; notRead: string[] }> {
  const byKind = new Map<K, ExportFile>();
  const notRead: string[] = [];
  for (const file of files.values()) {
    const kind = kindOf(await headersOf(file));
    if (kind && !byKind.has(kind)) byKind.set(kind, file);
    else notRead.push(file.name);
  }
  return { byKind, notRead };
}

/** The deal's pipeline: the one the mapping names, else the export's, else the CRM's default. */
export function pipelineColumn(
  mapping: ImportOptions,
  header: string | null,
  fallback: string,
): DerivedColumn & { field: string } {
  return {
    header: 'Pipeline (as mapped)',
    field: 'pipeline',
    value: (get) => mapping.pipeline ?? (header ? get(header) : null) ?? fallback,
  };
}
