import type { Db } from '../db/connection.js';
import { DomainError } from '../domain/errors.js';
import { hasPermission, type Permission, type Role } from '../domain/permissions.js';

/** Who is acting: a signed-in user, an API token, or the CLI on behalf of the owner. */
export interface Actor {
  workspaceId: string;
  userId: string | null;
  role: Role;
  /** True for an API token: its changes are recorded as the token's, not a person's. */
  viaToken?: boolean;
}

/** Everything a use-case needs: the database (or a transaction), the actor and the time. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  now: number;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.role, permission)) {
    throw new DomainError('FORBIDDEN', `Your role (${actor.role}) may not do this`);
  }
}

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Runs `work` in one transaction with the same actor and clock. */
export function inTransaction<T>(
  ctx: ServiceContext,
  work: (trx: ServiceContext) => Promise<T>,
): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((db) => work({ ...ctx, db }));
}

/** Throws the 409 every versioned resource answers to a stale write, with the current record. */
export function versionConflict(current: unknown): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    'Someone else changed this record; reload it and apply your change again',
    [],
    { current },
  );
}
