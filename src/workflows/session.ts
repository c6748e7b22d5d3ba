import type { Context } from '../context.js';
import type { Grant, Right } from '../domain/roles.js';
import { orgNumberDigits } from '../domain/orgnumber.js';
import type { Company } from '../domain/types.js';
import { RefusedError, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { findCompanyByOrgNumber, listCompanies } from '../store/companies.js';
import { openDatabase, openDatabaseForReading, type Db } from '../store/database.js';
import { authorize } from './access.js';

export interface Session {
  db: Db;
  operator: string;
  /** The operator's roles as the session began; none on a database without operators. */
  grants: Grant[];
  at: string;
}

/**
 * Opens the database and checks the operator's right: the start of every command. A command
 * that only reads (`read`) opens it read-only: it never creates a database, never takes the
 * write lock and never waits for a writer.
 *
 * The right is checked for the company the command works on (`--company`, else the only
 * one); where that is not settled yet (several companies and no `--company`, or none), for
 * some company, and the command's resolveCompany says what is missing. `some_company` leaves
 * the company to the command, which checks it once known (activate: the company it creates
 * or changes). Sync learns its company from the export, so it is checked where the export
 * names it (import-payroll's PayrollWriter.begin), here only that the operator may sync
 * somewhere. Managing operators is always checked for every company.
 */
export function openSession(ctx: Context, rights: Right | readonly Right[], where: 'selected_company' | 'some_company' = 'selected_company'): Session {
  const asked: readonly Right[] = typeof rights === 'string' ? [rights] : rights;
  const reading = asked.every((right) => right === 'read');
  const db = reading ? openDatabaseForReading(ctx.dbPath) : openDatabase(ctx.dbPath);
  const at = ctx.now().toISOString();
  try {
    const company = where === 'selected_company' && !asked.includes('sync') ? selectedCompany(db, ctx.companySelector) : undefined;
    const grants = authorize(db, ctx.operator, asked, at, company ? { company } : 'some_company');
    return { db, operator: ctx.operator, grants, at };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The company resolveCompany would give, or undefined where it would refuse. */
function selectedCompany(db: Db, selector: string | undefined): Company | undefined {
  if (selector !== undefined) {
    const orgNumber = orgNumberDigits(selector);
    return (orgNumber && findCompanyByOrgNumber(db, orgNumber)) || undefined;
  }
  const companies = listCompanies(db);
  return companies.length === 1 ? companies[0] : undefined;
}

/** `--company`, else `PAYSLIPS_COMPANY`, else the only company in the database. */
export function resolveCompany(db: Db, selector: string | undefined): Company {
  const words = t().session.company;
  // `--company` may be repeated for `users add/remove`; everywhere else it names one company.
  if (selector?.includes(',')) {
    throw new UsageError(words.onlyOne(selector), { code: 'invalid_option', details: listCompanies(db).map((c) => words.known(c.orgNumber, c.name)) });
  }
  const company = selectedCompany(db, selector);
  if (company) return company;
  const companies = listCompanies(db);
  if (selector !== undefined) {
    throw new UsageError(words.unknown(selector), {
      code: 'company_unknown',
      details: companies.map((c) => words.known(c.orgNumber, c.name)),
      suggestion: companies.length > 0 ? undefined : words.unknownFix,
    });
  }
  if (companies.length === 0) {
    throw new RefusedError('not_activated', words.notActivated, { suggestion: words.notActivatedFix });
  }
  throw new UsageError(words.ambiguous(companies.length), {
    code: 'company_ambiguous',
    details: companies.map((c) => words.listed(c.orgNumber, c.name)),
  });
}

/**
 * `--company 556677-8899,559999-9991` (or the flag given twice): each named company, in the
 * order given, refused (exit 2) as resolveCompany refuses when one is not in the database.
 */
export function companiesNamed(db: Db, list: string): Company[] {
  const selectors = [...new Set(list.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (selectors.length === 0) throw new UsageError(t().session.company.listEmpty, { code: 'invalid_option' });
  const companies = selectors.map((selector) => resolveCompany(db, selector));
  return companies.filter((company, index) => companies.findIndex((c) => c.id === company.id) === index);
}
