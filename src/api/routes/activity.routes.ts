import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  completeActivity,
  createActivity,
  deleteActivity,
  getActivity,
  listActivityViews,
  updateActivity,
} from '../../services/records/activity.service.js';
import { contextOf } from '../auth.js';
import {
  Activity,
  ActivityListQuery,
  CreateActivityBody,
  UpdateActivityBody,
} from '../schemas/activity.schemas.js';
import {
  errorResponses,
  IdParams,
  NoContent,
  pageOf,
  writeErrorResponses,
} from '../schemas/common.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Activities'];

/** ISO instants of a request body as epoch ms, keeping "absent" and "cleared" apart. */
function instantOf(value: string | undefined): number | undefined;
function instantOf(value: string | null | undefined): number | null | undefined;
function instantOf(value: string | null | undefined): number | null | undefined {
  return typeof value === 'string' ? Date.parse(value) : value;
}

export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/activities', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'List activities, soonest due first (undated last)',
      querystring: ActivityListQuery,
      response: { 200: pageOf(Activity), ...errorResponses },
    },
    handler: (request) => {
      const { isDone, ...query } = request.query;
      return listActivityViews(contextOf(request), {
        ...query,
        isDone: isDone === undefined ? undefined : isDone === 'true',
      });
    },
  });

  app.post('/activities', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Schedule or log an activity',
      description:
        'An activity on a deal that is done (logged, or completed later) counts as activity on ' +
        'the deal; the earliest open activity with a due date is the deal’s next step.',
      body: CreateActivityBody,
      response: { 201: Activity, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const { dueAt, doneAt, ...rest } = request.body;
      const activity = await createActivity(contextOf(request), {
        ...rest,
        dueAt: instantOf(dueAt),
        doneAt: instantOf(doneAt),
      });
      return reply.status(201).send(withEtag(reply, activity));
    },
  });

  app.get('/activities/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get an activity (ETag carries its version)',
      params: IdParams,
      response: { 200: Activity, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getActivity(contextOf(request), request.params.id)),
  });

  app.patch('/activities/:id', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Update an activity (If-Match required)',
      params: IdParams,
      body: UpdateActivityBody,
      response: { 200: Activity, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const { dueAt, ...rest } = request.body;
      return withEtag(
        reply,
        await updateActivity(contextOf(request), request.params.id, requireIfMatch(request), {
          ...rest,
          dueAt: instantOf(dueAt),
        }),
      );
    },
  });

  app.delete('/activities/:id', {
    config: { access: 'records.delete' },
    schema: {
      tags,
      summary: 'Delete an activity (If-Match required)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteActivity(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });

  app.post('/activities/:id/complete', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Mark an activity done now (If-Match required)',
      params: IdParams,
      response: { 200: Activity, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await completeActivity(contextOf(request), request.params.id, requireIfMatch(request)),
      ),
  });
};
