import type { Right, Role } from '../../domain/roles.js';

/** Operators, their roles and rights (`users add/list/remove`), and the refusals that name them. */
export const users = {
  role: { admin: 'admin', payroll: 'payroll', viewer: 'viewer' } satisfies Record<Role, string>,
  /** `payroll without send` */
  roleWithout: (role: string, rights: string) => `${role} without ${rights}`,
  right: {
    'read': 'read',
    'sync': 'sync',
    'kivra-flag': 'Kivra flag',
    'print-flag': 'print flag',
    'send': 'send',
    'settings': 'settings',
    'users': 'users',
  } satisfies Record<Right, string>,
  /** What a right lets one do, for refusals: "may not …". */
  rightDoes: {
    'read': 'read the register and logs',
    'sync': 'import payroll exports',
    'kivra-flag': "set employees' Kivra flag",
    'print-flag': "set employees' print flag",
    'send': 'send payslips',
    'settings': 'change company settings',
    'users': 'manage operators',
  } satisfies Record<Right, string>,
  everyCompany: 'every company',
  everyOtherCompany: 'every other company',
  otherCompanies: 'other companies',
  nothing: 'nothing',
  head: { operator: 'Operator', company: 'Company', role: 'Role', rights: 'May' },
  listNote: "A company's own role holds there instead of the role for every company.",
  noOperators: 'No operators yet: the first one to change something becomes admin for every company.',

  unknownOperator: (operator: string, does: string) => `Operator "${operator}" is not registered in this database, so may not ${does}.`,
  addFix: (command: string) => `An admin can add them: ${command}`,
  denied: (operator: string, does: string, where: string, right: string, role: string) =>
    `Operator "${operator}" may not ${does} for ${where} (missing right: ${right}; role there: ${role}).`,
  noRoleThere: (operator: string, does: string, where: string, right: string) =>
    `Operator "${operator}" has no role for ${where}, so may not ${does} there (missing right: ${right}).`,
  deniedEverywhere: (operator: string, does: string, right: string) => `Operator "${operator}" may not ${does} for any company (missing right: ${right}).`,
  deniedNewCompany: (operator: string, does: string, right: string) =>
    `Operator "${operator}" may not ${does} for a new company (missing right: ${right} for every company).`,
  deniedEveryCompany: (operator: string, does: string, right: string) =>
    `Operator "${operator}" may not ${does} for every company (missing right: ${right} for every company).`,
  deniedUsers: (operator: string) => `Operator "${operator}" may not manage operators (missing right: users, which only a role for every company gives).`,
  giveFix: (command: string) => `An admin can give it: ${command}`,

  nameProblem: (problem: string) => `Operator name: ${problem}.`,
  nameEmpty: 'must not be empty',
  nameSpaces: 'no spaces: use the login name (PAYSLIPS_USER or the OS user)',
  removeWhom: 'Name the operator to remove.',
  unknownRight: (given: string, rights: string) => `--without: "${given}" is not a right; the rights are ${rights}.`,
  withholdRead: '--without read: every role may read. To take all access away: payslips users remove <name>.',
  withholdNotInRole: (right: string, role: string) => `--without ${right}: the role ${role} does not have that right.`,
  withholdUsersPerCompany: '--without users: a role for a company never includes managing operators.',

  added: (name: string, role: string, where: string) => `Added ${name}: ${role} for ${where}.`,
  changed: (name: string, where: string, from: string, to: string) => `${name} for ${where}: ${to} (was ${from}).`,
  same: (name: string, where: string, role: string) => `${name} already has ${role} for ${where}.`,
  removed: (name: string) => `Removed ${name}.`,
  removedFor: (name: string, where: string) => `${name} no longer has a role of their own for ${where}.`,
  removedLast: (name: string) => `${name} had no other role and is removed.`,
  noSuchOperator: (name: string) => `No operator "${name}".`,
  noSuchOperatorFix: 'payslips users list shows them.',
  noRoleFor: (name: string, where: string) => `${name} has no role of their own for ${where}.`,
  lastManager: (name: string) => `${name} is the only operator who may manage operators for every company; give someone else that first.`,
  lastManagerFix: 'payslips users add <name> --role admin',
};
