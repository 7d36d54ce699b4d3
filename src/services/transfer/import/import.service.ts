import type { Db } from '../../../db/connection.js';
import { refreshStatisticsAfterImport } from '../../../db/import.repository.js';
import { findWorkspace } from '../../../db/workspace.repository.js';
import { DomainError, notFound } from '../../../domain/errors.js';
import { type ServiceContext, requirePermission } from '../../context.service.js';
import { type ColumnPlan, ImportRow, planColumns } from './import-columns.js';
import type { ImportKind } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import { type ImportReport, ReportBuilder } from '../../../domain/import/import-report.js';
import { ImportRun, RowRejected } from './import-run.js';
import { openRowSource } from './import-source.js';
import { planCustomFields } from './custom-field-import.js';
import { createKindImporter } from './kind-importers.js';
import { type ImportSource, type RowSource, sourceLabel } from './source-row.js';
import type { RejectsSink } from '../../../domain/import/import-report.js';
import type { SourceDealHistory } from '../../../domain/import/imported-history.js';

export interface ImportProgress {
  rows: number;
  elapsedMs: number;
  rowsPerSecond: number;
  bytesRead: number;
  totalBytes: number | null;
  /** Seconds left, estimated from the bytes read so far; null when unknown. */
  etaSeconds: number | null;
}

export interface ImportRequest {
  kind: ImportKind;
  source: ImportSource;
  options?: ImportOptions | undefined;
  /** Check everything and report what would happen; write nothing. */
  dryRun?: boolean | undefined;
  /** Import the valid rows and report the others (default: any rejection writes nothing). */
  validOnly?: boolean | undefined;
  rejects?: RejectsSink | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** How often onProgress is called (default every 500 ms; 0: after every row). */
  progressIntervalMs?: number | undefined;
  /** Aborting rolls the import back; the database is left as it was. */
  signal?: AbortSignal | undefined;
  /** Rows matched and written together (default 1,000). */
  batchSize?: number | undefined;
  /** Deals: the past another CRM recorded for them, by external id (a migration's). */
  dealHistories?: ReadonlyMap<string, SourceDealHistory> | undefined;
}

/** The import was stopped (Ctrl-C, a closed connection): nothing it did was kept. */
export class ImportAbortedError extends Error {
  constructor() {
    super('The import was stopped; nothing was written');
    this.name = 'ImportAbortedError';
  }
}

/** Unwinds the transaction of a dry run, or of an all-or-nothing run that met a rejection. */
class RollBack extends Error {}

const DEFAULT_BATCH = 1000;
const PROGRESS_EVERY_MS = 500;

/**
 * Importing is bulk work on the whole workspace: admins and managers. People (members, roles,
 * teams) are the admin's, as in the rest of the product.
 */
function requireImportPermission(ctx: ServiceContext, kind: ImportKind): void {
  requirePermission(ctx.actor, kind === 'users' ? 'users.manage' : 'reference.manage');
}

/** Rows written from which the planner's statistics are refreshed after the import. */
const BULK_ROWS = 1000;

export { createRejectsFile } from './rejects-file.js';

export function isBulk(report: ImportReport): boolean {
  return report.rows.created + report.rows.updated >= BULK_ROWS;
}

/** Whether a report's run keeps nothing: a rejection without `validOnly`. */
export function isRefused(report: ImportReport): boolean {
  return report.rows.rejected > 0 && !report.validOnly;
}

/**
 * Imports one CSV or XLSX file of companies, contacts, deals, activities, people or products,
 * streaming: rows are read one at a time, matched and written in batches, all in one
 * transaction. A dry run, and a run with a rejected row (unless `validOnly`), go to the end —
 * every rejection is reported with its row, column and reason — and are then rolled back, so
 * what they report is exactly what a real run does. See docs/import.md.
 * @example importRecords(ctx, { kind: 'deals', source: { path: 'deals.csv' }, dryRun: true })
 *   → { rows: { total: 120, created: 118, rejected: 2, … }, rejections: [{ row: 7, column: 'Amount', … }] }
 */
export async function importRecords(
  ctx: ServiceContext,
  request: ImportRequest,
): Promise<ImportReport> {
  requireImportPermission(ctx, request.kind);
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const options = request.options ?? {};
  const label = sourceLabel(request.source);
  const source = await openRowSource(request.source, options);
  try {
    const customFields = await planCustomFields(ctx, request.kind, options, label);
    const plan = planColumns(request.kind, source.headers, options, label, customFields.names);
    const isDryRun = request.dryRun ?? false;
    const builder = new ReportBuilder({
      kind: request.kind,
      file: label,
      format: source.format,
      delimiter: source.delimiter,
      sheet: source.sheet,
      preset: plan.preset,
      source: options.source ?? (plan.preset === 'generic' ? 'file' : plan.preset),
      dryRun: isDryRun,
      validOnly: request.validOnly ?? false,
      committed: false,
      columns: plan.columns,
    });
    const started = performance.now();
    const work = async (db: Db) => {
      const defined = await customFields.defineMissing({ ...ctx, db });
      if (defined > 0) builder.alsoCreated('custom fields', defined);
      await readAll(db, ctx, request, { workspace, options, builder, source, plan, started });
    };

    if (ctx.db.isTransaction) {
      // Part of a larger import (a mapping naming several files) that owns the transaction.
      await work(ctx.db);
      builder.report.committed = !isDryRun && !isRefused(builder.report);
    } else {
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await work(trx);
          if (isDryRun || isRefused(builder.report)) throw new RollBack();
        });
        builder.report.committed = true;
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
      }
      if (builder.report.committed && isBulk(builder.report)) {
        await refreshStatisticsAfterImport(ctx.db);
      }
    }
    const ms = performance.now() - started;
    builder.report.timings = {
      ms: Math.round(ms),
      rowsPerSecond: Math.round(builder.report.rows.total / Math.max(ms / 1000, 0.001)),
    };
    builder.report.sheet = source.sheet;
    builder.finish();
    return builder.report;
  } finally {
    source.close();
  }
}

interface RunSetup {
  workspace: { id: string; base_currency: string; time_zone: string };
  options: ImportOptions;
  builder: ReportBuilder;
  source: RowSource;
  plan: ColumnPlan;
  started: number;
}

async function readAll(
  db: Db,
  ctx: ServiceContext,
  request: ImportRequest,
  setup: RunSetup,
): Promise<void> {
  const { source, plan, builder, started } = setup;
  const counts = builder.report.rows;
  const reject = (row: ImportRow, field: string | null, reason: string) => {
    const columnNumber = field === null ? null : row.columnNumber(field);
    const rejection = {
      row: row.number,
      line: row.line,
      column: field === null ? null : row.column(field),
      columnNumber,
      value: field === null ? null : row.raw(field),
      reason,
    };
    builder.reject(rejection);
    counts.rejected += 1;
    request.rejects?.write(row.cells, rejection);
  };
  const run = new ImportRun(
    db,
    ctx.actor,
    ctx.now,
    request.kind,
    {
      id: setup.workspace.id,
      baseCurrency: setup.workspace.base_currency,
      timeZone: setup.workspace.time_zone,
    },
    setup.options,
    builder,
    builder.report.source,
    reject,
  );
  run.dealHistories = request.dealHistories ?? null;
  const importer = await createKindImporter(run, (field) => {
    const indexes = plan.fieldColumns.get(field);
    return indexes ? indexes.map((i) => source.headers[i] ?? `column ${i + 1}`).join(' + ') : null;
  });
  const batchSize = request.batchSize ?? DEFAULT_BATCH;
  /** External ids queued since the last flush: a repeat waits for the first to be written. */
  const queuedIds = new Set<string>();
  let queued = 0;
  let lastProgress = started;
  request.rejects?.start(source.headers);
  const progress = () => {
    const elapsedMs = performance.now() - started;
    const bytesRead = source.bytesRead();
    const share = source.totalBytes ? bytesRead / source.totalBytes : 0;
    request.onProgress?.({
      rows: counts.total,
      elapsedMs,
      rowsPerSecond: counts.total / Math.max(elapsedMs / 1000, 0.001),
      bytesRead,
      totalBytes: source.totalBytes,
      etaSeconds: share > 0.01 ? ((1 - share) / share) * (elapsedMs / 1000) : null,
    });
  };
  const flush = async () => {
    await importer.flush();
    queued = 0;
    queuedIds.clear();
  };

  progress();
  for await (const sourceRow of source.rows) {
    if (request.signal?.aborted) throw new ImportAbortedError();
    if (sourceRow.cells.every((c) => c.trim() === '')) continue;
    counts.total += 1;
    const row = new ImportRow(sourceRow, plan, source.headers, builder);
    if (sourceRow.cells.length > source.headers.length) {
      const extra = sourceRow.cells.slice(source.headers.length).filter((c) => c.trim() !== '');
      if (extra.length > 0) {
        reject(
          row,
          null,
          `the row has ${sourceRow.cells.length} values for ${source.headers.length} columns ` +
            '(a delimiter inside an unquoted value?)',
        );
        continue;
      }
    }
    const externalId = row.get('externalId');
    if (externalId !== null && queuedIds.has(externalId)) await flush();
    try {
      importer.accept(row);
      queued += 1;
      if (externalId !== null) queuedIds.add(externalId);
    } catch (error) {
      if (error instanceof RowRejected) reject(row, error.field, error.reason);
      else if (error instanceof DomainError && error.code !== 'FORBIDDEN') {
        reject(row, null, error.details[0]?.message ?? error.message);
      } else throw error;
    }
    if (queued >= batchSize) await flush();
    if (performance.now() - lastProgress >= (request.progressIntervalMs ?? PROGRESS_EVERY_MS)) {
      lastProgress = performance.now();
      progress();
    }
  }
  if (request.signal?.aborted) throw new ImportAbortedError();
  await flush();
  importer.finish?.();
  progress();
}
