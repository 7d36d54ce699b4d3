import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyReviewAction,
  getReview,
  getReviewWorklist,
  listReviewViews,
  setReviewClosed,
  startReview,
} from '../../services/review/review.service.js';
import { contextOf } from '../auth.js';
import { errorObjectOf } from '../error-handler.js';
import { requestLanguage } from '../language.js';
import { errorResponses, IdParams, writeErrorResponses } from '../schemas/common.js';
import {
  CloseReviewBody,
  Review,
  ReviewActionBody,
  ReviewActionResult,
  ReviewDetail,
  ReviewQuery,
  ReviewWorklist,
  StartReviewBody,
} from '../schemas/review.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Review'];

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/review', {
    config: { access: 'read' },
    schema: {
      tags,
      summary:
        'The pipeline review: stale, overdue, no-next-step, value-unverified and slipping deals',
      description:
        'Open deals in scope, by section: stale (no activity and no stage change for longer ' +
        'than the stage’s rotting days, no future next step), overdue (expected close date ' +
        'before today in the workspace’s time zone), no next step (no open dated activity), ' +
        'value unverified (an amount nobody confirmed since it last changed) and slipping (close ' +
        'date pushed later in the last 90 days, from the field history). Each section lists ' +
        'its first 100 deals, least recently touched first, and its total; each deal names ' +
        'every section it is in. A rep reviews their own deals.',
      querystring: ReviewQuery,
      response: { 200: ReviewWorklist, ...errorResponses },
    },
    handler: (request) => getReviewWorklist(contextOf(request), request.query),
  });

  app.get('/review/sessions', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Reviews held, newest first (a rep sees their own)',
      response: { 200: z.object({ items: z.array(Review) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listReviewViews(contextOf(request)) }),
  });

  app.post('/review/sessions', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Start a review over a pipeline, an owner or a team',
      description: 'Records who started it, when, and how many deals each section held.',
      body: StartReviewBody,
      response: { 201: Review, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const review = await startReview(contextOf(request), request.body);
      return withEtag(reply.status(201), review);
    },
  });

  app.get('/review/sessions/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'One review with every decision it recorded',
      params: IdParams,
      response: { 200: ReviewDetail, ...errorResponses },
    },
    handler: async (request, reply) => {
      const detail = await getReview(contextOf(request), request.params.id);
      withEtag(reply, detail.review);
      return detail;
    },
  });

  app.post('/review/sessions/:id/close', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Close a review with its summary, or reopen it to decide more',
      params: IdParams,
      body: CloseReviewBody,
      response: { 200: Review, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await setReviewClosed(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/review/sessions/:id/actions', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Act on selected deals in a review: next step, move, lose, reassign, push, verify',
      description:
        'Each deal is changed in its own transaction with the version given for it: one ' +
        'someone else changed meanwhile is a `conflict` (with the deal as it is now), one a rule ' +
        'refuses (exit criteria, a closed deal …) is `refused` with the error; the others are ' +
        '`done` and recorded as decisions of the review. A closed review takes no actions.',
      params: IdParams,
      body: ReviewActionBody,
      response: { 200: ReviewActionResult, ...writeErrorResponses },
    },
    handler: async (request) => {
      const { deals, ...input } = request.body;
      const dueAt = input.action === 'nextStep' ? Date.parse(input.dueAt) : 0;
      const outcome = await applyReviewAction(
        contextOf(request),
        request.params.id,
        deals,
        input.action === 'nextStep' ? { ...input, dueAt } : input,
      );
      const language = requestLanguage(request);
      return {
        review: outcome.review,
        results: outcome.results.map((r) => ({
          ...r,
          error: r.error ? errorObjectOf(r.error, language) : null,
        })),
      };
    },
  });
};
