import { missingEmployerDetails, type EmployerDetail } from './employer-details.js';
import type { Company, CompanySettings, Environment } from './types.js';

/** One changed setting, as the audit trail and the activate summary show it. */
export interface SettingChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Lists what differs between two versions of an object, field by field. */
export function diffFields<T extends object>(before: T, after: T): SettingChange[] {
  const changes: SettingChange[] = [];
  for (const key of Object.keys(after) as Array<keyof T & string>) {
    if (before[key] !== after[key]) changes.push({ field: key, from: before[key], to: after[key] });
  }
  return changes;
}

export const DEFAULT_SETTINGS: CompanySettings = {
  licence: false,
  tenantKey: null,
  environment: 'local',
  apiUrl: null,
  retentionDays: 0,
  sendPayslips: false,
  printHandling: false,
  active: false,
  contentType: 'salaryslip',
  templateDir: null,
};

/**
 * A reason the company cannot send yet; each maps to a refusal (exit 4) in `send`. The
 * words for it are the catalogue's (i18n/readiness.ts).
 */
export type Blocker =
  | { code: 'licence_off' | 'link_inactive' | 'send_payslips_off' | 'tenant_key_missing' }
  | { code: 'credentials_missing'; environment: Environment }
  | { code: 'employer_details_missing'; missing: EmployerDetail[] };

/**
 * What stands between this company and a send, in the order a payroll administrator
 * would fix it. `hasCredentials` is decided by the caller (env or credentials file).
 */
export function sendBlockers(company: Company, hasCredentials: boolean): Blocker[] {
  const s = company.settings;
  const blockers: Blocker[] = [];
  if (!s.licence) blockers.push({ code: 'licence_off' });
  if (!s.active) blockers.push({ code: 'link_inactive' });
  if (!s.sendPayslips) blockers.push({ code: 'send_payslips_off' });
  if (s.environment !== 'local' && !s.tenantKey) blockers.push({ code: 'tenant_key_missing' });
  if (s.environment !== 'local' && !hasCredentials) blockers.push({ code: 'credentials_missing', environment: s.environment });
  const missing = s.contentType === 'salaryslip' ? missingEmployerDetails(company) : [];
  if (missing.length > 0) blockers.push({ code: 'employer_details_missing', missing });
  return blockers;
}
