import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getBottlenecks } from '../../services/analytics/bottleneck.service.js';
import { contextOf } from '../auth.js';
import { BottleneckQuery, Bottlenecks } from '../schemas/bottleneck.schemas.js';
import { errorResponses } from '../schemas/common.js';

export const bottleneckRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/bottlenecks', {
    config: { access: 'read' },
    schema: {
      tags: ['Forecast'],
      summary: 'Stages markedly slower or converting worse than their own baseline',
      description:
        'For each open stage: mean time of visits completed in the last `days` days, and the ' +
        'conversion of deals that entered it then, each beside the 180 days before. Flagged ' +
        'at ≥ 1.5 × the baseline time (≥ 5 visits in both) or a drop of ≥ 10 points in ' +
        'conversion (≥ 10 decided entries in both).',
      querystring: BottleneckQuery,
      response: { 200: Bottlenecks, ...errorResponses },
    },
    handler: (request) => getBottlenecks(contextOf(request), request.query),
  });
};
