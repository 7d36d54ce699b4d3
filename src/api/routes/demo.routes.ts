import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadDemoData } from '../../demo/load-demo.js';
import { contextOf } from '../auth.js';
import { writeErrorResponses } from '../schemas/common.js';

const DemoSummary = z
  .object({
    users: z.number().int(),
    companies: z.number().int(),
    contacts: z.number().int(),
    deals: z.number().int(),
    won: z.number().int(),
    lost: z.number().int(),
    open: z.number().int(),
    activities: z.number().int(),
    forecastCalls: z.number().int(),
  })
  .meta({ id: 'DemoSummary' });

export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/demo', {
    config: { access: 'workspace.manage' },
    schema: {
      tags: ['Workspace'],
      summary:
        'Fill the workspace with the bilingual demo (a team, companies, deals over 18 months)',
      body: z
        .object({
          deals: z.number().int().min(1).max(2000).default(300),
          seed: z.number().int().default(42),
        })
        .strict(),
      response: { 201: DemoSummary, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await loadDemoData(contextOf(request), request.body)),
  });
};
