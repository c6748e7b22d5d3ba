/**
 * Roles, the rights they give, and where they hold. Pure: the store decides who has which
 * role where.
 *
 * The rights follow Flex HRM's: setting an employee's Kivra flag ("Skicka
 * lönespecifikationer via Kivra"), setting the print flag, and sending are separate rights,
 * beside reading, importing (sync), company settings and managing operators (users).
 *
 * An operator has a role for every company, a role for some companies, or both. Where a
 * company has a role of its own, that role holds there instead of the one for every
 * company; where neither exists, the operator may do nothing. A role may be given with some
 * of its rights withheld (`payroll` without `send`). Managing operators is never given for a
 * company alone: whoever manages operators could give themselves any company.
 */
export const ROLES = ['admin', 'payroll', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const RIGHTS = ['read', 'sync', 'kivra-flag', 'print-flag', 'send', 'settings', 'users'] as const;
export type Right = (typeof RIGHTS)[number];

const ROLE_RIGHTS: Record<Role, readonly Right[]> = {
  admin: RIGHTS,
  payroll: ['read', 'sync', 'kivra-flag', 'print-flag', 'send'],
  viewer: ['read'],
};

/** A role given to an operator: for one company (`companyId`) or for every company (null). */
export interface Grant {
  companyId: number | null;
  role: Role;
  /** Rights of the role withheld from this operator, in RIGHTS order. */
  without: Right[];
}

/** What a grant lets its operator do, in RIGHTS order. */
export function grantRights(grant: Grant): Right[] {
  return ROLE_RIGHTS[grant.role].filter((right) => !grant.without.includes(right) && !(right === 'users' && grant.companyId !== null));
}

/** Why a right cannot be withheld from a role given this way, or null when it can. */
export function withholdProblem(role: Role, right: Right, forCompany: boolean): 'read' | 'not_in_role' | 'users_per_company' | null {
  if (right === 'read') return 'read';
  if (!ROLE_RIGHTS[role].includes(right)) return 'not_in_role';
  if (right === 'users' && forCompany) return 'users_per_company';
  return null;
}

/** The grant that holds at a company: its own, else the one for every company. */
export function grantAt(grants: readonly Grant[], companyId: number): Grant | undefined {
  return grants.find((g) => g.companyId === companyId) ?? grants.find((g) => g.companyId === null);
}

export function everyCompanyGrant(grants: readonly Grant[]): Grant | undefined {
  return grants.find((g) => g.companyId === null);
}

/** Where a right is asked for: one company, a company not yet created, any one, or all of them. */
export type AccessTarget = { companyId: number } | 'new_company' | 'some_company' | 'every_company';

export function mayDo(grants: readonly Grant[], right: Right, target: AccessTarget): boolean {
  const has = (grant: Grant | undefined): boolean => grant !== undefined && grantRights(grant).includes(right);
  // Managing operators is the every-company role's alone, whatever is asked.
  if (right === 'users') return has(everyCompanyGrant(grants));
  if (target === 'new_company') return has(everyCompanyGrant(grants));
  if (target === 'some_company') return grants.some(has);
  if (target === 'every_company') return has(everyCompanyGrant(grants)) && grants.every((g) => g.companyId === null || has(g));
  return has(grantAt(grants, target.companyId));
}

/** The roles that give a right, most to least privileged. */
export function rolesWith(right: Right): Role[] {
  return ROLES.filter((role) => ROLE_RIGHTS[role].includes(right));
}
