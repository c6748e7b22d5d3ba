import type { Context } from '../../context.js';
import { REASON_TEXT } from '../../domain/channel.js';
import type { JobDetail, JobSummary } from '../../workflows/job-log.js';
import { displayEmployeeKey, displayPersonnummer } from '../format.js';
import { renderTable } from '../table.js';

const when = (iso: string | null): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

export function describeJobSelection(ctx: Context, selection: Record<string, unknown>): string {
  const parts = [`${String(selection.payoutDate ?? selection.date)} ${String(selection.status)}`];
  if (Array.isArray(selection.employees)) parts.push(`employees ${selection.employees.map((key) => displayEmployeeKey(String(key), ctx.showPersonnummer, ctx.now())).join(',')}`);
  if (selection.resend) parts.push('resend');
  return parts.join(', ');
}

export function formatTotals(totals: Record<string, number>): string {
  return Object.entries(totals)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'nothing';
}

function mark(ctx: Context, job: JobSummary): string {
  if (job.status === 'running') return '…';
  return job.ok ? ctx.terminal.palette.success('✔') : ctx.terminal.palette.error('✘');
}

export function printJobs(ctx: Context, jobs: JobSummary[]): void {
  if (jobs.length === 0) {
    ctx.terminal.info('No send jobs yet.');
    return;
  }
  const rows = jobs.map((j) => [String(j.id), when(j.startedAt), when(j.finishedAt), j.operator, describeJobSelection(ctx, j.selection), `${mark(ctx, j)} ${j.status}`, formatTotals(j.totals)]);
  ctx.terminal.result(renderTable(ctx.terminal, ['Job', 'Started (UTC)', 'Finished (UTC)', 'Operator', 'Selection', 'Status', 'Totals'], rows));
}

export function printJob(ctx: Context, job: JobDetail): void {
  ctx.terminal.info(`Job ${job.id} ${mark(ctx, job)} ${job.status}: ${describeJobSelection(ctx, job.selection)}, by ${job.operator}, ${when(job.startedAt)} – ${when(job.finishedAt)}`);
  const rows = job.items.map((i) => [
    i.employeeNumber,
    i.employeeName,
    displayPersonnummer(i.personnummer, ctx.showPersonnummer),
    i.payRun,
    i.channel,
    i.state,
    String(i.attempts),
    i.errorCode ? `${i.errorCode} ${i.errorMessage ?? ''}`.trim() : i.state === 'skipped' || i.state === 'failed' ? REASON_TEXT[i.reason] : (i.kivraContentKey ?? ''),
  ]);
  ctx.terminal.result(renderTable(ctx.terminal, ['No.', 'Name', 'Personnummer', 'Pay run', 'Channel', 'Outcome', 'Tries', 'Detail'], rows));
  ctx.terminal.result(`Totals: ${formatTotals(job.totals)}${job.printBatchPath ? `\nPrint batch: ${job.printBatchPath}` : ''}`);
}
