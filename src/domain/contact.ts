/**
 * A company's name, address and contact details as `activate` takes them, and the shapes
 * Kivra's `salaryslip` object needs for the e-mail address and telephone number
 * (docs/kivra-api.md §4.3). One home for both, so what `activate` accepts is what the
 * payload can carry.
 */

import { TEXT_LIMITS, textProblem, type TextProblem } from './text.js';

/** Kivra's pattern, with the schema's `{,2}` read as `{0,2}` (docs/kivra-api.md §4.3). */
const KIVRA_PHONE = /^([0-9]|([+][1-9][0-9]{0,2}))([0-9]|[ ]|-)*[0-9]$/;
/** The same shape ajv-formats accepts as `email`, so what we send passes Kivra's check. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/** `08-123 45 67` passes as is; `(08) 123 45 67` and `+46 (0)8 123 45 67` are tidied first. */
export function toKivraPhone(phone: string): string | null {
  const tidied = phone
    .replace(/\(0\)/g, '')
    .replace(/[().]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return KIVRA_PHONE.test(tidied) ? tidied : null;
}

/** The longest value of each detail, as the import's caps for the same fields (domain/text.ts). */
const COMPANY_DETAIL_LIMITS = {
  name: TEXT_LIMITS.companyName,
  street: TEXT_LIMITS.street,
  postalCode: TEXT_LIMITS.postalCode,
  city: TEXT_LIMITS.city,
  email: TEXT_LIMITS.email,
  phone: TEXT_LIMITS.phone,
} as const;
export type CompanyDetailField = keyof typeof COMPANY_DETAIL_LIMITS;

/** Why a company detail is refused; the words for it are the catalogue's (`activate.detailProblem`). */
export type CompanyDetailProblem = TextProblem | { kind: 'email' | 'phone' };

/** What is wrong with a company detail as typed (trimmed, not blank), or null. */
export function companyDetailProblem(field: CompanyDetailField, value: string): CompanyDetailProblem | null {
  const problem = textProblem(value, COMPANY_DETAIL_LIMITS[field]);
  if (problem !== null) return problem;
  if (field === 'email' && !isEmailAddress(value)) return { kind: 'email' };
  if (field === 'phone' && toKivraPhone(value) === null) return { kind: 'phone' };
  return null;
}
