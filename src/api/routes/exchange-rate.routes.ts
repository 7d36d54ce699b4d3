import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listExchangeRateViews,
  setExchangeRate,
} from '../../services/pipeline/exchange-rate.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, writeErrorResponses } from '../schemas/common.js';
import {
  ExchangeRate,
  ExchangeRateListQuery,
  ExchangeRateParams,
  SetExchangeRateBody,
} from '../schemas/reference.schemas.js';

const tags = ['Exchange rates'];

export const exchangeRateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/exchange-rates', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Dated exchange rates to the base currency, newest first per currency',
      querystring: ExchangeRateListQuery,
      response: {
        200: z.object({ baseCurrency: z.string(), items: z.array(ExchangeRate) }),
        ...errorResponses,
      },
    },
    handler: (request) => listExchangeRateViews(contextOf(request), request.query.currency),
  });

  app.put('/exchange-rates/:currency/:day', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Set the rate of a currency on a day',
      description:
        '`{ "rate": "3.75" }` means 1 unit of the currency = 3.75 units of the base currency. ' +
        'Totals convert with the latest rate on or before their day. The base currency is refused.',
      params: ExchangeRateParams,
      body: SetExchangeRateBody,
      response: { 200: ExchangeRate, ...writeErrorResponses },
    },
    handler: (request) =>
      setExchangeRate(contextOf(request), { ...request.params, rate: request.body.rate }),
  });
};
