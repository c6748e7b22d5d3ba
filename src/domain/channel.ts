import { isAddressComplete } from './address.js';
import type { CompanySettings, Employee, Payslip } from './types.js';

/**
 * Where one selected payslip goes (docs/month-end.md, Channels). The order of the checks is the
 * contract: skip before fail before kivra before print before retain.
 */
export const CHANNELS = ['kivra', 'print', 'retain', 'skip', 'fail'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ChannelReason =
  | 'not_flagged_for_kivra'
  | 'already_delivered'
  | 'missing_personnummer'
  | 'invalid_personnummer'
  | 'has_mailbox'
  | 'print_no_mailbox'
  | 'retain_no_mailbox'
  | 'no_mailbox';

export type ChannelWarning = 'changed_since_delivery' | 'print_address_incomplete';

export interface ChannelDecision {
  channel: Channel;
  reason: ChannelReason;
  warning?: ChannelWarning;
}

export const REASON_TEXT: Record<ChannelReason, string> = {
  not_flagged_for_kivra: 'not flagged for Kivra in the register',
  already_delivered: 'already delivered',
  missing_personnummer: 'personnummer is missing',
  invalid_personnummer: 'personnummer is invalid',
  has_mailbox: 'has a Kivra mailbox',
  print_no_mailbox: 'no mailbox; print handling',
  retain_no_mailbox: 'no mailbox yet; Kivra retains it',
  no_mailbox: 'no mailbox, no print, no retain',
};

export const WARNING_TEXT: Record<ChannelWarning, string> = {
  changed_since_delivery: 'changed since it was delivered; --resend sends the new version',
  print_address_incomplete: 'print-flagged but the address is incomplete',
};

export interface ChannelInput {
  settings: Pick<CompanySettings, 'printHandling' | 'retentionDays'>;
  employee: Pick<Employee, 'kivra' | 'print' | 'personnummer' | 'personnummerProblem' | 'address'>;
  payslip: Pick<Payslip, 'deliveredAt' | 'changedSinceDelivery'>;
  /** Whether the recipient has a mailbox now, as Kivra answered at send time (null: unknown). */
  hasMailbox: boolean | null;
  resend: boolean;
}

export function chooseChannel(input: ChannelInput): ChannelDecision {
  const { settings, employee, payslip, hasMailbox, resend } = input;
  if (!employee.kivra) return { channel: 'skip', reason: 'not_flagged_for_kivra' };
  if (payslip.deliveredAt !== null && !resend) {
    return payslip.changedSinceDelivery
      ? { channel: 'skip', reason: 'already_delivered', warning: 'changed_since_delivery' }
      : { channel: 'skip', reason: 'already_delivered' };
  }
  if (employee.personnummer === null) {
    return { channel: 'fail', reason: employee.personnummerProblem === 'invalid' ? 'invalid_personnummer' : 'missing_personnummer' };
  }
  if (hasMailbox === true) return { channel: 'kivra', reason: 'has_mailbox' };
  const printWanted = settings.printHandling && employee.print;
  const addressComplete = isAddressComplete(employee.address);
  if (printWanted && addressComplete) return { channel: 'print', reason: 'print_no_mailbox' };
  const warning: ChannelWarning | undefined = printWanted ? 'print_address_incomplete' : undefined;
  if (settings.retentionDays === 30 || settings.retentionDays === 390) {
    return warning ? { channel: 'retain', reason: 'retain_no_mailbox', warning } : { channel: 'retain', reason: 'retain_no_mailbox' };
  }
  return warning ? { channel: 'skip', reason: 'no_mailbox', warning } : { channel: 'skip', reason: 'no_mailbox' };
}
