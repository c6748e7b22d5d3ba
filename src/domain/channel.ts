import { isAddressComplete } from './address.js';
import type { DeliveryState } from './delivery.js';
import type { CompanySettings, Employee } from './types.js';

/**
 * Where one selected payslip goes (docs/month-end.md, Channels). The order of the checks
 * is the contract: skip before fail before kivra before print before retain.
 */
export const CHANNELS = ['kivra', 'print', 'retain', 'skip', 'fail'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ChannelReason =
  | 'not_flagged_for_kivra'
  | 'already_delivered'
  | 'changed_since_delivery'
  | 'missing_personnummer'
  | 'invalid_personnummer'
  | 'duplicate_personnummer'
  | 'has_mailbox'
  | 'print_no_mailbox'
  | 'retain_no_mailbox'
  | 'no_mailbox'
  | 'mailbox_closed_print'
  | 'mailbox_closed';

export type ChannelWarning = 'print_address_incomplete';

/**
 * What the payslip's earlier delivery makes of this one. `final_after_preliminary`: the
 * preliminary payslip was delivered, this is the final one. `correction`: it replaces a
 * delivered document that has changed since. `resend`: it was delivered as it is and goes
 * again because of `--resend`.
 */
export type DeliveryNote = 'final_after_preliminary' | 'correction' | 'resend';

export interface ChannelDecision {
  channel: Channel;
  reason: ChannelReason;
  warning?: ChannelWarning;
  note?: DeliveryNote;
}

/** The reasons that are the payslip's data's fault: fixed in the payroll system, not by trying again. */
export const DATA_FAILURES: ReadonlySet<ChannelReason> = new Set(['missing_personnummer', 'invalid_personnummer', 'duplicate_personnummer']);

export interface ChannelInput {
  settings: Pick<CompanySettings, 'printHandling' | 'retentionDays'>;
  employee: Pick<Employee, 'kivra' | 'print' | 'personnummer' | 'personnummerProblem' | 'address'>;
  delivery: DeliveryState;
  /** Another employee of the company has the same personnummer. */
  duplicatePersonnummer: boolean;
  /** Whether the recipient has a mailbox now, as Kivra answered at send time (null: unknown). */
  hasMailbox: boolean | null;
  /** `--resend`: deliver again what was delivered. */
  resend: boolean;
  /** `--changed`: send the corrections of payslips changed since delivery. */
  changed: boolean;
}

export function chooseChannel(input: ChannelInput): ChannelDecision {
  const { employee, delivery } = input;
  if (!employee.kivra) return { channel: 'skip', reason: 'not_flagged_for_kivra' };
  let note: DeliveryNote | undefined;
  switch (delivery.kind) {
    case 'not_delivered':
      break;
    case 'final_after_preliminary':
      note = 'final_after_preliminary';
      break;
    case 'delivered':
      if (!input.resend) return { channel: 'skip', reason: 'already_delivered' };
      note = 'resend';
      break;
    case 'changed':
      if (!input.changed && !input.resend) return { channel: 'skip', reason: 'changed_since_delivery' };
      note = 'correction';
      break;
  }
  const decision = chooseRecipientChannel(input);
  return note === undefined ? decision : { ...decision, note };
}

/** From the fail checks on: where a payslip that is to go out goes. */
function chooseRecipientChannel(input: ChannelInput): ChannelDecision {
  const { settings, employee, hasMailbox } = input;
  if (employee.personnummer === null) {
    return { channel: 'fail', reason: employee.personnummerProblem === 'invalid' ? 'invalid_personnummer' : 'missing_personnummer' };
  }
  // One person's payslip must never reach another's mailbox: while two employees share a
  // personnummer, nothing goes to either until the payroll system is corrected.
  if (input.duplicatePersonnummer) return { channel: 'fail', reason: 'duplicate_personnummer' };
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

/**
 * Kivra refused a recipient at send time (no mailbox any more): the same rules without
 * the mailbox. It was already sent with retain where the company retains, so what is
 * left is print, or nothing.
 */
export function replanWithoutMailbox(input: Pick<ChannelInput, 'settings' | 'employee'>): ChannelDecision {
  const { settings, employee } = input;
  if (settings.printHandling && employee.print && isAddressComplete(employee.address)) return { channel: 'print', reason: 'mailbox_closed_print' };
  return { channel: 'fail', reason: 'mailbox_closed' };
}
