import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { fieldsOf, IMPORT_KINDS, type ImportKind } from '../../domain/import/import-fields.js';
import { parseMappingFile } from '../../domain/import/import-mapping.js';
import {
  ImportAbortedError,
  type ImportProgress,
} from '../../services/transfer/import/import.service.js';
import {
  describeUpload,
  rejectedRowsFile,
  runUpload,
  saveUpload,
} from '../../services/transfer/migrate/upload.service.js';
import { contextOf } from '../auth.js';
import { attachmentDisposition } from '../content-disposition.js';
import { NDJSON, streamImportEvents } from '../import-stream.js';
import { errorResponses, writeErrorResponses } from '../schemas/common.js';
import {
  ImportFields,
  Upload,
  UploadParams,
  UploadReport,
  UploadRunBody,
} from '../schemas/import.schemas.js';

const UPLOAD_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'text/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

function sendCsvFile(reply: FastifyReply, path: string, fileName: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', attachmentDisposition(fileName, fileName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(path));
}

export const importUploadRoutes: FastifyPluginAsyncZod = async (app) => {
  // The body stays a stream: the upload service writes it to disk as it arrives.
  app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));

  app.post('/imports/uploads', {
    config: { access: 'reference.manage' },
    schema: {
      tags: ['Imports'],
      summary: 'Upload a CSV or XLSX file, or a zip of another CRM’s export folder',
      description:
        'The body is the file itself (a zip: application/zip). It is streamed to disk, never ' +
        'held in memory, up to 2 GB; a zip is unpacked (its CSV and XLSX files). The answer ' +
        'says whose export it is (Salesforce, HubSpot, Pipedrive or null) and, for each file, ' +
        'its headers and first rows. Run it with POST /imports/uploads/{id}/run. Admins and ' +
        'managers. See docs/import.md.',
      consumes: UPLOAD_TYPES,
      querystring: z.object({ fileName: z.string().min(1).max(200).default('upload.csv') }),
      response: { 201: Upload, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof body.pipe !== 'function') {
        throw new DomainError('VALIDATION_FAILED', 'Send the file as the body', [
          { path: ['body'], message: 'A CSV or XLSX file, or a zip of an export folder' },
        ]);
      }
      const upload = await saveUpload(contextOf(request), body, request.query.fileName);
      return reply.code(201).send(upload);
    },
  });

  app.get('/imports/fields', {
    config: { access: 'reference.manage' },
    schema: {
      tags: ['Imports'],
      summary: 'The fields a column can be mapped to, for each kind of records',
      response: { 200: ImportFields, ...errorResponses },
    },
    handler: async () => ({
      kinds: Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, fieldsOf(kind)])) as Record<
        ImportKind,
        string[]
      >,
    }),
  });

  app.get('/imports/uploads/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags: ['Imports'],
      summary: 'An upload: whose export it is, its files with their headers and first rows',
      params: UploadParams,
      response: { 200: Upload, ...errorResponses },
    },
    handler: async (request) => describeUpload(contextOf(request), request.params.id),
  });

  app.post('/imports/uploads/:id/run', {
    config: { access: 'reference.manage' },
    schema: {
      tags: ['Imports'],
      summary: 'Import an upload, or run its dry run',
      description:
        'Another CRM’s export (source) is imported with its history, all or nothing; a file ' +
        'of one kind needs its kind. With dryRun nothing is written and the report says what ' +
        'would be. With Accept: application/x-ndjson the answer streams progress events (the ' +
        'file, rows, rows/s, ETA) before the report. The rejected rows of the last run are at ' +
        'GET /imports/uploads/{id}/rejected.csv.',
      params: UploadParams,
      body: UploadRunBody,
      response: { 200: UploadReport, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const { body } = request;
      const mapping = parseMappingFile(JSON.stringify(body.mapping), 'mapping');
      if ('files' in mapping && mapping.files) {
        throw new DomainError('VALIDATION_FAILED', 'A mapping of one upload lists no files', [
          { path: ['mapping', 'files'], message: 'Leave "files" out' },
        ]);
      }
      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      const ctx = contextOf(request);
      const run = (onProgress?: (progress: ImportProgress, file?: string) => void) =>
        runUpload(ctx, request.params.id, {
          source: body.source,
          kind: body.kind,
          mapping,
          columnsByFile: body.columnsByFile,
          dryRun: body.dryRun,
          signal: controller.signal,
          onProgress: onProgress ? (file, progress) => onProgress(progress, file) : undefined,
        });
      try {
        if (request.headers.accept?.includes(NDJSON)) {
          return await streamImportEvents(request, reply, run);
        }
        return await run();
      } catch (error) {
        if (!(error instanceof ImportAbortedError)) throw error;
        throw new DomainError('VALIDATION_FAILED', error.message, [
          { path: ['body'], message: 'The import was interrupted', code: 'aborted' },
        ]);
      }
    },
  });

  app.get('/imports/uploads/:id/rejected.csv', {
    config: { access: 'reference.manage' },
    schema: {
      tags: ['Imports'],
      summary: 'The rejected rows of the upload’s last run, with their file, line and reason',
      params: UploadParams,
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const path = await rejectedRowsFile(contextOf(request), request.params.id);
      return sendCsvFile(reply, path, 'rejected.csv');
    },
  });

  app.get('/imports/uploads/:id/rejected/:file', {
    config: { access: 'reference.manage' },
    schema: {
      tags: ['Imports'],
      summary: 'The rejected rows of one file of the last run, with their own cells',
      description:
        'Four columns say where and why (row, line, column, reason), then the row as the file ' +
        'had it, under its headers: fix the rows, drop the first four columns, import again. ' +
        'Text a spreadsheet would run as a formula is neutralised. 404 when none was rejected.',
      params: UploadParams.extend({ file: z.string().regex(/^[^/\\]+$/) }),
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const { id, file } = request.params;
      const path = await rejectedRowsFile(contextOf(request), id, file);
      return sendCsvFile(reply, path, `${file.replace(/\.(csv|xlsx)$/i, '')}.rejected.csv`);
    },
  });
};
