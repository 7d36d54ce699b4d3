import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeMe, logIn, logOut, logOutEverywhere } from '../../services/access/auth.service.js';
import { isSetupNeeded, setUpFirstWorkspace } from '../../services/access/setup.service.js';
import { clearSessionCookie, contextOf, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import { ErrorResponse, errorResponses, NoContent } from '../schemas/common.js';
import { LoginBody, LoginResponse, Me, SetupBody, Workspace } from '../schemas/auth.schemas.js';

const tags = ['Auth'];

export const authRoutes: FastifyPluginAsyncZod<{ isCookieSecure: boolean }> = async (
  app,
  options,
) => {
  app.get('/setup', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Whether first-run setup is still needed',
      response: { 200: z.object({ isNeeded: z.boolean() }) },
    },
    handler: async () => ({ isNeeded: await isSetupNeeded(app.db) }),
  });

  app.post('/setup', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'First run: create the workspace and its admin, and sign the admin in',
      body: SetupBody,
      response: {
        201: LoginResponse.extend({ workspace: Workspace }),
        400: ErrorResponse,
        409: ErrorResponse,
      },
    },
    handler: async (request, reply) => {
      const now = app.clock();
      const { workspace } = await setUpFirstWorkspace(app.db, request.body, now);
      const grant = await logIn(
        app.db,
        { email: request.body.admin.email, password: request.body.admin.password, ip: request.ip },
        now,
      );
      setSessionCookie(reply, grant.sessionToken, grant.expiresAt, options.isCookieSecure);
      const me = await describeMe({ db: app.db, actor: grant.actor, now });
      return reply.status(201).send({ csrfToken: grant.csrfToken, me, workspace });
    },
  });

  app.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Sign in with email and password (sets the session cookie)',
      body: LoginBody,
      response: { 200: LoginResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
    handler: async (request, reply) => {
      const now = app.clock();
      const grant = await logIn(app.db, { ...request.body, ip: request.ip }, now);
      setSessionCookie(reply, grant.sessionToken, grant.expiresAt, options.isCookieSecure);
      const me = await describeMe({ db: app.db, actor: grant.actor, now });
      return { csrfToken: grant.csrfToken, me };
    },
  });

  app.post('/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'End this session', response: { 204: NoContent, ...errorResponses } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(app.db, token);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/logout-everywhere', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'End every session of the signed-in person',
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await logOutEverywhere(contextOf(request));
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/me', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Who is calling, and the CSRF token a browser session sends on writes',
      response: { 200: Me.extend({ csrfToken: z.string().nullable() }), ...errorResponses },
    },
    handler: async (request) => ({
      ...(await describeMe(contextOf(request))),
      csrfToken: request.sessionAuth?.csrfToken ?? null,
    }),
  });
};
