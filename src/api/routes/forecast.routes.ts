import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getBacktest } from '../../services/analytics/backtest.service.js';
import { getForecast } from '../../services/analytics/forecast.service.js';
import {
  getForecastRollup,
  listForecastCalls,
  submitForecastCall,
} from '../../services/analytics/forecast-call.service.js';
import { getStageProbabilities } from '../../services/analytics/probability.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import {
  Backtest,
  BacktestQuery,
  Forecast,
  ForecastCall,
  ForecastCallBody,
  ForecastCallQuery,
  ForecastQuery,
  ForecastRollup,
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

  app.post('/forecast/calls', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Submit a forecast call for a period (commit and best case, with a note)',
      description:
        'Kept as submitted: a new call for the same scope is a new entry and the latest one is ' +
        'the call from then on. Reps call for their own deals; managers and admins for a team ' +
        'or the workspace too. Base currency, minor units.',
      body: ForecastCallBody,
      response: { 201: ForecastCall, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await submitForecastCall(contextOf(request), request.body)),
  });

  app.get('/forecast/calls', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Every call made for a period, newest first (a rep sees their own)',
      querystring: ForecastCallQuery,
      response: { 200: z.object({ items: z.array(ForecastCall) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listForecastCalls(contextOf(request), request.query),
    }),
  });

  app.get('/forecast/rollup', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The calls of each member, team and the workspace beside the model’s forecast',
      querystring: ForecastCallQuery,
      response: { 200: ForecastRollup, ...errorResponses },
    },
    handler: (request) => getForecastRollup(contextOf(request), request.query),
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
