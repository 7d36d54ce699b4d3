import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createCompany,
  deleteCompany,
  getCompany,
  listCompanyViews,
  updateCompany,
} from '../../services/records/company.service.js';
import { contextOf } from '../auth.js';
import {
  errorResponses,
  IdParams,
  NoContent,
  pageOf,
  writeErrorResponses,
} from '../schemas/common.js';
import {
  Company,
  CompanyListQuery,
  CreateCompanyBody,
  UpdateCompanyBody,
} from '../schemas/company.schemas.js';
import { CUSTOM_FIELD_FILTER_HELP } from '../schemas/custom-field.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Companies'];

export const companyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/companies', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'List companies',
      description: CUSTOM_FIELD_FILTER_HELP,
      querystring: CompanyListQuery,
      response: { 200: pageOf(Company), ...errorResponses },
    },
    handler: (request) => listCompanyViews(contextOf(request), request.query),
  });

  app.post('/companies', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Create a company',
      body: CreateCompanyBody,
      response: { 201: Company, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const company = await createCompany(contextOf(request), request.body);
      return reply.status(201).send(withEtag(reply, company));
    },
  });

  app.get('/companies/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a company (ETag carries its version)',
      params: IdParams,
      response: { 200: Company, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getCompany(contextOf(request), request.params.id)),
  });

  app.patch('/companies/:id', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Update a company (If-Match required)',
      params: IdParams,
      body: UpdateCompanyBody,
      response: { 200: Company, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateCompany(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/companies/:id', {
    config: { access: 'records.delete' },
    schema: {
      tags,
      summary: 'Delete a company (refused while deals still belong to it)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteCompany(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });
};
