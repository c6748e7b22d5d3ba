import { deliveryState, documentFingerprint, type DeliveryState } from '../domain/delivery.js';
import type { Company, IsoDate, PayRun, PayRunStatus } from '../domain/types.js';
import type { Db } from '../store/database.js';
import { listDeliveredPayslips } from '../store/payroll.js';

/** Delivered payslips of one payout date and status that are no longer what was delivered. */
export interface DeliveryChanges {
  payoutDate: IsoDate;
  status: PayRunStatus;
  /** Changed since delivery: `send --changed` sends the corrections. */
  changed: number;
  /** The preliminary payslip was delivered, the run is final now: a plain `send` sends it. */
  finalNotSent: number;
}

/**
 * What a re-import did to delivered payslips of these pay runs, grouped by payout date and
 * status, so `sync` can say which corrections are waiting and the command that sends them.
 */
export function collectDeliveryChanges(db: Db, company: Company, payRuns: readonly PayRun[]): DeliveryChanges[] {
  const runs = new Map(payRuns.map((run) => [run.id, run]));
  const groups = new Map<string, DeliveryChanges>();
  for (const payslip of listDeliveredPayslips(db, [...runs.keys()])) {
    const payRun = runs.get(payslip.payRunId)!;
    const fingerprint = documentFingerprint({ contentHash: payslip.contentHash, payRun, company, employee: payslip.employee });
    const state: DeliveryState = deliveryState(payslip.delivery, { status: payRun.status, fingerprint, contentHash: payslip.contentHash });
    if (state.kind !== 'changed' && state.kind !== 'final_after_preliminary') continue;
    const key = `${payRun.payoutDate} ${payRun.status}`;
    const group = groups.get(key) ?? { payoutDate: payRun.payoutDate, status: payRun.status, changed: 0, finalNotSent: 0 };
    if (state.kind === 'changed') group.changed++;
    else group.finalNotSent++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.payoutDate.localeCompare(b.payoutDate) || a.status.localeCompare(b.status));
}
