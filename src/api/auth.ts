import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { DomainError } from '../domain/errors.js';
import { hasPermission, type Permission } from '../domain/permissions.js';
import {
  authenticateApiToken,
  authenticateSession,
  isCsrfTokenValid,
  type SessionAuth,
} from '../services/access/auth.service.js';
import type { Actor, ServiceContext } from '../services/context.service.js';

/** Who may call a route: anyone, any signed-in caller, or holders of a permission. */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionAuth: SessionAuth | null;
  }
  interface FastifyInstance {
    db: Db;
    clock: () => number;
    /** Every API route with the access it declared, e.g. for an access review. */
    routeAccess: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

export const SESSION_COOKIE = 'qanat_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Authenticates every API request and enforces each route's declared access:
 * - an API token (`Authorization: Bearer qnt_…`) or the session cookie;
 * - cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`;
 * - a route that declares no access fails at start-up, so none can be forgotten.
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionAuth', null);

  app.decorate('routeAccess', [] as RouteAccess[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request, _reply) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const now = app.clock();
    const token = bearerToken(request);
    if (token) {
      request.actor = await authenticateApiToken(app.db, token, now);
      if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Invalid or revoked API token');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await authenticateSession(app.db, cookie, now) : null;
      if (session) {
        request.actor = session.actor;
        request.sessionAuth = session;
        const csrf = request.headers['x-csrf-token'];
        if (
          !SAFE_METHODS.has(request.method) &&
          access !== 'public' &&
          !isCsrfTokenValid(session, typeof csrf === 'string' ? csrf : undefined)
        ) {
          throw new DomainError('CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token header');
        }
      }
    }
    if (access === 'public') return;
    if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Sign in or send an API token');
    if (access !== 'authenticated' && !hasPermission(request.actor.role, access)) {
      throw new DomainError('FORBIDDEN', `Your role (${request.actor.role}) may not do this`);
    }
  });
}

/** The service context of an authenticated request. */
export function contextOf(request: FastifyRequest): ServiceContext {
  const actor = request.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in or send an API token');
  return { db: request.server.db, actor, now: request.server.clock() };
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: number,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
