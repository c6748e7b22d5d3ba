import type { PayRunStatus } from '../domain/types.js';
import type { Db } from './database.js';

/** A pay run with how many payslips it has and their net pay together. */
export interface PayRunTotalsRow {
  payRunId: number;
  payRun: string;
  payoutDate: string;
  periodStart: string;
  periodEnd: string;
  status: PayRunStatus;
  payslips: number;
  netPayOre: number;
}

/** The company's pay runs, newest payout first. */
export function listPayRunTotals(db: Db, companyId: number): PayRunTotalsRow[] {
  return db
    .prepare(
      `SELECT r.id AS payRunId, r.run_key AS payRun, r.payout_date AS payoutDate, r.period_start AS periodStart, r.period_end AS periodEnd,
         r.status, count(p.id) AS payslips, coalesce(sum(p.net_pay_ore), 0) AS netPayOre
       FROM pay_runs r LEFT JOIN payslips p ON p.pay_run_id = r.id
       WHERE r.company_id = ?
       GROUP BY r.id
       ORDER BY r.payout_date DESC, r.run_key DESC`,
    )
    .all(companyId) as PayRunTotalsRow[];
}

/**
 * The send items of the company's payslips, one payslip after the other and each one's
 * oldest first: what `payslipOutcome` folds. One pass over send_items (it has no index on
 * the payslip), read as it goes rather than held.
 */
export function iteratePayslipSends(db: Db, companyId: number): IterableIterator<{ payRunId: number; payslipId: number; state: string }> {
  return db
    .prepare(
      `SELECT p.pay_run_id AS payRunId, i.payslip_id AS payslipId, i.state
       FROM send_items i JOIN payslips p ON p.id = i.payslip_id JOIN pay_runs r ON r.id = p.pay_run_id
       WHERE r.company_id = ?
       ORDER BY i.payslip_id, i.id`,
    )
    .iterate(companyId) as IterableIterator<{ payRunId: number; payslipId: number; state: string }>;
}
