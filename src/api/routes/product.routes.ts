import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listProductViews } from '../../services/records/product.service.js';
import { contextOf } from '../auth.js';
import { errorResponses } from '../schemas/common.js';
import { Product } from '../schemas/product.schemas.js';

const tags = ['Products'];

export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/products', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The product catalogue, by name (deals carry its products as line items)',
      response: { 200: z.object({ items: z.array(Product) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listProductViews(contextOf(request)) }),
  });
};
