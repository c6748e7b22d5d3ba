/**
 * A company's name, address and contact details as `activate` takes them, and the shapes
 * Kivra's `salaryslip` object needs for the e-mail address and telephone number
 * (docs/kivra-api.md §4.3). One home for both, so what `activate` accepts is what the
 * payload can carry.
 */

/** Kivra's pattern, with the schema's `{,2}` read as `{0,2}` (docs/kivra-api.md §4.3). */
const KIVRA_PHONE = /^([0-9]|([+][1-9][0-9]{0,2}))([0-9]|[ ]|-)*[0-9]$/;
/** The same shape ajv-formats accepts as `email`, so what we send passes Kivra's check. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

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

/**
 * Longest accepted values, in characters: room for any real company, and a bound on what
 * goes into every payslip's header, envelope window and payload. An e-mail address is at
 * most 254 characters (RFC 5321).
 */
export const COMPANY_DETAIL_LIMITS = { name: 200, street: 200, postalCode: 20, city: 100, email: 254, phone: 40 } as const;
export type CompanyDetailField = keyof typeof COMPANY_DETAIL_LIMITS;

/** What is wrong with a company detail as typed (trimmed, not blank), or null. */
export function companyDetailProblem(field: CompanyDetailField, value: string): string | null {
  const limit = COMPANY_DETAIL_LIMITS[field];
  if (value.length > limit) return `is ${value.length} characters; at most ${limit} are accepted`;
  if (CONTROL_CHARACTERS.test(value)) return 'contains a control character (such as a line break or a tab)';
  if (field === 'email' && !isEmailAddress(value)) return 'is not an e-mail address (such as lon@example.se)';
  if (field === 'phone' && toKivraPhone(value) === null) {
    return "is not a telephone number Kivra accepts: digits, spaces and dashes, with an optional +country code (such as 08-123 45 67 or +46 8 123 45 67)";
  }
  return null;
}
