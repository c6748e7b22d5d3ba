import { diffFields, DEFAULT_SETTINGS, type SettingChange } from '../domain/settings.js';
import type { Company, CompanySettings } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { recordAudit } from '../store/audit.js';
import {
  findCompanyByOrgNumber,
  getCompany,
  insertCompany,
  updateCompanyDetails,
  updateCompanySettings,
  type CompanyDetails,
} from '../store/companies.js';
import type { Db } from '../store/database.js';
import { countEmployees, setEmployeeFlagsForCompany } from '../store/employees.js';
import { resolveCompany } from './session.js';

export interface ActivateRequest {
  /** Normalised 10-digit org number of the company to create or change; else `--company` rules. */
  orgNumber?: string;
  details: Partial<CompanyDetails>;
  settings: Partial<CompanySettings>;
}

/** What `activate` would do, worked out before anything is written. */
export interface ActivationPlan {
  existing: Company | undefined;
  orgNumber: string;
  details: CompanyDetails;
  settings: CompanySettings;
  detailChanges: SettingChange[];
  settingChanges: SettingChange[];
  employeeCount: number;
  /**
   * Employee flags a changed company setting may be applied to (the seed behaviour of
   * payroll systems): the question is only asked when the register has employees.
   */
  applicable: { kivra?: boolean; print?: boolean };
}

export function planActivation(db: Db, request: ActivateRequest, companySelector: string | undefined): ActivationPlan {
  const existing = request.orgNumber
    ? findCompanyByOrgNumber(db, request.orgNumber)
    : resolveCompany(db, companySelector);
  const orgNumber = request.orgNumber ?? existing!.orgNumber;
  const currentDetails: CompanyDetails = existing
    ? { name: existing.name, street: existing.address.street, postalCode: existing.address.postalCode, city: existing.address.city, email: existing.email, phone: existing.phone }
    : { name: '', street: null, postalCode: null, city: null, email: null, phone: null };
  const details: CompanyDetails = { ...currentDetails, ...request.details };
  if (!details.name) {
    throw new UsageError(t().activate.nameMissing(orgNumber), { code: 'company_name_missing' });
  }
  const currentSettings = existing?.settings ?? DEFAULT_SETTINGS;
  const settings: CompanySettings = { ...currentSettings, ...request.settings };
  const employeeCount = existing ? countEmployees(db, existing.id) : 0;
  const applicable: ActivationPlan['applicable'] = {};
  if (employeeCount > 0) {
    if (settings.sendPayslips !== currentSettings.sendPayslips) applicable.kivra = settings.sendPayslips;
    if (settings.printHandling !== currentSettings.printHandling) applicable.print = settings.printHandling;
  }
  return {
    existing,
    orgNumber,
    details,
    settings,
    detailChanges: existing ? diffFields(currentDetails, details) : diffFields(currentDetails, details).filter((c) => c.to !== null),
    settingChanges: diffFields(currentSettings, settings),
    employeeCount,
    applicable,
  };
}

/** The company as the plan would leave it, for the summary shown before saving. */
export function plannedCompany(plan: ActivationPlan): Omit<Company, 'id'> {
  const { details } = plan;
  return {
    orgNumber: plan.orgNumber,
    name: details.name,
    address: { street: details.street, postalCode: details.postalCode, city: details.city },
    email: details.email,
    phone: details.phone,
    settings: plan.settings,
  };
}

/** Writes the plan in one transaction, with its audit entry. */
export function applyActivation(
  db: Db,
  plan: ActivationPlan,
  applyToEmployees: boolean,
  operator: string,
  at: string,
): { company: Company; employeesUpdated: number } {
  const write = db.transaction(() => {
    const company = plan.existing ?? insertCompany(db, plan.orgNumber, plan.details, at);
    if (plan.existing) updateCompanyDetails(db, company.id, plan.details, at);
    updateCompanySettings(db, company.id, plan.settings, at);
    let employeesUpdated = 0;
    const flags = applyToEmployees ? plan.applicable : {};
    if (flags.kivra !== undefined || flags.print !== undefined) {
      employeesUpdated = setEmployeeFlagsForCompany(db, company.id, flags, at);
    }
    if (!plan.existing || plan.detailChanges.length > 0 || plan.settingChanges.length > 0 || employeesUpdated > 0) {
      recordAudit(db, {
        at,
        operator,
        companyId: company.id,
        action: plan.existing ? 'company.update' : 'company.create',
        details: {
          changes: [...plan.detailChanges, ...plan.settingChanges],
          ...(employeesUpdated > 0 ? { appliedToEmployees: { ...flags, count: employeesUpdated } } : {}),
        },
      });
    }
    return { company: getCompany(db, company.id), employeesUpdated };
  });
  return write.immediate();
}
