import type { Context } from '../context.js';
import type { Permission, Role } from '../domain/roles.js';
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
      const words = t().session.company;
      const known = listCompanies(db);
      throw new UsageError(words.unknown(selector), {
        code: 'company_unknown',
        details: known.map((c) => words.known(c.orgNumber, c.name)),
        suggestion: known.length > 0 ? undefined : words.unknownFix,
      });
    }
    return company;
  }
  const companies = listCompanies(db);
  const only = companies[0];
  if (companies.length === 1 && only) return only;
  const words = t().session.company;
  if (companies.length === 0) {
    throw new RefusedError('not_activated', words.notActivated, { suggestion: words.notActivatedFix });
  }
  throw new UsageError(words.ambiguous(companies.length), {
    code: 'company_ambiguous',
    details: companies.map((c) => words.listed(c.orgNumber, c.name)),
  });
}
