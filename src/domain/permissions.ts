/** Who may do what. Routes declare a permission; services check record-level rules too. */
export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'read'
  | 'records.write'
  | 'records.delete'
  | 'reference.manage'
  | 'pipelines.manage'
  | 'users.manage'
  | 'tokens.manage'
  | 'workspace.manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'read',
    'records.write',
    'records.delete',
    'reference.manage',
    'pipelines.manage',
    'users.manage',
    'tokens.manage',
    'workspace.manage',
  ],
  manager: ['read', 'records.write', 'records.delete', 'reference.manage'],
  rep: ['read', 'records.write'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/**
 * Reps may be limited to their own deals by a workspace setting; admins and managers never are.
 * @example isLimitedToOwnDeals('rep', true) === true; isLimitedToOwnDeals('manager', true) === false
 */
export function isLimitedToOwnDeals(role: Role, repsSeeOwnDealsOnly: boolean): boolean {
  return role === 'rep' && repsSeeOwnDealsOnly;
}
