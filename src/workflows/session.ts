import type { Context } from '../context.js';
import type { Permission, Role } from '../domain/roles.js';
import { orgNumberDigits } from '../domain/orgnumber.js';
import type { Company } from '../domain/types.js';
import { RefusedError, UsageError } from '../errors.js';
import { findCompanyByOrgNumber, listCompanies } from '../store/companies.js';
import { openDatabase, openDatabaseForReading, type Db } from '../store/database.js';
import { authorize } from './access.js';

export interface Session {
  db: Db;
  operator: string;
  role: Role;
  at: string;
}

/**
 * Opens the database and checks the operator's permission: the start of every command.
 * A command that only reads (`read`) opens it read-only: it never creates a database,
 * never takes the write lock and never waits for a writer.
 */
export function openSession(ctx: Context, permission: Permission): Session {
  const db = permission === 'read' ? openDatabaseForReading(ctx.dbPath) : openDatabase(ctx.dbPath);
  const at = ctx.now().toISOString();
  try {
    const role = authorize(db, ctx.operator, permission, at);
    return { db, operator: ctx.operator, role, at };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `--company`, else `PAYSLIPS_COMPANY`, else the only company in the database. */
export function resolveCompany(db: Db, selector: string | undefined): Company {
  if (selector !== undefined) {
    const orgNumber = orgNumberDigits(selector);
    const company = orgNumber && findCompanyByOrgNumber(db, orgNumber);
    if (!company) {
      const known = listCompanies(db).map((c) => `${c.orgNumber} ${c.name}`);
      throw new UsageError(`No company with organisationsnummer ${selector} in this database.`, {
        code: 'company_unknown',
        details: known.length > 0 ? known.map((k) => `known: ${k}`) : [],
        suggestion: known.length > 0 ? undefined : 'Create it with payslips activate --org-number <orgnr> --name <name>.',
      });
    }
    return company;
  }
  const companies = listCompanies(db);
  const only = companies[0];
  if (companies.length === 1 && only) return only;
  if (companies.length === 0) {
    throw new RefusedError('not_activated', 'No company has been set up in this database yet.', {
      suggestion: 'Run payslips activate (a wizard on a terminal), or payslips activate --org-number <orgnr> --name <name>.',
    });
  }
  throw new UsageError(`This database holds ${companies.length} companies; say which with --company or PAYSLIPS_COMPANY.`, {
    code: 'company_ambiguous',
    details: companies.map((c) => `${c.orgNumber} ${c.name}`),
  });
}
