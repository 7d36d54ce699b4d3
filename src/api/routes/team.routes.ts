import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTeam,
  deleteTeam,
  getTeam,
  listTeamViews,
  setMemberTeam,
  updateTeam,
} from '../../services/access/team.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, NoContent, writeErrorResponses } from '../schemas/common.js';
import {
  CreateTeamBody,
  MemberTeam,
  MemberTeamBody,
  Team,
  UpdateTeamBody,
} from '../schemas/team.schemas.js';
import { requireIfMatch, withEtag } from '../versioning.js';

const tags = ['Teams'];

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/teams', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Teams, each with its members',
      response: { 200: z.object({ items: z.array(Team) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listTeamViews(contextOf(request)) }),
  });

  app.post('/teams', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Create a team',
      body: CreateTeamBody,
      response: { 201: Team, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const team = await createTeam(contextOf(request), request.body);
      return reply.status(201).send(withEtag(reply, team));
    },
  });

  app.get('/teams/:id', {
    config: { access: 'read' },
    schema: {
      tags,
      summary: 'Get a team (ETag carries its version)',
      params: IdParams,
      response: { 200: Team, ...errorResponses },
    },
    handler: async (request, reply) =>
      withEtag(reply, await getTeam(contextOf(request), request.params.id)),
  });

  app.patch('/teams/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Rename a team or change its manager (If-Match required)',
      params: IdParams,
      body: UpdateTeamBody,
      response: { 200: Team, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateTeam(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body,
        ),
      ),
  });

  app.delete('/teams/:id', {
    config: { access: 'reference.manage' },
    schema: {
      tags,
      summary: 'Delete a team; its members stay, without a team (refused while targets name it)',
      params: IdParams,
      response: { 204: NoContent, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      await deleteTeam(contextOf(request), request.params.id, requireIfMatch(request));
      return reply.status(204).send(null);
    },
  });

  app.put('/users/:id/team', {
    config: { access: 'users.manage' },
    schema: {
      tags,
      summary: 'Put a member in a team, or in none',
      params: IdParams,
      body: MemberTeamBody,
      response: { 200: MemberTeam, ...writeErrorResponses },
    },
    handler: (request) => setMemberTeam(contextOf(request), request.params.id, request.body.teamId),
  });
};
