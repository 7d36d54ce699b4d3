import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getMyDay } from '../../services/my-day/my-day.service.js';
import { contextOf } from '../auth.js';
import { errorResponses } from '../schemas/common.js';
import { MyDay, MyDayQuery } from '../schemas/my-day.schemas.js';

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
};
