import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTargetProgress } from '../../services/analytics/target-progress.service.js';
import {
  createTarget,
  deleteTarget,
  getTarget,
  listTargetViews,
  updateTarget,
} from '../../services/analytics/target.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, NoContent, writeErrorResponses } from '../schemas/common.js';
import {
  CreateTargetBody,
  Target,
  TargetListQuery,
  TargetProgress,
  TargetProgressQuery,
  UpdateTargetBody,
} from '../schemas/target.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Targets'];

export const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/targets', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Revenue targets, latest period first',
      querystring: TargetListQuery,
      response: { 200: z.object({ items: z.array(Target) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listTargetViews(contextOf(request), request.query),
    }),
  });

  app.post('/targets', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Set a revenue target for the workspace, a team or an owner and a period',
      body: CreateTargetBody,
      response: { 201: Target, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const target = await createTarget(contextOf(request), request.body);
      return reply.status(201).send(withEtag(reply, target));
    },
  });

  app.get('/targets/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a target (ETag carries its version)',
      params: IdParams,
      response: { 200: Target, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getTarget(contextOf(request), request.params.id)),
  });

  app.patch('/targets/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Change a target’s scope, period or amount (If-Match required)',
      params: IdParams,
      body: UpdateTargetBody,
      response: { 200: Target, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateTarget(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/targets/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Delete a target (If-Match required)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteTarget(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });

  app.get('/targets/:id/progress', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Won so far, gap, coverage and deals needed per stage',
      params: IdParams,
      querystring: TargetProgressQuery,
      response: { 200: TargetProgress, ...errorResponses },
    },
    handler: (request) => getTargetProgress(contextOf(request), request.params.id, request.query),
  });
};
