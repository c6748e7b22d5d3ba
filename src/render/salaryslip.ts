/**
 * Maps a payslip to Kivra's structured `salaryslip` object (schema v1.0,
 * kivra/_partials/schema-salary-slip.json; docs/kivra-api.md §4.3).
 *
 * The schema requires employer contact details a payroll export may not carry. Nothing is
 * ever made up: `send` refuses until the company has them (`sendBlockers`), and building
 * the object without them throws `EmployerDetailsMissingError`. The VAT number is derived
 * from the organisationsnummer (`SE` + 10 digits + `01`), which is how Swedish VAT numbers
 * are formed.
 *
 * Left out on purpose, because our data cannot fill them truthfully: employment start and
 * type, hours, basic contractual salary, absences, additional payments, the effective tax
 * rate, the bank account and the vacation year. Everything is in the PDF regardless.
 */
import { toKivraPhone } from '../domain/contact.js';
import { missingEmployerDetails, type EmployerDetail } from '../domain/employer-details.js';
import { t } from '../i18n/catalogue.js';
import { employerDetailsFix, employerDetailsText } from '../i18n/readiness.js';
import type { PayslipDocument, PayslipLine } from '../domain/types.js';
import { formatAmount, formatOrgNumber, toKivraDecimal, toVatNumber } from '../domain/format.js';

interface KivraMoney {
  monetary_amount: string;
  currency: string;
}

export interface KivraSalarySlip {
  document_metadata: { creation_timestamp: string; source_system: string };
  employment: {
    employer: {
      legal_name: string;
      legal_identifiers: { vat_number: string; org_number: string };
      contact_information: {
        address: { street_address: string; postal_code: string; city: string; country: string };
        email_address: string;
        telephone_number: string;
      };
    };
  };
  pay_period: {
    start_date: string;
    end_date: string;
    payout_date: string;
    gross_pay: KivraMoney;
    tax_deducted: KivraMoney;
    net_pay: KivraMoney;
    employee_benefits?: Array<{ type: string; monetary_amount: string; currency: string }>;
  };
  tax_information?: { tax_code: { identifier: string; schema: string } };
  holidays?: { days_used_in_period?: string; days_remaining_in_period?: string };
  yearly_accumulated_gross_pay?: KivraMoney;
  yearly_accumulated_taxes?: KivraMoney;
}

const TAX_CODE_SCHEMA = 'Swedish Tax Table';

function sek(ore: number): KivraMoney {
  return { monetary_amount: formatAmount(ore), currency: 'SEK' };
}

function benefits(lines: readonly PayslipLine[]): Array<{ type: string; monetary_amount: string; currency: string }> {
  return lines
    .filter((line) => line.kind === 'benefit')
    .map((line) => ({ type: line.text, ...sek(line.amountOre) }));
}

interface SalarySlipResult {
  salaryslip: KivraSalarySlip;
  /** Fallbacks used and values left out, for the operator (see the module comment). */
  warnings: string[];
}

export function buildSalarySlip(doc: PayslipDocument, meta: { creationTimestamp: string; sourceSystem: string }): SalarySlipResult {
  const { company, payRun, payslip } = doc;
  const warnings: string[] = [];
  if (!/^\d{10}$/.test(company.orgNumber)) {
    throw new RangeError(`Organisationsnummer must be 10 digits, got ${company.orgNumber}`);
  }
  const missing = missingEmployerDetails(company);
  if (missing.length > 0) throw new EmployerDetailsMissingError(missing);
  const address = {
    street_address: company.address.street!.trim(),
    postal_code: company.address.postalCode!.trim(),
    city: company.address.city!.trim(),
    country: 'Sweden',
  };
  const email = company.email!.trim();
  const phone = toKivraPhone(company.phone!)!;

  const benefitItems = benefits(payslip.lines);
  const salaryslip: KivraSalarySlip = {
    document_metadata: { creation_timestamp: meta.creationTimestamp, source_system: meta.sourceSystem },
    employment: {
      employer: {
        legal_name: company.name,
        legal_identifiers: { vat_number: toVatNumber(company.orgNumber), org_number: formatOrgNumber(company.orgNumber) },
        contact_information: { address, email_address: email, telephone_number: phone },
      },
    },
    pay_period: {
      start_date: payRun.periodStart,
      end_date: payRun.periodEnd,
      payout_date: payRun.payoutDate,
      gross_pay: sek(payslip.grossPayOre),
      tax_deducted: sek(payslip.taxOre),
      net_pay: sek(payslip.netPayOre),
      ...(benefitItems.length > 0 ? { employee_benefits: benefitItems } : {}),
    },
  };

  const taxTable = payslip.taxTable?.trim();
  if (taxTable) salaryslip.tax_information = { tax_code: { identifier: taxTable, schema: TAX_CODE_SCHEMA } };

  const holidays: NonNullable<KivraSalarySlip['holidays']> = {};
  const days = (value: string | null, name: string): string | undefined => {
    if (value === null) return undefined;
    const decimal = toKivraDecimal(value);
    if (decimal === null) warnings.push(`vacation ${name} "${value}" is not a number with at most two decimals; left out`);
    return decimal ?? undefined;
  };
  const used = days(payslip.vacation.daysUsed, 'days used');
  const remaining = days(payslip.vacation.daysRemaining, 'days remaining');
  if (used !== undefined) holidays.days_used_in_period = used;
  if (remaining !== undefined) holidays.days_remaining_in_period = remaining;
  if (used !== undefined || remaining !== undefined) salaryslip.holidays = holidays;

  if (payslip.ytd.grossPayOre !== null) salaryslip.yearly_accumulated_gross_pay = sek(payslip.ytd.grossPayOre);
  if (payslip.ytd.taxOre !== null) salaryslip.yearly_accumulated_taxes = sek(payslip.ytd.taxOre);
  return { salaryslip, warnings };
}

/** Kivra's salaryslip cannot be made without these; `send` refuses before it comes to this. */
export class EmployerDetailsMissingError extends Error {
  constructor(readonly missing: readonly EmployerDetail[]) {
    super(t().readiness.blockerWithFix(t().readiness.detailsMissing(employerDetailsText(missing), missing.length), employerDetailsFix(missing)));
    this.name = 'EmployerDetailsMissingError';
  }
}
