import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { computeMetrics } from '../../services/analytics/metrics.service.js';
import { contextOf } from '../auth.js';
import { errorResponses } from '../schemas/common.js';
import { Metrics, MetricsQuery } from '../schemas/metrics.schemas.js';

export const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/metrics', {
    config: { access: 'read' },
    schema: {
      tags: ['Metrics'],
      summary: 'Pipeline metrics over a period, from the stage history',
      description:
        'Win rate, sales cycle, time in stage, stage conversion, funnel, qualified leads and Lead ' +
        'Velocity Rate, MQL → SQL, won amounts, sales velocity, losses and a leaderboard, over ' +
        '[from, to) in the workspace’s time zone, for one pipeline (the default unless given). ' +
        'Every number is computed from the append-only stage history, so `asOf` replays it as ' +
        'it stood then. Amounts are in the base currency, minor units. Reps limited to their ' +
        'own deals see their own numbers. Definitions: docs/metrics.md.',
      querystring: MetricsQuery,
      response: { 200: Metrics, ...errorResponses },
    },
    handler: (request) => computeMetrics(contextOf(request), request.query),
  });
};
