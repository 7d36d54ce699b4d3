import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getBoard } from '../../services/board.service.js';
import { contextOf } from '../auth.js';
import { Board, BoardQuery } from '../schemas/board.schemas.js';
import { errorResponses } from '../schemas/common.js';

export const boardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/board', {
    config: { access: 'read' },
    schema: {
      tags: ['Board'],
      summary: 'The pipeline board in one round trip',
      description:
        'Per stage: deal count, total and weighted total in the base currency, and the first ' +
        'page of cards. Open deals, plus deals won in the last 90 days. Further cards of a ' +
        'column: GET /deals?stageId=…&status=…&sort=updatedAt&direction=desc&cursor=nextCursor.',
      querystring: BoardQuery,
      response: { 200: Board, ...errorResponses },
    },
    handler: (request) => getBoard(contextOf(request), request.query),
  });
};
