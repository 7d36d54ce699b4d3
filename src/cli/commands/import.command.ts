import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.service.js';
import {
  createRejectsFile,
  ImportAbortedError,
  type ImportProgress,
  importRecords,
} from '../../services/transfer/import/import.service.js';
import { IMPORT_KINDS, type ImportKind } from '../../domain/import/import-fields.js';
import {
  ENCODINGS,
  type ImportOptions,
  mappingOptions,
} from '../../domain/import/import-mapping.js';
import {
  importMappingPlan,
  readMappingFile,
} from '../../services/transfer/import/import-plan.service.js';
import { PRESETS } from '../../domain/import/import-presets.js';
import type { ImportReport, RejectsSink } from '../../domain/import/import-report.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import {
  MIGRATION_SOURCES,
  type MigrationSource,
  migrateExport,
} from '../../services/transfer/migrate/migration.service.js';
import { formatImportSummary, formatMigrationSummary, rejectionLines } from './import-summary.js';

interface ImportFlags {
  mapping?: string;
  preset?: string;
  encoding?: string;
  sheet?: string;
  dateFormat?: string;
  decimalSeparator?: string;
  currency?: string;
  defaultCountry?: string;
  dryRun?: boolean;
  validOnly?: boolean;
  rejects?: string;
  workspace?: string;
  json?: boolean;
  quiet?: boolean;
}

const REJECTIONS_SHOWN = 50;
/** Ctrl-C: the import was stopped and rolled back (128 + SIGINT). */
const EXIT_STOPPED = 130;

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`${flag} must be one of ${allowed.join(', ')}`, 2);
  }
  return value as T;
}

/** Progress on stderr: one line rewritten in place on a terminal, a line every 5 s otherwise. */
function progressPrinter(isQuiet: boolean) {
  let last = 0;
  const isTty = process.stderr.isTTY;
  return (label: string, p: ImportProgress) => {
    if (isQuiet || p.rows === 0 || (!isTty && p.elapsedMs - last < 5000)) return;
    last = p.elapsedMs;
    const eta = p.etaSeconds === null ? '' : `, about ${Math.ceil(p.etaSeconds)} s left`;
    const rate = Math.round(p.rowsPerSecond).toLocaleString('en');
    const text = `${label}: ${p.rows.toLocaleString('en')} rows, ${rate} rows/s${eta}`;
    process.stderr.write(isTty ? `\r${text}\u001b[K` : `${text}\n`);
  };
}

/** Where the rejected rows of `file` go when --valid-only names no --rejects file. */
function defaultRejectsPath(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.rejected.csv`);
}

function printReports(reports: ImportReport[], flags: ImportFlags, mapping: string | null) {
  if (process.stderr.isTTY && !flags.quiet) process.stderr.write('\r\u001b[K');
  if (flags.json) {
    const output = mapping === null ? reports[0] : { mapping, files: reports };
    console.log(JSON.stringify(output, null, 2));
  } else {
    for (const report of reports) console.log(formatImportSummary(report).join('\n'));
  }
  for (const report of reports) {
    for (const line of rejectionLines(report, REJECTIONS_SHOWN)) console.error(line);
  }
}

/** A failure before any row was imported (a mapping that does not fit, an unreadable file). */
function describeImportError(error: DomainError): CliError {
  const lines = [`${error.code}: ${error.message}`];
  for (const detail of error.details) lines.push(`  ${detail.path.join(': ')}: ${detail.message}`);
  return new CliError(lines.join('\n'), 1);
}

async function withDatabase<T>(
  flags: ImportFlags,
  work: (ctx: ServiceContext, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(loadConfig());
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const ctx = await cliContext(db, flags.workspace);
    return await work(ctx, controller.signal);
  } catch (error) {
    if (error instanceof ImportAbortedError) throw new CliError(error.message, EXIT_STOPPED);
    if (error instanceof DomainError && error.details.length > 0) {
      throw describeImportError(error);
    }
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await db.destroy();
  }
}

/** The options the command line's flags set; they win over the mapping's. */
function flagOptions(flags: ImportFlags): ImportOptions {
  const dateFormat = oneOf(flags.dateFormat, ['iso', 'dmy', 'mdy'] as const, '--date-format');
  const decimal = oneOf(flags.decimalSeparator, ['.', ','] as const, '--decimal-separator');
  const preset = oneOf(flags.preset, PRESETS, '--preset');
  const encoding = oneOf(flags.encoding, ENCODINGS, '--encoding');
  return {
    ...(preset ? { preset } : {}),
    ...(encoding ? { encoding } : {}),
    ...(flags.sheet ? { sheet: flags.sheet } : {}),
    ...(dateFormat ? { dateFormat } : {}),
    ...(decimal ? { decimalSeparator: decimal } : {}),
    ...(flags.currency ? { currency: flags.currency.toUpperCase() } : {}),
    ...(flags.defaultCountry ? { defaultCountry: flags.defaultCountry.toUpperCase() } : {}),
  };
}

async function optionsFromFlags(flags: ImportFlags): Promise<ImportOptions> {
  const mapping = flags.mapping ? await readMappingFile(flags.mapping) : {};
  if ('files' in mapping && mapping.files) {
    throw new CliError(
      `${flags.mapping} names several files: run "qanat import --mapping ${flags.mapping}" ` +
        'without a kind and file',
      2,
    );
  }
  return { ...mappingOptions(mapping), ...flagOptions(flags) };
}

async function importOneFile(
  ctx: ServiceContext,
  signal: AbortSignal,
  kind: ImportKind,
  file: string,
  flags: ImportFlags,
): Promise<{ report: ImportReport; rejects: { path: string; sink: RejectsSink } | null }> {
  const options = await optionsFromFlags(flags);
  const rejectsPath = flags.rejects ?? (flags.validOnly ? defaultRejectsPath(file) : null);
  const rejects = rejectsPath
    ? { path: resolve(rejectsPath), sink: createRejectsFile(resolve(rejectsPath)) }
    : null;
  const print = progressPrinter(flags.quiet ?? false);
  try {
    const report = await importRecords(ctx, {
      kind,
      source: { path: file },
      options,
      dryRun: flags.dryRun,
      validOnly: flags.validOnly,
      rejects: rejects?.sink,
      signal,
      onProgress: (p) => print(file, p),
    });
    return { report, rejects };
  } finally {
    await rejects?.sink.close();
  }
}

/**
 * `qanat import salesforce|hubspot|pipedrive <folder>`: another CRM's export folder with its
 * history, all or nothing. Exit 1 when it is (or, in a dry run, would be) refused.
 */
async function importExportFolder(source: MigrationSource, folder: string, flags: ImportFlags) {
  const print = progressPrinter(flags.quiet ?? false);
  const report = await withDatabase(flags, (ctx, signal) =>
    migrateExport(ctx, {
      source,
      folder: resolve(folder),
      mappingPath: flags.mapping,
      dryRun: flags.dryRun,
      signal,
      onProgress: print,
    }),
  );
  if (process.stderr.isTTY && !flags.quiet) process.stderr.write('\r\u001b[K');
  if (flags.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatMigrationSummary(report).join('\n'));
  for (const file of report.files) {
    for (const line of rejectionLines(file, REJECTIONS_SHOWN)) console.error(line);
  }
  if (report.files.some((f) => f.rows.rejected > 0)) process.exitCode = 1;
}

/** `qanat import`: one file of a kind, or every file a mapping names, in order. */
export function registerImportCommand(program: Command): void {
  program
    .command('import [kind] [file]')
    .description(
      'Import companies, contacts, deals (with their stage history), activities, users or ' +
        'products from a CSV or XLSX file, or every file a mapping names; or another CRM’s ' +
        `export folder with its history: qanat import ${MIGRATION_SOURCES.join('|')} <folder> ` +
        '(see docs/import.md)',
    )
    .option(
      '--mapping <file>',
      'mapping JSON: columns, value maps, date format… or a list of files',
    )
    .option('--preset <name>', `column names of a CRM's export: ${PRESETS.join(', ')}`)
    .option('--encoding <name>', `CSV text encoding: ${ENCODINGS.join(', ')} (default utf-8)`)
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option('--date-format <order>', 'iso, dmy or mdy: how to read dates such as 03/04/2026')
    .option('--decimal-separator <char>', 'amounts: "." (1,234.50, default) or "," (1.234,50)')
    .option('--currency <code>', 'currency of amounts without one (default: the workspace’s)')
    .option('--default-country <code>', 'country of phone numbers written without +code, e.g. SA')
    .option('--dry-run', 'check everything and show what would happen; write nothing')
    .option('--valid-only', 'import the valid rows and write the others to a rejects file')
    .option('--rejects <file>', 'the rejects CSV (default with --valid-only: <file>.rejected.csv)')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(async (kindArg: string | undefined, file: string | undefined, flags: ImportFlags) => {
      const source = MIGRATION_SOURCES.find((s) => s === kindArg);
      if (source) {
        if (!file) throw new CliError(`Name the export folder: qanat import ${source} <folder>`, 2);
        await importExportFolder(source, file, flags);
        return;
      }
      const kind = oneOf(kindArg, [...IMPORT_KINDS, ...MIGRATION_SOURCES], '<kind>') as
        | ImportKind
        | undefined;
      if (kind && !file)
        throw new CliError('Name the file to import: qanat import <kind> <file>', 2);
      if (!kind && !flags.mapping) {
        throw new CliError('Name a kind and a file, or a mapping that lists files (--mapping)', 2);
      }
      const rejectsWritten: { path: string; count: number }[] = [];
      const reports = await withDatabase(flags, async (ctx, signal) => {
        if (kind && file) {
          const { report, rejects } = await importOneFile(ctx, signal, kind, file, flags);
          if (rejects && rejects.sink.count > 0) {
            rejectsWritten.push({ path: rejects.path, count: rejects.sink.count });
          }
          return [report];
        }
        const mapping = flags.mapping ?? '';
        const base = dirname(resolve(mapping));
        const print = progressPrinter(flags.quiet ?? false);
        const sinks: { path: string; sink: RejectsSink }[] = [];
        const plan = await importMappingPlan(ctx, mapping, {
          overrides: flagOptions(flags),
          dryRun: flags.dryRun,
          validOnly: flags.validOnly,
          signal,
          onProgress: print,
          rejectsFor:
            flags.rejects || flags.validOnly
              ? (entryKind, index, entryFile) => {
                  const path = flags.rejects
                    ? `${resolve(flags.rejects).replace(/\.csv$/i, '')}-${index + 1}-${entryKind}.csv`
                    : defaultRejectsPath(resolve(base, entryFile));
                  const sink = createRejectsFile(path);
                  sinks.push({ path, sink });
                  return sink;
                }
              : undefined,
        });
        for (const { path, sink } of sinks) {
          if (sink.count > 0) rejectsWritten.push({ path, count: sink.count });
        }
        return plan.files;
      });
      printReports(reports, flags, kind ? null : (flags.mapping ?? null));
      for (const { path, count } of rejectsWritten) {
        console.error(`${count.toLocaleString('en')} rejected rows written to ${path}`);
      }
      if (reports.some((r) => r.rows.rejected > 0 && !r.validOnly)) process.exitCode = 1;
    });
}
