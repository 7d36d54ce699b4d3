import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { archiveStage, updateStage } from '../../services/pipeline/stage.service.js';
import { contextOf } from '../auth.js';
import { IdParams, writeErrorResponses } from '../schemas/common.js';
import { Stage, UpdateStageBody } from '../schemas/pipeline.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Pipelines'];

export const stageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch('/stages/:id', {
    config: { access: 'pipelines.manage' },
    schema: {
      tags,
      summary: 'Change a stage’s settings (If-Match required)',
      description:
        'Setting isFirstQualified unsets it on the pipeline’s other stages. The kind cannot ' +
        'change while deals of the current kind are in the stage, nor leave the pipeline ' +
        'without an active open and an active won stage (409).',
      params: IdParams,
      body: UpdateStageBody,
      response: { 200: Stage, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateStage(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/stages/:id/archive', {
    config: { access: 'pipelines.manage' },
    schema: {
      tags,
      summary: 'Archive a stage (If-Match required)',
      description:
        'Refused (409) while open deals are in it or when the pipeline would be left without an ' +
        'active open or won stage. History keeps pointing at it.',
      params: IdParams,
      response: { 200: Stage, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await archiveStage(contextOf(request), request.params.id, requireIfMatch(request)),
      ),
  });
};
