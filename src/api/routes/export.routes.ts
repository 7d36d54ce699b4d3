import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type ExportFormat,
  type ListExportOptions,
  type ListExportRequest,
  prepareListExport,
} from '../../services/transfer/export/list-export.service.js';
import { contextOf } from '../auth.js';
import { attachmentDisposition } from '../content-disposition.js';
import { errorResponses } from '../schemas/common.js';
import {
  ActivityExportQuery,
  CompanyExportQuery,
  ContactExportQuery,
  DealExportQuery,
  ExportParams,
} from '../schemas/export.schemas.js';

const tags = ['Exports'];
const description =
  'Streams every record the matching list endpoint would return to the caller (same filters, ' +
  'same order, reps limited to their own deals included) as CSV (UTF-8 with BOM) or XLSX. ' +
  'Text cells that start with = + - @, a tab, a carriage return or a null character get a ' +
  'leading quote.';

/** Starts streaming a prepared export; an error mid-stream can only cut the download short. */
async function sendExport(
  request: FastifyRequest,
  reply: FastifyReply,
  exportRequest: ListExportRequest,
  format: ExportFormat,
  lang: ListExportOptions['lang'],
) {
  const file = await prepareListExport(contextOf(request), exportRequest, { format, lang });
  const body = new PassThrough();
  file.writeTo(body).catch((error: unknown) => {
    request.log.warn({ err: error }, 'export stopped while streaming');
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName, file.asciiFileName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/exports/deals.:format', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Export deals as CSV or XLSX',
      description,
      params: ExportParams,
      querystring: DealExportQuery,
      response: errorResponses,
    },
    handler: (request, reply) => {
      const { lang, ...query } = request.query;
      return sendExport(request, reply, { resource: 'deals', query }, request.params.format, lang);
    },
  });

  app.get('/exports/companies.:format', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Export companies as CSV or XLSX',
      description,
      params: ExportParams,
      querystring: CompanyExportQuery,
      response: errorResponses,
    },
    handler: (request, reply) => {
      const { lang, ...query } = request.query;
      const exportRequest = { resource: 'companies', query } as const;
      return sendExport(request, reply, exportRequest, request.params.format, lang);
    },
  });

  app.get('/exports/contacts.:format', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Export contacts as CSV or XLSX',
      description,
      params: ExportParams,
      querystring: ContactExportQuery,
      response: errorResponses,
    },
    handler: (request, reply) => {
      const { lang, ...query } = request.query;
      const exportRequest = { resource: 'contacts', query } as const;
      return sendExport(request, reply, exportRequest, request.params.format, lang);
    },
  });

  app.get('/exports/activities.:format', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Export activities as CSV or XLSX',
      description,
      params: ExportParams,
      querystring: ActivityExportQuery,
      response: errorResponses,
    },
    handler: (request, reply) => {
      const { lang, isDone, ...rest } = request.query;
      const query = { ...rest, isDone: isDone === undefined ? undefined : isDone === 'true' };
      const exportRequest = { resource: 'activities', query } as const;
      return sendExport(request, reply, exportRequest, request.params.format, lang);
    },
  });
};
