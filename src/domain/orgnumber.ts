import { isCalendarDate } from './iso-date.js';
import { isLuhnValid } from './luhn.js';

/**
 * Organisationsnummer (Bolagsverket/Skatteverket SKV 709): 10 digits `GGNNNN-NNNC`,
 * Luhn-checked like a personnummer. A legal entity's third digit is 2 or more, which is
 * what keeps the number from ever being a birth date.
 *
 * Decision: a sole trader (enskild näringsidkare) has no organisationsnummer of their
 * own; their personnummer (10-digit form) serves as one, at Skatteverket and in VAT
 * numbers, and such an employer can run payroll. So a number whose third digit is 0 or
 * 1 is accepted as `sole_trader` when it is a real birth date (or a samordningsnummer
 * date, day + 60) with a valid check digit.
 *
 * The `16` prefix some registers write in front (`16556677-8899`) is accepted and dropped.
 */

type OrgNumberKind = 'legal_entity' | 'sole_trader';

/**
 * `format`: not 10 digits with an optional dash; `checksum`: wrong check digit;
 * `not_an_organisation`: third digit below 2 and not a personnummer date either.
 */
export type OrgNumberFailure = 'format' | 'checksum' | 'not_an_organisation';

type ParsedOrgNumber = { ok: true; value: string; kind: OrgNumberKind } | { ok: false; reason: OrgNumberFailure };

const SHAPE = /^(?:16)?(\d{6})-?(\d{4})$/;
const SAMORDNING_OFFSET = 60;

export function parseOrgNumber(input: string): ParsedOrgNumber {
  const match = SHAPE.exec(input.trim());
  if (!match) return { ok: false, reason: 'format' };
  const value = `${match[1]}${match[2]}`;
  if (!isLuhnValid(value)) return { ok: false, reason: 'checksum' };
  if (Number(value[2]) >= 2) return { ok: true, value, kind: 'legal_entity' };
  return isShortBirthDate(value.slice(0, 6))
    ? { ok: true, value, kind: 'sole_trader' }
    : { ok: false, reason: 'not_an_organisation' };
}

/** YYMMDD with no century: a real date in either the 1900s or the 2000s. */
function isShortBirthDate(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const writtenDay = Number(yymmdd.slice(4, 6));
  const day = writtenDay > SAMORDNING_OFFSET ? writtenDay - SAMORDNING_OFFSET : writtenDay;
  return isCalendarDate(1900 + yy, month, day) || isCalendarDate(2000 + yy, month, day);
}

/**
 * The ten digits of an organisationsnummer however it is written: `556677-8899`,
 * `5566778899`, a register's `16556677-8899` or Kivra's VAT form `SE556677889901`; null
 * otherwise. Shape only, no checksum: for finding a company, not for accepting a new one.
 */
export function orgNumberDigits(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/[\s-]/g, '');
  const match = /^SE(\d{10})01$/.exec(compact) ?? /^(?:16)?(\d{10})$/.exec(compact);
  return match?.[1] ?? null;
}
