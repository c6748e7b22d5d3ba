import type { ChannelReason, ChannelWarning, DeliveryNote } from '../../domain/channel.js';
import type { PersonnummerFailure } from '../../domain/personnummer.js';

/**
 * Why a payslip goes where it goes, and why one failed (docs/month-end.md, Channels and
 * Outcomes). The domain decides by code; these are the words.
 */
export const reasons = {
  channel: {
    not_flagged_for_kivra: 'not flagged for Kivra in the register',
    already_delivered: 'already delivered',
    changed_since_delivery: 'changed since delivery; send --changed sends the correction',
    missing_personnummer: 'personnummer is missing',
    invalid_personnummer: 'personnummer is invalid',
    duplicate_personnummer: 'another employee has the same personnummer',
    has_mailbox: 'has a Kivra mailbox',
    print_no_mailbox: 'no mailbox; print handling',
    retain_no_mailbox: 'no mailbox yet; Kivra retains it',
    no_mailbox: 'no mailbox, no print, no retain',
    mailbox_closed_print: 'Kivra could not deliver it (no mailbox any more); printed instead',
    mailbox_closed: 'Kivra could not deliver it (no mailbox any more), and it cannot be printed',
  } satisfies Record<ChannelReason, string>,
  warning: {
    print_address_incomplete: 'print-flagged but the address is incomplete',
  } satisfies Record<ChannelWarning, string>,
  note: {
    final_after_preliminary: 'preliminary delivered, final not sent',
    correction: 'changed since delivery: a correction',
    resend: 'delivered before; sent again',
  } satisfies Record<DeliveryNote, string>,
  /** What is wrong with an entered personnummer, after `personnummer "…" is`. */
  invalidBecause: {
    format: 'not a personnummer (expected 10 or 12 digits, optionally with - or + before the last four)',
    date: 'not valid: the birth date does not exist or is in the future',
    serial: 'not valid: the birth number 000 is never assigned',
    checksum: 'not valid: the check digit is wrong',
    interim: 'an interim number (a letter in place of a digit), which Kivra cannot deliver to',
  } satisfies Record<PersonnummerFailure, string>,
  notValid: 'not valid',
  /** `personnummer "19820305-2398" is not valid: the check digit is wrong` */
  invalidPersonnummer: (entered: string, why: string) => `personnummer "${entered}" is ${why}`,
  /** A reason and Kivra's own answer after it. */
  withKivraAnswer: (reason: string, kivra: string) => `${reason}: ${kivra}`,
  payloadTooLarge: (size: string, limit: string) => `The Kivra payload is ${size} bytes, over Kivra's limit of ${limit} bytes; it was not sent. Check the template logo and font sizes.`,
  continuedInJob: (jobId: number) => `outcome unknown here; job ${jobId} sent the identical payload again`,
};
