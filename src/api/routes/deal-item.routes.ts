import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getDealItems, replaceDealItems } from '../../services/deals/deal-item.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, writeErrorResponses } from '../schemas/common.js';
import { DealItems, ReplaceDealItemsBody } from '../schemas/deal-item.schemas.js';
import { requireIfMatch, setEtag } from '../versioning.js';

const tags = ['Deals'];

export const dealItemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/deals/:id/items', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'A deal’s line items and their total (ETag carries the deal’s version)',
      params: IdParams,
      response: { 200: DealItems, ...errorResponses },
    },
    handler: async (request, reply) => {
      const items = await getDealItems(contextOf(request), request.params.id);
      setEtag(reply, items.dealVersion);
      return items;
    },
  });

  app.put('/deals/:id/items', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Replace a deal’s line items (If-Match: the deal’s version)',
      description:
        'Replaces every item in one transaction and bumps the deal’s version, so a stale ' +
        'version gets 409 with the current deal. Items are priced in the deal’s currency: a ' +
        'unit price given is read as in it; without one the product’s list price is used, ' +
        'and a list price in another currency is refused (400, currency_mismatch). With ' +
        'useAsAmount the deal’s amount becomes the items’ total.',
      params: IdParams,
      body: ReplaceDealItemsBody,
      response: { 200: DealItems, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const items = await replaceDealItems(
        contextOf(request),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      setEtag(reply, items.dealVersion);
      return items;
    },
  });
};
