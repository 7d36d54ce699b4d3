import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSavedView,
  deleteSavedView,
  getSavedView,
  listSavedViews,
  updateSavedView,
} from '../../services/pipeline/saved-view.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, NoContent, writeErrorResponses } from '../schemas/common.js';
import {
  CreateSavedViewBody,
  SavedView,
  SavedViewListQuery,
  UpdateSavedViewBody,
} from '../schemas/saved-view.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Views'];

export const savedViewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/views', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Saved views: mine and the shared ones, by name',
      description:
        'Someone else’s private views are left out. By name as people read them, letter case ' +
        'aside, then by id.',
      querystring: SavedViewListQuery,
      response: { 200: z.object({ items: z.array(SavedView) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listSavedViews(contextOf(request), request.query.kind),
    }),
  });

  app.post('/views', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Save a view of the board (a name, the pipeline, the filters)',
      description:
        'filters holds the board’s query parameters: ownerId, teamId, source, productId, q and ' +
        'cf.<key>[.gte|.lte|.currency] of deal custom fields, checked as the board checks them; ' +
        'at most 20, values at most 200 characters. Another name is a 400 at ["filters", name] ' +
        '(unknown_filter); an unknown pipeline one at ["pipelineId"] (unknown_reference). A name ' +
        'one of my views has already, letter case aside, is a 409 (duplicate_name at ["name"]).',
      body: CreateSavedViewBody,
      response: { 201: SavedView, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const view = await createSavedView(contextOf(request), request.body);
      return reply.status(201).send(withEtag(reply, view));
    },
  });

  app.get('/views/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a saved view (ETag carries its version)',
      params: IdParams,
      response: { 200: SavedView, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getSavedView(contextOf(request), request.params.id)),
  });

  app.patch('/views/:id', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Change a saved view (its owner, or an admin; If-Match required)',
      description:
        'Anyone else gets a 403 for a shared view and a 404 for a private one; the filters, ' +
        'pipeline and name are checked as on create. A stale version is a 409 with the current view.',
      params: IdParams,
      body: UpdateSavedViewBody,
      response: { 200: SavedView, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateSavedView(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/views/:id', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Delete a saved view (its owner, or an admin; If-Match required)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteSavedView(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });
};
