import type { CommandOutcome } from './command.js';
import type { Context } from '../context.js';
import { missingEmployerDetails, type EmployerDetail } from '../domain/employer-details.js';
import type { Environment } from '../domain/types.js';
import { t } from '../i18n/catalogue.js';
import { employerDetailsFix, employerDetailsText } from '../i18n/readiness.js';
import { checkTenant, type TenantCheck } from '../workflows/check-tenant.js';
import { connectKivra } from '../workflows/kivra-connection.js';
import { assertMay } from '../workflows/access.js';
import { openSession, resolveCompany } from '../workflows/session.js';
import { formatOrgNumber } from '../domain/format.js';

interface ActivateCheckOutcome extends TenantCheck {
  company: { orgNumber: string; name: string };
  environment: Environment;
  baseUrl: string;
  /** The built-in emulator answered (environment `local` without an API URL). */
  local: boolean;
  tenantKey: string;
  /** What Kivra's salaryslip needs of the employer that the company lacks (send refuses until it has them). */
  employerDetailsMissing: EmployerDetail[];
}

/**
 * `activate --check`: authenticate against the company's environment and read the
 * tenant. Reads only; a viewer may run it. Exit 4 when Kivra does not know the tenant
 * key or forbids it, 5 when Kivra is unreachable or refuses the credentials (mapped by
 * workflows/kivra-failure.ts).
 */
export async function runActivateCheck(ctx: Context, orgNumber?: string): Promise<CommandOutcome> {
  const session = openSession(ctx, 'read', 'some_company');
  try {
    // The wizard names the company it just saved; otherwise --company or the only one.
    const company = resolveCompany(session.db, orgNumber ?? ctx.companySelector);
    assertMay(session.db, session.operator, ['read'], { company });
    // A check answers promptly: two retries ride out a blip, not an outage.
    const connection = await connectKivra(ctx, company, { timeoutMs: 15_000, retry: { retries: 2 } });
    try {
      const check = await checkTenant({ client: connection.client, tenantKey: connection.tenantKey, companyOrgNumber: company.orgNumber });
      const outcome: ActivateCheckOutcome = {
        company: { orgNumber: company.orgNumber, name: company.name },
        environment: company.settings.environment,
        baseUrl: connection.baseUrl,
        local: connection.local,
        tenantKey: connection.tenantKey,
        employerDetailsMissing: company.settings.contentType === 'salaryslip' ? missingEmployerDetails(company) : [],
        ...check,
      };
      if (!ctx.json) printCheck(ctx, outcome);
      return { json: outcome };
    } finally {
      await connection.close();
    }
  } finally {
    session.db.close();
  }
}

function printCheck(ctx: Context, outcome: ActivateCheckOutcome): void {
  const { terminal } = ctx;
  const words = t().activate.check;
  terminal.success(words.connected(t().common.environment[outcome.environment], outcome.baseUrl, outcome.local));
  const rows: Array<[string, string]> = [
    [words.tenant, outcome.tenantName],
    [words.tenantKey, outcome.tenantKey],
    [words.orgNumbers, outcome.orgNumbers.join(', ') || t().activate.none],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  terminal.result(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
  const missing = outcome.employerDetailsMissing;
  if (missing.length > 0) {
    terminal.warn(t().readiness.detailsMissingUntil(employerDetailsText(missing), missing.length, employerDetailsFix(missing)));
  }
  if (!outcome.matchesCompany) {
    terminal.warn(words.notMatching(formatOrgNumber(outcome.company.orgNumber), outcome.company.name));
  }
}
