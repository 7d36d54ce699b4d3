import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getMyDigest, readMyDigest } from '../../services/my-day/digest.service.js';
import { getMyDay } from '../../services/my-day/my-day.service.js';
import { contextOf } from '../auth.js';
import { errorResponses } from '../schemas/common.js';
import { MyDay, MyDayQuery, StaleDigest } from '../schemas/my-day.schemas.js';

export const myDayRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/my-day', {
    config: { access: 'read' },
    schema: {
      tags: ['My day'],
      summary: 'Today’s work: overdue and today’s activities, deals needing attention',
      description:
        'Computed in the workspace’s time zone. Default: the signed-in user’s day; another ' +
        'member’s (ownerId) or a team’s (teamId) for managers and admins only (a rep gets ' +
        '403). Each list holds at most `limit` entries; `truncated` says which had more.',
      querystring: MyDayQuery,
      response: { 200: MyDay, ...errorResponses },
    },
    handler: (request) => getMyDay(contextOf(request), request.query),
  });

  app.get('/my-day/digest', {
    config: { access: 'read' },
    schema: {
      tags: ['My day'],
      summary: 'Today’s stale digest of the signed-in person',
      description:
        'Made the first time it is asked for on the workspace’s day (or by the worker’s daily ' +
        'job) and kept as made: the person’s stale open deals then, and which of them went ' +
        'stale since their previous digest. The deals listed are those still stale now.',
      response: { 200: StaleDigest, ...errorResponses },
    },
    handler: (request) => getMyDigest(contextOf(request)),
  });

  app.post('/my-day/digest/read', {
    config: { access: 'read' },
    schema: {
      tags: ['My day'],
      summary: 'Mark today’s stale digest read',
      response: { 200: StaleDigest, ...errorResponses },
    },
    handler: (request) => readMyDigest(contextOf(request)),
  });
};
