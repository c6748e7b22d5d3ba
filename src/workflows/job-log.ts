import { hostname } from 'node:os';
import { REASON_TEXT } from '../domain/channel.js';
import { csvDocument, type CsvDialect } from '../domain/csv.js';
import type { Company } from '../domain/types.js';
import { UsageError } from '../errors.js';
import type { Db } from '../store/database.js';
import { readSendLock } from '../store/send-lock.js';
import { countOutcomes, getJob, listJobItemRows, listJobs, type JobItemRow, type JobStatus, type SendJob } from '../store/send-jobs.js';
import { isProcessAlive } from './process-alive.js';

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
] as const;

export interface JobSummary extends Omit<SendJob, 'totals'> {
  /** `running` only while a live process holds the job; a dead one's job shows `interrupted`. */
  status: JobStatus;
  ok: boolean;
  totals: Record<string, number>;
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
    const lock = readSendLock(db, company.id);
    const held = lock && lock.jobId === job.id && (lock.hostname !== hostname() || isProcessAlive(lock.pid));
    if (!held) status = 'interrupted';
  }
  const { pending, sending, ...outcomes } = countOutcomes(db, job.id);
  const totals: Record<string, number> = { ...outcomes };
  if (pending + sending > 0) totals.unfinished = pending + sending;
  return { ...job, status, ok: status === 'succeeded', totals };
}

/** One payslip's outcome as `send --json` reports it: a failure always carries a code and message. */
export interface ItemOutcome {
  employeeNumber: string;
  name: string;
  personnummer: string | null;
  payRun: string;
  payoutDate: string;
  payslipStatus: string;
  channel: JobItemRow['channel'];
  reason: JobItemRow['reason'];
  warning: JobItemRow['warning'];
  outcome: JobItemRow['state'];
  kivraContentKey: string | null;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | null;
}

export function itemOutcome(i: JobItemRow): ItemOutcome {
  // A payslip that failed here (no or invalid personnummer) has no Kivra code: its reason is the code.
  const localFailure = i.state === 'failed' && i.errorCode === null;
  return {
    employeeNumber: i.employeeNumber,
    name: i.employeeName,
    personnummer: i.personnummer,
    payRun: i.payRun,
    payoutDate: i.payoutDate,
    payslipStatus: i.payslipStatus,
    channel: i.channel,
    reason: i.reason,
    warning: i.warning,
    outcome: i.state,
    kivraContentKey: i.kivraContentKey,
    attempts: i.attempts,
    errorCode: localFailure ? i.reason : i.errorCode,
    errorMessage: localFailure ? REASON_TEXT[i.reason] : i.errorMessage,
    finishedAt: i.finishedAt,
  };
}

/**
 * The job's CSV log, the columns docs/month-end.md lists, in order. A skipped or locally failed payslip
 * carries its reason in `error_code`/`error_message`, so every row says why.
 */
export function jobCsv(job: JobDetail, dialect: CsvDialect): string {
  const rows = job.items.map((i) => {
    // A skipped item with its own error code (continued in another job) says that instead.
    const localReason = (i.state === 'skipped' || i.state === 'failed') && i.errorCode === null;
    return [
      job.id,
      i.employeeNumber,
      i.employeeName,
      i.personnummer,
      i.payRun,
      i.payoutDate,
      i.payslipStatus,
      i.channel,
      i.state,
      i.kivraContentKey,
      i.attempts,
      localReason ? i.reason : i.errorCode,
      localReason ? REASON_TEXT[i.reason] : i.errorMessage,
      i.finishedAt,
    ];
  });
  return csvDocument(CSV_COLUMNS, rows, dialect);
}
