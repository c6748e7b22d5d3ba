/**
 * Built-in roles and what each may do. Pure: the store decides who has which role.
 */
export const ROLES = ['admin', 'payroll', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['read', 'flags', 'sync', 'send', 'settings', 'users'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  payroll: ['read', 'flags', 'sync', 'send'],
  viewer: ['read'],
};

/** How a refusal names the missing permission to the operator. */
export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  read: 'read the register and logs',
  flags: 'change employee flags',
  sync: 'import payroll exports',
  send: 'send payslips',
  settings: 'change company settings',
  users: 'manage operators',
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function rolesAllowing(permission: Permission): Role[] {
  return ROLES.filter((role) => roleAllows(role, permission));
}
