import { isEmailAddress, toKivraPhone } from './contact.js';
import type { Company } from './types.js';

/**
 * The employer's contact details Kivra's `salaryslip` object requires
 * (`employment.employer.contact_information`): an address, an e-mail address and a
 * telephone number in Kivra's form. A payslip is a legal document: when one is missing,
 * nothing is sent rather than a made-up value.
 */

export type EmployerDetail = 'street' | 'postal_code' | 'city' | 'email' | 'phone';

/** The `activate` option that sets each detail. */
export const EMPLOYER_DETAIL_OPTIONS: Record<EmployerDetail, string> = {
  street: '--street',
  postal_code: '--postal-code',
  city: '--city',
  email: '--email',
  phone: '--phone',
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
