import type { Ore } from '../domain/types.js';
import type { Db } from './database.js';
import type { Outcome } from './send-jobs.js';

/**
 * The sum of net pay of a job's payslips per outcome, for the send summary to reconcile
 * against the payroll system. Payslips not yet settled (pending, sending) are left out,
 * as they are from the job's totals.
 */
export function netPayByOutcome(db: Db, jobId: number): Record<Outcome, Ore> {
  const sums: Record<Outcome, Ore> = { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0 };
  const rows = db
    .prepare(
      `SELECT i.state AS state, sum(p.net_pay_ore) AS ore FROM send_items i JOIN payslips p ON p.id = i.payslip_id
       WHERE i.job_id = ? GROUP BY i.state`,
    )
    .all(jobId) as Array<{ state: string; ore: number }>;
  for (const row of rows) if (row.state in sums) sums[row.state as Outcome] = row.ore;
  return sums;
}
