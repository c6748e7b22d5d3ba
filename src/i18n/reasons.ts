/**
 * A payslip's reason or failure in the run's language. The domain decides by code
 * (domain/channel.ts); the send log stores Kivra's code and message, or ours, as they were
 * written then (English, by earlier versions too). What is ours is said again from the
 * code; what Kivra said is quoted as it is.
 */
import type { ChannelReason, ChannelWarning, DeliveryNote } from '../domain/channel.js';
import type { PersonnummerFailure } from '../domain/personnummer.js';
import type { Employee } from '../domain/types.js';
import { catalogues, t } from './catalogue.js';

export function reasonText(reason: ChannelReason): string {
  return t().reasons.channel[reason];
}

export function warningText(warning: ChannelWarning): string {
  return t().reasons.warning[warning];
}

export function noteText(note: DeliveryNote): string {
  return t().reasons.note[note];
}

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
  const words = t().reasons;
  if (reason === 'invalid_personnummer' && employee.personnummerInput !== null) {
    const why = employee.personnummerReason === null ? words.notValid : words.invalidBecause[employee.personnummerReason];
    return words.invalidPersonnummer(entered(employee.personnummerInput), why);
  }
  return words.channel[reason];
}

/**
 * What the send log keeps of a reroute Kivra forced (no mailbox any more): the reason in
 * English, then Kivra's answer. English, like everything the log stores, so that any
 * version and either language can read it back (`storedErrorText`).
 */
export function storedRerouteMessage(reason: ChannelReason, kivraMessage: string): string {
  return catalogues().en.reasons.withKivraAnswer(catalogues().en.reasons.channel[reason], kivraMessage);
}

/** A send log row's failure or skip, as stored. */
export interface StoredError {
  /** The channel rule that planned it; with no `errorCode`, the reason is the failure. */
  reason: ChannelReason;
  errorCode: string | null;
  errorMessage: string | null;
  personnummerInput: string | null;
  personnummerReason: PersonnummerFailure | null;
}

/**
 * What a send log row's failure or skip says, in the run's language: the channel reason's
 * words when no error was stored; ours again from the code when the code is ours
 * (`payload_too_large`, `continued_in_job`, a reroute for a closed mailbox); Kivra's own
 * text (or a renderer's detail) as it was stored otherwise. Null when there is nothing to say.
 */
export function storedErrorText(row: StoredError, entered?: (value: string) => string): string | null {
  const words = t().reasons;
  if (row.errorCode === null) return failureMessage(row.reason, row, entered);
  const stored = row.errorMessage;
  if (stored === null) return null;
  switch (row.errorCode) {
    case 'payload_too_large': {
      const sizes = /(\d+) bytes, over Kivra's limit of (\d+) bytes/.exec(stored);
      return sizes ? words.payloadTooLarge(sizes[1]!, sizes[2]!) : stored;
    }
    case 'continued_in_job': {
      const job = /job (\d+) sent the identical payload again/.exec(stored);
      return job ? words.continuedInJob(Number(job[1])) : stored;
    }
    default:
      break;
  }
  if (row.reason === 'mailbox_closed' || row.reason === 'mailbox_closed_print') {
    // Kivra's code with our reason in front: say the reason again, quote Kivra's answer.
    const prefix = `${catalogues().en.reasons.channel[row.reason]}: `;
    const kivra = stored.startsWith(prefix) ? stored.slice(prefix.length) : stored;
    return words.withKivraAnswer(words.channel[row.reason], kivra);
  }
  return stored;
}
