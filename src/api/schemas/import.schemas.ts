import { z } from 'zod';
import { IMPORT_KINDS } from '../../domain/import/import-fields.js';
import { ENCODINGS } from '../../domain/import/import-mapping.js';
import { PRESETS } from '../../domain/import/import-presets.js';
import { MIGRATION_SOURCES } from '../../services/transfer/migrate/migration.service.js';

const Flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

export const ImportParams = z.object({ kind: z.enum(IMPORT_KINDS) });

export const ImportQuery = z.object({
  dryRun: Flag.describe('Check everything and report what would happen; write nothing'),
  validOnly: Flag.describe('Import the valid rows even when others are rejected'),
  preset: z.enum(PRESETS).optional(),
  encoding: z.enum(ENCODINGS).optional().describe('CSV text encoding (default utf-8)'),
  sheet: z.string().min(1).max(200).optional().describe('XLSX: the sheet to read'),
  dateFormat: z
    .enum(['iso', 'dmy', 'mdy'])
    .optional()
    .describe('How to read slashed dates such as 03/04/2026 (never guessed)'),
  decimalSeparator: z.enum(['.', ',']).optional().describe('Amounts: 1,234.50 (.) or 1.234,50 (,)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  fileName: z.string().min(1).max(200).optional().describe('Named in the report and messages'),
  mapping: z
    .string()
    .max(100_000)
    .optional()
    .describe('A mapping as JSON (columns, values, compose…; see docs/import.md)'),
});

const Count = z.number().int();

export const ImportReport = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    file: z.string(),
    format: z.enum(['csv', 'xlsx']),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable(),
    preset: z.string(),
    source: z.string(),
    dryRun: z.boolean(),
    validOnly: z.boolean(),
    committed: z.boolean().describe('Whether anything was written'),
    columns: z.array(
      z.object({
        column: z.string(),
        field: z.string().nullable(),
        how: z.enum(['mapping', 'preset', 'guess', 'none']),
      }),
    ),
    rows: z.object({
      total: Count,
      created: Count,
      updated: Count,
      skipped: Count,
      rejected: Count,
    }),
    alsoCreated: z.record(z.string(), Count),
    rejections: z.array(
      z.object({
        row: Count.describe('The row a spreadsheet shows; the header is row 1'),
        line: Count.nullable().describe('CSV: the line of the file the row starts on'),
        column: z.string().nullable().describe('The header of the column at fault'),
        columnNumber: Count.nullable().describe('Its position, 1 for the first column'),
        value: z.string().nullable(),
        reason: z.string(),
      }),
    ),
    rejectionsNotListed: Count,
    suggestions: z.array(
      z.object({
        row: Count,
        column: z.string().nullable(),
        value: z.string(),
        similarTo: z.string(),
        reason: z.string(),
      }),
    ),
    warnings: z.array(
      z.object({ code: z.string(), message: z.string(), count: Count, rows: z.array(Count) }),
    ),
    valueMaps: z.array(
      z.object({ field: z.string(), from: z.string(), to: z.string(), count: Count }),
    ),
    valueCheck: z
      .object({
        tolerance: z.number(),
        checked: Count,
        flagged: Count,
        examples: z.array(
          z.object({ row: Count, amount: Count, itemsTotal: Count, currency: z.string() }),
        ),
      })
      .nullable(),
    customFields: z
      .array(
        z.object({
          key: z.string(),
          column: z.string().describe('The column (or composed columns) it is read from'),
          values: Count.describe('Values written: records created or changed with one'),
        }),
      )
      .describe('Where each column mapped to a custom field went (customFields.<key>)'),
    timings: z.object({ ms: z.number(), rowsPerSecond: z.number() }),
  })
  .meta({ id: 'ImportReport' });

export const UploadParams = z.object({ id: z.uuid() });

export const Upload = z
  .object({
    id: z.uuid(),
    source: z
      .enum(MIGRATION_SOURCES)
      .nullable()
      .describe('The CRM whose export the files are, or null for a file of one kind'),
    files: z.array(
      z.object({
        name: z.string(),
        headers: z.array(z.string()),
        samples: z.array(z.array(z.string())).describe('The first rows, as the file has them'),
      }),
    ),
  })
  .meta({ id: 'Upload' });

export const UploadRunBody = z.object({
  source: z.enum(MIGRATION_SOURCES).nullable().describe('Whose export; null: one file of `kind`'),
  kind: z.enum(IMPORT_KINDS).optional(),
  dryRun: z.boolean().default(false),
  mapping: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('A mapping (columns, values, pipeline, dateFormat…; see docs/import.md)'),
  columnsByFile: z
    .record(z.string(), z.record(z.string(), z.string().nullable()))
    .default({})
    .describe('An export: the field of a column of one of its files (null: not imported)'),
});

export const UploadReport = z
  .object({
    source: z.enum(MIGRATION_SOURCES).nullable(),
    dryRun: z.boolean(),
    committed: z.boolean(),
    pipelines: z.array(
      z.object({ name: z.string(), created: z.boolean(), stages: z.array(z.string()) }),
    ),
    files: z.array(ImportReport),
    dealContacts: z.object({ linked: Count, alreadyLinked: Count }),
    dealItems: z.object({ added: Count, dealsWithItems: Count, unreadable: Count }),
    notRead: z.array(z.string()),
    notes: z.array(z.object({ code: z.string(), message: z.string(), count: Count })),
    likelyMisses: z.array(z.object({ file: z.string(), column: z.string(), field: z.string() })),
  })
  .meta({ id: 'UploadReport' });

export const ImportFields = z
  .object({ kinds: z.record(z.enum(IMPORT_KINDS), z.array(z.string())) })
  .meta({ id: 'ImportFields' });
