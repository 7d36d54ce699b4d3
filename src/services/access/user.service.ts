import type { Db } from '../../db/connection.js';
import { newId } from '../../db/id.js';
import {
  countAdmins,
  findMembership,
  findUserByEmail,
  insertMembership,
  insertUser,
  listMembers,
  updateMembershipRole,
} from '../../db/user.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Role } from '../../domain/permissions.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
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
): Promise<{ id: string; email: string; name: string; role: Role }> {
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
      { path: ['email'], message: 'Already a member' },
    ]);
  }
  if (!user) throw notFound('User');
  await insertMembership(db, {
    workspace_id: workspaceId,
    user_id: user.id,
    role: input.role,
    created_at: now,
  });
  return { id: user.id, email: user.email, name: user.name, role: input.role };
}

export async function addUser(ctx: ServiceContext, input: NewUser) {
  requirePermission(ctx.actor, 'users.manage');
  return addUserToWorkspace(ctx.db, ctx.actor.workspaceId, input, ctx.now);
}

export async function listWorkspaceMembers(ctx: ServiceContext) {
  const rows = await listMembers(ctx.db, ctx.actor.workspaceId);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    locale: r.locale,
    role: r.role,
    joinedAt: toIso(r.created_at),
  }));
}

/** Changes a member's role; the last admin cannot be demoted, so nobody is locked out. */
export async function changeMemberRole(ctx: ServiceContext, userId: string, role: Role) {
  requirePermission(ctx.actor, 'users.manage');
  const membership = await findMembership(ctx.db, ctx.actor.workspaceId, userId);
  if (!membership) throw notFound('User');
  if (membership.role === 'admin' && role !== 'admin') {
    if ((await countAdmins(ctx.db, ctx.actor.workspaceId)) <= 1) {
      throw new DomainError('CONFLICT', 'A workspace needs at least one admin', [
        { path: ['role'], message: 'Cannot demote the last admin' },
      ]);
    }
  }
  await updateMembershipRole(ctx.db, ctx.actor.workspaceId, userId, role);
  const members = await listWorkspaceMembers(ctx);
  const member = members.find((m) => m.id === userId);
  if (!member) throw notFound('User');
  return member;
}
