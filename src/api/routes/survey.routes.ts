import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerSurvey,
  createSurvey,
  getPublicSurvey,
  listSurveys,
} from '../../services/deals/survey.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, writeErrorResponses } from '../schemas/common.js';
import {
  CreatedSurvey,
  CreateSurveyBody,
  PublicSurvey,
  Survey,
  SurveyAnswerBody,
  TokenParams,
} from '../schemas/survey.schemas.js';

const tags = ['Surveys'];

export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/deals/:id/surveys', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Make a satisfaction survey link for a won deal',
      description:
        'The link is unguessable (256 random bits), works once, and expires (14 days unless ' +
        '`days` says otherwise). It is in this answer only: the server keeps its SHA-256.',
      params: IdParams,
      body: CreateSurveyBody,
      response: { 201: CreatedSurvey, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const made = await createSurvey(contextOf(request), request.params.id, request.body);
      const url = `${request.protocol}://${request.host}${made.path}`;
      return reply.status(201).send({ survey: made.survey, url });
    },
  });

  app.get('/deals/:id/surveys', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The satisfaction surveys of a deal, and their answers',
      params: IdParams,
      response: { 200: z.object({ items: z.array(Survey) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listSurveys(contextOf(request), { dealId: request.params.id }),
    }),
  });

  app.get('/companies/:id/surveys', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The satisfaction surveys of a company’s deals, and their answers',
      params: IdParams,
      response: { 200: z.object({ items: z.array(Survey) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listSurveys(contextOf(request), { companyId: request.params.id }),
    }),
  });

  app.get('/public/surveys/:token', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'A survey’s public page: no sign-in, by its link’s token',
      params: TokenParams,
      response: { 200: PublicSurvey, ...errorResponses },
    },
    handler: (request) => getPublicSurvey(app.db, request.params.token, app.clock()),
  });

  app.post('/public/surveys/:token/answer', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Answer a survey: CSAT 1–5 and a comment, once',
      description:
        'No sign-in. A second answer is 409 `survey_used`, one after the link expired 409 ' +
        '`survey_expired`; neither changes anything. The answer goes on the deal’s timeline.',
      params: TokenParams,
      body: SurveyAnswerBody,
      response: { 200: PublicSurvey, ...writeErrorResponses },
    },
    handler: (request) => answerSurvey(app.db, request.params.token, request.body, app.clock()),
  });
};
