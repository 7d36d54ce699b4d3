import type { Db } from '../../db/connection.js';
import { newId } from '../../db/id.js';
import {
  countAdmins,
  findMembership,
  findUserByEmail,
  insertMembership,
  insertUser,
  listMembers,
} from '../../db/user.repository.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Role } from '../../domain/permissions.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { hashPassword } from './password.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  locale?: 'en' | 'ar' | null;
}

export const MIN_PASSWORD_LENGTH = 10;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Adds a person to a workspace: creates the user, or attaches an existing user (same email)
 * with the given role. Used by the API, the first-run setup and `qanat user add`.
 */
export async function addUserToWorkspace(
  db: Db,
  workspaceId: string,
  input: NewUser,
  now: number,
): Promise<{ id: string; email: string; name: string; role: Role; version: number }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', 'Password too short', [
      { path: ['password'], message: `At least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  const email = normalizeEmail(input.email);
  let user = await findUserByEmail(db, email);
  if (!user) {
    const id = newId();
    await insertUser(db, {
      id,
      email,
      name: input.name.trim(),
      password_hash: await hashPassword(input.password),
      locale: input.locale ?? null,
      created_at: now,
    });
    user = await findUserByEmail(db, email);
  } else if (await findMembership(db, workspaceId, user.id)) {
    throw new DomainError('CONFLICT', 'This person is already a member of the workspace', [
      { path: ['email'], message: 'Already a member', code: 'already_member' },
    ]);
  }
  if (!user) throw notFound('User');
  await insertMembership(db, {
    workspace_id: workspaceId,
    user_id: user.id,
    role: input.role,
    created_at: now,
  });
  const membership = await findMembership(db, workspaceId, user.id);
  if (!membership) throw notFound('User');
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: membership.role,
    version: membership.version,
  };
}

export async function addUser(ctx: ServiceContext, input: NewUser) {
  requirePermission(ctx.actor, 'users.manage');
  return addUserToWorkspace(ctx.db, ctx.actor.workspaceId, input, ctx.now);
}

function toMemberView(row: Awaited<ReturnType<typeof listMembers>>[number]) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    role: row.role,
    joinedAt: toIso(row.created_at),
    deactivatedAt: toIso(row.deactivated_at),
    version: row.version,
  };
}
export type MemberView = ReturnType<typeof toMemberView>;

/** The workspace's members, by name; each with the version of its membership. */
export async function listWorkspaceMembers(ctx: ServiceContext): Promise<MemberView[]> {
  const rows = await listMembers(ctx.db, ctx.actor.workspaceId);
  return rows.map(toMemberView);
}

export async function getMember(ctx: ServiceContext, userId: string): Promise<MemberView> {
  const [row] = await listMembers(ctx.db, ctx.actor.workspaceId, userId);
  if (!row) throw notFound('User');
  return toMemberView(row);
}

/**
 * Changes a member's role if the member is still at `version` (a stale write gets a 409 with
 * the current member); the last admin cannot be demoted, so nobody is locked out.
 */
export async function changeMemberRole(
  ctx: ServiceContext,
  userId: string,
  version: number,
  role: Role,
): Promise<MemberView> {
  requirePermission(ctx.actor, 'users.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await getMember(tx, userId);
    if (current.version !== version) throw versionConflict(current);
    if (current.role === 'admin' && role !== 'admin') {
      if ((await countAdmins(tx.db, tx.actor.workspaceId)) <= 1) {
        throw new DomainError('CONFLICT', 'A workspace needs at least one admin', [
          { path: ['role'], message: 'Cannot demote the last admin', code: 'last_admin' },
        ]);
      }
    }
    const changed = await updateAtVersion(
      tx.db,
      'memberships',
      tx.actor.workspaceId,
      userId,
      version,
      { role },
    );
    if (changed === 0) throw versionConflict(current);
    return getMember(tx, userId);
  });
}
