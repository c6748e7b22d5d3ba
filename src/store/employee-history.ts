import type { PayRunStatus } from '../domain/types.js';
import type { Db } from './database.js';
import { JOB_ITEM_COLUMNS, JOB_ITEM_TABLES, type JobItemRow } from './send-jobs.js';

/** One payslip of an employee, with its pay run: what `employees show` lists. */
export interface EmployeePayslipRow {
  payslipId: number;
  payRun: string;
  payoutDate: string;
  periodStart: string;
  periodEnd: string;
  status: PayRunStatus;
  netPayOre: number;
}

/** The employee's payslips, newest payout first. */
export function listEmployeePayslips(db: Db, employeeId: number): EmployeePayslipRow[] {
  return db
    .prepare(
      `SELECT p.id AS payslipId, r.run_key AS payRun, r.payout_date AS payoutDate, r.period_start AS periodStart,
         r.period_end AS periodEnd, r.status, p.net_pay_ore AS netPayOre
       FROM payslips p JOIN pay_runs r ON r.id = p.pay_run_id
       WHERE p.employee_id = ?
       ORDER BY r.payout_date DESC, r.run_key DESC`,
    )
    .all(employeeId) as EmployeePayslipRow[];
}

/** A send item of one of the employee's payslips, as the job log reads it, with its job and batch file. */
export interface EmployeeSendRow extends JobItemRow {
  payslipId: number;
  jobId: number;
  printBatchFile: string | null;
}

/**
 * Every send item of the employee's payslips, oldest first. send_items has no index on the
 * payslip, so this reads the table once; an employee's history is asked for one at a time.
 */
export function listEmployeeSends(db: Db, employeeId: number): EmployeeSendRow[] {
  return db
    .prepare(
      `SELECT ${JOB_ITEM_COLUMNS}, i.job_id AS jobId, p.id AS payslipId, b.pdf_path AS printBatchFile
       FROM ${JOB_ITEM_TABLES}
       LEFT JOIN print_batches b ON b.id = i.print_batch_id AND b.state IN ('finishing', 'complete')
       WHERE p.employee_id = ?
       ORDER BY i.id`,
    )
    .all(employeeId) as EmployeeSendRow[];
}
