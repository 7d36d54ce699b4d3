import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchEverywhere } from '../../services/search/search.service.js';
import { contextOf } from '../auth.js';
import { errorResponses } from '../schemas/common.js';
import { SearchQuery, SearchResult } from '../schemas/search.schemas.js';

const tags = ['Search'];

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/search', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Search deals, companies, contacts and activities at once',
      description:
        'Folded like the lists’ `q` (Arabic letter forms and diacritics, Latin case and accents); ' +
        'a number in any digits also finds contacts by phone. Best first: the name is the query, ' +
        'then starts with it, then a word starts with it, then it is anywhere. Only what the ' +
        'caller may see: a rep limited to their own deals finds no other deals, nor their activities.',
      querystring: SearchQuery,
      response: { 200: SearchResult, ...errorResponses },
    },
    handler: (request) => searchEverywhere(contextOf(request), request.query),
  });
};
