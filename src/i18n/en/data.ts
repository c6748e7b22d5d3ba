import type { DecimalFailure } from '../../domain/decimal.js';
import type { OrgNumberFailure } from '../../domain/orgnumber.js';
import type { PersonnummerFailure } from '../../domain/personnummer.js';

/**
 * What is wrong with a value from outside (an export, an option): text, personnummer,
 * organisationsnummer, amounts and numbers. The domain says which problem; i18n/data.ts
 * puts these words to it, for the import and for every command that checks such a value.
 */
export const data = {
  text: {
    tooLong: (length: string, maxLength: string) => `${length} characters; at most ${maxLength} are accepted`,
    contains: (character: string) => `contains ${character}`,
    /** `U+001B ESC` and the like: the code point and its Unicode name. */
    hidden: {
      line_break: (label: string) => `a line break (${label})`,
      control: (label: string) => `a control character (${label})`,
      format: (label: string) => `an invisible formatting character (${label})`,
    },
  },
  personnummer: {
    format: 'not a personnummer (expected 10 or 12 digits, optionally with - or + before the last four)',
    date: 'not a personnummer: the birth date does not exist or is in the future',
    serial: 'not a personnummer: the birth number 000 is never assigned',
    checksum: 'not a valid personnummer: the check digit is wrong',
    interim: 'an interim number (a letter in place of a digit), which Kivra cannot deliver to',
  } satisfies Record<PersonnummerFailure, string>,
  orgNumber: {
    format: 'not an organisationsnummer (expected 10 digits, e.g. 556677-8899)',
    checksum: 'not a valid organisationsnummer: the check digit is wrong',
    not_an_organisation: 'not an organisationsnummer: the third digit is below 2 and it is not a personnummer either',
  } satisfies Record<OrgNumberFailure, string>,
  decimal: {
    empty: 'empty',
    format: 'not a number',
    currency: 'currency signs such as "kr" are not accepted; give the number only',
    exponent: 'exponent notation is not accepted; write the number out',
    thousands_separator: 'thousands separators are not accepted',
    decimal_comma: 'use a decimal point (a decimal comma is accepted only in CSV)',
    too_many_decimals: (maxDecimals: number) => `at most ${maxDecimals} decimals are allowed`,
    out_of_range: (maxIntegerDigits: number) => `too large: at most ${maxIntegerDigits} digits before the decimal point`,
  } satisfies Record<DecimalFailure, unknown>,
  /** Several problems with one value, said at once. */
  problems: (problems: readonly string[]) => problems.join('; '),
};
