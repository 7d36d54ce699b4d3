import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addStage,
  createPipeline,
  getPipeline,
  listPipelineViews,
  reorderStages,
  updatePipeline,
} from '../../services/pipeline/pipeline.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, writeErrorResponses } from '../schemas/common.js';
import {
  AddStageBody,
  CreatePipelineBody,
  Pipeline,
  StageOrderBody,
  UpdatePipelineBody,
} from '../schemas/pipeline.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Pipelines'];

export const pipelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/pipelines', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Pipelines, each with its stages in order',
      response: { 200: z.object({ items: z.array(Pipeline) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listPipelineViews(contextOf(request)) }),
  });

  app.get('/pipelines/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'A pipeline with its stages (ETag carries its version)',
      params: IdParams,
      response: { 200: Pipeline, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getPipeline(contextOf(request), request.params.id)),
  });

  app.post('/pipelines', {
    config: { access: 'pipelines.manage' },
    schema: {
      tags,
      summary: 'Create a pipeline (default stages unless a list is given)',
      body: CreatePipelineBody,
      response: { 201: Pipeline, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const pipeline = await createPipeline(contextOf(request), request.body);
      return reply.status(201).send(withEtag(reply, pipeline));
    },
  });

  app.patch('/pipelines/:id', {
    config: { access: 'pipelines.manage' },
    schema: {
      tags,
      summary: 'Rename, move or make default a pipeline (If-Match required)',
      params: IdParams,
      body: UpdatePipelineBody,
      response: { 200: Pipeline, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updatePipeline(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/pipelines/:id/stages', {
    config: { access: 'pipelines.manage' },
    schema: {
      tags,
      summary: 'Add a stage at a position (If-Match: the pipeline’s version)',
      description: 'Later stages shift down. Answers with the whole pipeline and its new version.',
      params: IdParams,
      body: AddStageBody,
      response: { 201: Pipeline, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const pipeline = await addStage(
        contextOf(request),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      return reply.status(201).send(withEtag(reply, pipeline));
    },
  });

  app.put('/pipelines/:id/stage-order', {
    config: { access: 'pipelines.manage' },
    schema: {
      tags,
      summary: 'Reorder the active stages (If-Match: the pipeline’s version)',
      params: IdParams,
      body: StageOrderBody,
      response: { 200: Pipeline, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await reorderStages(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body.stageIds,
        ),
      ),
  });
};
