import { hash } from 'node:crypto';
import type { Company, Employee, PayRun, PayRunStatus } from './types.js';

/**
 * What a delivered payslip counts for. A delivery is of one document: the figures and
 * lines, the pay run (status, payout date, period), the employer and the employee as the
 * PDF showed them. Anything in that list that changes afterwards makes the delivery stale,
 * and a preliminary delivery never stands for the final payslip.
 */

/** Everything a payslip document shows that identifies or changes it. */
export interface DocumentParts {
  /** The payslip's figures and lines (`payslipContentHash`). */
  contentHash: string;
  payRun: Pick<PayRun, 'key' | 'payoutDate' | 'periodStart' | 'periodEnd' | 'status'>;
  company: Pick<Company, 'orgNumber' | 'name' | 'address' | 'email' | 'phone'>;
  employee: Pick<Employee, 'employeeNumber' | 'firstName' | 'lastName' | 'personnummer'>;
}

/**
 * A fingerprint of the document: equal for two documents that show the same thing.
 * The employee's address is left out on purpose: a move changes where a printed payslip
 * goes, not what it says, and must not turn every delivered payslip into a correction.
 */
export function documentFingerprint(parts: DocumentParts): string {
  const { contentHash, payRun, company, employee } = parts;
  const shown = [
    contentHash,
    [payRun.key, payRun.payoutDate, payRun.periodStart, payRun.periodEnd, payRun.status],
    [company.orgNumber, company.name, company.address.street, company.address.postalCode, company.address.city, company.email, company.phone],
    [employee.employeeNumber, employee.firstName, employee.lastName, employee.personnummer],
  ];
  return hash('sha256', JSON.stringify(shown), 'hex');
}

/** What is recorded of a payslip's last delivery (delivered, retained or printed). */
export interface DeliveryRecord {
  deliveredAt: string | null;
  deliveredStatus: PayRunStatus | null;
  /** Null for deliveries recorded before fingerprints were kept. */
  deliveredFingerprint: string | null;
  /** The figures' hash at delivery, all that older records know. */
  deliveredHash: string | null;
}

/**
 * - `not_delivered`: nothing of this payslip has gone out.
 * - `delivered`: the document as it is now was delivered.
 * - `changed`: a document was delivered, and the payslip has changed since: sending it
 *   again is a correction (`send --changed`).
 * - `final_after_preliminary`: the preliminary version was delivered and the pay run is
 *   final now: the final payslip has not been sent.
 */
export type DeliveryState =
  | { kind: 'not_delivered' }
  | { kind: 'delivered'; deliveredAt: string }
  | { kind: 'changed'; deliveredAt: string }
  | { kind: 'final_after_preliminary'; deliveredAt: string };

export function deliveryState(record: DeliveryRecord, now: { status: PayRunStatus; fingerprint: string; contentHash: string }): DeliveryState {
  const { deliveredAt } = record;
  if (deliveredAt === null) return { kind: 'not_delivered' };
  if (record.deliveredStatus === 'preliminary' && now.status === 'final') return { kind: 'final_after_preliminary', deliveredAt };
  const same = record.deliveredFingerprint !== null ? record.deliveredFingerprint === now.fingerprint : record.deliveredHash === now.contentHash;
  return same ? { kind: 'delivered', deliveredAt } : { kind: 'changed', deliveredAt };
}

/**
 * The data a payslip failed with, when it failed for its data (no, an invalid or a
 * shared personnummer): the same failure is not tried again until one of these changes.
 */
export function failureFingerprint(documentPrint: string, employee: Pick<Employee, 'personnummerInput' | 'personnummerProblem'>, duplicatePersonnummer: boolean): string {
  return hash('sha256', JSON.stringify([documentPrint, employee.personnummerInput, employee.personnummerProblem, duplicatePersonnummer]), 'hex');
}
