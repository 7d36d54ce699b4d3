import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getBoard, getColumnCards } from '../../services/pipeline/board.service.js';
import { contextOf } from '../auth.js';
import {
  Board,
  BoardQuery,
  ColumnCards,
  ColumnCardsParams,
  ColumnCardsQuery,
} from '../schemas/board.schemas.js';
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
        'column: GET /board/columns/{stageId}/cards?cursor=nextCursor, with the same filters. ' +
        'Custom fields of deals filter it as they filter GET /deals: cf.<key>=value, ' +
        'cf.<key>.gte= / .lte= (numbers, money in minor units, days), cf.<key>.currency=, or ' +
        'customField=<key>:<op>:<value> (see docs/custom-fields.md).',
      querystring: BoardQuery,
      response: { 200: Board, ...errorResponses },
    },
    handler: (request) => getBoard(contextOf(request), request.query),
  });

  app.get('/board/columns/:stageId/cards', {
    config: { access: 'read' },
    schema: {
      tags: ['Board'],
      summary: 'The next page of cards of one board column',
      description:
        "The cards after a column's nextCursor, in board order (most recently updated first) " +
        "and with the board's filters; pass each answer's nextCursor for the page after it.",
      params: ColumnCardsParams,
      querystring: ColumnCardsQuery,
      response: { 200: ColumnCards, ...errorResponses },
    },
    handler: (request) => getColumnCards(contextOf(request), request.params.stageId, request.query),
  });
};
