import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getBacktest } from '../../services/analytics/backtest.service.js';
import { getForecast } from '../../services/analytics/forecast.service.js';
import { getStageProbabilities } from '../../services/analytics/probability.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import {
  Backtest,
  BacktestQuery,
  Forecast,
  ForecastQuery,
  ProbabilityQuery,
  StageProbabilities,
} from '../schemas/forecast.schemas.js';

const tags = ['Forecast'];

export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/forecast', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Revenue forecast for a period, with a 90 % range',
      description:
        'Won so far in the period + Σ amount × probability over open deals expected to close ' +
        'in it (the deal’s override, else the stage’s configured or historical probability), ' +
        'by forecast category; overdue open deals are reported apart. Base currency, minor units.',
      querystring: ForecastQuery,
      response: { 200: Forecast, ...errorResponses },
    },
    handler: (request) => getForecast(contextOf(request), request.query),
  });

  app.get('/forecast/backtest', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'How accurate the forecast would have been in past months or quarters',
      querystring: BacktestQuery,
      response: { 200: Backtest, ...errorResponses },
    },
    handler: (request) => getBacktest(contextOf(request), request.query),
  });

  app.get('/pipelines/:id/probabilities', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Configured and historical win probability of each stage',
      params: IdParams,
      querystring: ProbabilityQuery,
      response: { 200: StageProbabilities, ...errorResponses },
    },
    handler: (request) =>
      getStageProbabilities(contextOf(request), request.params.id, request.query),
  });
};
