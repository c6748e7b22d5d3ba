import type { Context } from '../../context.js';
import { CHANNELS, REASON_TEXT, WARNING_TEXT } from '../../domain/channel.js';
import type { Selection } from '../../workflows/selection.js';
import { displayEmployeeKey, displayPersonnummer } from '../format.js';
import { renderTable } from '../table.js';

/** The same rows `--json` prints, with personnummer in full (a file for the administrator). */
export function selectionJson(selection: Selection) {
  return {
    payoutDate: selection.payoutDate,
    status: selection.options.status,
    resend: selection.options.resend,
    payRuns: selection.payRuns.map((r) => ({ id: r.key, payoutDate: r.payoutDate, status: r.status, periodStart: r.periodStart, periodEnd: r.periodEnd })),
    items: selection.items.map((i) => ({
      employeeNumber: i.employee.employeeNumber,
      name: `${i.employee.firstName} ${i.employee.lastName}`,
      personnummer: i.employee.personnummer,
      payRun: i.payRun.key,
      payoutDate: i.payRun.payoutDate,
      payslipStatus: i.payRun.status,
      channel: i.decision.channel,
      reason: i.decision.reason,
      warning: i.decision.warning ?? null,
    })),
    totals: selection.totals,
  };
}

export function describeSelection(ctx: Context, selection: Selection): string {
  const { options } = selection;
  const status = options.status === 'any' ? 'any status' : options.status;
  const employees = options.employees?.map((key) => displayEmployeeKey(key, ctx.showPersonnummer, ctx.now()));
  return `payout date ${selection.payoutDate ?? options.date} (${status})${employees ? `, employees ${employees.join(', ')}` : ''}${options.resend ? ', resend' : ''}`;
}

export function printSelection(ctx: Context, selection: Selection, mood: 'would' | 'will'): void {
  const { terminal } = ctx;
  if (selection.payoutDate === null) {
    terminal.info(`No ${selection.options.status === 'any' ? '' : `${selection.options.status} `}pay run has been imported yet.`);
    return;
  }
  if (selection.items.length === 0) {
    terminal.info(`No payslips for ${describeSelection(ctx, selection)}.`);
    return;
  }
  const rows = selection.items.map((i) => [
    i.employee.employeeNumber,
    `${i.employee.firstName} ${i.employee.lastName}`,
    displayPersonnummer(i.employee.personnummer, ctx.showPersonnummer),
    i.payRun.key,
    i.payRun.status,
    colourChannel(ctx, i.decision.channel),
    REASON_TEXT[i.decision.reason] + (i.decision.warning ? terminal.palette.warn(` (${WARNING_TEXT[i.decision.warning]})`) : ''),
  ]);
  terminal.result(renderTable(terminal, ['No.', 'Name', 'Personnummer', 'Pay run', 'Status', 'Channel', 'Reason'], rows));
  const totals = CHANNELS.filter((c) => selection.totals[c] > 0)
    .map((c) => `${c} ${selection.totals[c]}`)
    .join(', ');
  terminal.result(`${selection.items.length} payslips for ${describeSelection(ctx, selection)}; ${mood === 'would' ? 'a send would do' : 'to do'}: ${totals}.`);
}

function colourChannel(ctx: Context, channel: string): string {
  const p = ctx.terminal.palette;
  switch (channel) {
    case 'kivra':
    case 'print':
    case 'retain':
      return p.success(channel);
    case 'fail':
      return p.error(channel);
    default:
      return p.dim(channel);
  }
}
