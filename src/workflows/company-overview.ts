import type { Company } from '../domain/types.js';
import { listCompanies } from '../store/companies.js';
import type { Session } from './session.js';

/**
 * The companies this operator may read, for the commands that look across a bureau's
 * clients (`companies list`, `log --all-companies`).
 *
 * SEAM (issue 17, per-company roles): today a role is for the whole database, and
 * `openSession(ctx, 'read')` has already checked it, so every company is readable. When
 * roles can be given per company, this is the one place that filters the list to the
 * companies the session's operator may read.
 */
export function readableCompanies(session: Session): Company[] {
  return listCompanies(session.db);
}
