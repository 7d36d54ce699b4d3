import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getDealHistory,
  loseDeal,
  moveDealToStage,
  reopenDeal,
  winDeal,
} from '../../services/deals/deal-move.service.js';
import {
  createDeal,
  deleteDeal,
  getDeal,
  listDealViews,
  updateDeal,
  verifyDealValue,
} from '../../services/deals/deal.service.js';
import { setDealQualification } from '../../services/deals/qualification.service.js';
import { dismissDealFlag, requalifyDeal } from '../../services/deals/requalify.service.js';
import { contextOf } from '../auth.js';
import {
  errorResponses,
  IdParams,
  NoContent,
  pageOf,
  writeErrorResponses,
} from '../schemas/common.js';
import {
  CreateDealBody,
  Deal,
  DealListQuery,
  HistoryEntry,
  LoseBody,
  MoveBody,
  QualificationBody,
  RequalifyBody,
  FlagParams,
  ReopenBody,
  UpdateDealBody,
  WinBody,
} from '../schemas/deal.schemas.js';
import { CUSTOM_FIELD_FILTER_HELP } from '../schemas/custom-field.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Deals'];

export const dealRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/deals', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'List deals',
      description: CUSTOM_FIELD_FILTER_HELP,
      querystring: DealListQuery,
      response: { 200: pageOf(Deal), ...errorResponses },
    },
    handler: (request) => listDealViews(contextOf(request), request.query),
  });

  app.post('/deals', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Create a deal',
      body: CreateDealBody,
      response: { 201: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const { openedAt, ...rest } = request.body;
      const deal = await createDeal(contextOf(request), {
        ...rest,
        ...(openedAt !== undefined && { openedAt: Date.parse(openedAt) }),
      });
      return reply.status(201).send(withEtag(reply, deal));
    },
  });

  app.get('/deals/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a deal (ETag carries its version)',
      params: IdParams,
      response: { 200: Deal, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getDeal(contextOf(request), request.params.id)),
  });

  app.patch('/deals/:id', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Update a deal (If-Match required)',
      params: IdParams,
      body: UpdateDealBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateDeal(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/deals/:id', {
    config: { access: 'records.delete' },
    schema: {
      tags,
      summary: 'Delete a deal (its history is kept)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteDeal(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });

  app.post('/deals/:id/move', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Move a deal to another stage',
      description:
        'Forward moves check exit criteria; backward moves need a reason; a won stage wins the ' +
        'deal. An open stage of another active pipeline moves an open deal into that pipeline ' +
        '(no exit criteria between pipelines; the history keeps the stages of both).',
      params: IdParams,
      body: MoveBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await moveDealToStage(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/deals/:id/win', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Win a deal (moves it into the won stage)',
      params: IdParams,
      body: WinBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await winDeal(contextOf(request), request.params.id, requireIfMatch(request), request.body),
      ),
  });

  app.post('/deals/:id/lose', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Lose a deal where it stands, with a reason',
      params: IdParams,
      body: LoseBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await loseDeal(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.put('/deals/:id/qualification', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Change the deal’s BANT card: need, budget, authority, timing',
      description:
        'Each part given is set (null: unknown again), the others kept. The card is part of ' +
        'the deal: send the deal’s version in If-Match; a change bumps it. Each part changed ' +
        'is kept in the field history as `bant.<part>`. Exit criteria may require a part ' +
        '(known: medium or high confidence) or a score of 75.',
      params: IdParams,
      body: QualificationBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await setDealQualification(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/deals/:id/requalify', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Answer a flag by sending the deal back to qualification',
      description:
        'Moves the deal back to its pipeline’s Qualification stage (the stage keyed ' +
        '`qualification`, else the one before the first qualified stage) with the reason ' +
        '“Decision maker left: <name>”, kept in its history, and settles the flag. A deal ' +
        'already at or before that stage stays where it is.',
      params: IdParams,
      body: RequalifyBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await requalifyDeal(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.post('/deals/:id/flags/:flagId/dismiss', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Settle a flag without moving the deal',
      params: FlagParams,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await dismissDealFlag(contextOf(request), request.params.id, request.params.flagId),
      ),
  });

  app.post('/deals/:id/verify-value', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Mark the deal’s amount as confirmed with the buyer',
      description:
        'Records who confirmed the amount and when; the next change of amount or currency ' +
        'clears the mark, and the pipeline review lists the deal as value-unverified again.',
      params: IdParams,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await verifyDealValue(contextOf(request), request.params.id, requireIfMatch(request)),
      ),
  });

  app.post('/deals/:id/reopen', {
    config: { access: 'records.write' },
    schema: {
      tags,
      summary: 'Reopen a won or lost deal',
      params: IdParams,
      body: ReopenBody,
      response: { 200: Deal, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await reopenDeal(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.get('/deals/:id/history', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'The deal’s history: stage moves and changes of tracked fields, oldest first',
      params: IdParams,
      response: { 200: z.object({ items: z.array(HistoryEntry) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await getDealHistory(contextOf(request), request.params.id),
    }),
  });
};
