import type { CsvColumn } from '../../workflows/job-log.js';

/** `payslips log`: the send jobs, one job's payslips, its CSV log. */
export const log = {
  notAJobId: (given: string) => `"${given}" is not a job id.`,
  csvNeedsJob: "--csv and --excel write one job's log: payslips log <job-id> --csv [file].",
  auditWithJob: '--audit lists the whole trail; leave out the job id.',
  allCompaniesWithJob: '--all-companies lists the jobs of every company; leave out the job id.',
  jobUnknown: (id: string, company: string) => `No send job ${id} for ${company}.`,
  jobUnknownFix: 'payslips log lists the jobs.',
  wroteCsv: (id: string, payslips: string, file: string) => `Wrote the log of job ${id} (${payslips}) to ${file}.`,
  noJobs: 'No send jobs yet.',
  head: {
    job: 'Job',
    company: 'Company',
    started: 'Started',
    finished: 'Finished',
    operator: 'Operator',
    selection: 'Selection',
    status: 'Status',
    totals: 'Totals',
    number: 'No.',
    name: 'Name',
    personnummer: 'Personnummer',
    payRun: 'Pay run',
    channel: 'Channel',
    outcome: 'Outcome',
    tries: 'Tries',
    detail: 'Detail',
  },
  /** What became of a send job as a whole. */
  jobStatus: { running: 'running', succeeded: 'succeeded', failed: 'failed', interrupted: 'interrupted', aborted: 'aborted' },
  /** `2025-11-25 final`: the payout date and the pay run status a job was chosen by. */
  selectionDate: (payoutDate: string, status: string) => `${payoutDate} ${status}`,
  selectionEmployees: (keys: string) => `employees ${keys}`,
  selectionResend: 'resend',
  selectionChanged: 'changed',
  /** `Job 1`: followed by the job's ✔/✘ mark. */
  job: (id: string) => `Job ${id}`,
  jobHeading: (status: string, selection: string, operator: string, started: string, finished: string) =>
    `${status}: ${selection}, by ${operator}, ${started} – ${finished}`,
  correctionOf: (deliveredAt: string) => `correction of the payslip delivered ${deliveredAt}`,
  totalsLine: (totals: string) => `Totals: ${totals}`,
  printBatchLine: (batch: string) => `Print batch: ${batch}`,
  nothing: 'nothing',
  /** Payslips of a job still waiting or in flight. */
  unfinished: 'unfinished',
  /** The stored message of a payslip another job took over (store/send-jobs.ts), by its code. */
  /** The `--excel` CSV's header row (the plain CSV keeps its column names for scripts). */
  excelHead: {
    job_id: 'Job',
    employee_number: 'Employee number',
    employee_name: 'Name',
    personnummer: 'Personnummer',
    pay_run: 'Pay run',
    payout_date: 'Payout date',
    payslip_status: 'Pay run status',
    channel: 'Channel',
    outcome: 'Outcome',
    kivra_content_key: 'Kivra content key',
    attempts: 'Attempts',
    error_code: 'Error code',
    error_message: 'Error message',
    finished_at: 'Finished',
    replaces_delivered_at: 'Replaces delivery of',
    print_batch: 'Print batch',
  } satisfies Record<CsvColumn, string>,
};
