import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '../../domain/errors.js';
import {
  ImportAbortedError,
  type ImportProgress,
  type ImportRequest,
  importRecords,
} from '../../services/transfer/import/import.service.js';
import { type ImportOptions, parseMappingFile } from '../../domain/import/import-mapping.js';
import type { ImportReport as ImportReportData } from '../../domain/import/import-report.js';
import { contextOf } from '../auth.js';
import { NDJSON, streamImportEvents } from '../import-stream.js';
import { writeErrorResponses } from '../schemas/common.js';
import { ImportParams, ImportQuery, ImportReport } from '../schemas/import.schemas.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Files are bigger than JSON bodies: up to 100 MB (about a million deal rows of CSV). */
const IMPORT_BODY_LIMIT = 100 * 1024 * 1024;
const FILE_TYPES = [
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/vnd.ms-excel',
  XLSX_TYPE,
  'application/octet-stream',
];

/** Rejections listed in the error's details (the first ones: a report lists up to 1,000). */
const MAX_DETAILS = 100;

/**
 * A real run that kept nothing because rows were rejected is bad input: a 400 whose details
 * name each rejected row and column (`["body", 7, "Amount"]`). A dry run's answer is its report.
 */
function refuseRejectedImport(report: ImportReportData): ImportReportData {
  if (report.dryRun || report.committed || report.rows.rejected === 0) return report;
  const { rows } = report;
  throw new DomainError(
    'VALIDATION_FAILED',
    `${rows.rejected.toLocaleString('en')} of ${rows.total.toLocaleString('en')} rows were ` +
      'rejected, so nothing was imported: fix them, or send validOnly=true to import the others',
    report.rejections.slice(0, MAX_DETAILS).map((r) => ({
      path: r.column === null ? ['body', r.row] : ['body', r.row, r.column],
      message: r.value === null ? r.reason : `${r.reason} (value "${r.value}")`,
      code: 'rejected_row',
    })),
  );
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Raw bodies for this module only (plugins encapsulate parsers): the import reads them.
  app.addContentTypeParser(
    FILE_TYPES,
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post('/imports/:kind', {
    config: { access: 'reference.manage' },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['Imports'],
      summary:
        'Import a CSV or XLSX file of companies, contacts, deals, activities, users or products',
      description:
        'Send the file itself as the body (Content-Type text/csv or the XLSX type). The answer ' +
        'is the import report: what was (or, with dryRun, would be) created, updated, skipped ' +
        'and rejected, each rejection with its row, line, column and reason. Without validOnly ' +
        'a single rejected row means nothing is written: the answer is then a 400 whose ' +
        'details give each rejected row and column as the path ["body", row, column]. With Accept: ' +
        'application/x-ndjson the answer streams progress events (rows, rows/s, ETA) before ' +
        'the report. Admins and managers; importing users needs an admin. See docs/import.md.',
      consumes: ['text/csv', XLSX_TYPE],
      params: ImportParams,
      querystring: ImportQuery,
      response: { 200: ImportReport, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new DomainError('VALIDATION_FAILED', 'Send the file as the body', [
          { path: ['body'], message: `A CSV (text/csv) or XLSX (${XLSX_TYPE}) file` },
        ]);
      }
      const { query } = request;
      const mapping: ImportOptions = query.mapping
        ? parseMappingFile(query.mapping, 'mapping')
        : {};
      const isXlsx = request.headers['content-type']?.startsWith(XLSX_TYPE) ?? false;
      // A client that goes away stops the import, which then leaves nothing behind.
      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      const importRequest: ImportRequest = {
        kind: request.params.kind,
        source: { data: body, name: query.fileName ?? `upload.${isXlsx ? 'xlsx' : 'csv'}` },
        options: {
          ...mapping,
          ...(query.preset ? { preset: query.preset } : {}),
          ...(query.encoding ? { encoding: query.encoding } : {}),
          ...(query.sheet ? { sheet: query.sheet } : {}),
          ...(query.dateFormat ? { dateFormat: query.dateFormat } : {}),
          ...(query.decimalSeparator ? { decimalSeparator: query.decimalSeparator } : {}),
          ...(query.currency ? { currency: query.currency } : {}),
          ...(query.defaultCountry ? { defaultCountry: query.defaultCountry } : {}),
        },
        dryRun: query.dryRun,
        validOnly: query.validOnly,
        signal: controller.signal,
      };
      const ctx = contextOf(request);
      const run = async (onProgress?: (progress: ImportProgress) => void) =>
        refuseRejectedImport(await importRecords(ctx, { ...importRequest, onProgress }));
      try {
        if (request.headers.accept?.includes(NDJSON)) {
          return await streamImportEvents(request, reply, run);
        }
        return await run();
      } catch (error) {
        if (!(error instanceof ImportAbortedError)) throw error;
        request.log.info('import stopped: the client went away');
        throw new DomainError('VALIDATION_FAILED', error.message, [
          { path: ['body'], message: 'The upload was interrupted', code: 'aborted' },
        ]);
      }
    },
  });
};
