import { describe, expect, it } from 'vitest';
import {
  hasPermission,
  isLimitedToOwnDeals,
  type Permission,
  ROLES,
  type Role,
} from './permissions.js';

/** The intended matrix, written out by hand: ✓ = granted. */
const MATRIX: Record<Permission, Record<Role, boolean>> = {
  read: { admin: true, manager: true, rep: true },
  'records.write': { admin: true, manager: true, rep: true },
  'records.delete': { admin: true, manager: true, rep: false },
  'reference.manage': { admin: true, manager: true, rep: false },
  'pipelines.manage': { admin: true, manager: false, rep: false },
  'users.manage': { admin: true, manager: false, rep: false },
  'tokens.manage': { admin: true, manager: false, rep: false },
  'workspace.manage': { admin: true, manager: false, rep: false },
};

describe('hasPermission', () => {
  it('knows the three roles', () => {
    expect([...ROLES]).toEqual(['admin', 'manager', 'rep']);
  });

  for (const [permission, byRole] of Object.entries(MATRIX) as [
    Permission,
    Record<Role, boolean>,
  ][]) {
    it(`${permission}: admin ${byRole.admin}, manager ${byRole.manager}, rep ${byRole.rep}`, () => {
      for (const role of ROLES) {
        expect(hasPermission(role, permission), `${role} ${permission}`).toBe(byRole[role]);
      }
    });
  }

  it('gives each role a strict superset of the one below it', () => {
    const granted = (role: Role) =>
      (Object.keys(MATRIX) as Permission[]).filter((p) => hasPermission(role, p));
    expect(granted('rep')).toEqual(['read', 'records.write']);
    expect(granted('manager')).toEqual([
      'read',
      'records.write',
      'records.delete',
      'reference.manage',
    ]);
    expect(granted('admin')).toHaveLength(8);
  });
});

describe('isLimitedToOwnDeals', () => {
  it('limits only reps, and only when the workspace says so', () => {
    expect(isLimitedToOwnDeals('rep', true)).toBe(true);
    expect(isLimitedToOwnDeals('rep', false)).toBe(false);
    expect(isLimitedToOwnDeals('manager', true)).toBe(false);
    expect(isLimitedToOwnDeals('manager', false)).toBe(false);
    expect(isLimitedToOwnDeals('admin', true)).toBe(false);
    expect(isLimitedToOwnDeals('admin', false)).toBe(false);
  });
});
