import { timingSafeEqual } from 'node:crypto';
import {
  countFailedLogins,
  deleteSession,
  deleteSessionsOfUser,
  findActiveApiTokenByHash,
  findSession,
  insertApiToken,
  insertLoginAttempt,
  insertSession,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from '../../db/auth.repository.js';
import type { Db } from '../../db/connection.js';
import { newId } from '../../db/id.js';
import {
  findMembership,
  findUserByEmail,
  findUserById,
  listMembershipsOfUser,
} from '../../db/user.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Role } from '../../domain/permissions.js';
import { type Actor, requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { getDecoyHash, verifyPassword } from './password.js';
import { hashSecret, newSecret } from './secret-token.js';
import { normalizeEmail } from './user.service.js';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 20;
const API_TOKEN_PREFIX = 'qnt_';

export interface SessionGrant {
  /** Goes into the httpOnly cookie; never stored, only its hash is. */
  sessionToken: string;
  /** Sent back by the browser in the X-CSRF-Token header on every write. */
  csrfToken: string;
  expiresAt: number;
  actor: Actor;
}

/**
 * Signs a person in. Failed attempts are counted per email and per IP address in the
 * database (so the limit holds across processes); past the limit the answer is 429.
 */
export async function logIn(
  db: Db,
  input: { email: string; password: string; workspaceId?: string | undefined; ip: string },
  now: number,
): Promise<SessionGrant> {
  const email = normalizeEmail(input.email);
  const failures = await countFailedLogins(db, email, input.ip, now - LOGIN_WINDOW_MS);
  if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) {
    throw new DomainError('RATE_LIMITED', 'Too many failed sign-in attempts; wait 15 minutes', [], {
      retryAfterSeconds: LOGIN_WINDOW_MS / 1000,
    });
  }
  const user = await findUserByEmail(db, email);
  const isValid = await verifyPassword(
    user?.password_hash ?? (await getDecoyHash()),
    input.password,
  );
  await insertLoginAttempt(db, {
    id: newId(),
    email,
    ip: input.ip,
    at: now,
    succeeded: isValid && user ? 1 : 0,
  });
  if (!user || !isValid) {
    throw new DomainError('UNAUTHENTICATED', 'Wrong email or password');
  }
  const memberships = await listMembershipsOfUser(db, user.id);
  // A deactivated membership (the person left) signs in nowhere.
  const active = memberships.filter((m) => m.deactivated_at === null);
  const membership = input.workspaceId
    ? active.find((m) => m.workspace_id === input.workspaceId)
    : active[0];
  if (!membership) throw new DomainError('UNAUTHENTICATED', 'Not a member of that workspace');
  const sessionToken = newSecret();
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(db, {
    id: hashSecret(sessionToken),
    user_id: user.id,
    workspace_id: membership.workspace_id,
    created_at: now,
    expires_at: expiresAt,
  });
  return {
    sessionToken,
    csrfToken: csrfTokenFor(sessionToken),
    expiresAt,
    actor: { workspaceId: membership.workspace_id, userId: user.id, role: membership.role },
  };
}

export interface SessionAuth {
  actor: Actor;
  csrfToken: string;
}

/** The actor behind a session cookie, or null when it is unknown, expired or revoked. */
export async function authenticateSession(
  db: Db,
  sessionToken: string,
  now: number,
): Promise<SessionAuth | null> {
  const sessionHash = hashSecret(sessionToken);
  const session = await findSession(db, sessionHash);
  if (!session || session.expires_at <= now) return null;
  // The role is read on every request, so a demotion takes effect at once.
  const membership = await findMembership(db, session.workspace_id, session.user_id);
  if (!membership || membership.deactivated_at !== null) return null;
  return {
    actor: { workspaceId: session.workspace_id, userId: session.user_id, role: membership.role },
    csrfToken: csrfTokenFor(sessionToken),
  };
}

/**
 * The CSRF token of a session is derived from its secret cookie, so a page can always ask for
 * it again (`GET /auth/me`) while another site, which cannot read the cookie, cannot forge it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return hashSecret(`csrf:${sessionToken}`);
}

export function isCsrfTokenValid(auth: SessionAuth, csrfToken: string | undefined): boolean {
  if (csrfToken === undefined || csrfToken.length !== auth.csrfToken.length) return false;
  return timingSafeEqual(Buffer.from(csrfToken), Buffer.from(auth.csrfToken));
}

export async function logOut(db: Db, sessionToken: string): Promise<void> {
  await deleteSession(db, hashSecret(sessionToken));
}

/** Ends every session of the signed-in person, on every device. */
export async function logOutEverywhere(ctx: ServiceContext): Promise<void> {
  if (!ctx.actor.userId) throw new DomainError('FORBIDDEN', 'Only a signed-in person can do this');
  await deleteSessionsOfUser(ctx.db, ctx.actor.userId);
}

export async function describeMe(ctx: ServiceContext) {
  if (!ctx.actor.userId)
    return { user: null, role: ctx.actor.role, workspaceId: ctx.actor.workspaceId };
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw notFound('User');
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    role: ctx.actor.role,
    workspaceId: ctx.actor.workspaceId,
  };
}

/** Creates an API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  ctx: ServiceContext,
  input: { name: string; role: Role },
): Promise<{
  id: string;
  name: string;
  role: Role;
  token: string;
  prefix: string;
  createdAt: string | null;
}> {
  requirePermission(ctx.actor, 'tokens.manage');
  const token = newSecret(API_TOKEN_PREFIX);
  const id = newId();
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  await insertApiToken(ctx.db, {
    id,
    workspace_id: ctx.actor.workspaceId,
    name: input.name,
    token_hash: hashSecret(token),
    prefix,
    role: input.role,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  return { id, name: input.name, role: input.role, token, prefix, createdAt: toIso(ctx.now) };
}

export async function authenticateApiToken(
  db: Db,
  token: string,
  now: number,
): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await findActiveApiTokenByHash(db, hashSecret(token));
  if (!row) return null;
  // Recorded at most once a minute, so reads with a token do not each cost a write.
  if (row.last_used_at === null || now - row.last_used_at > 60_000) {
    await touchApiToken(db, row.id, now);
  }
  return { workspaceId: row.workspace_id, userId: null, role: row.role, viaToken: true };
}

export async function listTokens(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'tokens.manage');
  const rows = await listApiTokens(ctx.db, ctx.actor.workspaceId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    createdBy: r.created_by,
    createdAt: toIso(r.created_at),
    lastUsedAt: toIso(r.last_used_at),
  }));
}

export async function revokeToken(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx.actor, 'tokens.manage');
  if ((await revokeApiToken(ctx.db, ctx.actor.workspaceId, id, ctx.now)) === 0) {
    throw notFound('API token');
  }
}
