import type { Context } from '../../context.js';
import { maskEntered } from '../../domain/failure-message.js';
import { t } from '../../i18n/catalogue.js';
import { localTime } from '../../i18n/locale.js';
import { itemError, itemOutcome, type JobDetail, type JobSummary } from '../../workflows/job-log.js';
import { paint, type Painted } from '../colour.js';
import { renderTable } from '../table.js';
import { describePrintBatch, printBatchJson } from './print-batch.js';
import { displayEmployeeKey, displayPersonnummer } from '../../domain/format.js';

const when = (iso: string | null): string => (iso ? localTime(iso) : '—');

const PAY_RUN_STATUSES = ['final', 'preliminary', 'any'] as const;

/** A job's selection as stored (send.ts `selectionKey`), in words: `2025-11-25 final, employees 1001, resend`. */
export function describeJobSelection(ctx: Context, selection: Record<string, unknown>): string {
  const words = t().log;
  const status = PAY_RUN_STATUSES.find((s) => s === selection.status);
  const parts = [words.selectionDate(String(selection.payoutDate ?? selection.date), status ? t().common.payRunStatus[status] : String(selection.status))];
  if (Array.isArray(selection.employees)) parts.push(words.selectionEmployees(selection.employees.map((key) => displayEmployeeKey(String(key), ctx.showPersonnummer, ctx.now())).join(',')));
  if (selection.resend) parts.push(words.selectionResend);
  if (selection.changed) parts.push(words.selectionChanged);
  return parts.join(', ');
}

/** `delivered 3, retained 2, failed 2`: the outcomes that happened, in the run's language. */
export function formatTotals(totals: Record<string, number>): string {
  const outcomes: Record<string, string> = { ...t().common.outcome, unfinished: t().log.unfinished };
  return Object.entries(totals)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${outcomes[k] ?? k} ${n}`)
    .join(', ') || t().log.nothing;
}

/** ✔ every payslip went as planned, ✘ something failed or the job stopped, … still running. */
export function mark(job: JobSummary): string | Painted {
  if (job.status === 'running') return '…';
  return job.ok ? paint('success', '✔') : paint('error', '✘');
}

/** The job list; with `companies`, each row names the company it sent for (`log --all-companies`). */
export function printJobs(ctx: Context, jobs: JobSummary[], options: { companies?: boolean } = {}): void {
  const words = t().log;
  if (jobs.length === 0) {
    ctx.terminal.info(words.noJobs);
    return;
  }
  const head = words.head;
  const rows = jobs.map((j) => [
    String(j.id),
    ...(options.companies ? [j.company.name] : []),
    when(j.startedAt),
    when(j.finishedAt),
    j.operator,
    describeJobSelection(ctx, j.selection),
    [mark(j), ` ${words.jobStatus[j.status]}`],
    formatTotals(j.totals),
  ]);
  const columns = [head.job, ...(options.companies ? [head.company] : []), head.started, head.finished, head.operator, head.selection, head.status, head.totals];
  ctx.terminal.result(renderTable(ctx.terminal, columns, rows));
}

export function printJob(ctx: Context, job: JobDetail): void {
  const words = t().log;
  ctx.terminal.info([
    `${words.job(String(job.id))} `,
    mark(job),
    ` ${words.jobHeading(words.jobStatus[job.status], describeJobSelection(ctx, job.selection), job.operator, when(job.startedAt), when(job.finishedAt))}`,
  ]);
  const entered = ctx.showPersonnummer ? undefined : maskEntered;
  const rows = job.items.map((i) => {
    const error = i.state === 'skipped' || i.state === 'failed' || i.errorCode ? itemError(i, entered) : null;
    const correction = i.replacesDeliveredAt ? words.correctionOf(when(i.replacesDeliveredAt)) : null;
    const detail = error ? [error.code !== i.reason ? error.code : null, error.message].filter(Boolean).join(' ') : (i.kivraContentKey ?? '');
    return [
      i.employeeNumber,
      i.employeeName,
      displayPersonnummer(i.personnummer, ctx.showPersonnummer),
      i.payRun,
      t().common.channel[i.channel],
      t().common.outcome[i.state],
      String(i.attempts),
      [detail, correction].filter(Boolean).join('; '),
    ];
  });
  const head = words.head;
  ctx.terminal.result(renderTable(ctx.terminal, [head.number, head.name, head.personnummer, head.payRun, head.channel, head.outcome, head.tries, head.detail], rows));
  const batches = job.printBatches.map((b) => `\n${words.printBatchLine(describePrintBatch(b))}`).join('');
  ctx.terminal.result(`${words.totalsLine(formatTotals(job.totals))}${batches}`);
}

/**
 * A job in `log --json`, in the words `send --json` uses (docs/json.md): `jobId`, the
 * print batches as `printBatchJson`, no row ids of the database.
 */
export function jobJson(job: JobSummary) {
  return {
    jobId: job.id,
    company: job.company,
    operator: job.operator,
    selection: job.selection,
    status: job.status,
    ok: job.ok,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    totals: job.totals,
    printBatches: job.printBatches.map(printBatchJson),
  };
}

/** One job with its payslips, each as `send --json` reports it (`itemOutcome`). */
export function jobDetailJson(job: JobDetail) {
  return { ...jobJson(job), items: job.items.map((i) => itemOutcome(i, job.batchFiles)) };
}
