import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createContact,
  deleteContact,
  getContact,
  listContactViews,
  setContactLeft,
  updateContact,
} from '../../services/records/contact.service.js';
import { contextOf } from '../auth.js';
import {
  errorResponses,
  IdParams,
  NoContent,
  pageOf,
  writeErrorResponses,
} from '../schemas/common.js';
import {
  Contact,
  ContactLeftBody,
  ContactListQuery,
  CreateContactBody,
  UpdateContactBody,
} from '../schemas/contact.schemas.js';
import { CUSTOM_FIELD_FILTER_HELP } from '../schemas/custom-field.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Contacts'];

export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/contacts', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'List contacts',
      description: CUSTOM_FIELD_FILTER_HELP,
      querystring: ContactListQuery,
      response: { 200: pageOf(Contact), ...errorResponses },
    },
    handler: (request) => listContactViews(contextOf(request), request.query),
  });

  app.post('/contacts', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Create a contact',
      body: CreateContactBody,
      response: { 201: Contact, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const contact = await createContact(contextOf(request), request.body);
      return reply.status(201).send(withEtag(reply, contact));
    },
  });

  app.get('/contacts/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a contact (ETag carries its version)',
      params: IdParams,
      response: { 200: Contact, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getContact(contextOf(request), request.params.id)),
  });

  app.patch('/contacts/:id', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Update a contact (If-Match required)',
      params: IdParams,
      body: UpdateContactBody,
      response: { 200: Contact, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateContact(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/contacts/:id/left', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Record that the person left their company (or came back)',
      description:
        'Leaving flags every open deal the person is the decision maker of ' +
        '(`decision_maker_left`): each deal’s owner is offered a one-click move back to ' +
        'qualification (`POST /deals/{id}/requalify`). Coming back settles those flags.',
      params: IdParams,
      body: ContactLeftBody,
      response: {
        200: z.object({ contact: Contact, flaggedDealIds: z.array(z.string()) }),
        ...writeErrorResponses,
      },
    },
    handler: async (request, reply) => {
      const result = await setContactLeft(
        contextOf(request),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      withEtag(reply, result.contact);
      return result;
    },
  });

  app.delete('/contacts/:id', {
    config: { access: 'records.delete' },
    schema: {
      tags,
      summary: 'Delete a contact',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteContact(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });
};
