import { basename } from 'node:path';
import { csvDocument, type CsvDialect } from '../domain/csv.js';
import { failureMessage } from '../i18n/reasons.js';
import type { PersonnummerFailure } from '../domain/personnummer.js';
import type { Company, PersonnummerProblem } from '../domain/types.js';
import { UsageError } from '../errors.js';
import type { Db } from '../store/database.js';
import { liveSendLock } from '../store/send-lock.js';
import { countOutcomes, getJob, listJobItemRows, listJobs, listPrintBatches, type JobItemRow, type JobStatus, type PrintBatchRecord, type SendJob } from '../store/send-jobs.js';
import { lockLiveness } from './lock-liveness.js';

export const CSV_COLUMNS = [
  'job_id',
  'employee_number',
  'employee_name',
  'personnummer',
  'pay_run',
  'payout_date',
  'payslip_status',
  'channel',
  'outcome',
  'kivra_content_key',
  'attempts',
  'error_code',
  'error_message',
  'finished_at',
  'replaces_delivered_at',
  'print_batch',
] as const;

export interface JobSummary extends Omit<SendJob, 'totals' | 'printBatchPath'> {
  /** `running` only while a live process holds the job; a dead one's job shows `interrupted`. */
  status: JobStatus;
  ok: boolean;
  totals: Record<string, number>;
  /** Every print batch file of the job (one per run that printed). */
  printBatches: PrintBatchRecord[];
}

export interface JobDetail extends JobSummary {
  items: JobItemRow[];
}

export function collectJobs(db: Db, company: Company, limit: number): JobSummary[] {
  return listJobs(db, company.id, limit).map((job) => summarise(db, company, job));
}

export function collectJob(db: Db, company: Company, id: number): JobDetail {
  const job = getJob(db, company.id, id);
  if (!job) throw new UsageError(`No send job ${id} for ${company.name}.`, { code: 'job_unknown', suggestion: 'payslips log lists the jobs.' });
  return { ...summarise(db, company, job), items: listJobItemRows(db, id) };
}

function summarise(db: Db, company: Company, job: SendJob): JobSummary {
  let status = job.status;
  if (status === 'running') {
    const lock = liveSendLock(db, company.id, lockLiveness(new Date()));
    const held = lock?.jobId === job.id;
    if (!held) status = 'interrupted';
  }
  const { pending, sending, ...outcomes } = countOutcomes(db, job.id);
  const totals: Record<string, number> = { ...outcomes };
  if (pending + sending > 0) totals.unfinished = pending + sending;
  const { printBatchPath: _latest, ...rest } = job;
  return { ...rest, status, ok: status === 'succeeded', totals, printBatches: listPrintBatches(db, job.id) };
}

/** One payslip's outcome as `send --json` reports it: a failure always carries a code and message. */
export interface ItemOutcome {
  employeeNumber: string;
  name: string;
  /** 12 digits; null when missing or invalid (then `personnummerEntered` and `personnummerProblem` say what was entered and why it is refused). */
  personnummer: string | null;
  personnummerEntered: string | null;
  personnummerProblem: { problem: PersonnummerProblem; reason: PersonnummerFailure | null } | null;
  payRun: string;
  payoutDate: string;
  payslipStatus: string;
  channel: JobItemRow['channel'];
  reason: JobItemRow['reason'];
  warning: JobItemRow['warning'];
  note: JobItemRow['note'];
  /** A correction: when the document it replaces was delivered. */
  replacesDeliveredAt: string | null;
  outcome: JobItemRow['state'];
  kivraContentKey: string | null;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | null;
  /** The batch file it was printed in. */
  printBatch: string | null;
}

/** What a row's failure or skip says: Kivra's code and message, else the local reason as code and its words. */
export function itemError(i: JobItemRow, entered?: (value: string) => string): { code: string | null; message: string | null } {
  // A skipped item with its own error code (continued in another job) says that instead.
  const localReason = (i.state === 'skipped' || i.state === 'failed') && i.errorCode === null;
  if (!localReason) return { code: i.errorCode, message: i.errorMessage };
  return { code: i.reason, message: failureMessage(i.reason, i, entered) };
}

export function itemOutcome(i: JobItemRow, batches: ReadonlyMap<number, string> = new Map()): ItemOutcome {
  const error = i.state === 'failed' ? itemError(i) : { code: i.errorCode, message: i.errorMessage };
  return {
    employeeNumber: i.employeeNumber,
    name: i.employeeName,
    personnummer: i.personnummer,
    personnummerEntered: i.personnummer === null ? i.personnummerInput : null,
    personnummerProblem: i.personnummerProblem === null ? null : { problem: i.personnummerProblem, reason: i.personnummerReason },
    payRun: i.payRun,
    payoutDate: i.payoutDate,
    payslipStatus: i.payslipStatus,
    channel: i.channel,
    reason: i.reason,
    warning: i.warning,
    note: i.note,
    replacesDeliveredAt: i.replacesDeliveredAt,
    outcome: i.state,
    kivraContentKey: i.kivraContentKey,
    attempts: i.attempts,
    errorCode: error.code,
    errorMessage: error.message,
    finishedAt: i.finishedAt,
    printBatch: i.printBatchId === null ? null : (batches.get(i.printBatchId) ?? null),
  };
}

/** Batch file names by id, for the rows that name theirs. */
export function batchNames(db: Db, jobId: number): Map<number, string> {
  return new Map(listPrintBatches(db, jobId, ['finishing', 'complete']).map((b) => [b.id, b.pdfPath]));
}

/**
 * The job's CSV log, the columns docs/month-end.md lists, in order. A skipped or locally
 * failed payslip carries its reason in `error_code`/`error_message`, so every row says why;
 * an invalid personnummer is shown as it was entered.
 */
export function jobCsv(job: JobDetail, dialect: CsvDialect): string {
  const batches = new Map(job.printBatches.map((b) => [b.id, basename(b.pdfPath)]));
  const rows = job.items.map((i) => {
    const error = itemError(i);
    return [
      job.id,
      i.employeeNumber,
      i.employeeName,
      i.personnummer ?? i.personnummerInput,
      i.payRun,
      i.payoutDate,
      i.payslipStatus,
      i.channel,
      i.state,
      i.kivraContentKey,
      i.attempts,
      error.code,
      error.message,
      i.finishedAt,
      i.replacesDeliveredAt,
      i.printBatchId === null ? null : (batches.get(i.printBatchId) ?? null),
    ];
  });
  return csvDocument(CSV_COLUMNS, rows, dialect);
}
