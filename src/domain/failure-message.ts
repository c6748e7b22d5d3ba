import { REASON_TEXT, type ChannelReason } from './channel.js';
import type { PersonnummerFailure } from './personnummer.js';
import type { Employee } from './types.js';

/** What is wrong with an entered personnummer, after `personnummer "…" is`. */
const INVALID_BECAUSE: Record<PersonnummerFailure, string> = {
  format: 'not a personnummer (expected 10 or 12 digits, optionally with - or + before the last four)',
  date: 'not valid: the birth date does not exist or is in the future',
  serial: 'not valid: the birth number 000 is never assigned',
  checksum: 'not valid: the check digit is wrong',
  interim: 'an interim number (a letter in place of a digit), which Kivra cannot deliver to',
};

/**
 * Why a payslip failed, in words that say what to fix in the payroll system: for an
 * invalid personnummer the value as entered and what is wrong with it. `entered` decides
 * how the entered value is shown: in full in files for the administrator, masked on screen.
 */
export function failureMessage(
  reason: ChannelReason,
  employee: Pick<Employee, 'personnummerInput' | 'personnummerReason'>,
  entered: (value: string) => string = (value) => value,
): string {
  if (reason === 'invalid_personnummer' && employee.personnummerInput !== null) {
    const why = employee.personnummerReason === null ? 'not valid' : INVALID_BECAUSE[employee.personnummerReason];
    return `personnummer "${entered(employee.personnummerInput)}" is ${why}`;
  }
  return REASON_TEXT[reason];
}

/** An entered personnummer on screen: the last four characters hidden, like a valid one. */
export function maskEntered(value: string): string {
  return value.length > 4 ? `${value.slice(0, -4)}****` : '****';
}
