import { z } from 'zod';
import {
  CUSTOM_FIELD_KEY_PATTERN,
  CUSTOM_FIELD_TYPES,
  MAX_OPTIONS,
  OPTION_KEY_PATTERN,
} from '../custom-fields.js';
import { DomainError } from '../errors.js';
import { IMPORT_KINDS } from './import-fields.js';
import { PRESETS } from './import-presets.js';

export const ENCODINGS = ['utf-8', 'windows-1256', 'windows-1252', 'utf-16le'] as const;
export type ImportEncoding = (typeof ENCODINGS)[number];

const Label = z.string().trim().min(1).max(120);

/**
 * A custom field the import defines when the workspace lacks it (admins only), so a mapping
 * can send a column to `customFields.<key>` on a fresh workspace. One that exists must have the
 * same type; its labels and options stay as they are.
 */
export const ImportCustomField = z
  .object({
    type: z.enum(CUSTOM_FIELD_TYPES),
    labelEn: Label,
    labelAr: Label,
    required: z.boolean().optional(),
    options: z
      .array(
        z
          .object({ key: z.string().regex(OPTION_KEY_PATTERN), labelEn: Label, labelAr: Label })
          .strict(),
      )
      .max(MAX_OPTIONS)
      .optional(),
  })
  .strict();
export type ImportCustomField = z.infer<typeof ImportCustomField>;

/** How one file is read and mapped; every key is optional (guesses and defaults fill in). */
export const ImportOptions = z
  .object({
    kind: z.enum(IMPORT_KINDS).optional(),
    preset: z.enum(PRESETS).optional(),
    /** Names the system external ids come from (default: the preset, or "file"). */
    source: z.string().trim().min(1).max(60).optional(),
    /** Column header → field (`null` ignores the column). */
    columns: z.record(z.string(), z.string().nullable()).optional(),
    /** Field → (value in the file → value to import), e.g. { "stage": { "Engaging": "proposal" } }. */
    values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    /** Field → columns whose non-empty values are joined with " – " (a deal title, a team). */
    compose: z.record(z.string(), z.array(z.string()).min(1)).optional(),
    dateFormat: z.enum(['iso', 'dmy', 'mdy']).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'An ISO-4217 code such as USD or SAR')
      .optional(),
    defaultOwnerEmail: z.email().optional(),
    externalIdColumn: z.string().min(1).optional(),
    /** Amounts: "." (1,234.50, the default) or "," (1.234,50). */
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** ISO 3166 alpha-2 country for phone numbers written without +country code. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'An ISO 3166 alpha-2 code such as SA')
      .optional(),
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    /** XLSX: the sheet to read (default: the first). */
    sheet: z.string().min(1).optional(),
    /** Deals: the stage a won or lost deal is recorded at before closing, when the file does not say. */
    closedFromStage: z.string().min(1).optional(),
    /** Deals: the pipeline (its English or Arabic name) of rows whose file names none (default: the default one). */
    pipeline: z.string().trim().min(1).max(120).optional(),
    /** Deals: a deal with a product and no amount gets the product's list price as an estimate. */
    amountFromProducts: z.boolean().optional(),
    /** Deals: the share by which an amount may differ from its items' list prices (0.1 = 10%). */
    valueTolerance: z.number().min(0).max(10).optional(),
    /** Users: people without an email get first.last@<this domain> (use a reserved .example domain). */
    userEmailDomain: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'A domain such as team.example')
      .optional(),
    /** Companies, contacts, deals: custom fields to define if missing, by key (see above). */
    customFields: z
      .record(z.string().regex(CUSTOM_FIELD_KEY_PATTERN, 'A custom field key'), ImportCustomField)
      .optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptions>;

export const ImportFileEntry = ImportOptions.extend({
  kind: z.enum(IMPORT_KINDS),
  /** Path of the file, relative to the mapping file. */
  file: z.string().min(1),
}).strict();
export type ImportFileEntry = z.infer<typeof ImportFileEntry>;

/** A mapping file: options for one file, or (with `files`) a plan of several, in order. */
export const MappingFile = ImportOptions.extend({
  $schema: z.string().optional(),
  description: z.string().optional(),
  files: z.array(ImportFileEntry).min(1).optional(),
}).strict();
export type MappingFile = z.infer<typeof MappingFile>;

/** Reads a mapping file's JSON text; a mistake is a VALIDATION_FAILED naming the key. */
export function parseMappingFile(text: string, label: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', `${label} is not valid JSON`, [
      { path: [label], message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const parsed = MappingFile.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${label} is not a valid mapping`,
      parsed.error.issues.map((issue) => ({
        path: [label, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

const OPTION_KEYS: ReadonlySet<string> = new Set(ImportOptions.keyof().options);

/** The options a mapping gives every file: its keys, without the plan's own (files, …). */
export function mappingOptions(mapping: ImportOptions): ImportOptions {
  // Only ImportOptions' own keys, whose values the schema has already checked.
  return Object.fromEntries(Object.entries(mapping).filter(([key]) => OPTION_KEYS.has(key)));
}

/** Options of one entry of a plan: the entry's own keys over the mapping's top-level ones. */
export function optionsOfEntry(mapping: MappingFile, entry: ImportFileEntry): ImportOptions {
  const defaults = mappingOptions(mapping);
  return {
    ...defaults,
    ...mappingOptions(entry),
    columns: { ...defaults.columns, ...entry.columns },
    values: { ...defaults.values, ...entry.values },
    compose: { ...defaults.compose, ...entry.compose },
  };
}
