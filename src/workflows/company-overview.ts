import type { Context } from '../context.js';
import { sendBlockers, type Blocker } from '../domain/settings.js';
import type { Company } from '../domain/types.js';
import { findCredentials } from '../store/credentials.js';
import { collectJobs, type JobSummary } from './job-log.js';
import { collectPayRuns, type PayRunOverview } from './pay-run-overview.js';
import { companiesOperatorMay } from './access.js';
import type { Session } from './session.js';

/**
 * The companies this operator may read, for the commands that look across a bureau's
 * clients (`companies list`, `log --all-companies`): roles can be given per company, so an
 * operator sees only the clients they have a role for (workflows/access.ts).
 */
export function readableCompanies(session: Session): Company[] {
  return companiesOperatorMay(session.db, session.operator, 'read');
}

/** One client of a bureau: can it send, how did its last send go, what waits to be sent. */
export interface CompanyOverview {
  company: Company;
  /** Empty when it is ready to send (domain/settings.ts, the same check `send` makes). */
  blockers: Blocker[];
  lastJob: JobSummary | null;
  /** Pay runs with payslips no send has taken yet, newest payout first. */
  notSent: PayRunOverview[];
}

export function collectCompanyOverview(ctx: Context, session: Session): CompanyOverview[] {
  return readableCompanies(session).map((company) => {
    const { environment } = company.settings;
    const hasCredentials = environment === 'local' || Boolean(findCredentials(ctx.env, company.orgNumber, environment));
    return {
      company,
      blockers: sendBlockers(company, hasCredentials),
      lastJob: collectJobs(session.db, company, 1)[0] ?? null,
      notSent: collectPayRuns(session.db, company).filter((run) => run.totals.notSent > 0),
    };
  });
}
