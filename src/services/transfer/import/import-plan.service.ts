import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { refreshStatisticsAfterImport } from '../../../db/import.repository.js';
import { DomainError } from '../../../domain/errors.js';
import type { ServiceContext } from '../../context.service.js';
import { type ImportProgress, importRecords, isBulk, isRefused } from './import.service.js';
import type { ImportKind } from '../../../domain/import/import-fields.js';
import {
  type ImportOptions,
  type MappingFile,
  optionsOfEntry,
  parseMappingFile,
} from '../../../domain/import/import-mapping.js';
import type { ImportReport } from '../../../domain/import/import-report.js';
import type { RejectsSink } from '../../../domain/import/import-report.js';

export interface PlanRequest {
  /** Options that win over every file's own (the command line's flags). */
  overrides?: ImportOptions | undefined;
  dryRun?: boolean | undefined;
  validOnly?: boolean | undefined;
  /** A sink for the rejected rows of each file (`file` as the mapping names it). */
  rejectsFor?: ((kind: ImportKind, index: number, file: string) => RejectsSink) | undefined;
  onProgress?: ((file: string, progress: ImportProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface PlanReport {
  mapping: string;
  dryRun: boolean;
  committed: boolean;
  files: ImportReport[];
}

/** Reads a mapping file from disk (JSON, checked against the mapping schema). */
export async function readMappingFile(path: string): Promise<MappingFile> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomainError('VALIDATION_FAILED', `Cannot read ${path}: ${error.code ?? ''}`, [
      { path: [path], message: error.message },
    ]);
  });
  return parseMappingFile(text, path);
}

class PlanRollBack extends Error {}

/**
 * Imports the files a mapping names, in order, in one transaction: people before the deals
 * they own, companies and products before the deals that name them. All or nothing across the
 * files (unless `validOnly`); a dry run does the whole import and rolls it back, so it shows
 * exactly what would be created, including what later files find of earlier ones.
 */
export async function importMappingPlan(
  ctx: ServiceContext,
  mappingPath: string,
  request: PlanRequest = {},
): Promise<PlanReport> {
  const mapping = await readMappingFile(mappingPath);
  if (!mapping.files) {
    throw new DomainError('VALIDATION_FAILED', `${mappingPath} names no files`, [
      {
        path: [mappingPath, 'files'],
        message:
          'Give "files": [{ "kind": …, "file": … }], or name the kind and file on the command line',
      },
    ]);
  }
  const entries = mapping.files;
  const base = dirname(resolve(mappingPath));
  const reports: ImportReport[] = [];
  const isDryRun = request.dryRun ?? false;
  let isCommitted = false;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [index, entry] of entries.entries()) {
        const path = resolve(base, entry.file);
        const sink = request.rejectsFor?.(entry.kind, index, entry.file);
        try {
          const report = await importRecords(
            { ...ctx, db: trx },
            {
              kind: entry.kind,
              source: { path },
              options: { ...optionsOfEntry(mapping, entry), ...request.overrides },
              dryRun: isDryRun,
              validOnly: request.validOnly,
              rejects: sink,
              signal: request.signal,
              onProgress: (p) => request.onProgress?.(entry.file, p),
            },
          );
          report.file = entry.file;
          reports.push(report);
        } finally {
          await sink?.close();
        }
      }
      if (isDryRun || reports.some(isRefused)) throw new PlanRollBack();
    });
    isCommitted = true;
  } catch (error) {
    if (!(error instanceof PlanRollBack)) throw error;
  }
  for (const report of reports) report.committed = isCommitted;
  if (isCommitted && reports.some(isBulk)) await refreshStatisticsAfterImport(ctx.db);
  return { mapping: mappingPath, dryRun: isDryRun, committed: isCommitted, files: reports };
}
