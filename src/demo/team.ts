import { randomBytes } from 'node:crypto';
import { findMembership, findUserByEmail } from '../db/user.repository.js';
import type { Role } from '../domain/permissions.js';
import type { ServiceContext } from '../services/context.service.js';
import { addUserToWorkspace } from '../services/access/user.service.js';

/** The reserved `.example` domain (RFC 2606): demo people can never receive real email. */
export const DEMO_TEAM_DOMAIN = 'qanat-demo.example';

interface TeamSeed {
  name: string;
  emailLocal: string;
  role: Extract<Role, 'manager' | 'rep'>;
  locale: 'ar' | 'en';
}

const DEMO_TEAM: readonly TeamSeed[] = [
  { name: 'ليلى الحربي', emailLocal: 'laila.alharbi', role: 'manager', locale: 'ar' },
  { name: 'Omar Haddad', emailLocal: 'omar.haddad', role: 'manager', locale: 'en' },
  { name: 'Sarah Mitchell', emailLocal: 'sarah.mitchell', role: 'rep', locale: 'en' },
  { name: 'خالد العتيبي', emailLocal: 'khalid.alotaibi', role: 'rep', locale: 'ar' },
  { name: 'نورة القحطاني', emailLocal: 'noura.alqahtani', role: 'rep', locale: 'ar' },
  { name: 'Youssef Mansour', emailLocal: 'youssef.mansour', role: 'rep', locale: 'en' },
  { name: 'فيصل الدوسري', emailLocal: 'faisal.aldosari', role: 'rep', locale: 'ar' },
  { name: 'Hannah Weber', emailLocal: 'hannah.weber', role: 'rep', locale: 'en' },
];

export interface DemoMember {
  id: string;
  name: string;
  role: Role;
  locale: 'ar' | 'en';
}

/**
 * Adds the demo's sales team to the workspace, or finds them when a demo was loaded before.
 * Each gets a random 32-character password nobody knows: demo people are owners of records,
 * not accounts anyone signs in with (an admin can reset one to try a rep's view).
 */
export async function addDemoTeam(ctx: ServiceContext, joinedAt: number): Promise<DemoMember[]> {
  const { workspaceId } = ctx.actor;
  const members: DemoMember[] = [];
  for (const seed of DEMO_TEAM) {
    const email = `${seed.emailLocal}@${DEMO_TEAM_DOMAIN}`;
    const existing = await findUserByEmail(ctx.db, email);
    const membership = existing && (await findMembership(ctx.db, workspaceId, existing.id));
    if (existing && membership) {
      members.push({
        id: existing.id,
        name: existing.name,
        role: membership.role,
        locale: seed.locale,
      });
      continue;
    }
    const user = await addUserToWorkspace(
      ctx.db,
      workspaceId,
      {
        email,
        name: seed.name,
        password: randomBytes(24).toString('base64url'),
        role: seed.role,
        locale: seed.locale,
      },
      joinedAt,
    );
    members.push({ id: user.id, name: user.name, role: user.role, locale: seed.locale });
  }
  return members;
}
