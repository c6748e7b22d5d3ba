import { assertIsoDate, formatIsoDate, isCalendarDate } from './iso-date.js';
import { isLuhnValid } from './luhn.js';
import type { IsoDate } from './types.js';

/**
 * Swedish personal identity numbers (personnummer, Skatteverket SKV 704) and
 * coordination numbers (samordningsnummer, SKV 707), as an export may write them:
 * `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYMMDDNNNC`, `YYYYMMDD-NNNC`, `YYYYMMDDNNNC`.
 * Valid numbers are normalised to the 12 digits `YYYYMMDDNNNC` that Kivra expects.
 */

export type PersonnummerKind = 'personnummer' | 'samordningsnummer';

/**
 * Why a number was refused: `format` (not one of the shapes above), `date` (no such
 * birth date, or one after the reference date), `checksum` (wrong check digit),
 * `serial` (the birth number 000, which Skatteverket never assigns), `interim` (an
 * interim number with a letter in place of a digit; those identify people in some
 * registers but Kivra cannot deliver to them).
 */
export type PersonnummerFailure = 'format' | 'date' | 'serial' | 'checksum' | 'interim';

export type ParsedPersonnummer =
  | { ok: true; value: string; kind: PersonnummerKind; birthDate: IsoDate }
  | { ok: false; reason: PersonnummerFailure };

const SHAPE = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;
/** Interim numbers use one of these letters as the first digit of the birth number. */
const INTERIM_SHAPE = /^(\d{2})?\d{6}[-+]?[TRSUWXJKLMN]\d{3}$/i;
/** Samordningsnummer add 60 to the day of birth. */
const SAMORDNING_OFFSET = 60;
/** Nobody alive was born earlier; a 12-digit number from before it is a typo. */
const EARLIEST_BIRTH_YEAR = 1800;

/**
 * Parses and validates a personnummer or samordningsnummer.
 *
 * For the 10-digit forms the century is inferred relative to `referenceDate` (the day
 * the export is read): the most recent century in which the birth date is not after
 * the reference date; with `+` (which Skatteverket uses from the calendar year someone
 * turns 100) the most recent year at least 100 years before the reference year. For the 12-digit forms the century is written out, so the
 * separator is ignored, but a birth date after the reference date is still refused.
 */
export function parsePersonnummer(input: string, referenceDate: IsoDate): ParsedPersonnummer {
  const reference = assertIsoDate(referenceDate, 'referenceDate');
  const text = input.trim();
  if (INTERIM_SHAPE.test(text)) return { ok: false, reason: 'interim' };
  const match = SHAPE.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const [, century, yy = '', mm = '', dd = '', separator, serial = ''] = match;

  const month = Number(mm);
  const writtenDay = Number(dd);
  const kind: PersonnummerKind = writtenDay > SAMORDNING_OFFSET ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? writtenDay - SAMORDNING_OFFSET : writtenDay;

  const year =
    century === undefined
      ? inferYear(Number(yy), month, day, separator === '+', reference)
      : Number(`${century}${yy}`);
  if (!isCalendarDate(year, month, day) || year < EARLIEST_BIRTH_YEAR) return { ok: false, reason: 'date' };
  const birthDate = formatIsoDate(year, month, day);
  // ISO dates compare correctly as strings.
  if (birthDate > reference) return { ok: false, reason: 'date' };

  // The birth number (the first three of the last four digits) runs from 001.
  if (serial.startsWith('000')) return { ok: false, reason: 'serial' };
  if (!isLuhnValid(`${yy}${mm}${dd}${serial}`)) return { ok: false, reason: 'checksum' };
  return { ok: true, value: `${String(year).padStart(4, '0')}${mm}${dd}${serial}`, kind, birthDate };
}

function inferYear(yy: number, month: number, day: number, hundredOrOlder: boolean, reference: IsoDate): number {
  const referenceYear = Number(reference.slice(0, 4));
  // Skatteverket writes `+` from the calendar year someone turns 100, birthday or not:
  // the latest year ending in `yy` that is at least 100 years before the reference year.
  if (hundredOrOlder) return latestYearEndingIn(yy, referenceYear - 100);
  let year = latestYearEndingIn(yy, referenceYear);
  // Compared as numbers, so that an impossible date (checked afterwards) still picks a century.
  const referenceKey = referenceYear * 10_000 + Number(reference.slice(5, 7)) * 100 + Number(reference.slice(8, 10));
  if (year * 10_000 + month * 100 + day > referenceKey) year -= 100;
  return year;
}

/** The latest year not after `notAfter` whose last two digits are `yy`. */
function latestYearEndingIn(yy: number, notAfter: number): number {
  return notAfter - ((((notAfter - yy) % 100) + 100) % 100);
}
