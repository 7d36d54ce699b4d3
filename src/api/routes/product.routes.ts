import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createProduct, listProductViews } from '../../services/records/product.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, writeErrorResponses } from '../schemas/common.js';
import { CreateProductBody, Product } from '../schemas/product.schemas.js';

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

  app.post('/products', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Add a product to the catalogue (e.g. one a deal needs that it lacks)',
      description:
        'The name must be new once folded as the import matches products (case, spacing, ' +
        'Arabic letter forms): a taken one is a 409 (duplicate_name). The currency defaults ' +
        'to the workspace’s base currency.',
      body: CreateProductBody,
      response: { 201: Product, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createProduct(contextOf(request), request.body)),
  });
};
