import { deactivateMember } from '../../services/access/handover.service.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/permissions.js';
import { createApiToken, listTokens, revokeToken } from '../../services/access/auth.service.js';
import {
  addUser,
  changeMemberRole,
  listWorkspaceMembers,
} from '../../services/access/user.service.js';
import { getWorkspace, updateWorkspace } from '../../services/access/workspace.service.js';
import { contextOf } from '../auth.js';
import {
  AddUserBody,
  ApiToken,
  Member,
  Workspace,
  WorkspaceSettingsFields,
} from '../schemas/auth.schemas.js';
import { errorResponses, IdParams, NoContent, writeErrorResponses } from '../schemas/common.js';
import { requireIfMatch, withEtag } from '../versioning.js';

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspace', {
    config: { access: 'read' },
    schema: {
      tags: ['Workspace'],
      summary: 'The caller’s workspace and its settings',
      response: { 200: Workspace, ...errorResponses },
    },
    handler: async (request, reply) => withEtag(reply, await getWorkspace(contextOf(request))),
  });

  app.patch('/workspace', {
    config: { access: 'workspace.manage' },
    schema: {
      tags: ['Workspace'],
      summary: 'Change workspace settings (If-Match required)',
      body: z.object(WorkspaceSettingsFields).partial().strict(),
      response: { 200: Workspace, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await updateWorkspace(contextOf(request), requireIfMatch(request), request.body),
      ),
  });

  app.get('/users', {
    config: { access: 'read' },
    schema: {
      tags: ['Users'],
      summary: 'Members of the workspace',
      response: { 200: z.object({ items: z.array(Member) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listWorkspaceMembers(contextOf(request)) }),
  });

  app.post('/users', {
    config: { access: 'users.manage' },
    schema: {
      tags: ['Users'],
      summary: 'Add a person to the workspace with a role',
      body: AddUserBody,
      response: {
        201: Member.pick({ id: true, email: true, name: true, role: true, version: true }),
        ...writeErrorResponses,
      },
    },
    handler: async (request, reply) =>
      reply.status(201).send(withEtag(reply, await addUser(contextOf(request), request.body))),
  });

  app.patch('/users/:id', {
    config: { access: 'users.manage' },
    schema: {
      tags: ['Users'],
      summary: 'Change a member’s role (If-Match required)',
      params: IdParams,
      body: z.object({ role: z.enum(ROLES) }).strict(),
      response: { 200: Member, ...writeErrorResponses },
    },
    handler: async (request, reply) =>
      withEtag(
        reply,
        await changeMemberRole(
          contextOf(request),
          request.params.id,
          requireIfMatch(request),
          request.body.role,
        ),
      ),
  });

  app.post('/users/:id/deactivate', {
    config: { access: 'users.manage' },
    schema: {
      tags: ['Users'],
      summary: 'Deactivate a person who left, handing their work to another member',
      description:
        'In one transaction: their open deals (each owner change in the deal’s field history), ' +
        'open activities, companies and contacts go to `handToUserId`; their sessions in the ' +
        'workspace end and the API tokens they made are revoked; they sign in no more. ' +
        'If-Match: the membership’s version. Refused for yourself and for the last admin.',
      params: IdParams,
      body: z.object({ handToUserId: z.string().min(1) }).strict(),
      response: {
        200: z.object({
          member: Member,
          deals: z.number().int(),
          activities: z.number().int(),
          companies: z.number().int(),
          contacts: z.number().int(),
          sessionsEnded: z.number().int(),
          tokensRevoked: z.number().int(),
        }),
        ...writeErrorResponses,
      },
    },
    handler: async (request, reply) => {
      const result = await deactivateMember(
        contextOf(request),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      withEtag(reply, result.member);
      return result;
    },
  });

  app.get('/tokens', {
    config: { access: 'tokens.manage' },
    schema: {
      tags: ['API tokens'],
      summary: 'Active API tokens (secrets are never shown again)',
      response: { 200: z.object({ items: z.array(ApiToken) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listTokens(contextOf(request)) }),
  });

  app.post('/tokens', {
    config: { access: 'tokens.manage' },
    schema: {
      tags: ['API tokens'],
      summary: 'Create an API token; the secret is in this response only',
      body: z.object({ name: z.string().trim().min(1).max(120), role: z.enum(ROLES) }).strict(),
      response: {
        201: z.object({
          id: z.string(),
          name: z.string(),
          role: z.enum(ROLES),
          token: z.string(),
          prefix: z.string(),
          createdAt: z.string().nullable(),
        }),
        ...writeErrorResponses,
      },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createApiToken(contextOf(request), request.body)),
  });

  app.delete('/tokens/:id', {
    config: { access: 'tokens.manage' },
    schema: {
      tags: ['API tokens'],
      summary: 'Revoke an API token',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await revokeToken(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
