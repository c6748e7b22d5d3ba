import { isEmailAddress, toKivraPhone } from './contact.js';
import type { Company } from './types.js';

/**
 * The employer's contact details Kivra's `salaryslip` object requires
 * (`employment.employer.contact_information`): an address, an e-mail address and a
 * telephone number in Kivra's form. A payslip is a legal document: when one is missing,
 * nothing is sent rather than a made-up value.
 */

export type EmployerDetail = 'street' | 'postal_code' | 'city' | 'email' | 'phone';

/** What a problem with each detail is called, and the `activate` option that sets it. */
const EMPLOYER_DETAILS: Record<EmployerDetail, { name: string; option: string }> = {
  street: { name: 'street address', option: '--street' },
  postal_code: { name: 'postal code', option: '--postal-code' },
  city: { name: 'city', option: '--city' },
  email: { name: 'e-mail address', option: '--email' },
  phone: { name: 'telephone number', option: '--phone' },
};

/** The details Kivra's salaryslip needs that the company lacks (or has in a form Kivra refuses). */
export function missingEmployerDetails(company: Pick<Company, 'address' | 'email' | 'phone'>): EmployerDetail[] {
  const missing: EmployerDetail[] = [];
  const present = (value: string | null): boolean => value !== null && value.trim() !== '';
  if (!present(company.address.street)) missing.push('street');
  if (!present(company.address.postalCode)) missing.push('postal_code');
  if (!present(company.address.city)) missing.push('city');
  if (company.email === null || !isEmailAddress(company.email)) missing.push('email');
  if (company.phone === null || toKivraPhone(company.phone) === null) missing.push('phone');
  return missing;
}

/** "the employer's e-mail address and telephone number", for messages. */
export function describeEmployerDetails(details: readonly EmployerDetail[]): string {
  const names = details.map((d) => EMPLOYER_DETAILS[d].name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `the employer's ${list}`;
}

/** The command that adds them, with a placeholder for each value. */
export function employerDetailsFix(details: readonly EmployerDetail[]): string {
  return `payslips activate ${details.map((d) => `${EMPLOYER_DETAILS[d].option} <${EMPLOYER_DETAILS[d].name}>`).join(' ')} (or give them in the export's company)`;
}
