import { companyTitle, formatOrgNumber } from '../domain/format.js';
import { grantAt, mayDo, rolesWith, type AccessTarget, type Grant, type Right } from '../domain/roles.js';
import type { Company } from '../domain/types.js';
import { RefusedError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { recordAudit } from '../store/audit.js';
import { listCompanies } from '../store/companies.js';
import type { Db } from '../store/database.js';
import { countOperators, findOperator, insertOperatorIfNew, setGrant } from '../store/operators.js';

/** Where a right is asked for: a company, one not created yet, any one, or all of them. */
export type Where = { company: Company } | 'new_company' | 'some_company' | 'every_company';

/**
 * Decides whether the operator may do what they ask, where they ask it. On a database with
 * no operators the first one to change something becomes admin for every company (and the
 * audit trail says so); reading such a database is open to whoever asks. After that,
 * unknown operators and roles without the right are refused (exit 4), naming the company
 * and the missing right. Returns the operator's roles (none on a database without operators).
 */
export function authorize(db: Db, operator: string, rights: readonly Right[], at: string, where: Where): Grant[] {
  if (rights.some((right) => right !== 'read')) {
    const bootstrap = db.transaction(() => {
      if (countOperators(db) > 0) return false;
      insertOperatorIfNew(db, operator, operator, at);
      setGrant(db, operator, { companyId: null, role: 'admin', without: [] }, operator, at);
      recordAudit(db, { at, operator, companyId: null, action: 'operator.bootstrap', details: { name: operator, role: 'admin' } });
      return true;
    });
    bootstrap.immediate();
  }
  return assertMay(db, operator, rights, where);
}

/**
 * The same check, writing nothing: a database without operators allows everything here,
 * since the first write makes its operator admin. Returns the operator's roles.
 */
export function assertMay(db: Db, operator: string, rights: readonly Right[], where: Where): Grant[] {
  if (countOperators(db) === 0) return [];
  const known = findOperator(db, operator);
  for (const right of rights) {
    if (!known) throw unknownOperator(operator, right, where);
    if (!mayDo(known.grants, right, target(where))) throw denied(operator, known.grants, right, where);
  }
  return known?.grants ?? [];
}

/** Whether the operator may do this there, refusing nothing: what to offer (the wizard's "A new company…"). */
export function operatorMay(db: Db, operator: string, right: Right, where: Where): boolean {
  if (countOperators(db) === 0) return true;
  const known = findOperator(db, operator);
  return known !== undefined && mayDo(known.grants, right, target(where));
}

/**
 * The companies the operator may do this in, in the database's order: with `read`, what
 * `companies list` and `log --all-companies` show. Every company while the database has no
 * operators, none for an operator it does not know.
 */
export function companiesOperatorMay(db: Db, operator: string, right: Right): Company[] {
  const companies = listCompanies(db);
  if (countOperators(db) === 0) return companies;
  const grants = findOperator(db, operator)?.grants ?? [];
  return companies.filter((company) => mayDo(grants, right, { companyId: company.id }));
}

function target(where: Where): AccessTarget {
  return typeof where === 'string' ? where : { companyId: where.company.id };
}

/** `payslips users add eva --role payroll --company 556677-8899`: the least role that gives the right, where it is missing. */
function giveCommand(operator: string, right: Right, where: Where): string {
  const role = right === 'users' ? 'admin' : rolesWith(right).at(-1)!;
  const company = typeof where === 'object' ? ` --company ${formatOrgNumber(where.company.orgNumber)}` : '';
  return `payslips users add ${operator} --role ${role}${company}`;
}

function unknownOperator(operator: string, right: Right, where: Where): RefusedError {
  const words = t().users;
  return new RefusedError('operator_unknown', words.unknownOperator(operator, words.rightDoes[right]), {
    suggestion: words.addFix(giveCommand(operator, right, where)),
  });
}

function denied(operator: string, grants: readonly Grant[], right: Right, where: Where): RefusedError {
  const words = t().users;
  const does = words.rightDoes[right];
  const rightWord = words.right[right];
  const suggestion = words.giveFix(giveCommand(operator, right, where));
  let message: string;
  if (right === 'users') message = words.deniedUsers(operator);
  else if (where === 'new_company') message = words.deniedNewCompany(operator, does, rightWord);
  else if (where === 'some_company') message = words.deniedEverywhere(operator, does, rightWord);
  else if (where === 'every_company') message = words.deniedEveryCompany(operator, does, rightWord);
  else {
    const grant = grantAt(grants, where.company.id);
    message = grant
      ? words.denied(operator, does, companyTitle(where.company), rightWord, describeGrant(grant))
      : words.noRoleThere(operator, does, companyTitle(where.company), rightWord);
  }
  return new RefusedError('permission_denied', message, { suggestion });
}

/** `payroll without send`, in the run's words. */
export function describeGrant(grant: Grant): string {
  const words = t().users;
  const role = words.role[grant.role];
  return grant.without.length === 0 ? role : words.roleWithout(role, t().common.andList(grant.without.map((right) => words.right[right])));
}
