import { basename } from 'node:path';
import type { Context } from '../../context.js';
import { maskEntered } from '../../domain/failure-message.js';
import type { PayslipOutcome } from '../../domain/payslip-outcome.js';
import type { Company } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { localTime, onOffText } from '../../i18n/locale.js';
import type { EmployeeHistory } from '../../workflows/employee-history.js';
import { itemError, itemOutcome } from '../../workflows/job-log.js';
import { paint, type Painted } from '../colour.js';
import { renderTable } from '../table.js';
import { addressComplete, employeeJson, mailboxText, personnummerCell } from './employees.js';

/** A payslip's standing in words: the outcome words of the log, `not_sent` as "not yet sent". */
export function payslipOutcomeText(outcome: PayslipOutcome): string {
  return t().common.outcome[outcome === 'not_sent' ? 'pending' : outcome];
}

export function printEmployeeHistory(ctx: Context, history: EmployeeHistory): void {
  const words = t().employees;
  const { employee: e } = history;
  const label = words.label;
  const missing = (['street', 'postalCode', 'city'] as const).filter((part) => !e.address[part]);
  const entry: Array<[string, string | Painted]> = [
    [label.employee, `${e.employeeNumber} ${e.firstName} ${e.lastName}`],
    [label.personnummer, personnummerCell(ctx, e)],
    [label.kivra, words.kivraFlag(onOffText(e.kivra))],
    [label.print, words.printFlag(onOffText(e.print))],
    [label.mailbox, e.mailboxCheckedAt ? words.mailboxChecked(mailboxText(e.mailbox), localTime(e.mailboxCheckedAt)) : words.mailboxNeverChecked],
    [label.address, addressComplete(e) ? words.addressIsComplete : paint('warn', words.addressMissing(t().common.andList(missing.map((part) => words.addressPart[part]))))],
  ];
  if (e.employmentEnd) entry.push([label.employmentEnd, e.employmentEnd]);
  const width = Math.max(...entry.map(([name]) => name.length));
  for (const [name, value] of entry) ctx.terminal.result([`${name.padEnd(width)}  `, value]);

  if (history.payslips.length === 0) {
    ctx.terminal.info(words.noPayslips);
    return;
  }
  const entered = ctx.showPersonnummer ? undefined : maskEntered;
  const when = (iso: string | null): string => (iso ? localTime(iso) : '—');
  const rows: Array<Array<string | Painted>> = [];
  for (const payslip of history.payslips) {
    const run = [payslip.payRun, payslip.payoutDate, t().common.payRunStatus[payslip.status]];
    if (payslip.sends.length === 0) rows.push([...run, '—', '—', payslipOutcomeText('not_sent'), '—', '']);
    for (const send of payslip.sends) {
      const error = send.state === 'skipped' || send.state === 'failed' || send.errorCode ? itemError(send, entered) : null;
      const detail = [
        error ? [error.code !== send.reason ? error.code : null, error.message].filter(Boolean).join(' ') : send.kivraContentKey,
        send.printBatchFile ? words.printedIn(basename(send.printBatchFile)) : null,
        send.replacesDeliveredAt ? t().log.correctionOf(when(send.replacesDeliveredAt)) : null,
      ];
      const outcome = t().common.outcome[send.state];
      rows.push([
        ...run,
        String(send.jobId),
        t().common.channel[send.channel],
        send.state === 'failed' ? paint('error', outcome) : outcome,
        when(send.finishedAt),
        detail.filter(Boolean).join('; '),
      ]);
    }
  }
  const head = words.payslipsHead;
  ctx.terminal.result('');
  ctx.terminal.result(renderTable(ctx.terminal, [head.payRun, head.payoutDate, head.status, head.job, head.channel, head.outcome, head.when, head.detail], rows));
}

/**
 * `employees show --json`: the register entry as `employees list --json` gives it, and each
 * payslip with every send that took it, each send in the words of `send --json`'s items.
 */
export function employeeHistoryJson(company: Company, history: EmployeeHistory) {
  return {
    company: { orgNumber: company.orgNumber, name: company.name },
    employee: employeeJson(history.employee),
    payslips: history.payslips.map((p) => ({
      payRun: p.payRun,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      payoutDate: p.payoutDate,
      status: p.status,
      netPayOre: p.netPayOre,
      outcome: p.outcome,
      sends: p.sends.map((send) => {
        const item = itemOutcome(send, send.printBatchId === null || send.printBatchFile === null ? new Map() : new Map([[send.printBatchId, send.printBatchFile]]));
        return {
          jobId: send.jobId,
          channel: item.channel,
          reason: item.reason,
          note: item.note,
          replacesDeliveredAt: item.replacesDeliveredAt,
          outcome: item.outcome,
          kivraContentKey: item.kivraContentKey,
          attempts: item.attempts,
          errorCode: item.errorCode,
          errorMessage: item.errorMessage,
          finishedAt: item.finishedAt,
          printBatch: item.printBatch,
        };
      }),
    })),
  };
}
