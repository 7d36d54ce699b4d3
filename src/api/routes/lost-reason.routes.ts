import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  archiveLostReason,
  createLostReason,
  editLostReason,
  listLostReasonViews,
} from '../../services/pipeline/lost-reason.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, NoContent, writeErrorResponses } from '../schemas/common.js';
import {
  CreateLostReasonBody,
  LostReason,
  LostReasonListQuery,
  UpdateLostReasonBody,
} from '../schemas/reference.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Lost reasons'];

export const lostReasonRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/lost-reasons', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The reasons a deal can be lost for, in order',
      querystring: LostReasonListQuery,
      response: { 200: z.object({ items: z.array(LostReason) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listLostReasonViews(
        contextOf(request),
        request.query.includeArchived === 'true',
      ),
    }),
  });

  app.post('/lost-reasons', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Add a lost reason (last, or at a position)',
      body: CreateLostReasonBody,
      response: { 201: LostReason, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await createLostReason(contextOf(request), request.body))),
  });

  app.patch('/lost-reasons/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Relabel or move a lost reason (If-Match required)',
      params: IdParams,
      body: UpdateLostReasonBody,
      response: { 200: LostReason, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await editLostReason(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/lost-reasons/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Archive a lost reason (If-Match required; deals lost for it keep it)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await archiveLostReason(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });
};
