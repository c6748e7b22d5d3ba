import type { Context } from '../../context.js';
import { maskEntered } from '../../domain/failure-message.js';
import { itemError, type JobDetail, type JobSummary } from '../../workflows/job-log.js';
import { paint, type Painted } from '../colour.js';
import { renderTable } from '../table.js';
import { describePrintBatch } from './print-batch.js';
import { displayEmployeeKey, displayPersonnummer } from '../../domain/format.js';

const when = (iso: string | null): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

function describeJobSelection(ctx: Context, selection: Record<string, unknown>): string {
  const parts = [`${String(selection.payoutDate ?? selection.date)} ${String(selection.status)}`];
  if (Array.isArray(selection.employees)) parts.push(`employees ${selection.employees.map((key) => displayEmployeeKey(String(key), ctx.showPersonnummer, ctx.now())).join(',')}`);
  if (selection.resend) parts.push('resend');
  if (selection.changed) parts.push('changed');
  return parts.join(', ');
}

export function formatTotals(totals: Record<string, number>): string {
  return Object.entries(totals)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'nothing';
}

function mark(job: JobSummary): string | Painted {
  if (job.status === 'running') return '…';
  return job.ok ? paint('success', '✔') : paint('error', '✘');
}

export function printJobs(ctx: Context, jobs: JobSummary[]): void {
  if (jobs.length === 0) {
    ctx.terminal.info('No send jobs yet.');
    return;
  }
  const rows = jobs.map((j) => [String(j.id), when(j.startedAt), when(j.finishedAt), j.operator, describeJobSelection(ctx, j.selection), [mark(j), ` ${j.status}`], formatTotals(j.totals)]);
  ctx.terminal.result(renderTable(ctx.terminal, ['Job', 'Started (UTC)', 'Finished (UTC)', 'Operator', 'Selection', 'Status', 'Totals'], rows));
}

export function printJob(ctx: Context, job: JobDetail): void {
  ctx.terminal.info([`Job ${job.id} `, mark(job), ` ${job.status}: ${describeJobSelection(ctx, job.selection)}, by ${job.operator}, ${when(job.startedAt)} – ${when(job.finishedAt)}`]);
  const entered = ctx.showPersonnummer ? undefined : maskEntered;
  const rows = job.items.map((i) => {
    const error = i.state === 'skipped' || i.state === 'failed' || i.errorCode ? itemError(i, entered) : null;
    const correction = i.replacesDeliveredAt ? `correction of the payslip delivered ${when(i.replacesDeliveredAt)}` : null;
    const detail = error ? [error.code !== i.reason ? error.code : null, error.message].filter(Boolean).join(' ') : (i.kivraContentKey ?? '');
    return [
      i.employeeNumber,
      i.employeeName,
      displayPersonnummer(i.personnummer, ctx.showPersonnummer),
      i.payRun,
      i.channel,
      i.state,
      String(i.attempts),
      [detail, correction].filter(Boolean).join('; '),
    ];
  });
  ctx.terminal.result(renderTable(ctx.terminal, ['No.', 'Name', 'Personnummer', 'Pay run', 'Channel', 'Outcome', 'Tries', 'Detail'], rows));
  const batches = job.printBatches.map((b) => `\nPrint batch: ${describePrintBatch(b)}`).join('');
  ctx.terminal.result(`Totals: ${formatTotals(job.totals)}${batches}`);
}
