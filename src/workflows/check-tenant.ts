import { orgNumberDigits } from '../domain/orgnumber.js';
import { AbortedError, RefusedError, assertUnreachable } from '../errors.js';
import { KivraApiError } from '../kivra/api-error.js';
import type { KivraClient, KivraTenant } from '../kivra/client.js';

/**
 * `activate --check`: authenticate, read the tenant, and say whether it belongs to the
 * company, the health check Kivra integrations use (docs/kivra-api.md §7.1).
 */

export interface CheckTenantInput {
  client: KivraClient;
  tenantKey: string;
  /** The company's organisationsnummer, in any usual form (`556677-8899`, 10 digits). */
  companyOrgNumber: string;
}

export interface TenantCheck {
  tenantName: string;
  /** As Kivra stores them, usually VAT form (`SE556677889901`). */
  orgNumbers: string[];
  matchesCompany: boolean;
}

export async function checkTenant(input: CheckTenantInput): Promise<TenantCheck> {
  let tenant: KivraTenant;
  try {
    tenant = await input.client.getTenant(input.tenantKey);
  } catch (error) {
    throw explain(error, input.tenantKey);
  }
  const company = orgNumberDigits(input.companyOrgNumber);
  const orgNumbers = tenant.companyIds.map((id) => id.orgnr);
  return {
    tenantName: tenant.name,
    orgNumbers,
    matchesCompany: company !== null && orgNumbers.some((orgnr) => orgNumberDigits(orgnr) === company),
  };
}

function explain(error: unknown, tenantKey: string): unknown {
  if (!(error instanceof KivraApiError)) return error;
  switch (error.kind) {
    case 'auth':
      return new AbortedError('kivra_auth', `Kivra rejected the credentials: ${error.code} ${error.shortMessage}.`, {
        suggestion: 'Check KIVRA_CLIENT_ID and KIVRA_CLIENT_SECRET (or the remembered credentials) for this environment.',
        cause: error,
      });
    case 'unreachable':
    case 'transient':
    case 'unknown_outcome':
      // The client's message already says what failed ("… could not be reached", "503 …").
      return new AbortedError('kivra_unreachable', error.message, {
        suggestion: 'Check the network and the environment or API URL, then run the check again.',
        cause: error,
      });
    case 'permanent':
      if (error.status === 404) {
        return new RefusedError('kivra_tenant_not_found', `Kivra knows no tenant ${tenantKey} that these credentials may use.`, {
          suggestion: 'Check the tenant key (payslips activate --tenant-key <key>) and that Kivra gave these credentials access to it.',
        });
      }
      return new AbortedError('kivra_error', error.message, { cause: error });
    default:
      return assertUnreachable(error.kind);
  }
}
