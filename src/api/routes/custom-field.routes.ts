import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCustomField,
  deleteCustomField,
  getCustomField,
  listCustomFieldViews,
  updateCustomField,
} from '../../services/records/custom-field.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, NoContent, writeErrorResponses } from '../schemas/common.js';
import {
  CreateCustomFieldBody,
  CustomField,
  CustomFieldListQuery,
  UpdateCustomFieldBody,
} from '../schemas/custom-field.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Custom fields'];

export const customFieldRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/custom-fields', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The custom fields of deals, companies and contacts, in order',
      description:
        'Each kind’s fields by position. Archived fields are left out unless includeArchived=true.',
      querystring: CustomFieldListQuery,
      response: { 200: z.object({ items: z.array(CustomField) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listCustomFieldViews(contextOf(request), {
        recordKind: request.query.recordKind,
        includeArchived: request.query.includeArchived === 'true',
      }),
    }),
  });

  app.post('/custom-fields', {
    config: { access: 'workspace.manage' },
    schema: {
      tags,
      summary: 'Define a custom field (admins)',
      description:
        'The key is unique per record kind, archived fields included, and never changes: a taken ' +
        'one is a 409 (duplicate_custom_field_key). Select types need options.',
      body: CreateCustomFieldBody,
      response: { 201: CustomField, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await createCustomField(contextOf(request), request.body))),
  });

  app.get('/custom-fields/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a custom field (ETag carries its version)',
      params: IdParams,
      response: { 200: CustomField, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getCustomField(contextOf(request), request.params.id)),
  });

  app.patch('/custom-fields/:id', {
    config: { access: 'workspace.manage' },
    schema: {
      tags,
      summary: 'Relabel, reorder, archive or restore a custom field (admins; If-Match required)',
      description:
        'position moves the field among its kind’s active fields; options is the whole list ' +
        '(existing keys stay: archive them); archived hides the field and keeps its values.',
      params: IdParams,
      body: UpdateCustomFieldBody,
      response: { 200: CustomField, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateCustomField(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/custom-fields/:id', {
    config: { access: 'workspace.manage' },
    schema: {
      tags,
      summary: 'Delete a custom field no record has a value of (admins; If-Match required)',
      description:
        'A field with values is refused with 409 custom_field_in_use: archive it instead ' +
        '(PATCH archived=true), which keeps the values.',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteCustomField(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });
};
