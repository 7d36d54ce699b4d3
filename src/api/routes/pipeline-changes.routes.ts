import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getPipelineChanges } from '../../services/analytics/pipeline-changes.service.js';
import { contextOf } from '../auth.js';
import { errorResponses } from '../schemas/common.js';
import { PipelineChanges, PipelineChangesQuery } from '../schemas/pipeline-changes.schemas.js';

export const pipelineChangesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/pipeline-changes', {
    config: { access: 'read' },
    schema: {
      tags: ['Forecast'],
      summary: 'How the open pipeline changed between two instants: the waterfall',
      description:
        'Open pipeline at `from` + created + pulled in + moved in + increases − decreases − won ' +
        '− lost − pushed out − moved out = open pipeline at `to`, from the stage and field ' +
        'history; start and end are the as-of board’s totals. With `period`, only deals ' +
        'expected to close in it, and a close date pushed past it is "pushed out". Per stage, ' +
        'owner or forecast category with `groupBy`; each step lists its largest deals, each ' +
        'deal its slippage. Base currency, minor units.',
      querystring: PipelineChangesQuery,
      response: { 200: PipelineChanges, ...errorResponses },
    },
    handler: (request) => getPipelineChanges(contextOf(request), request.query),
  });
};
