import type { CommandOutcome } from './command.js';
import type { Context } from '../context.js';
import { missingEmployerDetails, type EmployerDetail } from '../domain/employer-details.js';
import { t } from '../i18n/catalogue.js';
import { employerDetailsFix, employerDetailsText } from '../i18n/readiness.js';
import { checkTenant, type TenantCheck } from '../workflows/check-tenant.js';
import { connectKivra } from '../workflows/kivra-connection.js';
import { openSession, resolveCompany } from '../workflows/session.js';
import { formatOrgNumber } from '../domain/format.js';

interface ActivateCheckOutcome extends TenantCheck {
  company: { orgNumber: string; name: string };
  environment: string;
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
export async function runActivateCheck(ctx: Context): Promise<CommandOutcome> {
  const session = openSession(ctx, 'read');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
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
  terminal.success(`Connected to Kivra (${outcome.environment}, ${outcome.baseUrl}${outcome.local ? ', the built-in emulator' : ''}).`);
  terminal.result(
    [
      `Tenant       ${outcome.tenantName}`,
      `Tenant key   ${outcome.tenantKey}`,
      `Org numbers  ${outcome.orgNumbers.join(', ') || '—'}`,
    ].join('\n'),
  );
  const missing = outcome.employerDetailsMissing;
  if (missing.length > 0) {
    terminal.warn(t().readiness.detailsMissingUntil(employerDetailsText(missing), missing.length, employerDetailsFix(missing)));
  }
  if (!outcome.matchesCompany) {
    terminal.warn(
      `the tenant's org numbers do not include ${formatOrgNumber(outcome.company.orgNumber)} (${outcome.company.name}); check the tenant key before sending.`,
    );
  }
}
