import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  getCompanyIcpFit,
  getDealIcpFit,
  getIcp,
  getIcpSuggestion,
  setIcp,
} from '../../services/records/icp.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, writeErrorResponses } from '../schemas/common.js';
import { Icp, IcpBody, IcpFit, IcpSuggestion, IcpSuggestionQuery } from '../schemas/icp.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

export const icpRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/icp', {
    config: { access: 'read' },
    schema: {
      tags: ['Qualification'],
      summary: 'The ideal customer profile and the attributes it can name',
      response: { 200: Icp, ...errorResponses },
    },
    handler: async (request, reply) => withEtag(reply, await getIcp(contextOf(request))),
  });

  app.put('/icp', {
    config: { access: 'workspace.manage' },
    schema: {
      tags: ['Qualification'],
      summary: 'Replace the ideal customer profile (If-Match: the workspace’s version)',
      body: IcpBody,
      response: { 200: Icp, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await setIcp(contextOf(request), requireIfMatch(request), request.body.criteria),
      ),
  });

  app.get('/icp/suggestion', {
    config: { access: 'read' },
    schema: {
      tags: ['Qualification'],
      summary: 'Company attribute values that win more, from the closed deals',
      description:
        'Win rate of each value against the closed deals without it, with sample sizes. A value ' +
        'is significant only with `minDeals` (default 20) closed deals on each side and a ' +
        'two-proportion z-test p-value under 0.05 divided by the number of values tested.',
      querystring: IcpSuggestionQuery,
      response: { 200: IcpSuggestion, ...errorResponses },
    },
    handler: (request) => getIcpSuggestion(contextOf(request), request.query),
  });

  app.get('/companies/:id/icp-fit', {
    config: { access: 'read' },
    schema: {
      tags: ['Qualification'],
      summary: 'How far the company fits the profile, criterion by criterion',
      params: IdParams,
      response: { 200: IcpFit, ...errorResponses },
    },
    handler: (request) => getCompanyIcpFit(contextOf(request), request.params.id),
  });

  app.get('/deals/:id/icp-fit', {
    config: { access: 'read' },
    schema: {
      tags: ['Qualification'],
      summary: 'How far the deal’s company fits the profile',
      params: IdParams,
      response: { 200: IcpFit, ...errorResponses },
    },
    handler: (request) => getDealIcpFit(contextOf(request), request.params.id),
  });
};
