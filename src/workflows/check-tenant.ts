import { orgNumberDigits } from '../domain/orgnumber.js';
import type { KivraClient, KivraTenant } from '../kivra/client.js';
import { kivraRunError } from './kivra-failure.js';

/**
 * `activate --check`: authenticate, read the tenant, and say whether it belongs to the
 * company, the health check Kivra integrations use (docs/kivra-api.md §7.1).
 */

interface CheckTenantInput {
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
    throw kivraRunError(error, 'tenant', input.tenantKey);
  }
  const company = orgNumberDigits(input.companyOrgNumber);
  const orgNumbers = tenant.companyIds.map((id) => id.orgnr);
  return {
    tenantName: tenant.name,
    orgNumbers,
    matchesCompany: company !== null && orgNumbers.some((orgnr) => orgNumberDigits(orgnr) === company),
  };
}
